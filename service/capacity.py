"""Bounded capacity: what a full queue raises, and the bounded pool that CPU
work other than the engine (alignment) runs in.

A request that finds the engine queue or the alignment pool full is refused
at once with 503 and ``Retry-After`` (service.api.admission) instead of
waiting behind work that may take minutes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class Overloaded(RuntimeError):
    """The work was refused because a bounded queue is full; try again later."""

    def __init__(self, message: str, retry_after: int = 2) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class BoundedPool:
    """``workers`` threads and at most ``queue_limit`` tasks waiting or running.

    Alignment is pure-Python CPU work: running it here, with few workers,
    keeps six concurrent alignments from taking every request thread and the
    GIL with them; the request thread waits for its own result.
    """

    def __init__(self, name: str, workers: int = 1, queue_limit: int = 8) -> None:
        if workers < 1 or queue_limit < workers:
            raise ValueError(f"{name} pool: workers >= 1 and queue_limit >= workers")
        self.name = name
        self.workers = workers
        self.queue_limit = queue_limit
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._slots = threading.BoundedSemaphore(queue_limit)

    def run(self, fn: Callable[..., T], *args: object, **kwargs: object) -> T:
        """``fn(*args, **kwargs)`` in the pool; Overloaded when it is full."""
        if not self._slots.acquire(blocking=False):
            raise Overloaded(f"the {self.name} pool is full ({self.queue_limit} tasks "
                             "waiting or running); try again shortly")
        try:
            return self._executor.submit(fn, *args, **kwargs).result()
        finally:
            self._slots.release()

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


_pools: dict[str, BoundedPool] = {}
_pools_lock = threading.Lock()


def pool(name: str) -> BoundedPool:
    """The process-wide pool ``name`` (configured by :func:`configure_pool`, else 1 x 8)."""
    with _pools_lock:
        if name not in _pools:
            _pools[name] = BoundedPool(name)
        return _pools[name]


def configure_pool(name: str, workers: int, queue_limit: int) -> None:
    """Size the pool ``name``; a pool of another size is replaced."""
    with _pools_lock:
        current = _pools.get(name)
        if current is not None and (current.workers, current.queue_limit) == (
                workers, queue_limit):
            return
        _pools[name] = BoundedPool(name, workers, queue_limit)
        if current is not None:
            current.shutdown()
