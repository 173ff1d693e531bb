"""Hand fixes of alignment links on the human pairs of one translation: merge
two adjacent pairs, split one between its sentences, move a boundary sentence
to the neighbouring pair, and undo a fix while the pairs it left are untouched.

Every fix runs in one ``BEGIN IMMEDIATE`` transaction, checks the versions the
reviewer saw (a stale one is a :class:`LinkConflict`), keeps the positions of
the translation's pairs 0..n-1, and records the pairs it replaced (whole rows
with their history) in ``link_changes``; each pair it leaves gets a
``pair_history`` row naming the change. The pairs a fix leaves are ``edited``
by the reviewer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import sqlite_utils

from . import now, write_transaction
from .memory import memory_key
from .pairs import MAX_FIELD_CHARS, BadQuery, NotFound, get_pair

# (text, lang) -> its sentences: how a pair aligned before sentence lists were
# stored (or whose target a reviewer rewrote) is cut for a split.
Splitter = Callable[[str, str], list[str]]
SIDES = ("source", "target")
DIRECTIONS = ("up", "down")
OPERATIONS = ("merge", "split", "repair", "undo")
# Flags that describe the machine's bead; a hand fix decides them anew.
SHAPE_FLAGS = frozenset({"weak_alignment", "no_source", "no_target"})
# Temporary positions while pairs are moved (real positions are >= 0 and the
# shift below uses -1..-n), so the unique (translation, position) index holds.
_PARKED = -(10**9)


class LinkConflict(Exception):
    """A pair changed since the reviewer read it; carries the pairs as they are."""

    def __init__(self, message: str, current: list[dict[str, Any]]) -> None:
        super().__init__(message)
        self.current = current


def glue(lang: str) -> str:
    """What joins two sentences of ``lang``: nothing in Japanese, a space otherwise."""
    return "" if lang == "ja" else " "


# ---------------------------------------------------------------- reading


def _row(db: sqlite_utils.Database, pair_id: int) -> dict[str, Any]:
    rows = list(db.query("SELECT * FROM pairs WHERE id = ?", [pair_id]))
    if not rows:
        raise NotFound(pair_id)
    return rows[0]


def _at(db: sqlite_utils.Database, translation_id: int, position: int) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM pairs WHERE translation_id = ? AND position = ?",
                         [translation_id, position]))
    return rows[0] if rows else None


def _side(text: str | None, stored: Any, lang: str, split: Splitter | None) -> list[str]:
    """The sentences of one side: the stored list while it still spells the
    text (a reviewer may have rewritten the target since), else the text cut
    by ``split``, else the text as one sentence."""
    if not text:
        return []
    if (isinstance(stored, list) and stored and all(isinstance(s, str) for s in stored)
            and glue(lang).join(stored) == text):
        return list(stored)
    cut = [s for s in split(text, lang) if s.strip()] if split else []
    if cut and glue(lang).join(cut).replace(" ", "") == text.replace(" ", ""):
        return cut
    return [text]


def sentences_of(row: Mapping[str, Any], split: Splitter | None = None) -> dict[str, list[str]]:
    """``{"source": [...], "target": [...]}``: the sentences a pair is made of."""
    try:
        stored = json.loads(row["sentences"] or "{}") if row.get("sentences") else {}
    except (TypeError, ValueError):
        stored = {}
    if not isinstance(stored, dict):
        stored = {}
    return {"source": _side(row["source"], stored.get("source"), "en", split),
            "target": _side(row["target"], stored.get("target"), row["lang"], split)}


def bead_of(sentences: Mapping[str, list[str]]) -> str:
    return f"{len(sentences['source'])}-{len(sentences['target'])}"


def pair_sentences(db: sqlite_utils.Database, pair_id: int, split: Splitter | None = None
                   ) -> dict[str, Any]:
    """What a reviewer needs to fix one pair's links: its sentences and its
    neighbours (with their versions). Raises NotFound."""
    row = _row(db, pair_id)
    neighbours = {}
    for name, step in (("previous", -1), ("next", 1)):
        other = _at(db, row["translation_id"], row["position"] + step)
        neighbours[name] = ({"id": other["id"], "version": other["version"],
                             "origin": other["origin"]} if other else None)
    return {"id": row["id"], "version": row["version"], "origin": row["origin"],
            "lang": row["lang"], "translation_id": row["translation_id"],
            "position": row["position"], "bead": row["bead"], **sentences_of(row, split),
            **neighbours}


def _change_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    before = json.loads(row["before"])
    return {
        "id": row["id"], "translation_id": row["translation_id"],
        "operation": row["operation"], "changed_at": row["changed_at"],
        "changed_by": row["changed_by"], "note": row["note"],
        "undo_of": row["undo_of"], "undone_by": row["undone_by"],
        "before": [{"id": p["id"], "position": p["position"], "bead": p["bead"],
                    "source": p["source"], "target": p["target"], "status": p["status"]}
                   for p in before],
        "after": json.loads(row["after"]),
    }


def get_change(db: sqlite_utils.Database, change_id: int) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM link_changes WHERE id = ?", [change_id]))
    return _change_dict(rows[0]) if rows else None


def article_link_changes(db: sqlite_utils.Database, article_id: int, lang: str,
                         limit: int = 50) -> list[dict[str, Any]]:
    """The link fixes of the article's ``lang`` translations, newest first."""
    rows = db.query(
        "SELECT c.* FROM link_changes c JOIN translations t ON t.id = c.translation_id"
        " WHERE t.article_id = ? AND t.lang = ? ORDER BY c.id DESC LIMIT ?",
        [article_id, lang, limit])
    return [_change_dict(row) for row in rows]


# ---------------------------------------------------------------- checks


def _human(row: Mapping[str, Any]) -> None:
    if row["origin"] != "human":
        raise BadQuery(f"pair {row['id']} is {row['origin']!r}, not an aligned human "
                       "translation: only human pairs have links to fix (edit its target "
                       "instead)")


def _versions_match(rows: list[dict[str, Any]], versions: Mapping[int, int]) -> None:
    missing = [row["id"] for row in rows if row["id"] not in versions]
    if missing:
        raise BadQuery("versions must give the version you read of each pair involved: "
                       f"missing pair(s) {', '.join(map(str, missing))}")
    stale = [row for row in rows if versions[row["id"]] != row["version"]]
    if stale:
        raise LinkConflict(
            "pair(s) " + ", ".join(str(row["id"]) for row in stale)
            + " changed since you read them; here they are as they are now",
            [_current(row) for row in rows])


def _current(row: Mapping[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "version": row["version"], "position": row["position"],
            "bead": row["bead"], "source": row["source"], "target": row["target"],
            "status": row["status"], "updated_by": row["updated_by"],
            "updated_at": row["updated_at"]}


def _note(note: Any) -> str | None:
    if note is not None and not isinstance(note, str):
        raise BadQuery("note must be a string")
    if note and len(note) > MAX_FIELD_CHARS:
        raise BadQuery(f"note is longer than {MAX_FIELD_CHARS} characters")
    return note or None


# ---------------------------------------------------------------- writing


def _snapshot(db: sqlite_utils.Database, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Whole rows with their history rows, in article order."""
    out = []
    for row in sorted(rows, key=lambda r: r["position"]):
        history = list(db.query("SELECT * FROM pair_history WHERE pair_id = ? ORDER BY id",
                                [row["id"]]))
        out.append({**row, "history": history})
    return out


def _flags(flag_lists: list[str | None], sentences: Mapping[str, list[str]]) -> list[str]:
    kept = [flag for flags in flag_lists for flag in json.loads(flags or "[]")
            if flag not in SHAPE_FLAGS]
    if not sentences["source"]:
        kept.append("no_source")
    elif not sentences["target"]:
        kept.append("no_target")
    return list(dict.fromkeys(kept))


def _columns(sentences: Mapping[str, list[str]], lang: str, flags: list[str]) -> dict[str, Any]:
    """The pair columns a set of sentences gives (the bead is the reviewer's:
    no machine score, and glossary spans of the old text no longer apply)."""
    source = " ".join(sentences["source"])
    target = glue(lang).join(sentences["target"]) or None
    return {"source": source, "source_key": memory_key(source), "target": target,
            "bead": bead_of(sentences), "score": None, "terms": "[]",
            "flags": json.dumps(flags, ensure_ascii=False),
            "sentences": json.dumps({"source": list(sentences["source"]),
                                     "target": list(sentences["target"])},
                                    ensure_ascii=False)}


def _rewrite(db: sqlite_utils.Database, row: Mapping[str, Any], columns: Mapping[str, Any],
             *, status: str, user: str, stamp: str) -> None:
    names = list(columns)
    cursor = db.execute(
        "UPDATE pairs SET " + ", ".join(f"{name} = ?" for name in names)
        + ", status = ?, version = version + 1, updated_at = ?, updated_by = ?"
        " WHERE id = ? AND version = ?",
        [*columns.values(), status, stamp, user, row["id"], row["version"]])
    if cursor.rowcount != 1:  # cannot happen under the write lock; never overwrite
        raise LinkConflict(f"pair {row['id']} changed while being fixed", [])


def _insert(db: sqlite_utils.Database, like: Mapping[str, Any], values: Mapping[str, Any],
            pair_id: int | None = None) -> int:
    """A new pair of ``like``'s translation; ``pair_id`` when that id is free."""
    row = {key: like[key] for key in ("translation_id", "article_id", "lang", "kind",
                                      "origin", "glossary_version", "created_at")}
    row.update(values)
    if pair_id is not None and not db.execute("SELECT 1 FROM pairs WHERE id = ?",
                                              [pair_id]).fetchone():
        row["id"] = pair_id
    return int(db["pairs"].insert(row).last_pk)


def _delete(db: sqlite_utils.Database, pair_id: int) -> None:
    # The row and its history are kept in the link change's "before".
    db.execute("DELETE FROM pair_history WHERE pair_id = ?", [pair_id])
    db.execute("DELETE FROM pairs WHERE id = ?", [pair_id])


def _shift(db: sqlite_utils.Database, translation_id: int, after: int, delta: int) -> None:
    """Move the pairs after position ``after`` by ``delta``, in two steps
    through negative positions so the unique index never sees two at one place."""
    if delta == 0:
        return
    db.execute("UPDATE pairs SET position = -position - 1"
               " WHERE translation_id = ? AND position > ?", [translation_id, after])
    db.execute("UPDATE pairs SET position = -position - 1 + ?"
               " WHERE translation_id = ? AND position < 0 AND position > ?",
               [delta, translation_id, _PARKED])


def _record(db: sqlite_utils.Database, translation_id: int, operation: str, user: str,
            note: str | None, before: list[dict[str, Any]], stamp: str,
            undo_of: int | None = None) -> int:
    return int(db["link_changes"].insert({
        "translation_id": translation_id, "operation": operation, "changed_at": stamp,
        "changed_by": user, "note": note,
        "before": json.dumps(before, ensure_ascii=False), "after": "[]",
        "undo_of": undo_of, "undone_by": None}).last_pk)


def _finish(db: sqlite_utils.Database, change_id: int, pair_ids: list[int]) -> dict[str, Any]:
    after = [{"id": pid, "version": db.execute("SELECT version FROM pairs WHERE id = ?",
                                               [pid]).fetchone()[0]} for pid in pair_ids]
    db.execute("UPDATE link_changes SET after = ? WHERE id = ?",
               [json.dumps(after), change_id])
    return {"change_id": change_id, "pair_ids": pair_ids}


def _log(db: sqlite_utils.Database, pair_id: int, stamp: str, user: str,
         old: Mapping[str, Any] | None, text: str, note: str | None) -> None:
    new = db.execute("SELECT target, status FROM pairs WHERE id = ?", [pair_id]).fetchone()
    db.execute(
        "INSERT INTO pair_history (pair_id, changed_at, changed_by, old_target, new_target,"
        " old_status, new_status, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [pair_id, stamp, user, old["target"] if old else None, new[0],
         old["status"] if old else None, new[1], f"{text}: {note}" if note else text])


def _shape(rows: list[Mapping[str, Any]]) -> str:
    return " + ".join(f"#{row['id']} {row['bead'] or '?'}" for row in rows)


def _result(db: sqlite_utils.Database, done: Mapping[str, Any], removed: list[int]
            ) -> dict[str, Any]:
    return {"change": get_change(db, done["change_id"]),
            "pairs": [get_pair(db, pid) for pid in done["pair_ids"]],
            "removed": removed}


def merge(db: sqlite_utils.Database, pair_id: int, other_id: int,
          versions: Mapping[int, int], user: str, note: Any = None,
          split: Splitter | None = None) -> dict[str, Any]:
    """One pair from two adjacent ones of a translation: the earlier keeps its
    id and takes both sides' sentences (1-1 + 1-1 -> 2-2, 1-0 + 0-1 -> 1-1)."""
    note = _note(note)
    if pair_id == other_id:
        raise BadQuery("a pair cannot be merged with itself")
    with write_transaction(db):
        a, b = _row(db, pair_id), _row(db, other_id)
        for row in (a, b):
            _human(row)
        # Stale versions first: a pair split or merged since explains a gap.
        _versions_match([a, b], versions)
        if a["translation_id"] != b["translation_id"] or abs(a["position"] - b["position"]) != 1:
            raise BadQuery(f"pairs {pair_id} and {other_id} are not neighbours in one "
                           "translation: only adjacent pairs merge")
        first, second = sorted((a, b), key=lambda r: r["position"])
        one, two = sentences_of(first, split), sentences_of(second, split)
        joined = {side: one[side] + two[side] for side in SIDES}
        stamp = now()
        before = _snapshot(db, [first, second])
        change = _record(db, first["translation_id"], "merge", user, note, before, stamp)
        kind = first["kind"] if first["source"] or not second["source"] else second["kind"]
        _delete(db, second["id"])
        columns = _columns(joined, first["lang"], _flags([first["flags"], second["flags"]],
                                                         joined))
        _rewrite(db, first, {**columns, "kind": kind}, status="edited", user=user, stamp=stamp)
        _shift(db, first["translation_id"], second["position"], -1)
        _log(db, first["id"], stamp, user, first,
             f"link change {change}: merged {_shape([first, second])} -> {columns['bead']}",
             note)
        done = _finish(db, change, [first["id"]])
    return _result(db, done, [second["id"]])


def _cut(name: str, value: Any, count: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= count:
        raise BadQuery(f"{name} must be a sentence index from 0 to {count} (the side has "
                       f"{count} sentence{'s' if count != 1 else ''})")
    return value


def split_pair(db: sqlite_utils.Database, pair_id: int, source_at: Any, target_at: Any,
               version: int, user: str, note: Any = None,
               split: Splitter | None = None) -> dict[str, Any]:
    """Two pairs from one: the first keeps the id and the sentences before the
    cuts (``source_at`` English sentences, ``target_at`` target sentences), a
    new pair right after it takes the rest."""
    note = _note(note)
    with write_transaction(db):
        row = _row(db, pair_id)
        _human(row)
        _versions_match([row], {pair_id: version})
        sentences = sentences_of(row, split)
        s_at = _cut("source_at", source_at, len(sentences["source"]))
        t_at = _cut("target_at", target_at, len(sentences["target"]))
        head = {"source": sentences["source"][:s_at], "target": sentences["target"][:t_at]}
        tail = {"source": sentences["source"][s_at:], "target": sentences["target"][t_at:]}
        if not (head["source"] or head["target"]) or not (tail["source"] or tail["target"]):
            raise BadQuery("both parts of a split need a sentence: cut between sentences "
                           f"(source_at 0..{len(sentences['source'])}, target_at "
                           f"0..{len(sentences['target'])}, not all at one end)")
        stamp = now()
        before = _snapshot(db, [row])
        change = _record(db, row["translation_id"], "split", user, note, before, stamp)
        _shift(db, row["translation_id"], row["position"], 1)
        flags = [row["flags"]]
        first = _columns(head, row["lang"], _flags(flags, head))
        second = _columns(tail, row["lang"], _flags(flags, tail))
        _rewrite(db, row, first, status="edited", user=user, stamp=stamp)
        new_id = _insert(db, row, {
            **second, "position": row["position"] + 1, "status": "edited", "version": 1,
            "updated_at": stamp, "updated_by": user, "created_at": stamp})
        text = (f"link change {change}: split #{row['id']} {row['bead'] or '?'} -> "
                f"#{row['id']} {first['bead']} + #{new_id} {second['bead']}")
        _log(db, row["id"], stamp, user, row, text, note)
        _log(db, new_id, stamp, user, row, text, note)
        done = _finish(db, change, [row["id"], new_id])
    return _result(db, done, [])


def repair(db: sqlite_utils.Database, pair_id: int, side: Any, direction: Any,
           versions: Mapping[int, int], user: str, note: Any = None,
           split: Splitter | None = None) -> dict[str, Any]:
    """Move one boundary sentence of ``side`` to the neighbouring pair: ``up``
    gives the pair's first sentence to the pair before (as its last), ``down``
    gives its last sentence to the pair after (as its first). A pair left with
    no sentence on either side is removed."""
    note = _note(note)
    if side not in SIDES:
        raise BadQuery(f"side must be one of {', '.join(SIDES)}")
    if direction not in DIRECTIONS:
        raise BadQuery(f"direction must be one of {', '.join(DIRECTIONS)}")
    with write_transaction(db):
        row = _row(db, pair_id)
        _human(row)
        step = -1 if direction == "up" else 1
        other = _at(db, row["translation_id"], row["position"] + step)
        if other is None:
            raise BadQuery(f"pair {pair_id} has no {'previous' if step < 0 else 'next'} "
                           "pair to move a sentence to")
        _human(other)
        _versions_match([row], versions)
        if other["id"] not in versions and set(versions) - {row["id"]}:
            # The client named another neighbour: its page is out of date.
            raise LinkConflict(
                f"the pair {'before' if step < 0 else 'after'} pair {pair_id} is now pair "
                f"{other['id']}: the links changed since you read them",
                [_current(row), _current(other)])
        _versions_match([row, other], versions)
        mine, theirs = sentences_of(row, split), sentences_of(other, split)
        if not mine[side]:
            raise BadQuery(f"pair {pair_id} has no {side} sentence to move")
        if direction == "up":
            theirs[side] = theirs[side] + [mine[side][0]]
            mine[side] = mine[side][1:]
        else:
            theirs[side] = [mine[side][-1]] + theirs[side]
            mine[side] = mine[side][:-1]
        stamp = now()
        before = _snapshot(db, [row, other])
        change = _record(db, row["translation_id"], "repair", user, note, before, stamp)
        emptied = not (mine["source"] or mine["target"])
        text = (f"link change {change}: moved a {side} sentence of #{row['id']} "
                f"{direction} to #{other['id']} (was {_shape(before)})")
        if emptied:
            _delete(db, row["id"])
            _shift(db, row["translation_id"], row["position"], -1)
        else:
            _rewrite(db, row, _columns(mine, row["lang"], _flags([row["flags"]], mine)),
                     status="edited", user=user, stamp=stamp)
        _rewrite(db, other, _columns(theirs, row["lang"], _flags([other["flags"]], theirs)),
                 status="edited", user=user, stamp=stamp)
        # The pairs the move left, in article order, each logged against its old self.
        left = [other] if emptied else sorted([row, other], key=lambda r: r["position"])
        for old in left:
            _log(db, old["id"], stamp, user, old, text, note)
        done = _finish(db, change, [old["id"] for old in left])
    return _result(db, done, [row["id"]] if emptied else [])


_RESTORED = ("kind", "source", "source_key", "target", "status", "flags", "terms", "bead",
             "score", "sentences")


def undo(db: sqlite_utils.Database, change_id: int, user: str, note: Any = None
         ) -> dict[str, Any]:
    """Put back the pairs a link change replaced, as they were (text, bead,
    state), if the pairs it left are still as it left them. The undo is itself
    a link change (and can be undone)."""
    note = _note(note)
    with write_transaction(db):
        rows = list(db.query("SELECT * FROM link_changes WHERE id = ?", [change_id]))
        if not rows:
            raise NotFound(change_id)
        change = rows[0]
        if change["undone_by"] is not None:
            raise LinkConflict(f"link change {change_id} was already undone by link change "
                               f"{change['undone_by']}", [])
        before = json.loads(change["before"])
        after = json.loads(change["after"])
        left = []
        for item in after:
            found = list(db.query("SELECT * FROM pairs WHERE id = ?", [item["id"]]))
            if not found or found[0]["version"] != item["version"]:
                raise LinkConflict(
                    f"the pairs link change {change_id} left were changed since (pair "
                    f"{item['id']}): undo is refused so no later work is lost; fix the "
                    "links again by hand", [_current(r) for r in found])
            left.append(found[0])
        translation_id = change["translation_id"]
        positions = sorted(r["position"] for r in left)
        if positions != list(range(positions[0], positions[0] + len(left))):
            raise LinkConflict(f"the pairs link change {change_id} left are no longer "
                               "together", [_current(r) for r in left])
        start, end = positions[0], positions[-1]
        stamp = now()
        undo_id = _record(db, translation_id, "undo", user, note, _snapshot(db, left), stamp,
                          undo_of=change_id)
        kept_ids = {p["id"] for p in before}
        by_id = {r["id"]: r for r in left}
        for number, row in enumerate(left):
            if row["id"] in kept_ids:
                db.execute("UPDATE pairs SET position = ? WHERE id = ?",
                           [_PARKED - number, row["id"]])
            else:
                _delete(db, row["id"])
        _shift(db, translation_id, end, len(before) - len(left))
        restored = []
        text = f"link change {undo_id}: undo of link change {change_id}"
        for offset, old in enumerate(before):
            values = {name: old[name] for name in _RESTORED}
            position = start + offset
            if old["id"] in by_id:
                current = by_id[old["id"]]
                db.execute(
                    "UPDATE pairs SET " + ", ".join(f"{name} = ?" for name in values)
                    + ", position = ?, version = version + 1, updated_at = ?, updated_by = ?"
                    " WHERE id = ?", [*values.values(), position, stamp, user, old["id"]])
                _log(db, old["id"], stamp, user, current, text, note)
                restored.append(old["id"])
                continue
            new_id = _insert(db, old, {
                **values, "position": position, "version": old["version"] + 1,
                "updated_at": stamp, "updated_by": user}, pair_id=old["id"])
            for entry in old["history"]:
                db["pair_history"].insert({**{k: v for k, v in entry.items() if k != "id"},
                                           "pair_id": new_id})
            _log(db, new_id, stamp, user, None, text, note)
            restored.append(new_id)
        db.execute("UPDATE link_changes SET undone_by = ? WHERE id = ?", [undo_id, change_id])
        done = _finish(db, undo_id, restored)
    removed = [r["id"] for r in left if r["id"] not in kept_ids]
    return _result(db, done, removed)
