"""Request limits on the LibreTranslate endpoints, as LibreTranslate's
``--req-limit``: at most REQ_LIMIT requests a minute per client (its API key
name, else its address), answered 429 beyond that. Counted per process: under
gunicorn with several workers each worker counts its own share."""

from __future__ import annotations

import threading
import time
from collections import deque

from flask import current_app

from ..errors import ApiError

WINDOW_SECONDS = 60.0
_EXTENSION = "wirealign.request_windows"


class RequestWindows:
    """Recent request times per client, within the last minute."""

    def __init__(self) -> None:
        self._times: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def admit(self, client: str, limit: int, now: float | None = None) -> bool:
        """Record a request by ``client``; False when it is over ``limit`` a minute."""
        now = time.monotonic() if now is None else now
        with self._lock:
            times = self._times.setdefault(client, deque())
            while times and now - times[0] >= WINDOW_SECONDS:
                times.popleft()
            if len(times) >= limit:
                return False
            times.append(now)
            # Forget clients that went quiet, so the table stays small.
            if len(self._times) > 10_000:
                for name in [n for n, t in self._times.items() if not t]:
                    del self._times[name]
            return True


def check_request_limit(client: str) -> None:
    """A 429 when ``client`` has used up REQ_LIMIT requests this minute."""
    limit = int(current_app.config.get("REQ_LIMIT") or 0)
    if limit <= 0:
        return
    windows = current_app.extensions.setdefault(_EXTENSION, RequestWindows())
    if not windows.admit(client, limit):
        raise ApiError(429, f"Slowdown: {limit} per 1 minute")
