"""Who may change the glossary, and how: the seed file plus changes kept in
the database make one glossary; an entry is added, corrected, retired (kept in
history, no longer applied) or a change is reverted. An admin's change applies
at once; a reviewer's waits as a proposal until an admin approves it, showing
how many stored pairs it would alter. Every change must pass the glossary
check, and a case-blind entry for a common English word is refused for all.
The API and the CLI both come through here."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from ..store import glossary as store
from ..store import write_transaction
from .check import check_glossary
from .common_words import common_reason
from .files import glossary_to_file
from .find import find_mentions
from .in_force import entry_row, merged_rows, restore_seed, save_entry, seed_row
from .model import Entry, Glossary

ACTIONS = ("add", "correct", "retire", "revert")
PROPOSAL_STATES = ("pending", "approved", "rejected")


class ChangeRefused(Exception):
    """A change that may not be made; ``status`` is the HTTP answer to give."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Plan:
    """A checked change: what ``entry_id`` becomes (an entry, None for retired)
    and whether that is the seed file's form (the override is then dropped)."""

    action: str
    entry_id: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    to_seed: bool = False
    revert_of: int | None = None


def problems_with(rows: list[dict[str, Any]]) -> list[str]:
    """Run the same check CI runs on the file over the glossary as it would be."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "glossary.tsv"
        glossary_to_file(Glossary.from_rows(rows), path)
        return check_glossary(path)


def _english_forms(row: dict[str, Any] | None) -> list[str]:
    return list(Entry.from_row(row).english_forms) if row else []


def refuse_common_words(new: dict[str, Any], old: dict[str, Any] | None) -> None:
    """A tolerant entry may not bring in a form that is a common English word.
    Forms the entry already had are not judged again (correcting the Japanese
    of a seed entry does not re-open its English)."""
    entry = Entry.from_row(new)
    if entry.case != "tolerant":
        return
    kept = {form.casefold() for form in _english_forms(old)}
    for form in entry.english_forms:
        if form.casefold() in kept:
            continue
        reason = common_reason(form)
        if reason:
            raise ChangeRefused(422, f"{reason}: a tolerant entry for it would rewrite "
                                     "ordinary English everywhere; send \"case\": \"exact\" "
                                     "for a name, or a longer form")


def _retired_ids(db: sqlite_utils.Database) -> set[str]:
    return {row["id"] for row in store.retired(db)}


def _checked(db: sqlite_utils.Database, entry_id: str, new: dict[str, Any]) -> None:
    rows = [row for row in merged_rows(db) if row["id"] != entry_id] + [new]
    problems = problems_with(rows)
    if problems:
        raise ChangeRefused(422, "the glossary would not pass its check: " + "; ".join(problems))


def plan_change(db: sqlite_utils.Database, action: str, entry_id: str, *,
                entry: dict[str, Any] | None = None, revert_of: int | None = None) -> Plan:
    """Check a change against the glossary in force now; raise ChangeRefused."""
    if action not in ACTIONS:
        raise ChangeRefused(400, f"unknown action {action!r}; one of {', '.join(ACTIONS)}")
    current = entry_row(db, entry_id)
    if action == "add":
        if current is not None:
            raise ChangeRefused(409, f"entry {entry_id!r} exists; correct it instead")
        if entry_id in _retired_ids(db):
            raise ChangeRefused(409, f"entry {entry_id!r} was retired; revert its retirement "
                                     "or choose another id")
    elif action in ("correct", "retire") and current is None:
        raise ChangeRefused(404, f"no glossary entry {entry_id!r} in force")
    if action in ("add", "correct"):
        assert entry is not None
        refuse_common_words(entry, current)
        _checked(db, entry_id, entry)
        return Plan(action, entry_id, current, entry)
    if action == "retire":
        return Plan(action, entry_id, current, None)
    return _plan_revert(db, entry_id, revert_of)


def _plan_revert(db: sqlite_utils.Database, entry_id: str, change_id: int | None) -> Plan:
    change = store.get_change(db, change_id) if change_id is not None else None
    if change is None or change["entry_id"] != entry_id:
        raise ChangeRefused(404, f"no glossary change {change_id} of entry {entry_id!r}")
    current = entry_row(db, entry_id)
    if current != change["new"]:
        # Only a change whose result still stands can be undone, so that a
        # revert never silently discards a later change.
        latest = store.latest_change_id(db, entry_id)
        raise ChangeRefused(409, f"{entry_id!r} has changed since change {change['id']}; "
                                 f"revert change {latest} first")
    new = change["old"]
    if new is not None:
        refuse_common_words(new, current)
        _checked(db, entry_id, new)
    seed = seed_row(entry_id)
    return Plan("revert", entry_id, current, new, to_seed=seed is not None and new == seed,
                revert_of=change["id"])


def plan_for(db: sqlite_utils.Database, action: str, entry_id: str,
             entry: dict[str, Any] | None, revert_of: int | None) -> Plan:
    """:func:`plan_change`, for a revert addressed by change id alone."""
    if action == "revert" and revert_of is not None and not entry_id:
        change = store.get_change(db, revert_of)
        if change is None:
            raise ChangeRefused(404, f"no glossary change {revert_of}")
        entry_id = change["entry_id"]
    return plan_change(db, action, entry_id, entry=entry, revert_of=revert_of)


def apply(db: sqlite_utils.Database, plan: Plan, who: str) -> int:
    """Make the change; returns the id of the logged change."""
    if plan.to_seed:
        return restore_seed(db, plan.entry_id, who)
    if plan.new is None:
        # Retired: the last form is kept (history, the retired list) but not applied.
        last = plan.old or store.override_of(db, plan.entry_id) or {"id": plan.entry_id}
        return save_entry(db, last, who, deleted=True)
    return save_entry(db, plan.new, who)


def affected_pairs(db: sqlite_utils.Database, plan: Plan) -> int:
    """Stored pairs whose glossary terms or source text mention the entry's
    English forms, before or after the change: what re-translation would touch."""
    rows = [row for row in (plan.old, plan.new) if row]
    forms = sorted({form for row in rows for form in _english_forms(row)})
    glossaries = [Glossary([Entry.from_row(row)]) for row in rows]
    count = 0
    for pair in store.pairs_with_text(db, forms, [plan.entry_id]):
        named = any(isinstance(t, dict) and t.get("entry_id") == plan.entry_id
                    for t in _terms(pair["terms"]))
        if named or any(find_mentions([pair["source"] or ""], g)[0] for g in glossaries):
            count += 1
    return count


def _terms(raw: str | None) -> list[Any]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def submit(db: sqlite_utils.Database, action: str, entry_id: str, who: str, role: str, *,
           entry: dict[str, Any] | None = None, revert_of: int | None = None,
           note: str = "") -> dict[str, Any]:
    """An admin's change is applied; a reviewer's is kept as a proposal."""
    if role == "admin":
        # Checked and made under one write lock: two admins cannot both pass
        # the check against the same glossary and then both write.
        with write_transaction(db):
            change_id = apply(db, plan_for(db, action, entry_id, entry, revert_of), who)
        return {"applied": True, "change": store.get_change(db, change_id)}
    plan = plan_for(db, action, entry_id, entry, revert_of)
    proposal_id = store.add_proposal(db, entry_id=plan.entry_id, action=action,
                                     entry=entry, who=who, revert_of=plan.revert_of,
                                     note=note)
    return {"applied": False, "proposal": describe(db, store.get_proposal(db, proposal_id))}


def describe(db: sqlite_utils.Database, proposal: dict[str, Any] | None) -> dict[str, Any]:
    """A proposal with what it would do now: the entry before and after, the
    pairs it would alter, or why it could no longer be applied."""
    assert proposal is not None
    out = dict(proposal)
    if proposal["state"] != "pending":
        return out
    try:
        plan = plan_for(db, proposal["action"], proposal["entry_id"], proposal["data"],
                        proposal["revert_of"])
    except ChangeRefused as refused:
        out["blocked"] = refused.message
        return out
    out.update(before=plan.old, after=plan.new, affected_pairs=affected_pairs(db, plan))
    return out


def decide(db: sqlite_utils.Database, proposal_id: int, approve: bool, who: str
           ) -> dict[str, Any]:
    """Approve (re-checked against the glossary as it is now) or reject."""
    proposal = store.get_proposal(db, proposal_id)
    if proposal is None:
        raise ChangeRefused(404, f"no glossary proposal {proposal_id}")
    if proposal["state"] != "pending":
        raise ChangeRefused(409, f"proposal {proposal_id} was {proposal['state']} by "
                                 f"{proposal['decided_by']}")
    # One write lock for the check, the claim and the change: two admins
    # deciding at once apply a proposal once, against the glossary as it is.
    with write_transaction(db):
        plan = (plan_for(db, proposal["action"], proposal["entry_id"], proposal["data"],
                         proposal["revert_of"]) if approve else None)
        if not store.decide_proposal(db, proposal_id, "approved" if approve else "rejected",
                                     who):
            raise ChangeRefused(409, f"proposal {proposal_id} was decided meanwhile")
        if plan is not None:
            change_id = apply(db, plan, f"{proposal['proposed_by']} (approved by {who})")
            store.link_change(db, proposal_id, change_id)
    return store.get_proposal(db, proposal_id) or {}
