"""The engine queue: dynamic batching across requests, one queue per model.

Requests put their segments (already SentencePiece-encoded) on the queue of
their target language's translator. One lane per CTranslate2 replica
(``inter_threads``) takes what has arrived, waiting at most ``batch_wait_ms``
for more, up to ``batch_tokens`` tokens and ``max_batch_size`` segments, and
makes ONE ``translate_batch`` call; each request gets its own results back.

Segments are taken round-robin across the waiting requests, one from each in
turn, so a short request that arrives while a 1,000-segment article is being
translated rides in the very next call instead of waiting behind the whole
article. While short requests (ones that fit in one call) wait, a long
article only tops their call up by ``long_fill`` segments, each no longer
than the short request's, and takes calls of ``long_call_beside_short``
segments while another lane serves short requests (see _fill and _take).
Why: each request as its own engine call ran 32 concurrent single-sentence
clients at 0.30x what one offline batch of the same sentences reaches
(issue 11); and when the article filled every call, 16 single-sentence
clients beside a size-limit article waited 3.75x as long as alone.

Work queued inside :func:`background_work` (a job's articles) fills what live
requests leave of each call, and keeps a quarter of it, so a job can keep many
articles in flight without slowing live traffic much, and still moves when
live traffic would fill every call.
"""

from __future__ import annotations

import logging
import threading
import time
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import events
from ..capacity import Overloaded

if TYPE_CHECKING:
    from .translator import Translator

logger = logging.getLogger(__name__)

Progress = Callable[[int], None]  # called with how many segments just finished

_BACKGROUND: ContextVar[bool] = ContextVar("wirealign_background_work", default=False)
# Of each engine call, the share kept for background work while some waits.
BACKGROUND_SHARE = 4  # a quarter


@contextmanager
def background_work() -> Iterator[None]:
    """Engine work queued in this block yields to live requests (jobs use it)."""
    token = _BACKGROUND.set(True)
    try:
        yield
    finally:
        _BACKGROUND.reset(token)


@dataclass(eq=False)
class _Request:
    tokens: list[list[str]]
    progress: Progress | None
    background: bool = False
    arrived: float = field(default_factory=time.monotonic)
    results: list[list[str] | None] = field(default_factory=list)
    # Indices not yet handed to an engine call, longest first (see _fill).
    remaining: list[int] = field(default_factory=list)
    first_taken: int | None = None  # index of the segment that ended its wait
    reported: int = 0  # segments told to ``progress`` (under ``report_lock``)
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)
    report_lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.results = [None] * len(self.tokens)
        self.remaining = sorted(range(len(self.tokens)), key=lambda i: -len(self.tokens[i]))

    @property
    def untaken(self) -> int:
        return len(self.remaining)


class Batcher:
    """The queue of one translator and the lanes that empty it."""

    def __init__(self, translator: Translator, *, lanes: int | None = None) -> None:
        settings = translator.settings
        self.translator = translator
        self.lanes = lanes or translator.inter_threads
        self.max_examples = settings.max_batch_size
        self.engine_batch = settings.engine_batch
        self.max_tokens = settings.batch_tokens
        self.wait_seconds = settings.batch_wait_ms / 1000
        self.fill_seconds = settings.fill_wait_ms / 1000
        self.long_fill = settings.long_fill
        self.long_call_beside_short = settings.long_call_beside_short
        self.queue_limit = settings.queue_limit
        self.calls = 0  # engine calls made (tests and benchmarks read it)
        # Requests with untaken segments: live ones, and background work (jobs).
        self._waiting: deque[_Request] = deque()
        self._background: deque[_Request] = deque()
        self._untaken = 0
        self._busy_lanes = 0
        self._short_calls = 0  # calls running that hold a live request smaller than a call
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
        request = _Request(tokens, progress, background=_BACKGROUND.get())
        with self._cond:
            if self._closed:
                raise Overloaded("the engine queue is shutting down")
            # An empty queue takes any request, however large (else it never could run).
            if self._untaken and self._untaken + len(tokens) > self.queue_limit:
                raise Overloaded(
                    f"the engine queue is full ({self._untaken} segments waiting, limit "
                    f"{self.queue_limit}); try again shortly, or submit big work as a job",
                    retry_after=max(1, min(60, self._untaken // 50)))
            (self._background if request.background else self._waiting).append(request)
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
            for request in (*self._waiting, *self._background):
                request.error = Overloaded("the engine queue was shut down")
                request.done.set()
            self._waiting.clear()
            self._background.clear()
            self._untaken = 0
            self._cond.notify_all()

    # ---------------------------------------------------------------- lanes

    def _lane(self) -> None:
        while True:
            with self._cond:
                while True:
                    while not self._closed and not self._untaken:
                        self._cond.wait()
                    if self._closed:
                        return
                    self._gather()
                    if self._untaken:  # another lane may have taken all while this one waited
                        break
                batch = self._take()
                short = any(not request.background and len(request.tokens) <= self.max_examples
                            for request, _ in batch)
                self._busy_lanes += 1
                self._short_calls += short
            try:
                self._run(batch)
            finally:
                with self._cond:
                    self._busy_lanes -= 1
                    self._short_calls -= short
                    self._cond.notify_all()  # a lane in its fill wait stops waiting (_gather)

    def _gather(self) -> None:
        """Wait a few ms after the oldest request arrived, so that requests
        arriving together share one call; never past a full batch.

        While another lane is busy, wait up to ``fill_seconds`` for half a
        call: clients that wait for each answer before sending the next (8
        clients posting short articles) otherwise fall into calls of 2-4
        segments, each costing more per segment than a call of 8. An idle
        engine starts at once, so a lone request never pays this wait, and
        neither does the rest of a request another lane has started (a short
        article split between the lanes: its second share must not wait)."""
        started = time.monotonic()
        while self._untaken and self._untaken < self.max_examples and not self._closed:
            waiting = [queue for queue in (self._waiting, self._background) if queue]
            oldest = min(queue[0].arrived for queue in waiting)
            deadline = oldest + self.wait_seconds
            if (self._busy_lanes and self._untaken < self.max_examples // 2
                    and not any(r.first_taken is not None for q in waiting for r in q)):
                deadline = max(deadline, started + self.fill_seconds)
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self._cond.wait(left)

    def _take(self) -> list[tuple[_Request, int]]:
        """Segments for one call: one from each waiting request in turn, within
        the token and example budgets, and a fair share for this lane when
        other lanes are free to take the rest. Live requests first, but a
        quarter of the call is kept for background work while some waits."""
        share = -(-self._untaken // max(1, self.lanes - self._busy_lanes))
        limit = max(1, min(self.max_examples, share))
        short = sum(request.untaken for request in self._waiting if request.untaken <= limit)
        if short and short < limit:
            # Short requests wait beside a long one: the long one only tops
            # their call up, so the call (it lasts as long as its size) ends
            # soon and the short requests' next ones get a lane.
            limit = min(limit, short + self.long_fill)
        elif self._short_calls and self._waiting and not short:
            # Only long articles wait while another lane serves short requests:
            # a smaller call frees this lane sooner for the next ones.
            limit = min(limit, self.long_call_beside_short)
        batch: list[tuple[_Request, int]] = []
        tokens = [0, 0]  # tokens in the call, and its longest segment
        kept = limit // BACKGROUND_SHARE if self._background else 0
        if (self._fill(self._waiting, batch, limit - kept, tokens)
                and self._fill(self._background, batch, limit, tokens)):
            self._fill(self._waiting, batch, limit, tokens)
        return batch

    def _fill(self, queue: deque[_Request], batch: list[tuple[_Request, int]], limit: int,
              tokens: list[int]) -> bool:
        """Take from ``queue`` round-robin until ``batch`` holds ``limit``;
        False when the token budget is spent.

        Each request gives its longest remaining segment in turn. Why longest
        first: a call costs what its longest segment costs, for every segment
        in it, and one offline call sorts by length before cutting batches
        (CTranslate2 does). Taken in arrival order, 8 clients posting
        3-sentence articles ran at 0.76x that; longest first, 0.90x (the k-th
        longest of each request share a call). Choosing each call among all
        waiting segments by length did worse (0.84x): it leaves every article
        waiting on its short leftovers. Argos-size stand-in, beam 4, 2 cores.

        A request too big to finish in this call (a long article) goes after
        the ones that can (all their segments first), and gives only segments
        no longer than the call's longest so far (at least one a turn, the
        shortest, when none fits): a single sentence that shares a call with
        an article's longest sentences waits as long as they take. Its long
        segments go in calls that start with it, which a second lane takes
        while the first serves the short requests.
        """
        small = deque(request for request in queue if request.untaken <= limit)
        big = deque(request for request in queue if request.untaken > limit)
        within_budget = (self._round_robin(small, batch, limit, tokens)
                         and self._round_robin(big, batch, limit, tokens))
        queue.clear()
        queue.extend(small + big)  # each group keeps its turn order
        return within_budget

    def _round_robin(self, queue: deque[_Request], batch: list[tuple[_Request, int]],
                     limit: int, tokens: list[int]) -> bool:
        while queue and len(batch) < limit:
            request = queue[0]
            position = self._next_position(request, limit, tokens[1] if batch else None)
            index = request.remaining[position]
            cost = len(request.tokens[index]) + 1
            if batch and tokens[0] + cost > self.max_tokens:
                return False
            batch.append((request, index))
            tokens[0] += cost
            tokens[1] = max(tokens[1], cost - 1)
            if request.first_taken is None:
                request.first_taken = index
            del request.remaining[position]
            self._untaken -= 1
            queue.popleft()
            if request.remaining:
                queue.append(request)  # round-robin: back of the line
        return True

    @staticmethod
    def _next_position(request: _Request, limit: int, longest: int | None) -> int:
        """Where in ``request.remaining`` (longest first) the next segment is:
        the longest, or, for a request bigger than a call when the call
        already holds segments, the longest no longer than ``longest`` (the
        shortest if none is)."""
        if longest is None or request.untaken <= limit:
            return 0
        position = bisect_left(request.remaining, -longest,
                               key=lambda i: -len(request.tokens[i]))
        return min(position, len(request.remaining) - 1)

    def _run(self, batch: list[tuple[_Request, int]]) -> None:
        self._report_waits(batch)
        try:
            hypotheses = self.translator.translate_tokens(
                [request.tokens[index] for request, index in batch],
                max_batch_size=min(len(batch), self.engine_batch))
        except BaseException as error:  # the callers get the engine's error
            self._fail({request for request, _ in batch}, error)
            return
        counts: dict[_Request, int] = {}
        with self._cond:
            self.calls += 1
            for (request, index), pieces in zip(batch, hypotheses, strict=True):
                request.results[index] = pieces
                counts[request] = counts.get(request, 0) + 1
        for request, count in counts.items():
            # A request split over two lanes' calls is done when its last segments
            # are reported, not when they are translated: else the other lane's
            # report could still be on its way when the caller, woken, counts what
            # progress missed (a job once read 30 of 25 segments done).
            with request.report_lock:
                if request.progress is not None:
                    try:
                        request.progress(count)
                    except Exception:  # a progress bar must never stop a lane
                        logger.exception("progress callback failed")
                request.reported += count
                complete = request.reported == len(request.tokens)
            if complete:
                request.done.set()

    def _report_waits(self, batch: list[tuple[_Request, int]]) -> None:
        """How long each request waited before its first segment reached the engine
        (the metrics count it); a failing listener never stops a lane."""
        now = time.monotonic()
        target = getattr(getattr(self.translator, "package", None), "to_code", "")
        for request, index in batch:
            if index == request.first_taken:
                try:
                    events.engine_queue_wait.send(self, target=target,
                                                  seconds=now - request.arrived)
                except Exception:
                    logger.exception("engine queue wait was not reported")

    def _fail(self, requests: set[_Request], error: BaseException) -> None:
        with self._cond:
            for request in requests:
                for queue in (self._waiting, self._background):
                    if request in queue:
                        queue.remove(request)
                        self._untaken -= request.untaken
                request.error = error
                request.done.set()
