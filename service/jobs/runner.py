"""Run one job: the same path as ``POST /api/articles`` for every item, with
progress in segments and cancel between articles.

Articles are stored by the API host only, once each (the store dedupes by
text), so an item run again after a crash or a retried engine task is never
stored twice.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..capacity import Overloaded
from ..engine import EngineError, EngineSettings, Translator
from ..engine.batcher import background_work
from ..glossary import Glossary
from ..language import english_or_reason
from ..segment import Segment, segment_english
from ..store import connect
from ..store import jobs as store
from ..translate_article import NothingToTranslate, retranslate_stale, translate_article

logger = logging.getLogger(__name__)

Engine = Callable[[str], Translator]
Progress = Callable[[int], None]
# Progress reaches the store at most this often (seconds).
PROGRESS_EVERY = 0.5


class _SegmentBudget:
    """At most ``limit`` planned segments of a job in flight; an item larger
    than the whole budget runs alone. Why: counting articles kept two in
    flight, which fed the engine 4-6 segments when a job holds short wire
    briefs, while one call can take 16 per lane."""

    def __init__(self, limit: int) -> None:
        self.limit = max(1, limit)
        self.used = 0
        self._cond = threading.Condition()

    def acquire(self, segments: int) -> int:
        wanted = max(1, min(segments, self.limit))
        with self._cond:
            while self.used and self.used + wanted > self.limit:
                self._cond.wait()
            self.used += wanted
        return wanted

    def release(self, held: int) -> None:
        with self._cond:
            self.used -= held
            self._cond.notify_all()


class _ProgressCounter:
    """Segments done, counted from engine lanes and written to the store now and then."""

    def __init__(self, database: str | Path, job_id: str, start: int,
                 listener: Progress | None) -> None:
        self.database, self.job_id = database, job_id
        self.done = start
        self.listener = listener
        self._lock = threading.Lock()
        self._written = 0.0
        self._write_lock = threading.Lock()
        self._last_written = -1

    def add(self, count: int) -> None:
        with self._lock:
            self.done += count
            due = time.monotonic() - self._written > PROGRESS_EVERY
            if due:
                self._written = time.monotonic()
                done = self.done
        if self.listener is not None:
            try:
                self.listener(count)
            except Exception:  # a progress bar must never fail the job
                logger.exception("progress listener failed")
        if due:
            self.write(done)

    def write(self, done: int | None = None) -> None:
        # Writes land in order of the counts they carry: an engine lane can
        # still be writing an early count after the job's last item finished
        # (its request's other segments ended on the other lane), and that
        # late write once left a finished job at 2 of 25 segments done.
        with self._write_lock:
            done = self.done if done is None else done
            if done < self._last_written:
                return
            self._last_written = done
            db = connect(self.database)
            try:
                store.set_segments_done(db, self.job_id, done)
            finally:
                db.close()


def run_job(database: str | Path, job_id: str, *, settings: EngineSettings,
            glossary: Callable[[Any], Glossary | None], engine: Engine | None = None,
            progress: Progress | None = None, on_plan: Progress | None = None,
            parallel: int = 2, resume: bool = False,
            segments_in_flight: int | None = None) -> str:
    """Run job ``job_id`` to its end; returns its final state. ``glossary(db)``
    gives the glossary in force; up to ``parallel`` articles are in flight at
    once (their segments share engine calls), and with ``segments_in_flight``
    only as many as hold that many planned segments. Engine work of this
    process's queue runs as background work (live requests go first).
    ``on_plan(total)`` hears the job's size in segments once it is known,
    ``progress(n)`` each step (from engine threads: it must not touch the
    request's database)."""
    db = connect(database)
    try:
        if not store.claim_job(db, job_id, resume=resume):
            job = store.get_job(db, job_id, with_items=False)
            return job["state"] if job else "missing"
        job = store.get_job(db, job_id, with_items=False)
        assert job is not None
        params = job["params"]
        try:
            if job["kind"] == "retranslate":
                return _run_retranslate(db, job_id, settings, glossary(db), engine, progress,
                                        on_plan, parallel)
            budget = _SegmentBudget(segments_in_flight) if segments_in_flight else None
            return _run_articles(database, db, job_id, params, settings,
                                 glossary(db) if params.get("glossary", True) else None,
                                 engine, progress, on_plan, parallel, budget)
        except Exception as error:  # the job fails with its reason; the worker goes on
            logger.exception("job %s failed", job_id)
            store.set_job_state(db, job_id, "failed", f"{type(error).__name__}: {error}")
            return "failed"
    finally:
        db.close()


def _planned(items: list[dict[str, Any]], targets: list[str], counts: dict[int, int]
             ) -> Iterator[tuple[dict[str, Any], list[Segment] | None]]:
    """Each item with the segments cut to plan its size (None for one planned
    before), cut as the item is handed out; ``counts`` collects the sizes."""
    for item in items:
        segments = None
        if item["segments"] is None:
            segments = segment_english(item["input"].get("text") or "",
                                       title=item["input"].get("title"))
            counts[item["position"]] = sum(s.translatable for s in segments) * len(targets)
            item["segments"] = counts[item["position"]]
        yield item, segments


def _run_articles(database: str | Path, db: Any, job_id: str, params: dict[str, Any],
                  settings: EngineSettings, glossary: Glossary | None, engine: Engine | None,
                  progress: Progress | None, on_plan: Progress | None, parallel: int,
                  budget: _SegmentBudget | None) -> str:
    targets = list(params["targets"])
    items = store.job_items(db, job_id)
    done_before = store.finished_segments(db, job_id)
    counter = _ProgressCounter(database, job_id, done_before, progress)
    local = threading.local()

    def run_item(planned: tuple[dict[str, Any], list[Segment] | None]) -> None:
        item, segments = planned
        if not hasattr(local, "db"):
            local.db = connect(database)
        item_db = local.db
        if store.cancel_requested(item_db, job_id):
            return
        reported = [0]

        def item_progress(count: int) -> None:
            reported[0] += count
            counter.add(count)

        held = budget.acquire(item["segments"] or 1) if budget is not None else 0
        try:
            with background_work():
                state, article_id, created, error = _translate_item(
                    item_db, item["input"], targets, settings, glossary, engine,
                    item_progress, segments)
        finally:
            if budget is not None:
                budget.release(held)
        store.finish_item(item_db, job_id, item["position"], state, article_id=article_id,
                          created=created, error=error)
        # Whatever the engine reported (nothing, for an article stored before,
        # fewer for sentences from memory), a finished item counts its planned
        # segments once.
        counter.add(max(0, (item["segments"] or 0) - reported[0]))

    counts: dict[int, int] = {}
    with ThreadPoolExecutor(max_workers=max(1, parallel),
                            thread_name_prefix=f"job-{job_id[:8]}") as pool:
        # Each item is planned (cut into segments, once) as it is handed to the
        # pool, so the first items run while the rest are cut: cutting 1,000
        # short articles takes seconds, which the engine would spend waiting.
        finished = pool.map(run_item, _planned(items, targets, counts))
        if counts:
            store.set_plan(db, job_id, counts)
        if on_plan is not None:
            on_plan(store.get_job(db, job_id, with_items=False)["progress"]["segments_total"])
        list(finished)
    counter.write()
    if store.cancel_requested(db, job_id):
        store.skip_queued_items(db, job_id)
        store.set_job_state(db, job_id, "cancelled")
        return "cancelled"
    store.set_job_state(db, job_id, "done")
    return "done"


def _translate_item(db: Any, item: dict[str, Any], targets: list[str],
                    settings: EngineSettings, glossary: Glossary | None,
                    engine: Engine | None, progress: Progress,
                    segments: list[Segment] | None = None
                    ) -> tuple[str, int | None, bool | None, str | None]:
    text = item.get("text") or ""
    reason = english_or_reason(text) if text.strip() else "the text is empty"
    if reason:
        return "failed", None, None, reason
    while True:
        try:
            result = translate_article(db, text=text, targets=targets, settings=settings,
                                       glossary=glossary, title=item.get("title"),
                                       url=item.get("url"), progress=progress, engine=engine,
                                       segments=segments)
            return "done", result.article["id"], result.created, None
        except Overloaded as busy:  # the engine queue is full of live traffic: wait
            time.sleep(busy.retry_after)
        except (NothingToTranslate, EngineError) as error:
            return "failed", None, None, str(error)


def _run_retranslate(db: Any, job_id: str, settings: EngineSettings,
                     glossary: Glossary | None, engine: Engine | None,
                     progress: Progress | None, on_plan: Progress | None,
                     parallel: int) -> str:
    if glossary is None:
        raise ValueError("retranslate needs the glossary in force")
    from ..store.articles import stale_translations

    stale = len(stale_translations(db, glossary.version))
    store.set_plan(db, job_id, {0: stale})
    if on_plan is not None:
        on_plan(stale)

    def each(rows: Any) -> Any:
        for done, row in enumerate(rows):
            if store.cancel_requested(db, job_id):
                return
            yield row
            store.set_segments_done(db, job_id, done + 1)
            if progress is not None:
                progress(1)

    # The API host picks the stale pairs, applies the glossary and stores; the
    # engine work goes where ``engine`` runs it (Celery workers, or here).
    with background_work():
        done, changed = retranslate_stale(db, settings, glossary, progress=each, engine=engine,
                                          parallel=parallel)
    cancelled = store.cancel_requested(db, job_id)
    store.finish_item(db, job_id, 0, "skipped" if cancelled else "done",
                      error=f"{done} translations redone, {changed} pairs changed")
    store.set_job_state(db, job_id, "cancelled" if cancelled else "done")
    return "cancelled" if cancelled else "done"
