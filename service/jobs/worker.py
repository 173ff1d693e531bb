"""The embedded job worker: one background thread in the service process runs
queued jobs one after another (nothing to install). It also looks for queued
jobs every few seconds, so a job queued by the CLI or by another process is
picked up, and on start it resumes jobs a stopped process left running."""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from typing import Any

from flask import Flask

from ..config import engine_settings
from ..engine.settings import resolved_inter_threads
from ..glossary.in_force import glossary_in_force
from ..store import connect
from ..store import jobs as store
from .runner import run_job

logger = logging.getLogger(__name__)

POLL_SECONDS = 5.0
_EXTENSION = "wirealign.job_worker"


class JobWorker:
    """Runs this app's jobs in a daemon thread."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.backend = str(app.config.get("JOBS_BACKEND", "inprocess"))
        self._wake: queue.Queue[str | None] = queue.Queue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="job-worker", daemon=True)
        self._resume = True

    def start(self) -> JobWorker:
        self._thread.start()
        return self

    def submit(self, job_id: str) -> None:
        self._wake.put(job_id)

    def stop(self) -> None:
        self._stop.set()
        self._wake.put(None)
        self._thread.join(timeout=30)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self._run_waiting()
            except Exception:  # one bad job or a locked database must not end the worker
                logger.exception("the job worker failed; retrying")
            with contextlib.suppress(queue.Empty):
                self._wake.get(timeout=POLL_SECONDS)

    def _run_waiting(self) -> None:
        db = connect(self.app.config["DATABASE"])
        try:
            waiting = store.unfinished_job_ids(db, self.backend)
        finally:
            db.close()
        resume, self._resume = self._resume, False
        for job_id in waiting:
            if self._stop.is_set():
                return
            self.run(job_id, resume=resume)

    def run(self, job_id: str, *, resume: bool = False, progress: Any = None,
            on_plan: Any = None) -> str:
        with self.app.app_context():
            return run_job(self.app.config["DATABASE"], job_id, settings=engine_settings(),
                           glossary=glossary_in_force, engine=engine_for(self.app),
                           progress=progress, on_plan=on_plan, resume=resume,
                           parallel=parallel_items(self.app),
                           segments_in_flight=segments_in_flight(self.app))


def parallel_items(app: Flask) -> int:
    """Items of a job in flight at once: a few through this process's engine
    queue; with Celery, enough that the workers' queue never runs dry."""
    if app.config.get("JOBS_BACKEND", "inprocess") == "celery":
        return int(app.config.get("CELERY_PARALLEL_ARTICLES", 64))
    return int(app.config.get("JOB_PARALLEL_ARTICLES", 2))


def segments_in_flight(app: Flask) -> int | None:
    """This process's queue: four full calls' worth of a job's planned segments
    per lane, so a lane never waits while the next article is cut and its
    terms protected (on Celery the workers' queues are fed by article count)."""
    if app.config.get("JOBS_BACKEND", "inprocess") == "celery":
        return None
    settings = engine_settings()
    return 4 * settings.max_batch_size * resolved_inter_threads(settings)


def engine_for(app: Flask) -> Any:
    """None (this process's models) or, with JOBS_BACKEND=celery, translators
    whose engine work runs on Celery workers."""
    if app.config.get("JOBS_BACKEND", "inprocess") != "celery":
        return None
    from .remote import remote_engine

    return remote_engine(app.config)


_start_lock = threading.Lock()


def job_worker(app: Flask) -> JobWorker:
    """This app's worker, started on first use."""
    with _start_lock:
        worker = app.extensions.get(_EXTENSION)
        if worker is None:
            worker = app.extensions[_EXTENSION] = JobWorker(app).start()
        return worker
