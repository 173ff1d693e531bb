"""Review queries on pairs: filtered pages, one pair with its history, an edit
guarded by the version the reviewer saw, and bulk approve/reject.

Every write runs in one ``BEGIN IMMEDIATE`` transaction that updates the pair
and appends its ``pair_history`` row together; nothing here deletes a pair.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from ..constants import REVIEW_STATES, STATES, TARGET_LANGS
from . import now, write_transaction
from .articles import pair_as_dict
from .memory import memory_key

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


# The queue counts each state up to this many pairs ("1,000+" beyond): an exact
# count of a million pairs would cost a second on every page.
COUNT_CAP = 1000


def counts_by_state(db: sqlite_utils.Database, query: PairQuery) -> dict[str, int] | None:
    """How many pairs the query's filters select in each state (its own state
    filter aside), each counted up to COUNT_CAP (a value above it means "more").

    Each (language, state) is counted on the (lang, status, id) index, so a
    count costs at most COUNT_CAP index steps when no other filter is given.
    Filters with an index of their own (a search, articles, a reviewer, a
    time) count their first COUNT_CAP + 1 matches in one query: exact below
    the cap, else only ``{"": COUNT_CAP + 1}`` (more than the cap in all).
    Filters no index serves (a flag, a search shorter than 3 characters) get None.
    """
    if query.flag or (query.q and not _uses_fts(query)):
        return None
    if _uses_fts(query) or query.articles or query.changed_by or query.changed_since:
        every = PairQuery(**{**query.__dict__, "states": list(STATES), "after": None})
        sql, params = _select(every, "p.status")
        found = dict(db.execute(f"SELECT status, count(*) FROM ({sql} LIMIT ?) GROUP BY status",
                                [*params, COUNT_CAP + 1]).fetchall())
        return found if sum(found.values()) <= COUNT_CAP else {"": COUNT_CAP + 1}
    counts: dict[str, int] = {}
    for lang in query.langs or list(TARGET_LANGS):
        for state in STATES:
            one = PairQuery(**{**query.__dict__, "langs": [lang], "states": [state],
                               "after": None})
            sql, params = _select(one, "1")
            n = db.execute(f"SELECT count(*) FROM ({sql} LIMIT ?)",
                           [*params, COUNT_CAP + 1]).fetchone()[0]
            if n:
                counts[state] = min(counts.get(state, 0) + n, COUNT_CAP + 1)
    return counts


def previous_cursor(db: sqlite_utils.Database, query: PairQuery, first_id: int
                    ) -> int | None:
    """The ``after`` cursor of the page before the one that starts at
    ``first_id`` (0 for the first page), or None when nothing comes before."""
    key = "f.rowid" if _uses_fts(query) else "p.id"
    sql, params = _select(query, f"{key} AS id")
    rows = db.execute(sql + f" AND {key} < ? ORDER BY {key} DESC LIMIT ?",
                      [*params, first_id, query.limit]).fetchall()
    if not rows:
        return None
    return rows[-1][0] - 1


def state_counts_by_article(db: sqlite_utils.Database, article_ids: list[int]
                            ) -> dict[int, dict[str, int]]:
    """Pairs per state of each article (the article list)."""
    found: dict[int, dict[str, int]] = {article_id: {} for article_id in article_ids}
    for article_id, state, count in db.execute(
            "SELECT article_id, status, count(*) FROM pairs WHERE article_id IN"
            " (SELECT value FROM json_each(?)) GROUP BY article_id, status",
            [json.dumps(article_ids)]):
        found[article_id][state] = count
    return found


def _row(db: sqlite_utils.Database, pair_id: int) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM pairs WHERE id = ?", [pair_id]))
    return rows[0] if rows else None


# old_state/new_state are the names to use; old_status/new_status stay one release.
_HISTORY_COLUMNS = ("id, changed_at, changed_by, old_target, new_target, old_status AS old_state,"
                    " new_status AS new_state, old_status, new_status, note")


def history(db: sqlite_utils.Database, pair_id: int) -> list[dict[str, Any]]:
    """The pair's changes, oldest first."""
    return list(db.query(
        f"SELECT {_HISTORY_COLUMNS} FROM pair_history WHERE pair_id = ? ORDER BY id",
        [pair_id]))


def histories(db: sqlite_utils.Database, pair_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The histories of many pairs in one query (a page of the review queue)."""
    found: dict[int, list[dict[str, Any]]] = {pair_id: [] for pair_id in pair_ids}
    for row in db.query(
            f"SELECT pair_id, {_HISTORY_COLUMNS} FROM pair_history WHERE pair_id IN"
            " (SELECT value FROM json_each(?)) ORDER BY pair_id, id", [json.dumps(pair_ids)]):
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


def title_segment(db: sqlite_utils.Database, article_id: int) -> str | None:
    """The English of the article's title segment, for articles stored without
    a title (aligned articles): what the page should be called."""
    row = db.execute("SELECT source FROM pairs WHERE article_id = ? AND kind = 'title'"
                     " AND coalesce(source, '') != '' ORDER BY id LIMIT 1",
                     [article_id]).fetchone()
    return row[0] if row else None


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
        "article": {"id": row[0], "title": row[1] or title_segment(db, article_id),
                    "url": row[2], "created_at": row[3]},
        "langs": langs,
        "lang": lang,
        # Whether a stand-in copy model made any of this language's pairs.
        "stand_in": bool(db.execute(
            "SELECT max(stand_in) FROM translations WHERE article_id = ? AND lang = ?",
            [article_id, lang]).fetchone()[0]),
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
        apply_edit(db, row, target, state, note, user, now())
    return get_pair(db, pair_id) or {}


def apply_edit(db: sqlite_utils.Database, row: Mapping[str, Any], target: str | None,
               state: str, note: str | None, user: str, stamp: str) -> None:
    """Write a checked edit of ``row`` (read in this transaction) with its history
    row. A person's new target is no stand-in copy any more: the flag goes."""
    flags = json.loads(row["flags"] or "[]")
    if target != row["target"]:
        flags = [flag for flag in flags if flag != "stand_in"]
    cursor = db.execute(
        "UPDATE pairs SET target = ?, status = ?, flags = ?, version = version + 1,"
        " updated_at = ?, updated_by = ? WHERE id = ? AND version = ?",
        [target, state, json.dumps(flags, ensure_ascii=False), stamp, user, row["id"],
         row["version"]])
    if cursor.rowcount != 1:  # cannot happen under the write lock; never overwrite
        raise Conflict(get_pair(db, row["id"]) or {})
    _log(db, row["id"], stamp, user, row["target"], target, row["status"], state, note)


def _log(db: sqlite_utils.Database, pair_id: int, stamp: str, who: str, old_target: str | None,
         new_target: str | None, old_status: str, new_status: str, note: str | None) -> None:
    db.execute(
        "INSERT INTO pair_history (pair_id, changed_at, changed_by, old_target, new_target,"
        " old_status, new_status, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [pair_id, stamp, who, old_target, new_target, old_status, new_status, note])


# Why bulk left a pair alone, in words a reviewer can act on.
SKIP_REASONS = {
    "not_found": "no such pair",
    "source_only": "kept in the source language: not reviewed",
    "changed_since_seen": "changed since you saw it: open it and decide again",
    "rejected": "a person rejected it: approve it one by one if that was wrong",
    "one_sided": "a one-sided alignment bead (1-0 or 0-1): nothing to approve",
    "no_target": "no target to approve: edit it or reject it",
    "already": "already in that state",
}
# At most this many skipped pairs are listed one by one (all are counted).
MAX_SKIPPED_LISTED = 500
ONE_SIDED_BEADS = ("1-0", "0-1")


def _skip_reason(row: Mapping[str, Any], state: str, seen: Mapping[int, int] | None,
                 as_of: str | None) -> str | None:
    """Why bulk must leave this pair alone, or None when it may act."""
    if row["status"] == "source_only":
        return "source_only"
    if seen is not None and seen[row["id"]] != row["version"]:
        return "changed_since_seen"
    if as_of is not None and row["updated_at"] > as_of:
        return "changed_since_seen"
    if row["status"] == state:
        return "already"
    if state == "approved":
        if row["status"] == "rejected":
            return "rejected"
        if row["bead"] in ONE_SIDED_BEADS or not (row["source"] or "").strip():
            return "one_sided"
        if not (row["target"] or "").strip():
            return "no_target"
    return None


def bulk_review(db: sqlite_utils.Database, action: str, user: str, *,
                query: PairQuery | None = None, ids: list[int] | None = None,
                seen: Mapping[int, int] | None = None, as_of: str | None = None,
                note: str | None = None) -> dict[str, Any]:
    """Approve or reject, in one transaction, the pairs the filters (or ids)
    select, as the reviewer saw them.

    What the reviewer saw is ``seen`` (pair id -> version, for ids) or
    ``as_of`` (a stored timestamp: the moment the list was read); one of them
    is required, and a pair changed since is skipped, never decided blind.
    Approve also skips rejected, one-sided and target-less pairs. Returns
    how many changed and what was skipped, with the reason for each.
    """
    if action not in BULK_ACTIONS:
        raise BadQuery(f"action must be one of {', '.join(BULK_ACTIONS)}")
    if seen is None and as_of is None:
        raise BadQuery("send what you saw: ids as [{\"id\": ..., \"version\": ...}], or "
                       "as_of (the time you read the list)")
    state = BULK_ACTIONS[action]
    if seen is not None:
        ids = list(seen)
    columns = "p.id, p.version, p.status, p.bead, p.source, p.target, p.updated_at, p.updated_by"
    if ids is not None:
        sql = (f"SELECT {columns} FROM pairs p WHERE p.id IN (SELECT value FROM json_each(?))")
        params: list[Any] = [json.dumps(ids)]
    elif query is not None and not query.is_empty():
        sql, params = _select(query, columns)
    else:
        raise BadQuery("bulk needs ids or at least one filter (a bulk change of everything "
                       "is refused)")
    stamp = now()
    skipped: dict[str, int] = {}
    listed: list[dict[str, Any]] = []
    changed: list[int] = []

    def skip(pair_id: int, reason: str, row: Mapping[str, Any] | None = None) -> None:
        skipped[reason] = skipped.get(reason, 0) + 1
        if len(listed) < MAX_SKIPPED_LISTED:
            item: dict[str, Any] = {"id": pair_id, "reason": reason,
                                    "detail": SKIP_REASONS[reason]}
            if row is not None and reason == "changed_since_seen":
                item.update(version=row["version"], updated_by=row["updated_by"],
                            updated_at=row["updated_at"])
            listed.append(item)

    with write_transaction(db):
        rows = list(db.query(sql + " ORDER BY p.id", params))
        for pair_id in sorted(set(ids or ()) - {row["id"] for row in rows}):
            skip(pair_id, "not_found")
        todo = []
        for row in rows:
            reason = _skip_reason(row, state, seen, as_of)
            if reason:
                skip(row["id"], reason, row)
            else:
                todo.append(row)
        for row in todo:
            # Under the write lock the version cannot move; the guard costs nothing.
            if db.execute(
                    "UPDATE pairs SET status = ?, version = version + 1, updated_at = ?,"
                    " updated_by = ? WHERE id = ? AND version = ?",
                    [state, stamp, user, row["id"], row["version"]]).rowcount:
                _log(db, row["id"], stamp, user, row["target"], row["target"], row["status"],
                     state, note)
                changed.append(row["id"])
    return {"action": action, "state": state, "changed": len(changed),
            "changed_ids": changed[:MAX_SKIPPED_LISTED],
            "skipped": sum(skipped.values()), "skipped_by_reason": skipped,
            "skipped_pairs": listed, "as_of": as_of}


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


# ------------------------------------------------------- CAT round trip


@dataclass
class ImportedTarget:
    """One unit of an edited file: the pair, the version exported, the texts in it."""

    pair_id: int
    version: int
    source: str
    target: str


def import_targets(db: sqlite_utils.Database, lang: str, units: list[ImportedTarget],
                   user: str, note: str,
                   as_exported: Callable[[str], str] = lambda text: text) -> dict[str, Any]:
    """Apply the changed targets of a post-edited file in ONE transaction.

    A changed target becomes an edit by ``user`` with a history row, when the
    pair is still at the version exported; a pair changed since is refused
    and listed under ``conflicts`` (the caller answers 409). Units whose pair
    is unknown, of another language or with another source are listed under
    ``mismatched`` and left alone; unchanged and blank targets are counted.
    ``as_exported`` gives a stored text as the file carried it (the format may
    have had to drop characters), so an untouched unit is never an edit.
    """
    result: dict[str, Any] = {"edited": [], "unchanged": 0, "blank": 0, "conflicts": [],
                              "mismatched": []}
    with write_transaction(db):
        stamp = now()
        for unit in units:
            row = _row(db, unit.pair_id)
            if row is None or row["lang"] != lang or row["status"] == "source_only" or (
                    memory_key(as_exported(row["source"] or "")) != memory_key(unit.source)):
                result["mismatched"].append({"id": unit.pair_id, "reason": (
                    "no such pair" if row is None else
                    f"the pair is in {row['lang']!r}, the file in {lang!r}"
                    if row["lang"] != lang else "kept in the source language"
                    if row["status"] == "source_only" else
                    "the source differs from the stored pair's")})
                continue
            if not unit.target.strip():
                result["blank"] += 1  # a blank target in a CAT tool is "not done", not a deletion
                continue
            if unit.target == as_exported(row["target"] or ""):
                result["unchanged"] += 1
                continue
            if row["version"] != unit.version:
                result["conflicts"].append({
                    "id": row["id"], "exported_version": unit.version,
                    "current_version": row["version"], "updated_by": row["updated_by"],
                    "updated_at": row["updated_at"], "current_target": row["target"],
                    "target_in_file": unit.target})
                continue
            if len(unit.target) > MAX_FIELD_CHARS:
                result["mismatched"].append({"id": row["id"], "reason": (
                    f"the target is longer than {MAX_FIELD_CHARS} characters")})
                continue
            apply_edit(db, row, unit.target, "edited", note, user, stamp)
            result["edited"].append(row["id"])
    return result
