"""Who is asking: a request names its API key in the ``X-API-Key`` header, a
bearer token, or an ``api_key`` form/JSON/query field (as LibreTranslate clients send
it); decorators refuse what its role may not do. Keys live in ``store.keys``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app, g, jsonify, request

from ..store import get_db
from ..store.keys import live_key

# What each role may do: an admin may do all a reviewer may.
_RANK = {"reviewer": 1, "admin": 2}

F = TypeVar("F", bound=Callable[..., Any])


def key_from_request() -> str | None:
    key = request.headers.get("X-API-Key")
    if key:
        return key
    auth = request.headers.get("Authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    if request.form.get("api_key"):
        return request.form["api_key"]
    body = request.get_json(silent=True)
    if isinstance(body, dict) and isinstance(body.get("api_key"), str):
        return body["api_key"]
    if request.args.get("api_key"):  # LibreTranslate clients may put it in the query string
        return request.args["api_key"]
    return None


def identify(key: str | None) -> dict[str, Any] | None:
    """The live key's name and role, or None."""
    return live_key(get_db(), key)


def _check(role: str) -> Any:
    key = key_from_request()
    who = identify(key)
    if who is None:
        message = ("this needs an API key (X-API-Key header)" if not key
                   else "unknown or revoked API key")
        return jsonify(error=message), 401
    if _RANK[who["role"]] < _RANK[role]:
        message = f"this needs the {role} role; key {who['name']!r} is {who['role']}"
        return jsonify(error=message), 403
    g.user = who["name"]
    g.role = who["role"]
    return None


def require_role(role: str = "reviewer") -> Callable[[F], F]:
    """Decorator for writes: a live key with at least ``role``, else 401/403 JSON."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            refusal = _check(role)
            return refusal if refusal is not None else view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate


def _key_when(setting: str) -> Callable[[F], F]:
    """Decorator: a reviewer key when the config flag ``setting`` is on, else open."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if current_app.config.get(setting):
                refusal = _check("reviewer")
                if refusal is not None:
                    return refusal
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate


# Reads: open unless READS_NEED_KEY is set.
read_access = _key_when("READS_NEED_KEY")
# Submissions (articles, alignments): open unless SUBMIT_NEEDS_KEY is set.
submit_access = _key_when("SUBMIT_NEEDS_KEY")
