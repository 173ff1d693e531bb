"""The translation use case, the one place that knows an article's whole path:

    text -> segments -> (memory) -> protect terms -> translate (one batch per
    target) -> restore and verify terms -> quality flags -> pairs -> store

and the same path again for pairs made with an older glossary
(:func:`retranslate_stale`). Web and CLI callers validate input, call these,
and shape the reply; nothing else calls the engine for articles.
"""

from __future__ import annotations

import contextvars
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from functools import partial
from typing import Any

import sqlite_utils

from . import events, quality
from .engine import EngineSettings, Translator, find_package, get_translator
from .engine.batcher import Progress
from .glossary import Glossary, GlossaryOutcome, translate_with_glossary
from .segment import Segment, segment_english
from .store import memory, write_transaction
from .store import pairs as pairs_store
from .store.articles import (
    PairRecord,
    TranslationRecord,
    find_article_id,
    get_article,
    save_article,
    set_glossary_version,
    stale_translations,
)


class NothingToTranslate(ValueError):
    """The text holds no segment of the article's own words (only bylines,
    footers, site debris)."""


@dataclass
class ArticleResult:
    article: dict[str, Any]
    created: bool


def translate_segments(segments: list[Segment], target: str, translator: Translator,
                       glossary: Glossary | None,
                       db: sqlite_utils.Database | None = None,
                       progress: Progress | None = None) -> TranslationRecord:
    """Translate the translatable segments of one article into ``target``,
    through the model's engine queue (``progress`` hears of each engine call)."""
    started = time.perf_counter()
    todo = [segment for segment in segments if segment.translatable]
    remembered = memory.lookup(db, target, [s.text for s in todo]) if db is not None else {}
    to_engine = [s for s in todo if memory.memory_key(s.text) not in remembered]

    engine_started = time.perf_counter()
    calls = 0

    def translate(texts: list[str]) -> list[str]:
        # Progress counts each segment once: the glossary's recovery pass
        # re-sends segments the first pass already counted (a job's progress
        # once read 27 of 25 segments done).
        nonlocal calls
        calls += 1
        return translator.batcher().translate(texts, progress=progress if calls == 1 else None)

    outcomes = translate_with_glossary([s.text for s in to_engine], target, translate,
                                       glossary, kinds=[s.kind for s in to_engine])
    engine_seconds = time.perf_counter() - engine_started
    by_position = dict(zip((s.position for s in to_engine), outcomes, strict=True))
    events.segments_translated.send(target=target, origin="engine", count=len(to_engine))
    events.segments_translated.send(target=target, origin="memory",
                                    count=len(todo) - len(to_engine))
    events.glossary_outcomes.send(target=target, outcomes=outcomes)

    stand_in = translator.package.stand_in
    pairs = []
    for segment in segments:
        if not segment.translatable:
            pairs.append(PairRecord(segment.position, segment.kind, segment.text, None,
                                    status="source_only", origin="source"))
            continue
        outcome = by_position.get(segment.position)
        if outcome is None:  # from memory: a person approved this exact sentence before
            hit = remembered[memory.memory_key(segment.text)]
            pairs.append(PairRecord(segment.position, segment.kind, segment.text,
                                    hit["target"], status="machine", origin="memory",
                                    flags=[f"memory:{hit['pair_id']}"]))
            continue
        flags, status, terms = judge(segment.text, outcome, target, stand_in)
        pairs.append(PairRecord(
            segment.position, segment.kind, segment.text, outcome.target,
            status=status, origin="machine", flags=flags, terms=terms))

    info = translator.describe()
    return TranslationRecord(
        lang=target,
        origin="machine",
        engine=translator.package.name,
        engine_version=translator.package.version,
        stand_in=stand_in,
        pairs=pairs,
        settings=info.get("settings", {}),
        timings={"engine_seconds": round(engine_seconds, 4),
                 "total_seconds": round(time.perf_counter() - started, 4),
                 "segments_to_engine": len(to_engine),
                 "segments_from_memory": len(todo) - len(to_engine)},
        glossary_version=glossary.version if glossary is not None else None,
    )


def judge(source: str, outcome: GlossaryOutcome, target: str, stand_in: bool
          ) -> tuple[list[str], str, list[dict[str, Any]]]:
    """A machine pair's flags, state and term records: one rule for new
    translations and re-translations alike."""
    flags = quality.pair_flags(source, outcome.target, target, stand_in=stand_in)
    flags += outcome.flags
    return flags, quality.status_for(flags), [asdict(term) for term in outcome.terms]


def check_models(settings: EngineSettings, targets: list[str]) -> None:
    """Raise ModelNotInstalled before any work when a target has no model."""
    for target in targets:
        find_package(settings.packages_dir, target)


def translate_article(db: sqlite_utils.Database, *, text: str, targets: list[str],
                      settings: EngineSettings, glossary: Glossary | None,
                      title: str | None = None, url: str | None = None,
                      progress: Progress | None = None,
                      engine: Callable[[str], Translator] | None = None,
                      segments: list[Segment] | None = None) -> ArticleResult:
    """Segment, translate into every target and store the article in one
    transaction. A text stored before is returned as it is, with translations
    added for any target it lacks (checked before any engine work).

    ``engine`` gives the translator of a target (default: this process's
    models; jobs on Celery pass translators that run on worker machines).
    ``segments``: the text's segments when the caller cut them already (a
    job plans its size with them), so the text is not cut twice."""
    existing_id = find_article_id(db, text)
    if existing_id is not None:
        stored = get_article(db, existing_id)
        have = {t["target"] for t in stored["translations"] if t["origin"] == "machine"}
        targets = [t for t in targets if t not in have]
        if not targets:
            return ArticleResult(stored, created=False)
    if engine is None:
        check_models(settings, targets)
        engine = partial(get_translator, settings)

    if segments is None:
        segments = segment_english(text, title=title)
    if not any(segment.translatable for segment in segments):
        raise NothingToTranslate("the text has nothing to translate: only bylines, footers "
                                 "or site debris (share buttons, section labels, notes)")
    translations = [translate_segments(segments, target, engine(target),
                                       glossary, db, progress)
                    for target in targets]
    saved = save_article(
        db, text=text, title=title or _title_of(segments), url=url,
        segments=[asdict(segment) for segment in segments], translations=translations)
    return ArticleResult(get_article(db, saved.article_id),
                         created=saved.created and existing_id is None)


def _title_of(segments: list[Segment]) -> str | None:
    return next((s.text for s in segments if s.kind == "title"), None)


def retranslate(db: sqlite_utils.Database, translation_id: int, lang: str,
                settings: EngineSettings, glossary: Glossary, who: str = "retranslate",
                engine: Callable[[str], Translator] | None = None) -> int:
    """Re-run one translation's unreviewed machine pairs with ``glossary``, in
    one transaction; pairs a person touched meanwhile are left alone. Returns
    how many pairs changed. ``engine`` as for :func:`translate_article`."""
    pairs = pairs_store.untouched_machine_pairs(db, translation_id)
    translator = (engine or partial(get_translator, settings))(lang)
    outcomes = _retranslated(pairs, lang, translator, glossary)
    return _store_retranslation(db, translation_id, lang, pairs, outcomes, translator,
                                glossary, who)


def _retranslated(pairs: list[dict[str, Any]], lang: str, translator: Translator,
                  glossary: Glossary) -> list[GlossaryOutcome]:
    """The engine's part of a re-translation (touches no database)."""
    return translate_with_glossary([p["source"] for p in pairs], lang,
                                   translator.batcher().translate, glossary,
                                   kinds=[p["kind"] for p in pairs])


def _store_retranslation(db: sqlite_utils.Database, translation_id: int, lang: str,
                         pairs: list[dict[str, Any]], outcomes: list[GlossaryOutcome],
                         translator: Translator, glossary: Glossary, who: str) -> int:
    changed = 0
    with write_transaction(db):
        for pair, outcome in zip(pairs, outcomes, strict=True):
            flags, status, terms = judge(pair["source"], outcome, lang,
                                         translator.package.stand_in)
            changed += pairs_store.replace_machine_target(
                db, pair, target=outcome.target, flags=flags, terms=terms, status=status,
                glossary_version=glossary.version, who=who,
                note=f"retranslated with glossary {glossary.version}")
        set_glossary_version(db, translation_id, glossary.version)
    return changed


def retranslate_stale(db: sqlite_utils.Database, settings: EngineSettings, glossary: Glossary,
                      progress: Callable[[Iterable[Any]], Iterable[Any]] = iter,
                      engine: Callable[[str], Translator] | None = None,
                      parallel: int = 1) -> tuple[int, int]:
    """Bring every machine translation made with an older glossary up to date.
    Returns (translations redone, pairs changed).

    With ``parallel`` > 1 the engine work of that many translations is in
    flight at once (on Celery workers it spreads over them); the pairs are
    still read and written here, on ``db``, one translation at a time."""
    todo = stale_translations(db, glossary.version)
    if parallel <= 1:
        changed = sum(retranslate(db, row["id"], row["lang"], settings, glossary,
                                  engine=engine) for row in progress(todo))
        return len(todo), changed
    translator_for = engine or partial(get_translator, settings)
    changed = 0
    in_flight: deque[tuple[Any, list[dict[str, Any]], Translator, Future[Any]]] = deque()

    def store_oldest() -> int:
        row, pairs, translator, outcomes = in_flight.popleft()
        return _store_retranslation(db, row["id"], row["lang"], pairs, outcomes.result(),
                                    translator, glossary, "retranslate")

    with ThreadPoolExecutor(max_workers=parallel, thread_name_prefix="retranslate") as pool:
        try:
            for row in progress(todo):
                pairs = pairs_store.untouched_machine_pairs(db, row["id"])
                translator = translator_for(row["lang"])
                # The caller's context goes along (a job's engine work stays
                # background work in the pool's threads).
                in_flight.append((row, pairs, translator, pool.submit(
                    contextvars.copy_context().run, _retranslated, pairs, row["lang"],
                    translator, glossary)))
                if len(in_flight) >= parallel:
                    changed += store_oldest()
            while in_flight:  # what is in flight is stored, also after a cancel
                changed += store_oldest()
        finally:
            for *_, outcomes in in_flight:
                outcomes.cancel()
    return len(todo), changed
