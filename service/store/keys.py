"""API keys: stored as SHA-256 hashes with a name and a role. A key itself is
shown once, when it is made, and never kept."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

import sqlite_utils

from . import now, write_transaction

ROLES = ("reviewer", "admin")


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


def live_key(db: sqlite_utils.Database, key: str | None) -> dict[str, Any] | None:
    """The live key's name and role, or None (no key, unknown or revoked)."""
    if not key:
        return None
    rows = list(db.query(
        "SELECT name, role FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL",
        [hash_key(key)]))
    return rows[0] if rows else None


def key_limit(db: sqlite_utils.Database, key: str | None) -> tuple[str, str | None] | None:
    """The live key's name and its own rate limit (None: the default), or None."""
    if not key:
        return None
    row = db.execute("SELECT name, rate_limit FROM api_keys WHERE key_hash = ? "
                     "AND revoked_at IS NULL", [hash_key(key)]).fetchone()
    return (row[0], row[1]) if row else None


def set_rate_limit(db: sqlite_utils.Database, name: str, limit: str | None) -> bool:
    """Give the live key ``name`` its own rate limit (None: back to the default)."""
    with write_transaction(db):
        cursor = db.execute("UPDATE api_keys SET rate_limit = ? WHERE name = ? "
                            "AND revoked_at IS NULL", [limit, name])
        return cursor.rowcount > 0
