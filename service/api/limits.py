"""Rate limits (Flask-Limiter), all in one limiter with one storage:

- on the routes that cost CPU: per API key when the request names a live
  key, else per client address. Limits are Flask-Limiter strings
  ("60/minute;1000/hour"), set by ``WIREALIGN_RATE_LIMIT_ADDRESS`` and
  ``WIREALIGN_RATE_LIMIT_KEY``; a key may carry its own
  (``wirealign keys limit NAME "600/minute"``), as LibreTranslate's keys do.
  Past it: 429 JSON with ``Retry-After``.
- LibreTranslate's ``--req-limit`` on its endpoints (``/translate``,
  ``/detect``, ``/translate_file``): ``REQ_LIMIT`` requests a minute per
  client (key name, else address; 0: none), or a key's own limit, which
  replaces it as a LibreTranslate key's ``req_limit`` does. Past it: 429
  ``{"error": "Slowdown: N per 1 minute"}`` in LibreTranslate's words, with
  ``Retry-After``.

``WIREALIGN_RATELIMIT_STORAGE_URI`` (e.g. ``redis://host:6379/1``) shares
every counter between processes; the default keeps them in this process.
``WIREALIGN_RATELIMIT_ENABLED=false`` turns all of them off.
"""

from __future__ import annotations

import math
import time

from flask import Flask, Response, current_app, g, jsonify, request
from flask_limiter import ApplicationLimit, Limiter, RateLimitExceeded, RequestLimit
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
# The LibreTranslate endpoints REQ_LIMIT counts, as LibreTranslate limits them.
LIBRETRANSLATE_ENDPOINTS = frozenset({
    "libretranslate.translate",
    "libretranslate.detect_language",
    "files.translate_file",
})
# Its own counters (the storage key holds the scope), apart from the costly
# routes' "global" ones even when both limits read the same.
REQ_LIMIT_SCOPE = "req_limit"


def is_costly() -> bool:
    """True for a POST that starts engine or alignment work."""
    return request.method == "POST" and request.endpoint in COSTLY_ENDPOINTS


def is_libretranslate() -> bool:
    """True for a POST to an endpoint REQ_LIMIT counts."""
    return request.method == "POST" and request.endpoint in LIBRETRANSLATE_ENDPOINTS


def _who() -> tuple[str, str | None]:
    """("key:<name>", its own limit) for a live key, else ("addr:<ip>", None)."""
    if "rate_key" not in g:
        counted = is_costly() or is_libretranslate()
        found = key_limit(get_db(), key_from_request()) if counted else None
        g.rate_key = (f"key:{found[0]}", found[1]) if found else (
            f"addr:{request.remote_addr or 'unknown'}", None)
    return g.rate_key


def _limit_for_request() -> str:
    """The costly routes' limit: the key's own, else the key or address default."""
    key, own = _who()
    if own:
        return own
    name = "RATE_LIMIT_KEY" if key.startswith("key:") else "RATE_LIMIT_ADDRESS"
    return str(current_app.config[name])


def _req_limit_for_request() -> str:
    """LibreTranslate's request limit: the key's own, else REQ_LIMIT a minute;
    "" (no limit) off its endpoints or when neither is set."""
    if not is_libretranslate():
        return ""
    _, own = _who()
    if own:
        return own
    per_minute = int(current_app.config.get("REQ_LIMIT") or 0)
    return f"{per_minute}/minute" if per_minute > 0 else ""


def _retry_after(limit: RequestLimit | None) -> int:
    return max(1, math.ceil(limit.reset_at - time.time())) if limit else 60


def _refuse(limit: RequestLimit | None) -> Response:
    retry_after = _retry_after(limit)
    response = jsonify(error=f"rate limit exceeded ({limit.limit if limit else ''}) for this "
                             f"{'API key' if _who()[0].startswith('key:') else 'address'}; "
                             f"try again in {retry_after} s", retry_after=retry_after)
    response.status_code = 429
    response.headers["Retry-After"] = str(retry_after)
    return response


def _slow_down(limit: RequestLimit | None) -> Response:
    """LibreTranslate's answer over its request limit ("Slowdown: 2 per 1 minute")."""
    response = jsonify(error=f"Slowdown: {limit.limit if limit else ''}")
    response.status_code = 429
    response.headers["Retry-After"] = str(_retry_after(limit))
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


def _check_req_limit(value: object) -> int:
    try:
        per_minute = int(str(value or 0))
    except ValueError:
        per_minute = -1
    if per_minute < 0:
        raise ValueError(f"REQ_LIMIT {value!r} is not a number of requests a minute "
                         "(0: no limit)")
    return per_minute


def init_app(app: Flask) -> Limiter:
    for name in ("RATE_LIMIT_ADDRESS", "RATE_LIMIT_KEY"):
        check_limit(str(app.config[name]))
    app.config["REQ_LIMIT"] = _check_req_limit(app.config.get("REQ_LIMIT"))
    limiter = Limiter(
        key_func=lambda: _who()[0],
        app=app,
        application_limits=[
            # LibreTranslate's first: where both are spent its words answer.
            ApplicationLimit(limit_provider=_req_limit_for_request, scope=REQ_LIMIT_SCOPE),
            # One counter per client across all costly routes.
            ApplicationLimit(limit_provider=_limit_for_request,
                             exempt_when=lambda: not is_costly()),
        ],
        enabled=bool(app.config.get("RATELIMIT_ENABLED", True)),
        # Our own 429 (JSON, Retry-After): Flask-Limiter's headers would also
        # put its window's Retry-After on the 503s of admission control.
        headers_enabled=False,
    )

    @app.errorhandler(RateLimitExceeded)
    def _rate_limited(error: RateLimitExceeded) -> Response:
        if getattr(error.limit, "scope", None) == REQ_LIMIT_SCOPE:
            return _slow_down(limiter.current_limit)
        return _refuse(limiter.current_limit)

    return limiter
