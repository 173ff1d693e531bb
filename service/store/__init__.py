"""The SQLite store: one connection per request, opened with the settings every
writer needs (WAL, foreign keys, a busy timeout) and migrated on first use."""

from __future__ import annotations

import contextlib
import os
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
        _keep_wal_open(current_app, g.db)
    return g.db


def _keep_wal_open(app: Flask, db: sqlite_utils.Database) -> None:
    """Hold one idle connection to the database for the life of the process.

    When the last connection to a WAL database closes, SQLite checkpoints
    the log into the file and deletes it, with an fsync: with one request at
    a time that happened at the end of every request (0.5-2 ms, a tenth of
    the service's CPU on a short article). The idle connection holds no
    transaction, so automatic checkpoints still run as the log grows.
    """
    keeper = app.extensions.get("wirealign_wal_keeper")
    pid = os.getpid()
    if keeper is not None and keeper[0] == pid:
        return
    with _prepare_lock:
        keeper = app.extensions.get("wirealign_wal_keeper")
        if keeper is None or keeper[0] != pid:
            # A keeper inherited through fork is left alone, never closed:
            # SQLite connections must not be used across fork.
            path = db.execute("PRAGMA database_list").fetchone()[2]
            conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            # Connecting is lazy: a read opens the log and takes the shared
            # lock that tells other connections they are not the last.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            app.extensions["wirealign_wal_keeper"] = (pid, conn)


def _close_db(_exc: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(_close_db)
