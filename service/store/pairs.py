"""Review queries on pairs: filtered pages, one pair with its history, an edit
guarded by the version the reviewer saw, and bulk approve/reject.

Every write runs in one ``BEGIN IMMEDIATE`` transaction that updates the pair
and appends its ``pair_history`` row together; nothing here deletes a pair.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from ..constants import REVIEW_STATES, STATES
from . import now, write_transaction
from .articles import pair_as_dict

# What the review queue shows when no state is asked for.
QUEUE_STATES = tuple(state for state in STATES if state != "source_only")
# States the pipeline may still change (nobody has reviewed the pair).
UNTOUCHED_BY_PEOPLE = ("machine", "needs_review")
BULK_ACTIONS = {"approve": "approved", "reject": "rejected"}
MAX_LIMIT = 200
DEFAULT_LIMIT = 50
# Shorter queries cannot use the trigram index and fall back to LIKE.
MIN_FTS_CHARS = 3
# Ids one request may scan for a filter no index serves (flag, short search):
# about 20 ms of SQLite work on the benchmark machine.
SCAN_WINDOW = 30_000
# Up to this many changes since a time, their first id is found on the index.
SEEK_LIMIT = 100_000
# A reviewer's target or note is at most this long (an article's whole text
# limit is larger; one segment never needs more).
MAX_FIELD_CHARS = 20_000


class BadQuery(ValueError):
    """A filter, cursor or edit the client got wrong (answered with 400)."""


class NotFound(LookupError):
    """No pair with that id."""


class Conflict(Exception):
    """The pair changed since the reviewer read it; carries the current pair."""

    def __init__(self, current: dict[str, Any]) -> None:
        super().__init__("the pair was changed by someone else")
        self.current = current


@dataclass
class PairQuery:
    """Filters over pairs (plain values; ``service.api.filters`` parses requests)."""

    langs: list[str] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    flag: str | None = None
    articles: list[int] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    changed_since: str | None = None
    changed_by: str | None = None
    origins: list[str] = field(default_factory=list)
    q: str | None = None
    after: int | None = None  # the last id of the previous page
    limit: int = DEFAULT_LIMIT

    def is_empty(self) -> bool:
        return not any([self.langs, self.states, self.flag, self.articles,
                        self.kinds, self.changed_since, self.changed_by, self.origins,
                        self.q])


# ---------------------------------------------------------------- reading


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fts_phrase(text: str) -> str:
    """``text`` as one FTS5 phrase: double quotes doubled, so that ``"``, ``*``,
    ``OR``, ``NEAR`` or ``:`` are searched for, never parsed as query syntax.
    With the trigram tokenizer a phrase matches as a substring."""
    return '"' + text.replace('"', '""') + '"'


def _where(query: PairQuery) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``p`` (pairs) for the query's filters."""
    clauses: list[str] = []
    params: list[Any] = []

    def any_of(column: str, values: list[str]) -> None:
        clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
        params.extend(values)

    if query.langs:
        any_of("p.lang", query.langs)
    any_of("p.status", query.states or list(QUEUE_STATES))
    if query.kinds:
        any_of("p.kind", query.kinds)
    if query.origins:
        any_of("p.origin", query.origins)
    if query.articles:
        any_of("p.article_id", query.articles)
    if query.changed_since:
        clauses.append("p.updated_at >= ?")
        params.append(query.changed_since)
    if query.changed_by:
        # Anyone who ever changed the pair, not only the last one (as Weblate's changed_by).
        clauses.append("p.id IN (SELECT pair_id FROM pair_history WHERE changed_by = ?)")
        params.append(query.changed_by)
    if query.flag:
        # The cheap LIKE on the JSON text discards most rows before json_each runs.
        clauses.append("p.flags LIKE ? ESCAPE '\\' AND EXISTS (SELECT 1 FROM json_each(p.flags)"
                       " WHERE json_each.value LIKE ? ESCAPE '\\')")
        prefix = _like(query.flag)[1:]  # "%glossary\_miss%" -> "glossary\_miss%"
        params.extend(['%"' + prefix, prefix])
    if query.q and len(query.q) < MIN_FTS_CHARS:
        clauses.append("(p.source LIKE ? ESCAPE '\\' OR p.target LIKE ? ESCAPE '\\')")
        params.extend([_like(query.q)] * 2)
    return clauses, params


def review_pair_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    """A pair as the review API shows it: the stored pair plus where it belongs."""
    return {
        **pair_as_dict(dict(row)),
        "lang": row["lang"],
        "article_id": row["article_id"],
        "translation_id": row["translation_id"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "updated_by": row["updated_by"],
    }


def _uses_fts(query: PairQuery) -> bool:
    return bool(query.q) and len(query.q or "") >= MIN_FTS_CHARS


def _select(query: PairQuery, columns: str = "p.*") -> tuple[str, list[Any]]:
    """The SELECT for the query, without the cursor, order or limit."""
    clauses, params = _where(query)
    if _uses_fts(query):
        sql = (f"SELECT {columns} FROM pairs_fts f JOIN pairs p ON p.id = f.rowid "
               "WHERE pairs_fts MATCH ?")
        params = [fts_phrase(query.q or ""), *params]
    else:
        sql = f"SELECT {columns} FROM pairs p WHERE 1"
    for clause in clauses:
        sql += f" AND {clause}"
    return sql, params


def _seek_since(db: sqlite_utils.Database, since: str, after: int) -> int | None:
    """Where a ``changed_since`` page should start scanning: just before the
    first id changed since then (found on the updated_at index), so recent
    changes at the far end of the id range are not reached by a full scan.
    None when nothing after ``after`` changed since then."""
    found = db.execute(
        "SELECT count(*) FROM (SELECT 1 FROM pairs WHERE updated_at >= ? AND id > ? LIMIT ?)",
        [since, after, SEEK_LIMIT]).fetchone()[0]
    if found == 0:
        return None
    if found < SEEK_LIMIT:  # few enough to take the minimum from the index
        # "+id" keeps SQLite on the updated_at index: min(id) would walk the rowids.
        first = db.execute("SELECT min(+id) FROM pairs WHERE updated_at >= ? AND +id > ?",
                           [since, after]).fetchone()[0]
        return max(after, first - 1)
    return after  # changes are dense: the id-order scan meets them soon


def list_pairs(db: sqlite_utils.Database, query: PairQuery) -> dict[str, Any]:
    """One page of pairs in id order and, in ``next``, the id to continue after
    (None at the end).

    Filters no index serves (a flag, a search shorter than 3 characters) look
    at no more than SCAN_WINDOW ids per request, so a rare match costs several
    short requests rather than one long one: such a page may hold fewer than
    ``limit`` pairs (even none) with a ``next`` cursor, and ``scanned_to`` says
    how far it looked.
    """
    after = query.after or 0
    empty = {"pairs": [], "next": None}
    if query.changed_since:
        start = _seek_since(db, query.changed_since, after)
        if start is None:
            return empty
        after = start
    # Order by the driving table's rowid: FTS5 then yields matches in order and
    # the page stops after limit + 1, where ORDER BY p.id would sort them all.
    key = "f.rowid" if _uses_fts(query) else "p.id"
    sql, params = _select(query)
    sql += f" AND {key} > ?"
    params.append(after)
    window_end = None
    if query.flag or (query.q and not _uses_fts(query)):
        last = db.execute("SELECT max(id) FROM pairs").fetchone()[0] or 0
        if after + SCAN_WINDOW < last:
            window_end = after + SCAN_WINDOW
            sql += f" AND {key} <= ?"
            params.append(window_end)
    sql += f" ORDER BY {key} LIMIT ?"
    params.append(query.limit + 1)
    rows = list(db.query(sql, params))
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    page: dict[str, Any] = {"pairs": [review_pair_dict(row) for row in rows], "next": None}
    if more:
        page["next"] = rows[-1]["id"]
    elif window_end is not None:
        page["next"] = window_end
        page["scanned_to"] = window_end
    return page


def _row(db: sqlite_utils.Database, pair_id: int) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM pairs WHERE id = ?", [pair_id]))
    return rows[0] if rows else None


def history(db: sqlite_utils.Database, pair_id: int) -> list[dict[str, Any]]:
    """The pair's changes, oldest first."""
    return list(db.query(
        "SELECT id, changed_at, changed_by, old_target, new_target, old_status, new_status,"
        " note FROM pair_history WHERE pair_id = ? ORDER BY id", [pair_id]))


def histories(db: sqlite_utils.Database, pair_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The histories of many pairs in one query (a page of the review queue)."""
    found: dict[int, list[dict[str, Any]]] = {pair_id: [] for pair_id in pair_ids}
    for row in db.query(
            "SELECT pair_id, id, changed_at, changed_by, old_target, new_target, old_status,"
            " new_status, note FROM pair_history WHERE pair_id IN (SELECT value FROM"
            " json_each(?)) ORDER BY pair_id, id", [json.dumps(pair_ids)]):
        found[row.pop("pair_id")].append(row)
    return found


def get_pair(db: sqlite_utils.Database, pair_id: int) -> dict[str, Any] | None:
    """The pair with its history and its article's title and URL, or None."""
    row = _row(db, pair_id)
    if row is None:
        return None
    article = db.execute("SELECT id, title, url FROM articles WHERE id = ?",
                         [row["article_id"]]).fetchone()
    return {
        **review_pair_dict(row),
        "article": {"id": article[0], "title": article[1], "url": article[2]},
        "history": history(db, pair_id),
    }


def article_pairs(db: sqlite_utils.Database, article_id: int, lang: str
                  ) -> list[dict[str, Any]]:
    """Every pair of the article's ``lang`` translations, in article order."""
    rows = db.query(
        "SELECT p.* FROM pairs p JOIN translations t ON t.id = p.translation_id"
        " WHERE p.article_id = ? AND p.lang = ? ORDER BY t.id, p.position",
        [article_id, lang])
    return [review_pair_dict(row) for row in rows]


def article_for_review(db: sqlite_utils.Database, article_id: int, lang: str | None
                       ) -> dict[str, Any]:
    """The article view's data: the article, its languages, and the pairs of
    ``lang`` (default: its first language) with their histories."""
    row = db.execute("SELECT id, title, url, created_at FROM articles WHERE id = ?",
                     [article_id]).fetchone()
    if row is None:
        raise NotFound(f"no article {article_id}")
    langs = [code for (code,) in db.execute(
        "SELECT DISTINCT lang FROM translations WHERE article_id = ? ORDER BY lang",
        [article_id])]
    lang = lang or (langs[0] if langs else "")
    if langs and lang not in langs:
        raise NotFound(f"article {article_id} has no {lang!r} translation")
    pairs = article_pairs(db, article_id, lang) if lang else []
    return {
        "article": {"id": row[0], "title": row[1], "url": row[2], "created_at": row[3]},
        "langs": langs,
        "lang": lang,
        "pairs": pairs,
        "history": histories(db, [pair["id"] for pair in pairs]),
    }


# ---------------------------------------------------------------- writing


def _changes(row: Mapping[str, Any], body: Mapping[str, Any]) -> tuple[str | None, str, str | None]:
    """The new (target, state, note) an edit asks for, checked."""
    target, state, note = row["target"], row["status"], body.get("note")
    if note is not None and not isinstance(note, str):
        raise BadQuery("note must be a string")
    if row["status"] == "source_only":
        raise BadQuery("this pair is kept in the source language (a byline, footer or site "
                       "debris): it is not reviewed; add a note in the article instead")
    for name in ("target", "note"):
        if isinstance(body.get(name), str) and len(body[name]) > MAX_FIELD_CHARS:
            raise BadQuery(f"{name} is longer than {MAX_FIELD_CHARS} characters")
    if "target" in body:
        if not isinstance(body["target"], str):
            raise BadQuery("target must be a string")
        if not body["target"].strip():
            raise BadQuery("target is empty: reject the pair instead of blanking it")
        if body["target"] != row["target"]:
            target = body["target"]
            state = "edited"  # a person changed the words; a given state overrides below
    if "state" in body:
        if body["state"] not in REVIEW_STATES:
            raise BadQuery(f"state must be one of {', '.join(REVIEW_STATES)}")
        state = body["state"]
    if state == "approved" and not (target or "").strip():
        raise BadQuery("a pair without a target cannot be approved; edit it or reject it")
    if target == row["target"] and state == row["status"] and not note:
        raise BadQuery("nothing to change: send a new target, a state or a note")
    return target, state, note or None


def update_pair(db: sqlite_utils.Database, pair_id: int, body: Mapping[str, Any],
                user: str) -> dict[str, Any]:
    """Apply a reviewer's edit if the pair is still at ``body["version"]``.

    Raises NotFound, BadQuery, or Conflict (with the current pair) when
    someone changed it in between; the history row is written in the same
    transaction as the change.
    """
    version = body.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise BadQuery("version is required: the version of the pair you edited (an integer)")
    with write_transaction(db):
        row = _row(db, pair_id)
        if row is None:
            raise NotFound(pair_id)
        if row["version"] != version:
            raise Conflict(get_pair(db, pair_id) or {})
        target, state, note = _changes(row, body)
        stamp = now()
        cursor = db.execute(
            "UPDATE pairs SET target = ?, status = ?, version = version + 1, updated_at = ?,"
            " updated_by = ? WHERE id = ? AND version = ?",
            [target, state, stamp, user, pair_id, version])
        if cursor.rowcount != 1:  # cannot happen under the write lock; never overwrite
            raise Conflict(get_pair(db, pair_id) or {})
        _log(db, pair_id, stamp, user, row["target"], target, row["status"], state, note)
    return get_pair(db, pair_id) or {}


def _log(db: sqlite_utils.Database, pair_id: int, stamp: str, who: str, old_target: str | None,
         new_target: str | None, old_status: str, new_status: str, note: str | None) -> None:
    db.execute(
        "INSERT INTO pair_history (pair_id, changed_at, changed_by, old_target, new_target,"
        " old_status, new_status, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [pair_id, stamp, who, old_target, new_target, old_status, new_status, note])


def bulk_review(db: sqlite_utils.Database, action: str, user: str, *,
                query: PairQuery | None = None, ids: list[int] | None = None,
                note: str | None = None) -> dict[str, Any]:
    """Approve or reject every pair the filters (or ids) select, in one transaction.

    Pairs already in that state, source-only pairs and (for approve) pairs
    without a target are left alone. Returns the count changed.
    """
    if action not in BULK_ACTIONS:
        raise BadQuery(f"action must be one of {', '.join(BULK_ACTIONS)}")
    state = BULK_ACTIONS[action]
    if ids is not None:
        sql = ("SELECT p.id FROM pairs p WHERE p.id IN (SELECT value FROM json_each(?))")
        params: list[Any] = [json.dumps(ids)]
    elif query is not None and not query.is_empty():
        sql, params = _select(query, "p.id")
    else:
        raise BadQuery("bulk needs ids or at least one filter (a bulk change of everything "
                       "is refused)")
    sql += " AND p.status NOT IN ('source_only', ?)"
    params.append(state)
    if state == "approved":
        sql += " AND coalesce(p.target, '') != ''"
    stamp = now()
    with write_transaction(db):
        db.execute("CREATE TEMP TABLE IF NOT EXISTS bulk_ids (id INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM bulk_ids")
        db.execute(f"INSERT INTO bulk_ids {sql}", params)
        db.execute(
            "INSERT INTO pair_history (pair_id, changed_at, changed_by, old_target, new_target,"
            " old_status, new_status, note) SELECT id, ?, ?, target, target, status, ?, ?"
            " FROM pairs WHERE id IN (SELECT id FROM bulk_ids) ORDER BY id",
            [stamp, user, state, note])
        changed = db.execute(
            "UPDATE pairs SET status = ?, version = version + 1, updated_at = ?, updated_by = ?"
            " WHERE id IN (SELECT id FROM bulk_ids)", [state, stamp, user]).rowcount
        db.execute("DELETE FROM bulk_ids")
    return {"action": action, "state": state, "changed": changed}


# ------------------------------------------------------- re-translation


def untouched_machine_pairs(db: sqlite_utils.Database, translation_id: int
                            ) -> list[dict[str, Any]]:
    """The translation's machine pairs nobody has reviewed, in article order."""
    marks = ",".join("?" * len(UNTOUCHED_BY_PEOPLE))
    return list(db.query(
        f"""SELECT id, kind, source, target, status, version FROM pairs
            WHERE translation_id = ? AND origin = 'machine' AND status IN ({marks})
            ORDER BY position""", [translation_id, *UNTOUCHED_BY_PEOPLE]))


def replace_machine_target(db: sqlite_utils.Database, pair: Mapping[str, Any], *, target: str,
                           flags: list[str], terms: list[dict[str, Any]], status: str,
                           glossary_version: str, who: str, note: str) -> bool:
    """Give an unreviewed machine pair a new target, unless a person reviewed it
    since ``pair`` was read (its version moved on). Logs a history row when the
    words or the state change. Returns whether it changed. Call inside a
    :func:`write_transaction`."""
    stamp = now()
    marks = ",".join("?" * len(UNTOUCHED_BY_PEOPLE))
    cursor = db.execute(
        f"""UPDATE pairs SET target = ?, flags = ?, terms = ?, status = ?,
                glossary_version = ?, version = version + 1, updated_at = ?, updated_by = ?
            WHERE id = ? AND version = ? AND status IN ({marks})""",
        [target, json.dumps(flags, ensure_ascii=False),
         json.dumps(terms, ensure_ascii=False),
         status, glossary_version, stamp, who, pair["id"], pair["version"],
         *UNTOUCHED_BY_PEOPLE])
    if not cursor.rowcount or (target == pair["target"] and status == pair["status"]):
        return False
    _log(db, pair["id"], stamp, who, pair["target"], target, pair["status"], status, note)
    return True
