"""Glossary candidates: term pairs proposed from aligned human translations,
one row per (language, English, rendering) with the pairs that showed it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from . import now, write_transaction

STATES = ("open", "accepted", "dismissed")


def translation_pairs(db: sqlite_utils.Database, translation_id: int) -> list[dict[str, Any]]:
    """One translation's pairs with both sides, in order."""
    return list(db.query(
        "SELECT id, source, target FROM pairs WHERE translation_id = ? AND source != '' "
        "AND target IS NOT NULL AND target != '' ORDER BY position", [translation_id]))


def human_pairs(db: sqlite_utils.Database, lang: str, limit: int) -> list[dict[str, Any]]:
    """The newest ``limit`` human-translated pairs of a language (both sides)."""
    return list(db.query(
        "SELECT id, article_id, source, target FROM pairs WHERE lang = ? AND origin = 'human' "
        "AND source != '' AND target IS NOT NULL AND target != '' ORDER BY id DESC LIMIT ?",
        [lang, limit]))


def save_candidates(db: sqlite_utils.Database, lang: str,
                    found: Iterable[dict[str, Any]]) -> int:
    """Add new candidates; for known ones merge the evidence, keep the best score
    and leave a reviewer's decision alone. Returns how many rows were new."""
    stamp = now()
    new = 0
    with write_transaction(db):
        for cand in found:
            row = db.execute(
                "SELECT id, score, methods, evidence FROM glossary_candidates "
                "WHERE lang = ? AND en = ? AND target = ?",
                [lang, cand["en"], cand["target"]]).fetchone()
            if row is None:
                db["glossary_candidates"].insert({
                    "lang": lang, "en": cand["en"], "target": cand["target"],
                    "score": cand["score"], "methods": json.dumps(sorted(cand["methods"])),
                    "evidence": json.dumps(sorted(cand["evidence"])), "state": "open",
                    "created_at": stamp, "updated_at": stamp})
                new += 1
                continue
            evidence = sorted(set(json.loads(row[3])) | set(cand["evidence"]))
            methods = sorted(set(json.loads(row[2])) | set(cand["methods"]))
            db.execute(
                "UPDATE glossary_candidates SET score = ?, methods = ?, evidence = ?, "
                "updated_at = ? WHERE id = ?",
                [max(row[1], cand["score"]), json.dumps(methods), json.dumps(evidence),
                 stamp, row[0]])
    return new


def _candidate(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "methods": json.loads(row["methods"]),
            "evidence": json.loads(row["evidence"])}


def list_candidates(db: sqlite_utils.Database, *, lang: str | None = None,
                    state: str | None = "open", limit: int = 100) -> list[dict[str, Any]]:
    """Candidates, best first: score, then how many pairs showed them."""
    clauses, params = [], []
    if lang:
        clauses.append("lang = ?")
        params.append(lang)
    if state:
        clauses.append("state = ?")
        params.append(state)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = db.query(
        f"SELECT * FROM glossary_candidates {where} "
        "ORDER BY score DESC, json_array_length(evidence) DESC, id LIMIT ?", [*params, limit])
    return [_candidate(row) for row in rows]


def get_candidate(db: sqlite_utils.Database, candidate_id: int) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM glossary_candidates WHERE id = ?", [candidate_id]))
    return _candidate(rows[0]) if rows else None


def decide_candidate(db: sqlite_utils.Database, candidate_id: int, state: str, who: str,
                     proposal_id: int | None = None) -> bool:
    """Accept or dismiss an open candidate; False when it was not open."""
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE glossary_candidates SET state = ?, decided_by = ?, proposal_id = ?, "
            "updated_at = ? WHERE id = ? AND state = 'open'",
            [state, who, proposal_id, now(), candidate_id])
        return cursor.rowcount == 1


def evidence_pairs(db: sqlite_utils.Database, pair_ids: list[int]) -> list[dict[str, Any]]:
    """The pairs a candidate came from, with their article."""
    return list(db.query(
        "SELECT id, article_id, lang, source, target FROM pairs WHERE id IN "
        "(SELECT value FROM json_each(?)) ORDER BY id", [json.dumps(pair_ids)]))
