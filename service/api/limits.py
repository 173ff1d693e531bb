"""Rate limits on the routes that cost CPU (Flask-Limiter): per API key when
the request names a live key, else per client address.

Limits are Flask-Limiter strings ("60/minute;1000/hour"), set by
``WIREALIGN_RATE_LIMIT_ADDRESS`` and ``WIREALIGN_RATE_LIMIT_KEY``; a key may
carry its own (``wirealign keys limit NAME "600/minute"``), as
LibreTranslate's keys do. ``WIREALIGN_RATELIMIT_STORAGE_URI`` (e.g.
``redis://host:6379/1``) shares the counters between processes; the default
keeps them in this process. A client past its limit gets 429 JSON with
``Retry-After``.
"""

from __future__ import annotations

import math
import time

from flask import Flask, Response, current_app, g, jsonify, request
from flask_limiter import Limiter, RateLimitExceeded, RequestLimit
from limits import parse_many

from ..store import get_db
from ..store.keys import key_limit
from .auth import key_from_request

# The routes that start engine or alignment work (endpoint names).
COSTLY_ENDPOINTS = frozenset({
    "libretranslate.translate",
    "articles.create_article",
    "alignments.create_alignment",
    "alignments.attach_alignment",
    "jobs.create_job_route",
})


def is_costly() -> bool:
    """True for a POST that starts engine or alignment work."""
    return request.method == "POST" and request.endpoint in COSTLY_ENDPOINTS


def _who() -> tuple[str, str | None]:
    """("key:<name>", its own limit) for a live key, else ("addr:<ip>", None)."""
    if "rate_key" not in g:
        found = key_limit(get_db(), key_from_request()) if is_costly() else None
        g.rate_key = (f"key:{found[0]}", found[1]) if found else (
            f"addr:{request.remote_addr or 'unknown'}", None)
    return g.rate_key


def _limit_for_request() -> str:
    key, own = _who()
    if own:
        return own
    name = "RATE_LIMIT_KEY" if key.startswith("key:") else "RATE_LIMIT_ADDRESS"
    return str(current_app.config[name])


def _refuse(limit: RequestLimit | None) -> Response:
    retry_after = max(1, math.ceil(limit.reset_at - time.time())) if limit else 60
    response = jsonify(error=f"rate limit exceeded ({limit.limit if limit else ''}) for this "
                             f"{'API key' if _who()[0].startswith('key:') else 'address'}; "
                             f"try again in {retry_after} s", retry_after=retry_after)
    response.status_code = 429
    response.headers["Retry-After"] = str(retry_after)
    return response


def check_limit(value: str) -> str:
    """``value`` if Flask-Limiter can read it, else ValueError saying how to write one."""
    try:
        if not parse_many(value):
            raise ValueError
    except ValueError:
        raise ValueError(f"{value!r} is not a rate limit; write e.g. '60/minute' or "
                         "'60/minute;1000/hour'") from None
    return value


def init_app(app: Flask) -> Limiter:
    for name in ("RATE_LIMIT_ADDRESS", "RATE_LIMIT_KEY"):
        check_limit(str(app.config[name]))
    limiter = Limiter(
        key_func=lambda: _who()[0],
        app=app,
        # One counter per client across all costly routes.
        application_limits=[_limit_for_request],
        application_limits_exempt_when=lambda: not is_costly(),
        enabled=bool(app.config.get("RATELIMIT_ENABLED", True)),
        # Our own 429 (JSON, Retry-After): Flask-Limiter's headers would also
        # put its window's Retry-After on the 503s of admission control.
        headers_enabled=False,
    )

    @app.errorhandler(RateLimitExceeded)
    def _rate_limited(_error: RateLimitExceeded) -> Response:
        return _refuse(limiter.current_limit)

    return limiter
