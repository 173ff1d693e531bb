"""The engine queue: dynamic batching across requests, one queue per model.

Requests put their segments (already SentencePiece-encoded) on the queue of
their target language's translator. One lane per CTranslate2 replica
(``inter_threads``) takes what has arrived, waiting at most ``batch_wait_ms``
for more, up to ``batch_tokens`` tokens and ``max_batch_size`` segments, and
makes ONE ``translate_batch`` call; each request gets its own results back.

Segments are taken round-robin across the waiting requests, one from each in
turn, so a short request that arrives while a 1,000-segment article is being
translated rides in the very next call instead of waiting behind the whole
article. Why: each request as its own engine call ran 32 concurrent
single-sentence clients at 0.30x what one offline batch of the same
sentences reaches (issue 11).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import events
from ..capacity import Overloaded

if TYPE_CHECKING:
    from .translator import Translator

logger = logging.getLogger(__name__)

Progress = Callable[[int], None]  # called with how many segments just finished


@dataclass(eq=False)
class _Request:
    tokens: list[list[str]]
    progress: Progress | None
    arrived: float = field(default_factory=time.monotonic)
    results: list[list[str] | None] = field(default_factory=list)
    taken: int = 0  # segments handed to an engine call
    finished: int = 0
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.results = [None] * len(self.tokens)

    @property
    def untaken(self) -> int:
        return len(self.tokens) - self.taken


class Batcher:
    """The queue of one translator and the lanes that empty it."""

    def __init__(self, translator: Translator, *, lanes: int | None = None) -> None:
        settings = translator.settings
        self.translator = translator
        self.lanes = lanes or translator.inter_threads
        self.max_examples = settings.max_batch_size
        self.max_tokens = settings.batch_tokens
        self.wait_seconds = settings.batch_wait_ms / 1000
        self.queue_limit = settings.queue_limit
        self.calls = 0  # engine calls made (tests and benchmarks read it)
        self._waiting: deque[_Request] = deque()  # requests with untaken segments
        self._untaken = 0
        self._busy_lanes = 0
        self._closed = False
        self._cond = threading.Condition()
        self._threads = [threading.Thread(target=self._lane, name=f"engine-lane-{i}",
                                          daemon=True) for i in range(self.lanes)]
        for thread in self._threads:
            thread.start()

    # ---------------------------------------------------------------- callers

    def translate(self, texts: list[str], progress: Progress | None = None) -> list[str]:
        """Like Translator.translate, through the queue: output i belongs to input i."""
        todo = [i for i, text in enumerate(texts) if text.strip()]
        out = list(texts)
        if not todo:
            return out
        tokens = self.translator.encode([texts[i] for i in todo])
        for i, pieces in zip(todo, self.translate_tokens(tokens, progress), strict=True):
            out[i] = self.translator.decode(pieces)
        return out

    def translate_tokens(self, tokens: list[list[str]], progress: Progress | None = None
                         ) -> list[list[str]]:
        """Queue ``tokens`` and wait for their hypotheses; Overloaded when the queue is full."""
        request = _Request(tokens, progress)
        with self._cond:
            if self._closed:
                raise Overloaded("the engine queue is shutting down")
            # An empty queue takes any request, however large (else it never could run).
            if self._untaken and self._untaken + len(tokens) > self.queue_limit:
                raise Overloaded(
                    f"the engine queue is full ({self._untaken} segments waiting, limit "
                    f"{self.queue_limit}); try again shortly, or submit big work as a job",
                    retry_after=max(1, min(60, self._untaken // 50)))
            self._waiting.append(request)
            self._untaken += len(tokens)
            self._cond.notify_all()
        request.done.wait()
        if request.error is not None:
            raise request.error
        return request.results  # type: ignore[return-value]

    def waiting_segments(self) -> int:
        with self._cond:
            return self._untaken

    def close(self) -> None:
        """Stop the lanes once the current calls end; waiting requests fail."""
        with self._cond:
            self._closed = True
            for request in self._waiting:
                request.error = Overloaded("the engine queue was shut down")
                request.done.set()
            self._waiting.clear()
            self._untaken = 0
            self._cond.notify_all()

    # ---------------------------------------------------------------- lanes

    def _lane(self) -> None:
        while True:
            with self._cond:
                while not self._closed and not self._waiting:
                    self._cond.wait()
                if self._closed:
                    return
                self._gather()
                batch = self._take()
                self._busy_lanes += 1
            try:
                self._run(batch)
            finally:
                with self._cond:
                    self._busy_lanes -= 1

    def _gather(self) -> None:
        """Wait a few ms after the oldest request arrived, so that requests
        arriving together share one call; never past a full batch."""
        while self._waiting and self._untaken < self.max_examples and not self._closed:
            left = self._waiting[0].arrived + self.wait_seconds - time.monotonic()
            if left <= 0:
                return
            self._cond.wait(left)

    def _take(self) -> list[tuple[_Request, int]]:
        """Segments for one call: one from each waiting request in turn, within
        the token and example budgets, and a fair share for this lane when
        other lanes are free to take the rest."""
        share = -(-self._untaken // max(1, self.lanes - self._busy_lanes))
        limit = max(1, min(self.max_examples, share))
        batch: list[tuple[_Request, int]] = []
        tokens = 0
        while self._waiting and len(batch) < limit:
            request = self._waiting[0]
            cost = len(request.tokens[request.taken]) + 1
            if batch and tokens + cost > self.max_tokens:
                break
            batch.append((request, request.taken))
            tokens += cost
            request.taken += 1
            self._untaken -= 1
            self._waiting.popleft()
            if request.untaken:
                self._waiting.append(request)  # round-robin: back of the line
        return batch

    def _run(self, batch: list[tuple[_Request, int]]) -> None:
        self._report_waits(batch)
        try:
            hypotheses = self.translator.translate_tokens(
                [request.tokens[index] for request, index in batch], max_batch_size=len(batch))
        except BaseException as error:  # the callers get the engine's error
            self._fail({request for request, _ in batch}, error)
            return
        counts: dict[_Request, int] = {}
        with self._cond:
            self.calls += 1
            for (request, index), pieces in zip(batch, hypotheses, strict=True):
                request.results[index] = pieces
                request.finished += 1
                counts[request] = counts.get(request, 0) + 1
        for request, count in counts.items():
            if request.progress is not None:
                try:
                    request.progress(count)
                except Exception:  # a progress bar must never stop a lane
                    logger.exception("progress callback failed")
            if request.finished == len(request.tokens):
                request.done.set()

    def _report_waits(self, batch: list[tuple[_Request, int]]) -> None:
        """How long each request waited before its first segment reached the engine
        (the metrics count it); a failing listener never stops a lane."""
        now = time.monotonic()
        target = getattr(getattr(self.translator, "package", None), "to_code", "")
        for request, index in batch:
            if index == 0:
                try:
                    events.engine_queue_wait.send(self, target=target,
                                                  seconds=now - request.arrived)
                except Exception:
                    logger.exception("engine queue wait was not reported")

    def _fail(self, requests: set[_Request], error: BaseException) -> None:
        with self._cond:
            for request in requests:
                if request in self._waiting:
                    self._waiting.remove(request)
                    self._untaken -= request.untaken
                request.error = error
                request.done.set()
