"""The SQLite store: one connection per request, opened with the settings every
writer needs (WAL, foreign keys, a busy timeout) and migrated on first use."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils
from flask import Flask, current_app, g

from ..constants import TIMESTAMP_FORMAT
from .schema import MIGRATIONS, migrate

__all__ = ["connect", "get_db", "init_app", "now", "timestamp", "write_transaction"]


def timestamp(moment: datetime) -> str:
    """A time as stored everywhere: UTC, ISO 8601 with microseconds and a Z."""
    return moment.astimezone(UTC).strftime(TIMESTAMP_FORMAT)


def now() -> str:
    """The current time as stored."""
    return timestamp(datetime.now(UTC))


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A transaction that takes the write lock at once (``BEGIN IMMEDIATE``).

    sqlite-utils' ``atomic()`` opens a deferred transaction; one that reads
    and then writes can fail with "database is locked" at once, without
    waiting, when another connection wrote in between (WAL snapshot rule).
    Taking the lock first makes writers queue on the busy timeout instead.
    """
    if db.conn.in_transaction:  # nested: a savepoint inside the outer transaction
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    else:
        db.execute("COMMIT")


_prepare_lock = threading.Lock()


def connect(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the database at ``path``.

    A file that lacks migrations gets WAL mode (persistent in the file) and
    them under a process-wide lock: on a new file, threads that switched the
    journal mode together got "database is locked" at once, without waiting.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
    db = sqlite_utils.Database(conn)
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA synchronous=NORMAL")
    if db.execute("PRAGMA user_version").fetchone()[0] < len(MIGRATIONS):
        with _prepare_lock:
            db.execute("PRAGMA journal_mode=WAL")
            migrate(db)
    return db


def get_db() -> sqlite_utils.Database:
    """The request's connection, opened on first use."""
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"])
    return g.db


def _close_db(_exc: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(_close_db)
