"""Reviewers' glossary changes: one row per entry they added, corrected or
deleted (``glossary_entries``), and a log of every change (``glossary_changes``)."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from . import now, write_transaction


def overrides_stamp(db: sqlite_utils.Database) -> str:
    """Changes whenever an override is saved: the key of the merged-glossary cache."""
    row = db.execute("SELECT count(*), max(updated_at) FROM glossary_entries").fetchone()
    return f"{row[0]}:{row[1]}"


def overrides(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every override: ``{"id", "entry" (a row, or None when deleted)}``."""
    return [{"id": row["id"], "entry": None if row["deleted"] else json.loads(row["data"])}
            for row in db.query("SELECT id, data, deleted FROM glossary_entries")]


def override_of(db: sqlite_utils.Database, entry_id: str) -> dict[str, Any] | None:
    row = db.execute("SELECT data FROM glossary_entries WHERE id = ?", [entry_id]).fetchone()
    return json.loads(row[0]) if row and row[0] else None


def save_override(db: sqlite_utils.Database, entry: dict[str, Any], who: str,
                  file_entry: dict[str, Any] | None, *, deleted: bool = False) -> None:
    """Store one entry's new form (or its deletion) and log the change, together.
    The logged old form is the last override, else ``file_entry`` (the seed file's)."""
    stamp = now()
    new_data = json.dumps(entry, ensure_ascii=False)
    with write_transaction(db):
        old = override_of(db, entry["id"]) or file_entry
        db["glossary_entries"].upsert({"id": entry["id"], "data": new_data,
                                       "updated_at": stamp, "updated_by": who,
                                       "deleted": int(deleted)}, pk="id")
        db["glossary_changes"].insert({
            "entry_id": entry["id"], "changed_at": stamp, "changed_by": who,
            "old_data": json.dumps(old, ensure_ascii=False) if old else None,
            "new_data": None if deleted else new_data})


def recent_changes(db: sqlite_utils.Database, limit: int = 500) -> list[dict[str, Any]]:
    """The newest changes first, with old and new entries as objects."""
    rows = db.query(
        "SELECT entry_id, changed_at, changed_by, old_data, new_data FROM glossary_changes "
        "ORDER BY id DESC LIMIT ?", [limit])
    return [{"entry_id": row["entry_id"], "changed_at": row["changed_at"],
             "changed_by": row["changed_by"], "old": json.loads(row["old_data"] or "null"),
             "new": json.loads(row["new_data"] or "null")} for row in rows]
