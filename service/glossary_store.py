"""The glossary in force: the reviewed file in ``glossaries/`` plus the
additions and corrections reviewers made through the API, which live in
SQLite so they survive restarts without a deploy."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import sqlite_utils
from flask import current_app

from .glossary import Glossary, entries_as_rows, load_glossary
from .store import now, write_transaction

_lock = threading.Lock()
_file_cache: dict[str, Glossary] = {}
# Per glossary path: the overrides' stamp and the merged glossary built for it
# (only the newest is kept).
_merged_cache: dict[str, tuple[str, Glossary]] = {}


def _file_rows(path: str | None) -> list[dict[str, Any]]:
    key = str(path)
    with _lock:
        if key not in _file_cache:
            _file_cache[key] = load_glossary(Path(path) if path else None)
        return entries_as_rows(_file_cache[key])


def _override_stamp(db: sqlite_utils.Database) -> str:
    row = db.execute("SELECT count(*), max(updated_at) FROM glossary_entries").fetchone()
    return f"{row[0]}:{row[1]}"


def merged_rows(db: sqlite_utils.Database, path: str | None = None) -> list[dict[str, Any]]:
    """File entries with reviewers' changes applied (by entry id)."""
    rows = {row["id"]: row for row in _file_rows(path)}
    for override in db.query("SELECT id, data, deleted FROM glossary_entries"):
        if override["deleted"]:
            rows.pop(override["id"], None)
        else:
            rows[override["id"]] = json.loads(override["data"])
    return list(rows.values())


def glossary_in_force(db: sqlite_utils.Database, path: str | None = None) -> Glossary:
    """The merged glossary, rebuilt only when the file or an override changed."""
    if path is None:
        path = current_app.config.get("GLOSSARY_PATH")
    stamp = _override_stamp(db)
    with _lock:
        cached = _merged_cache.get(str(path))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    glossary = Glossary.from_rows(merged_rows(db, path))
    with _lock:
        _merged_cache[str(path)] = (stamp, glossary)
    return glossary


def save_entry(db: sqlite_utils.Database, entry: dict[str, Any], who: str,
               *, deleted: bool = False) -> None:
    """Add, correct or delete one entry and log the change, in one transaction."""
    entry_id = entry["id"]
    with write_transaction(db):
        old = db.execute("SELECT data FROM glossary_entries WHERE id = ?", [entry_id]).fetchone()
        old_data = old[0] if old else None
        if old_data is None:
            file_entry = next((r for r in _file_rows(current_app.config.get("GLOSSARY_PATH"))
                               if r["id"] == entry_id), None)
            old_data = json.dumps(file_entry, ensure_ascii=False) if file_entry else None
        stamp = now()
        new_data = json.dumps(entry, ensure_ascii=False)
        db["glossary_entries"].upsert({"id": entry_id, "data": new_data, "updated_at": stamp,
                                       "updated_by": who, "deleted": int(deleted)}, pk="id")
        db["glossary_changes"].insert({"entry_id": entry_id, "changed_at": stamp,
                                       "changed_by": who, "old_data": old_data,
                                       "new_data": None if deleted else new_data})
