"""The API host's side of Celery jobs: a translator whose engine work runs on
Celery workers. It looks like a local Translator to the translation use case
(``package``, ``describe()``, ``batcher().translate``), so jobs take the same
path whichever backend runs the engine.

Segments go through one queue per broker and target (:class:`RemoteQueue`),
shared by every article and retranslation in flight in this process: it cuts
them into chunks of ``chunk`` segments across articles (a chunk not full yet
waits at most ``wait`` seconds for more), and each chunk is one task. Why: a
job of short articles sent as one task per article gave the workers batches
of two sentences; chunks across articles keep their engine calls full and
the queue in Redis stocked, so no worker waits for the API host. A long
article is cut into many chunks, so its work spreads over every worker and
its progress moves chunk by chunk.

Results are read by the queue's one thread from the result backend, all
outstanding tasks in one ``MGET`` (plain Redis reads: unlike the result
consumer behind ``AsyncResult.get``, nothing shared between threads).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from celery import Celery

from ..engine import EngineError

logger = logging.getLogger(__name__)

CHUNK = 16
CHUNK_WAIT_SECONDS = 0.05
# Polling costs the API host ~2.5% of a core at 20 ms; a chunk takes ~0.5 s on a worker.
POLL_SECONDS = 0.05
TIMEOUT_SECONDS = 3600.0


@dataclass(frozen=True)
class RemotePackage:
    """What a worker said about its model (the fields the use case reads)."""

    name: str
    version: str
    stand_in: bool


@dataclass(eq=False)
class _Request:
    """One caller's texts, filled in as the chunks holding them come back."""

    texts: list[str]
    progress: Callable[[int], None] | None
    results: list[str] = field(init=False)
    missing: int = 0
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.results = list(self.texts)  # blank texts come back as they are


@dataclass
class _Chunk:
    slots: list[tuple[_Request, int]]
    sent_at: float


class RemoteQueue:
    """Segments of every caller for one target, sent to the workers in chunks."""

    def __init__(self, celery: Celery, target: str, *, chunk: int = CHUNK,
                 wait: float = CHUNK_WAIT_SECONDS, timeout: float = TIMEOUT_SECONDS) -> None:
        self.celery, self.target = celery, target
        self.chunk, self.wait, self.timeout = max(1, chunk), wait, timeout
        self.described: dict[str, Any] | None = None
        self.tasks_sent = 0  # tests and the benchmark read it
        self._waiting: deque[tuple[_Request, int, float]] = deque()
        self._outstanding: dict[str, _Chunk] = {}
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._loop, name=f"remote-{target}", daemon=True)
        self._thread.start()

    # ---------------------------------------------------------------- callers

    def translate(self, texts: list[str],
                  progress: Callable[[int], None] | None = None) -> list[str]:
        """``texts`` translated by the workers (blank ones come back as they are)."""
        request = _Request(texts, progress)
        todo = [i for i, text in enumerate(texts) if text.strip()]
        if not todo:
            return request.results
        request.missing = len(todo)
        now = time.monotonic()
        with self._cond:
            self._waiting.extend((request, i, now) for i in todo)
            self._cond.notify()
        request.done.wait()
        if request.error is not None:
            raise request.error
        return request.results

    def describe(self) -> dict[str, Any]:
        """The worker's model, from the first reply (or a describe task)."""
        if self.described is None:
            from .celery_app import DESCRIBE_TASK

            task_id = self.celery.send_task(DESCRIBE_TASK, args=[self.target]).id
            deadline = time.monotonic() + self.timeout
            while True:
                meta = self.celery.backend.get_task_meta(task_id)
                if meta["status"] == "SUCCESS":
                    self.described = meta["result"]
                    break
                _check_alive(meta, deadline, self.timeout)
                time.sleep(POLL_SECONDS)
        return self.described

    # ---------------------------------------------------------------- its thread

    def _loop(self) -> None:
        # Results are read below with MGET. The Redis backend would also
        # subscribe (pub/sub) to each task sent, one round trip each, and its
        # result messages would pile up unread on that connection for as long
        # as a job runs. (This thread's backend instance: Celery keeps one a thread.)
        self.celery.backend.on_task_call = lambda *args, **kwargs: None
        polled = 0.0
        while True:
            try:
                self._send(self._take())
                # New segments wake this thread too; results are read at most
                # every POLL_SECONDS all the same.
                if self._outstanding and time.monotonic() - polled >= POLL_SECONDS:
                    polled = time.monotonic()
                    self._collect()
            except Exception as error:  # the broker went away: fail who waits, go on
                logger.exception("remote engine queue for %s failed", self.target)
                self._fail_all(EngineError(f"the Celery broker failed: {error}"))
            with self._cond:
                if not self._waiting and not self._outstanding:
                    self._cond.wait()
                else:
                    self._cond.wait(POLL_SECONDS)

    def _take(self) -> list[list[tuple[_Request, int]]]:
        """Full chunks at once; what is left once its oldest segment waited ``wait``."""
        chunks = []
        with self._cond:
            while self._waiting and (len(self._waiting) >= self.chunk or
                                     time.monotonic() - self._waiting[0][2] >= self.wait):
                take = min(self.chunk, len(self._waiting))
                chunks.append([self._waiting.popleft()[:2] for _ in range(take)])
        return chunks

    def _send(self, chunks: list[list[tuple[_Request, int]]]) -> None:
        from .celery_app import TRANSLATE_TASK

        for slots in chunks:
            texts = [request.texts[i] for request, i in slots]
            result = self.celery.send_task(TRANSLATE_TASK, args=[self.target, texts])
            self._outstanding[result.id] = _Chunk(slots, time.monotonic())
            self.tasks_sent += 1

    def _collect(self) -> None:
        backend = self.celery.backend
        ids = list(self._outstanding)
        for task_id, meta in zip(ids, _task_metas(backend, ids), strict=True):
            chunk = self._outstanding[task_id]
            status = meta["status"] if meta else "PENDING"
            if status == "SUCCESS":
                reply = meta["result"]
                self.described = self.described or reply["describe"]
                self._finish(chunk, reply["translations"])
            elif status in ("FAILURE", "REVOKED"):
                self._finish(chunk, error=EngineError(
                    f"a translation worker failed: {meta.get('result')}"))
            elif time.monotonic() - chunk.sent_at > self.timeout:
                self._finish(chunk, error=EngineError(
                    f"no translation worker answered within {self.timeout:.0f} s (are "
                    "workers running and reaching the broker?)"))
            else:
                continue
            del self._outstanding[task_id]
            backend.forget(task_id)  # the result is read: Redis need not keep it

    def _finish(self, chunk: _Chunk, translations: list[str] | None = None,
                error: BaseException | None = None) -> None:
        counts: dict[_Request, int] = {}
        for n, (request, i) in enumerate(chunk.slots):
            if translations is not None:
                request.results[i] = translations[n]
            elif request.error is None:
                request.error = error
            counts[request] = counts.get(request, 0) + 1
        for request, count in counts.items():
            request.missing -= count
            if request.progress is not None and request.error is None:
                try:
                    request.progress(count)
                except Exception:  # a progress bar must never stop the queue
                    logger.exception("progress listener failed")
            if request.missing <= 0:
                request.done.set()

    def _fail_all(self, error: BaseException) -> None:
        with self._cond:
            waiting = [slot[:2] for slot in self._waiting]
            self._waiting.clear()
        chunks = [*self._outstanding.values(), _Chunk(waiting, 0.0)]
        self._outstanding.clear()
        for chunk in chunks:
            self._finish(chunk, error=error)


def _task_metas(backend: Any, ids: list[str]) -> list[dict[str, Any] | None]:
    """The stored state of each task: one MGET on a key-value backend (Redis)."""
    try:
        values = backend.mget([backend.get_key_for_task(task_id) for task_id in ids])
    except NotImplementedError:
        return [backend.get_task_meta(task_id) for task_id in ids]
    return [backend.decode_result(value) if value is not None else None for value in values]


def _check_alive(meta: dict[str, Any], deadline: float, timeout: float) -> None:
    if meta["status"] in ("FAILURE", "REVOKED"):
        raise EngineError(f"a translation worker failed: {meta.get('result')}")
    if time.monotonic() > deadline:
        raise EngineError(f"no translation worker answered within {timeout:.0f} s "
                          "(are workers running and reaching the broker?)")


class RemoteTranslator:
    """A target's translator whose engine is the workers (through its queue)."""

    def __init__(self, queue: RemoteQueue) -> None:
        self.queue = queue
        self.target = queue.target

    def batcher(self) -> RemoteQueue:
        return self.queue

    def translate(self, texts: list[str],
                  progress: Callable[[int], None] | None = None) -> list[str]:
        return self.queue.translate(texts, progress)

    def describe(self) -> dict[str, Any]:
        return self.queue.describe()

    @property
    def package(self) -> RemotePackage:
        info = self.describe()
        return RemotePackage(info["package"], info["version"], bool(info["stand_in"]))


_lock = threading.Lock()
_apps: dict[str, Celery] = {}
_queues: dict[tuple[str, str, int, float, float], RemoteQueue] = {}


def remote_queue(config: Mapping[str, Any], target: str) -> RemoteQueue:
    """This process's queue for ``target`` on the broker at CELERY_BROKER_URL."""
    from .celery_app import make_celery

    url = str(config["CELERY_BROKER_URL"])
    key = (url, target, int(config.get("CELERY_CHUNK", CHUNK)),
           float(config.get("CELERY_CHUNK_WAIT_MS", CHUNK_WAIT_SECONDS * 1000)) / 1000,
           float(config.get("CELERY_TASK_TIMEOUT", TIMEOUT_SECONDS)))
    with _lock:
        if url not in _apps:
            _apps[url] = make_celery(url)
        if key not in _queues:
            _queues[key] = RemoteQueue(_apps[url], target, chunk=key[2], wait=key[3],
                                       timeout=key[4])
        return _queues[key]


def remote_engine(config: Mapping[str, Any]) -> Callable[[str], RemoteTranslator]:
    """Translators by target, on the Celery broker at CELERY_BROKER_URL."""
    settings = dict(config)
    return lambda target: RemoteTranslator(remote_queue(settings, target))
