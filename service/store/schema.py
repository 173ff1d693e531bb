"""The database schema as an ordered list of migrations.

``PRAGMA user_version`` records how many migrations a database has had, so an
old file is brought forward step by step and a new one is built from scratch
by the same code. Append new migrations; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils


def _initial(db: sqlite_utils.Database) -> None:
    db["articles"].create(
        {
            "id": int,
            "content_hash": str,  # sha256 of the normalised text: one article per text
            "title": str,
            "url": str,
            "text": str,
            "segments": str,  # JSON list of typed segments, in article order
            "source_lang": str,
            "created_at": str,
        },
        pk="id",
        not_null={"content_hash", "text", "source_lang", "created_at"},
    )
    db["articles"].create_index(["content_hash"], unique=True)

    db["translations"].create(
        {
            "id": int,
            "article_id": int,
            "lang": str,  # target language: ko | ja
            "origin": str,  # machine | human (an aligned human translation)
            "engine": str,  # package name, or "alignment" for human translations
            "engine_version": str,
            "stand_in": int,  # 1 when a stand-in copy model produced it
            "settings": str,  # JSON: beam, compute type, device, threads
            "glossary_version": str,
            "timings": str,  # JSON: seconds per stage
            "target_text": str,  # the human translation's full text (alignments)
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "lang", "origin", "created_at"},
    )
    db["translations"].create_index(["article_id", "lang"])

    db["pairs"].create(
        {
            "id": int,
            "translation_id": int,
            "article_id": int,
            "lang": str,
            "position": int,  # order of the pair within its translation
            "kind": str,  # segment kind: title, credit, dateline, body, caption, footer, debris
            "source": str,
            "source_key": str,  # normalised source: translation-memory look-ups
            "target": str,
            "status": str,  # machine | needs_review | edited | approved | rejected | source_only
            "flags": str,  # JSON list of reasons, e.g. ["glossary_miss:shin-won-sik"]
            "terms": str,  # JSON list of glossary terms found and how each was enforced
            "origin": str,  # machine | memory | human | source
            "bead": str,  # alignment bead for human pairs: 1-1, 1-2, 2-1, 1-0, 0-1, 2-2
            "score": float,
            "version": int,  # bumped on every change: optimistic concurrency for review
            "created_at": str,
            "updated_at": str,
            "updated_by": str,
            "glossary_version": str,
        },
        pk="id",
        foreign_keys=[
            ("translation_id", "translations", "id"),
            ("article_id", "articles", "id"),
        ],
        not_null={"translation_id", "article_id", "lang", "position", "kind", "status",
                  "origin", "version", "created_at", "updated_at"},
        defaults={"version": 1, "flags": "[]", "terms": "[]"},
    )
    db["pairs"].create_index(["translation_id", "position"], unique=True)
    db["pairs"].create_index(["lang", "status", "id"])
    db["pairs"].create_index(["article_id", "id"])
    db["pairs"].create_index(["updated_at", "id"])
    db["pairs"].create_index(["lang", "source_key", "status"])
    db["pairs"].enable_fts(["source", "target"], create_triggers=True, fts_version="FTS5",
                           tokenize="trigram")

    db["pair_history"].create(
        {
            "id": int,
            "pair_id": int,
            "changed_at": str,
            "changed_by": str,
            "old_target": str,
            "new_target": str,
            "old_status": str,
            "new_status": str,
            "note": str,
        },
        pk="id",
        foreign_keys=[("pair_id", "pairs", "id")],
        not_null={"pair_id", "changed_at"},
    )
    db["pair_history"].create_index(["pair_id", "id"])

    db["api_keys"].create(
        {
            "id": int,
            "name": str,
            "role": str,  # reviewer | admin
            "key_hash": str,  # sha256 of the key; the key itself is shown once
            "created_at": str,
            "revoked_at": str,
        },
        pk="id",
        not_null={"name", "role", "key_hash", "created_at"},
    )
    db["api_keys"].create_index(["key_hash"], unique=True)
    db["api_keys"].create_index(["name"], unique=True)


def _glossary(db: sqlite_utils.Database) -> None:
    # Reviewers' additions and corrections to the glossary file, kept so they
    # survive restarts; each change is logged with who and when.
    db["glossary_entries"].create(
        {"id": str, "data": str, "updated_at": str, "updated_by": str, "deleted": int},
        pk="id",
        not_null={"data", "updated_at"},
        defaults={"deleted": 0},
    )
    db["glossary_changes"].create(
        {"id": int, "entry_id": str, "changed_at": str, "changed_by": str,
         "old_data": str, "new_data": str},
        pk="id",
        not_null={"entry_id", "changed_at"},
    )


def _stats_index(db: sqlite_utils.Database) -> None:
    # /api/stats counts by language, state, origin and kind: with this covering
    # index it reads no table rows (2.5 s -> 0.1 s at a million pairs, measured).
    db["pairs"].create_index(["lang", "status", "origin", "kind"])


def _review_indexes(db: sqlite_utils.Database) -> None:
    # GET /api/pairs?changed_by= finds pairs through their history
    # (91 -> 7 ms p95 at a million pairs, measured by bench/review_bench.py).
    db["pair_history"].create_index(["changed_by", "pair_id"])


def _key_rate_limits(db: sqlite_utils.Database) -> None:
    # A key may carry its own rate limit ("100/minute;2000/hour"), as
    # LibreTranslate's keys do; NULL means the configured RATE_LIMIT_KEY.
    if "rate_limit" not in db["api_keys"].columns_dict:
        db["api_keys"].add_column("rate_limit", str)


def _jobs(db: sqlite_utils.Database) -> None:
    # Big work (many articles, a JSONL file, retranslate --stale) as jobs: the
    # job and one item per article, so a restarted worker resumes where it
    # stopped and a retried item is stored once (articles dedupe by text).
    if "jobs" not in db.table_names():
        db["jobs"].create(
            {"id": str, "kind": str, "state": str, "params": str, "backend": str,
             "items_total": int, "segments_total": int, "segments_done": int,
             "cancel_requested": int, "error": str, "created_at": str, "started_at": str,
             "finished_at": str, "updated_at": str},
            pk="id",
            not_null={"kind", "state", "params", "created_at"},
            defaults={"items_total": 0, "segments_total": 0, "segments_done": 0,
                      "cancel_requested": 0},
        )
        db["jobs"].create_index(["state", "created_at"])
    if "job_items" not in db.table_names():
        db["job_items"].create(
            {"job_id": str, "position": int, "state": str, "input": str, "segments": int,
             "article_id": int, "created": int, "error": str, "updated_at": str},
            pk=("job_id", "position"),
            foreign_keys=[("job_id", "jobs", "id")],
            not_null={"job_id", "position", "state", "input"},
        )


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _initial, _glossary, _stats_index, _review_indexes, _key_rate_limits, _jobs]


def migrate(db: sqlite_utils.Database) -> int:
    """Apply the migrations this database has not had; return its schema version.

    Each step runs in a ``BEGIN IMMEDIATE`` transaction that re-reads the
    version, so processes starting together never apply a step twice.
    """
    for number in range(1, len(MIGRATIONS) + 1):
        if db.execute("PRAGMA user_version").fetchone()[0] >= number:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] < number:
                MIGRATIONS[number - 1](db)
                db.execute(f"PRAGMA user_version = {number}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)
