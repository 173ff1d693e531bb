"""API keys with roles. Keys are shown once when made and stored only as a
SHA-256 hash; a request names its key in the ``X-API-Key`` header or an
``api_key`` form/JSON field (as LibreTranslate clients send it)."""

from __future__ import annotations

import functools
import hashlib
import secrets
from collections.abc import Callable
from typing import Any, TypeVar

import sqlite_utils
from flask import current_app, g, jsonify, request

from .store import get_db, now, write_transaction

ROLES = ("reviewer", "admin")
# What each role may do: an admin may do all a reviewer may.
_RANK = {"reviewer": 1, "admin": 2}

F = TypeVar("F", bound=Callable[..., Any])


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def add_key(db: sqlite_utils.Database, name: str, role: str) -> str:
    """Create a key for ``name`` and return it; only its hash is kept."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if not name.strip():
        raise ValueError("a key needs a name")
    key = "wa_" + secrets.token_urlsafe(24)
    with write_transaction(db):
        if db.execute("SELECT 1 FROM api_keys WHERE name = ?", [name]).fetchone():
            raise ValueError(f"a key named {name!r} exists already")
        db["api_keys"].insert({"name": name, "role": role, "key_hash": hash_key(key),
                               "created_at": now(), "revoked_at": None})
    return key


def list_keys(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return list(db.query(
        "SELECT name, role, created_at, revoked_at FROM api_keys ORDER BY name"))


def revoke_key(db: sqlite_utils.Database, name: str) -> bool:
    """Revoke the key named ``name``; False when there is no live key by that name."""
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
            [now(), name])
        return cursor.rowcount > 0


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
    return None


def identify(key: str | None) -> dict[str, Any] | None:
    """The live key's row (name, role), or None."""
    if not key:
        return None
    rows = list(get_db().query(
        "SELECT name, role FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL",
        [hash_key(key)]))
    return rows[0] if rows else None


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
