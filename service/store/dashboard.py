"""What the review dashboard plots: pairs by state over time, review throughput
per reviewer, and flags by kind. Each is one query; the review pages draw them."""

from __future__ import annotations

from collections import Counter
from typing import Any

import sqlite_utils

# Days shown on the time plots (the newest ones that had any activity).
MAX_DAYS = 60


def states_over_time(db: sqlite_utils.Database) -> dict[str, Any]:
    """For each day with activity: how many pairs were in each state at its end.

    Built from events: a pair enters in the state its first history row left
    (or its current state, if it never changed) on its creation day; every
    history row moves one pair from ``old_status`` to ``new_status``.
    """
    deltas: dict[str, Counter[str]] = {}
    # Pairs by creation day and current state (one pass, no per-pair look-up)...
    for day, state, count in db.execute(
            "SELECT substr(created_at, 1, 10), status, count(*) FROM pairs GROUP BY 1, 2"):
        deltas.setdefault(day, Counter())[state] += count
    # ...then the pairs that changed since enter in the state they had first,
    # found from the history alone (far smaller than the pairs).
    for day, now, first, count in db.execute(
            """SELECT substr(p.created_at, 1, 10), p.status, h.old_status, count(*)
               FROM pair_history h JOIN pairs p ON p.id = h.pair_id
               WHERE h.id = (SELECT min(id) FROM pair_history WHERE pair_id = h.pair_id)
               GROUP BY 1, 2, 3"""):
        deltas[day][now] -= count
        deltas[day][first] += count
    for day, old, new, count in db.execute(
            """SELECT substr(changed_at, 1, 10), old_status, new_status, count(*)
               FROM pair_history WHERE old_status IS NOT new_status GROUP BY 1, 2, 3"""):
        moves = deltas.setdefault(day, Counter())
        moves[old] -= count
        moves[new] += count
    running: Counter[str] = Counter()
    days, series = [], []
    for day in sorted(deltas):
        running.update(deltas[day])
        days.append(day)
        series.append({state: n for state, n in running.items() if n})
    return {"days": days[-MAX_DAYS:], "counts": series[-MAX_DAYS:]}


def throughput_by_reviewer(db: sqlite_utils.Database, since: str | None = None
                           ) -> list[dict[str, Any]]:
    """Decisions per reviewer (history rows by people, not the pipeline), split
    by the state they left the pair in; most active first."""
    where, params = ("WHERE changed_at >= ?", [since]) if since else ("", [])
    rows = db.execute(
        f"""SELECT changed_by, new_status, count(*) FROM pair_history {where}
            GROUP BY changed_by, new_status""", params).fetchall()
    people: dict[str, Counter[str]] = {}
    for who, state, count in rows:
        if who and who != "retranslate":
            people.setdefault(who, Counter())[state] += count
    return sorted(({"reviewer": who, "total": sum(c.values()), "by_state": dict(c)}
                   for who, c in people.items()), key=lambda r: (-r["total"], r["reviewer"]))


def flags_by_kind(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Pairs carrying each kind of flag (``glossary_miss:kim-jong-un`` counts as
    ``glossary_miss``), most frequent first; pairs without flags are skipped
    before any JSON is parsed."""
    rows = db.execute(
        """SELECT CASE WHEN instr(j.value, ':') THEN substr(j.value, 1, instr(j.value, ':') - 1)
                       ELSE j.value END AS flag_kind, count(DISTINCT p.id)
           FROM pairs p, json_each(p.flags) j
           WHERE p.flags != '[]' GROUP BY flag_kind ORDER BY 2 DESC, 1""").fetchall()
    return [{"flag": kind, "pairs": count} for kind, count in rows]
