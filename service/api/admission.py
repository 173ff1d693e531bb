"""Admission control: at most WORK_SLOTS requests wait for the engine or the
alignment pool at once; past that, and when the engine queue or the pool is
full, a request is refused at once with 503 and ``Retry-After`` instead of
holding a thread. The front (``wirealign serve``) has WORK_SLOTS + 8 threads,
so /health and reads always find one free."""

from __future__ import annotations

import threading
from typing import Any

from flask import Flask, g, jsonify

from ..align_article import ALIGNMENT_POOL
from ..capacity import Overloaded, configure_pool
from . import limits


def _busy(message: str, retry_after: int) -> Any:
    response = jsonify(error=message, retry_after=retry_after)
    response.status_code = 503
    response.headers["Retry-After"] = str(retry_after)
    return response


def init_app(app: Flask) -> None:
    slots = threading.BoundedSemaphore(int(app.config["WORK_SLOTS"]))
    configure_pool(ALIGNMENT_POOL, int(app.config["ALIGN_WORKERS"]),
                   int(app.config["ALIGN_QUEUE_LIMIT"]))
    limits.init_app(app)  # rate limits are checked before a slot is taken

    @app.before_request
    def _take_slot() -> Any:
        if not limits.is_costly():
            return None
        if not slots.acquire(blocking=False):
            return _busy(f"the service is busy ({app.config['WORK_SLOTS']} requests are "
                         "waiting for the engine); try again shortly", 1)
        g.work_slot = True
        return None

    @app.teardown_request
    def _give_slot(_exc: BaseException | None = None) -> None:
        if g.pop("work_slot", False):
            slots.release()

    @app.errorhandler(Overloaded)
    def _overloaded(error: Overloaded) -> Any:
        return _busy(str(error), error.retry_after)
