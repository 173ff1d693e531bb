"""The SQLite store itself: migrations, pragmas, one transaction per article."""

from __future__ import annotations

import os
from pathlib import Path

import sqlite_utils

from service.store import connect
from service.store.articles import PairRecord, TranslationRecord, content_hash, save_article
from service.store.schema import MIGRATIONS, migrate


def test_new_database_has_every_migration_wal_and_foreign_keys(tmp_path):
    db = connect(tmp_path / "new.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert {"articles", "translations", "pairs", "pair_history", "api_keys",
            "glossary_entries"} <= set(db.table_names())


def test_old_database_is_migrated_forward_keeping_its_rows(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    MIGRATIONS[0](old)
    old.execute("PRAGMA user_version = 1")
    old["articles"].insert({"content_hash": "h", "text": "Old text.", "source_lang": "en",
                            "created_at": "2024-01-01T00:00:00Z"})
    old.conn.commit()
    old.close()
    db = connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert "glossary_entries" in db.table_names()
    assert db["articles"].count == 1
    assert migrate(db) == len(MIGRATIONS)  # a second run changes nothing


def test_pairs_must_belong_to_a_translation(tmp_path):
    db = connect(tmp_path / "fk.db")
    import sqlite3

    import pytest

    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO pairs (translation_id, article_id, lang, position, kind, status,"
                   " origin, version, created_at, updated_at)"
                   " VALUES (99, 99, 'ko', 0, 'body', 'machine', 'machine', 1, 'x', 'x')")


def test_content_hash_ignores_line_endings_and_outer_space():
    assert content_hash("A.\r\nB.\n") == content_hash("A.\nB.")
    assert content_hash("A.") != content_hash("B.")


def test_article_and_pairs_are_stored_together(tmp_path):
    db = connect(tmp_path / "s.db")
    record = TranslationRecord(
        lang="ko", origin="machine", engine="e", engine_version="1", stand_in=False,
        pairs=[PairRecord(0, "body", "One.", "하나.", "machine", "machine"),
               PairRecord(0, "body", "Dup position.", "x", "machine", "machine")])
    import sqlite3

    import pytest

    # Two pairs at one position break a unique index: the whole article goes.
    with pytest.raises(sqlite3.IntegrityError):
        save_article(db, text="One. Dup position.", segments=[], translations=[record])
    assert db["articles"].count == 0 and db["pairs"].count == 0


def test_requests_leave_the_write_ahead_log_open_and_their_writes_visible(app, client):
    # One idle connection per process keeps each request's connection from
    # being the last one, whose close checkpoints and deletes the log.
    database = app.config["DATABASE"]
    for n in range(3):
        response = client.post("/api/articles",
                               json={"text": f"Seoul said talks would resume in round {n}.",
                                     "targets": ["ko"]})
        assert response.status_code == 201
        assert Path(database + "-wal").exists()
    reader = sqlite_utils.Database(database)
    assert reader["articles"].count == 3
    reader.close()


def test_the_idle_connection_is_one_per_process(app, client):
    client.get("/api/pairs")
    first = app.extensions["wirealign_wal_keeper"]
    client.get("/api/pairs")
    assert app.extensions["wirealign_wal_keeper"] is first
    assert first[0] == os.getpid()
