"""What the store can say about the host's health: SQLite failures by cause
(a full disk, a read-only file, a locked database), and a cheap readiness
probe for ``/health`` that never waits for the write lock."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import sqlite_utils

# SQLite primary result codes (sqlite3.h).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_NOTADB = 26


def failure_cause(error: sqlite3.Error) -> tuple[int, str, int | None] | None:
    """(HTTP status, what is wrong, seconds to retry or None) for a failure the
    host causes, or None for one it does not (a bug: the caller answers 500)."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == SQLITE_FULL:
        return 507, f"the disk holding the database is full; nothing was stored ({error})", None
    if primary == SQLITE_READONLY:
        return 503, f"the database is read-only; nothing was stored ({error})", 60
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return 503, f"the database is busy; try again shortly ({error})", 2
    if primary in (SQLITE_IOERR, SQLITE_CANTOPEN):
        return 503, f"the database cannot be read or written ({error})", 60
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return 503, f"the database file is damaged or not SQLite ({error})", None
    return None


def readiness_problems(db: sqlite_utils.Database, path: str | Path,
                       min_free_bytes: int) -> list[str]:
    """Why the database cannot take writes now ([] when it can); reads only."""
    problems = []
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if db.execute("PRAGMA query_only").fetchone()[0]:
            problems.append("database: the connection is read-only (query_only)")
    except sqlite3.Error as error:
        return [f"database: {error}"]
    path = Path(path)
    for item in (path, path.parent):
        if item.exists() and not os.access(item, os.W_OK):
            problems.append(f"database: {item} is not writable (read-only file or mount)")
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError as error:
        problems.append(f"database: cannot read free space of {path.parent}: {error}")
    else:
        if free < min_free_bytes:
            problems.append(f"database: the disk holding {path.parent} is nearly full "
                            f"({free // 1024 // 1024} MB free, need "
                            f"{min_free_bytes // 1024 // 1024} MB)")
    return problems
