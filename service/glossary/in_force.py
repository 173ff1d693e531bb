"""The glossary in force: the seed file in ``glossaries/`` plus the additions
and corrections reviewers made through the API, which the store keeps in
SQLite so they survive restarts without a deploy."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import sqlite_utils
from flask import current_app

from ..store import glossary as overrides_store
from .files import load_glossary
from .model import Glossary, entries_as_rows

_lock = threading.Lock()
_file_cache: dict[str, Glossary] = {}
# Per glossary path: the overrides' stamp and the merged glossary built for it
# (only the newest is kept).
_merged_cache: dict[str, tuple[str, Glossary]] = {}


def _configured_path(path: str | None) -> str | None:
    return path if path is not None else current_app.config.get("GLOSSARY_PATH")


def file_rows(path: str | None = None) -> list[dict[str, Any]]:
    """The seed file's entries as rows (read once per path)."""
    key = str(path)
    with _lock:
        if key not in _file_cache:
            _file_cache[key] = load_glossary(Path(path) if path else None)
        return entries_as_rows(_file_cache[key])


def merged_rows(db: sqlite_utils.Database, path: str | None = None) -> list[dict[str, Any]]:
    """File entries with reviewers' changes applied (by entry id)."""
    rows = {row["id"]: row for row in file_rows(_configured_path(path))}
    for override in overrides_store.overrides(db):
        if override["entry"] is None:
            rows.pop(override["id"], None)
        else:
            rows[override["id"]] = override["entry"]
    return list(rows.values())


def glossary_in_force(db: sqlite_utils.Database, path: str | None = None) -> Glossary:
    """The merged glossary, rebuilt only when the file or an override changed."""
    path = _configured_path(path)
    stamp = overrides_store.overrides_stamp(db)
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
    """Add, correct or delete one entry; the store logs the change with it."""
    seed = next((row for row in file_rows(_configured_path(None)) if row["id"] == entry["id"]),
                None)
    overrides_store.save_override(db, entry, who, seed, deleted=deleted)
