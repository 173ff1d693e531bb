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
                  file_entry: dict[str, Any] | None, *, deleted: bool = False) -> int:
    """Store one entry's new form (or its deletion) and log the change, together;
    returns the change's id. The logged old form is the last override, else
    ``file_entry`` (the seed file's)."""
    stamp = now()
    new_data = json.dumps(entry, ensure_ascii=False)
    with write_transaction(db):
        row = db.execute("SELECT data, deleted FROM glossary_entries WHERE id = ?",
                         [entry["id"]]).fetchone()
        # A retired entry's old state is "retired" (None), not its kept form.
        old = (None if row[1] else json.loads(row[0])) if row else file_entry
        db["glossary_entries"].upsert({"id": entry["id"], "data": new_data,
                                       "updated_at": stamp, "updated_by": who,
                                       "deleted": int(deleted)}, pk="id")
        return db["glossary_changes"].insert({
            "entry_id": entry["id"], "changed_at": stamp, "changed_by": who,
            "old_data": json.dumps(old, ensure_ascii=False) if old else None,
            "new_data": None if deleted else new_data}).last_pk


def recent_changes(db: sqlite_utils.Database, limit: int = 500) -> list[dict[str, Any]]:
    """The newest changes first, with old and new entries as objects."""
    rows = db.query(
        "SELECT id, entry_id, changed_at, changed_by, old_data, new_data FROM glossary_changes "
        "ORDER BY id DESC LIMIT ?", [limit])
    return [{"id": row["id"], "entry_id": row["entry_id"], "changed_at": row["changed_at"],
             "changed_by": row["changed_by"], "old": json.loads(row["old_data"] or "null"),
             "new": json.loads(row["new_data"] or "null")} for row in rows]


def retired(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Retired entries (no longer applied, kept with their last form)."""
    return [json.loads(row["data"]) | {"retired_at": row["updated_at"],
                                       "retired_by": row["updated_by"]}
            for row in db.query("SELECT data, updated_at, updated_by FROM glossary_entries "
                                "WHERE deleted = 1 ORDER BY id")]


def drop_override(db: sqlite_utils.Database, entry_id: str, who: str,
                  file_entry: dict[str, Any]) -> int:
    """Let the seed file's entry govern again (a revert to it), logging the
    change; returns its id."""
    stamp = now()
    with write_transaction(db):
        row = db.execute("SELECT data, deleted FROM glossary_entries WHERE id = ?",
                         [entry_id]).fetchone()
        old = None if row is None or row[1] else row[0]
        db.execute("DELETE FROM glossary_entries WHERE id = ?", [entry_id])
        return db["glossary_changes"].insert({
            "entry_id": entry_id, "changed_at": stamp, "changed_by": who,
            "old_data": old, "new_data": json.dumps(file_entry, ensure_ascii=False)}).last_pk


def get_change(db: sqlite_utils.Database, change_id: int) -> dict[str, Any] | None:
    rows = list(db.query("SELECT id, entry_id, changed_at, changed_by, old_data, new_data "
                         "FROM glossary_changes WHERE id = ?", [change_id]))
    if not rows:
        return None
    row = rows[0]
    return {"id": row["id"], "entry_id": row["entry_id"], "changed_at": row["changed_at"],
            "changed_by": row["changed_by"], "old": json.loads(row["old_data"] or "null"),
            "new": json.loads(row["new_data"] or "null")}


def latest_change_id(db: sqlite_utils.Database, entry_id: str) -> int | None:
    row = db.execute("SELECT max(id) FROM glossary_changes WHERE entry_id = ?",
                     [entry_id]).fetchone()
    return row[0]


def add_proposal(db: sqlite_utils.Database, *, entry_id: str, action: str,
                 entry: dict[str, Any] | None, who: str, revert_of: int | None = None,
                 note: str = "") -> int:
    """Keep a reviewer's change for an admin to decide; returns its id."""
    with write_transaction(db):
        return db["glossary_proposals"].insert({
            "entry_id": entry_id, "action": action,
            "data": json.dumps(entry, ensure_ascii=False) if entry is not None else None,
            "revert_of": revert_of, "proposed_by": who, "proposed_at": now(),
            "state": "pending", "note": note}).last_pk


def _proposal(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "data": json.loads(row["data"] or "null")}


def proposals(db: sqlite_utils.Database, state: str | None = "pending",
              limit: int = 500) -> list[dict[str, Any]]:
    """Proposals, newest first (``state`` None: all)."""
    where, params = ("WHERE state = ?", [state]) if state else ("", [])
    rows = db.query(f"SELECT * FROM glossary_proposals {where} ORDER BY id DESC LIMIT ?",
                    [*params, limit])
    return [_proposal(row) for row in rows]


def get_proposal(db: sqlite_utils.Database, proposal_id: int) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM glossary_proposals WHERE id = ?", [proposal_id]))
    return _proposal(rows[0]) if rows else None


def decide_proposal(db: sqlite_utils.Database, proposal_id: int, state: str, who: str
                    ) -> bool:
    """Mark a pending proposal approved or rejected; False if it was not pending
    (decided meanwhile by someone else)."""
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE glossary_proposals SET state = ?, decided_by = ?, decided_at = ? "
            "WHERE id = ? AND state = 'pending'", [state, who, now(), proposal_id])
        return cursor.rowcount == 1


def link_change(db: sqlite_utils.Database, proposal_id: int, change_id: int) -> None:
    """Record which logged change an approved proposal made."""
    with write_transaction(db):
        db.execute("UPDATE glossary_proposals SET change_id = ? WHERE id = ?",
                   [change_id, proposal_id])


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def pairs_with_text(db: sqlite_utils.Database, forms: list[str], entry_ids: list[str]
                    ) -> list[dict[str, Any]]:
    """Stored pairs whose source contains one of ``forms`` (as a substring, any
    case) or whose terms name one of ``entry_ids``: the candidates a change to
    those entries could alter. The caller decides which really mention them."""
    clauses, params = [], []
    for form in forms:
        if len(form) >= 3:  # the trigram index needs three characters
            clauses.append("id IN (SELECT rowid FROM pairs_fts WHERE source MATCH ?)")
            params.append('"' + form.replace('"', '""') + '"')
        else:
            clauses.append("source LIKE ? ESCAPE '\\'")
            params.append(_like_pattern(form))
    for entry_id in entry_ids:
        clauses.append("terms LIKE ? ESCAPE '\\'")
        params.append(_like_pattern(json.dumps(entry_id)))
    if not clauses:
        return []
    return list(db.query(f"SELECT id, source, terms FROM pairs WHERE {' OR '.join(clauses)}",
                         params))
