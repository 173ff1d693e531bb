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


def _link_fixes(db: sqlite_utils.Database) -> None:
    # Reviewers fix alignment links by hand (merge, split, move a sentence):
    # a human pair keeps the sentences each side is made of, so a split falls
    # on a sentence boundary, and every fix keeps the pairs it replaced.
    if "sentences" not in db["pairs"].columns_dict:
        db["pairs"].add_column("sentences", str)  # JSON {"source": [...], "target": [...]}
    db["link_changes"].create(
        {
            "id": int,
            "translation_id": int,
            "operation": str,  # merge | split | repair | undo
            "changed_at": str,
            "changed_by": str,
            "note": str,
            "before": str,  # JSON: the replaced pairs, whole rows, with their history
            "after": str,  # JSON: [{"id", "version"}] of the pairs the fix left
            "undo_of": int,  # the change an undo reverted
            "undone_by": int,  # the undo that reverted this change
        },
        pk="id",
        foreign_keys=[("translation_id", "translations", "id")],
        not_null={"translation_id", "operation", "changed_at", "before", "after"},
        if_not_exists=True,
    )
    db["link_changes"].create_index(["translation_id", "id"], if_not_exists=True)


def _fts_on_text_changes(db: sqlite_utils.Database) -> None:
    # The search index holds only source and target: re-index a pair when
    # those change, not when its state, version or position does. A link fix
    # moves the positions of every later pair of the translation, and a bulk
    # approve changes states only (a merge in a 300-pair article among 100,000
    # pairs: 164 -> 29 ms median, bench/beads_bench.py, both in one run).
    db.execute("DROP TRIGGER IF EXISTS pairs_au")
    db.execute(
        'CREATE TRIGGER "pairs_au" AFTER UPDATE OF "source", "target" ON "pairs" BEGIN\n'
        '  INSERT INTO "pairs_fts" ("pairs_fts", rowid, "source", "target")'
        " VALUES('delete', old.rowid, old.\"source\", old.\"target\");\n"
        '  INSERT INTO "pairs_fts" (rowid, "source", "target")'
        ' VALUES (new.rowid, new."source", new."target");\nEND')


def _glossary_proposals(db: sqlite_utils.Database) -> None:
    # Glossary changes by reviewers wait here until an admin approves them
    # (issue 9, governance). Guarded so a database that has it is left alone.
    if "glossary_proposals" in db.table_names():
        return
    db["glossary_proposals"].create(
        {
            "id": int,
            "entry_id": str,
            "action": str,  # add | correct | retire | revert
            "data": str,  # JSON: the entry as proposed (add, correct), else null
            "revert_of": int,  # glossary_changes.id a revert undoes
            "proposed_by": str,
            "proposed_at": str,
            "state": str,  # pending | approved | rejected
            "decided_by": str,
            "decided_at": str,
            "change_id": int,  # the glossary_changes row an approval made
            "note": str,
        },
        pk="id",
        not_null={"entry_id", "action", "proposed_by", "proposed_at", "state"},
        defaults={"state": "pending"},
    )
    db["glossary_proposals"].create_index(["state", "id"])


def _glossary_candidates(db: sqlite_utils.Database) -> None:
    # Term pairs proposed from aligned human translations (issue 9, candidates):
    # one row per (lang, English, rendering), with the pairs that showed it.
    if "glossary_candidates" in db.table_names():
        return
    db["glossary_candidates"].create(
        {
            "id": int,
            "lang": str,
            "en": str,
            "target": str,
            "score": float,
            "methods": str,  # JSON list: translit, lexicon, cooccurrence
            "evidence": str,  # JSON list of pair ids
            "state": str,  # open | accepted | dismissed
            "created_at": str,
            "updated_at": str,
            "decided_by": str,
            "proposal_id": int,  # the glossary proposal an acceptance made
        },
        pk="id",
        not_null={"lang", "en", "target", "score", "state", "created_at", "updated_at"},
        defaults={"state": "open", "evidence": "[]", "methods": "[]"},
    )
    db["glossary_candidates"].create_index(["lang", "en", "target"], unique=True)
    db["glossary_candidates"].create_index(["state", "score"])


def _translation_judgement(db: sqlite_utils.Database) -> None:
    # Aligned human translations keep the aligner's document-level judgement:
    # the probability that the target translates the source (issue 10).
    if "translation_probability" not in db["translations"].columns_dict:
        db["translations"].add_column("translation_probability", float)
    if "is_translation" not in db["translations"].columns_dict:
        db["translations"].add_column("is_translation", int)


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
    _initial, _glossary, _stats_index, _review_indexes, _link_fixes, _fts_on_text_changes,
    _glossary_proposals, _glossary_candidates, _translation_judgement, _key_rate_limits, _jobs]


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
