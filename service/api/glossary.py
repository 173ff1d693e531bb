"""The glossary over HTTP: read and filter it; add, correct or retire entries
and revert changes without a deploy (kept in SQLite, logged with who and
when): an admin's change applies at once, a reviewer's is a proposal an admin
approves or rejects (service/glossary/governance.py); export the result back
to the file format."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, g, request

from ..constants import TARGET_LANGS
from ..errors import ApiError, json_body, refuse_unknown
from ..glossary.files import export_amazon_csv, export_deepl_tsv, glossary_to_text
from ..glossary.governance import PROPOSAL_STATES, ChangeRefused, decide, describe, submit
from ..glossary.in_force import glossary_in_force
from ..glossary.model import COLUMNS, KINDS
from ..store import get_db
from ..store.glossary import get_proposal, proposals, recent_changes, retired
from .auth import read_access, require_role

bp = Blueprint("glossary", __name__, url_prefix="/api")


@bp.get("/glossary")
@read_access
def entries() -> Any:
    refuse_unknown(dict(request.args), ("lang", "kind", "q"))
    glossary = glossary_in_force(get_db())
    lang = request.args.get("lang")
    kind = request.args.get("kind")
    text = (request.args.get("q") or "").casefold()
    if lang and lang not in ("en", "ko", "ja"):
        raise ApiError(400, "'lang' must be en, ko or ja")
    if kind and kind not in KINDS:
        raise ApiError(400, f"'kind' must be one of {', '.join(KINDS)}")
    rows = []
    for row in glossary.to_rows():
        if kind and row["kind"] != kind:
            continue
        if text:
            fields = [v for k, v in row.items() if lang is None or k.startswith((lang, "id"))]
            if not any(text in value.casefold() for value in fields):
                continue
        rows.append(row)
    return {"version": glossary.version, "count": len(rows), "entries": rows}


def _entry_from_body(body: dict[str, Any], entry_id: str | None = None) -> dict[str, str]:
    refuse_unknown(body, tuple(COLUMNS))
    if entry_id is not None and body.get("id") not in (None, entry_id):
        raise ApiError(400, f"the body's id {body.get('id')!r} differs from the URL's "
                            f"{entry_id!r}; an entry's id cannot be changed")
    entry = {column: body.get(column, "") for column in COLUMNS}
    if entry_id is not None:
        entry["id"] = entry_id
    for column, value in entry.items():
        if isinstance(value, list):
            entry[column] = "|".join(str(v) for v in value)
        elif not isinstance(value, str):
            raise ApiError(400, f"{column!r} must be a string")
    missing = [c for c in ("id", "kind", "en", "ko", "ja") if not entry[c].strip()]
    if missing:
        raise ApiError(400, f"missing field {missing[0]!r}")
    return entry


def _submitted(action: str, entry_id: str, *, entry: dict[str, str] | None = None,
               revert_of: int | None = None, applied_status: int = 200) -> Any:
    """Apply an admin's change, or keep a reviewer's as a proposal (202)."""
    db = get_db()
    try:
        result = submit(db, action, entry_id, g.user, g.role, entry=entry, revert_of=revert_of)
    except ChangeRefused as refused:
        raise ApiError(refused.status, refused.message) from None
    if not result["applied"]:
        return result, 202
    change = result["change"]
    return {"applied": True, "change": change, "entry": change["new"],
            "version": glossary_in_force(db).version}, applied_status


@bp.post("/glossary")
@require_role("reviewer")
def add_entry() -> Any:
    entry = _entry_from_body(json_body())
    return _submitted("add", entry["id"], entry=entry, applied_status=201)


@bp.put("/glossary/<entry_id>")
@require_role("reviewer")
def correct_entry(entry_id: str) -> Any:
    return _submitted("correct", entry_id, entry=_entry_from_body(json_body(), entry_id))


@bp.post("/glossary/<entry_id>/retire")
@require_role("reviewer")
def retire_entry(entry_id: str) -> Any:
    return _submitted("retire", entry_id)


@bp.post("/glossary/changes/<int:change_id>/revert")
@require_role("reviewer")
def revert_change(change_id: int) -> Any:
    return _submitted("revert", "", revert_of=change_id)


@bp.get("/glossary/retired")
@read_access
def retired_entries() -> Any:
    rows = retired(get_db())
    return {"count": len(rows), "entries": rows}


@bp.get("/glossary/proposals")
@read_access
def list_proposals() -> Any:
    state = request.args.get("state", "pending")
    if state not in (*PROPOSAL_STATES, "all"):
        raise ApiError(400, f"'state' must be one of {', '.join(PROPOSAL_STATES)} or all")
    db = get_db()
    rows = [describe(db, p) for p in proposals(db, None if state == "all" else state)]
    return {"count": len(rows), "proposals": rows}


@bp.get("/glossary/proposals/<int:proposal_id>")
@read_access
def show_proposal(proposal_id: int) -> Any:
    db = get_db()
    proposal = get_proposal(db, proposal_id)
    if proposal is None:
        raise ApiError(404, f"no glossary proposal {proposal_id}")
    return describe(db, proposal)


def _decided(proposal_id: int, approve: bool) -> Any:
    db = get_db()
    try:
        proposal = decide(db, proposal_id, approve, g.user)
    except ChangeRefused as refused:
        raise ApiError(refused.status, refused.message) from None
    return {"proposal": proposal, "version": glossary_in_force(db).version}


@bp.post("/glossary/proposals/<int:proposal_id>/approve")
@require_role("admin")
def approve_proposal(proposal_id: int) -> Any:
    return _decided(proposal_id, True)


@bp.post("/glossary/proposals/<int:proposal_id>/reject")
@require_role("admin")
def reject_proposal(proposal_id: int) -> Any:
    return _decided(proposal_id, False)


@bp.get("/glossary/changes")
@read_access
def changes() -> Any:
    return {"changes": recent_changes(get_db())}


@bp.get("/glossary/export")
@read_access
def export() -> Any:
    refuse_unknown(dict(request.args), ("format", "to"))
    glossary = glossary_in_force(get_db())
    fmt = request.args.get("format", "file")
    to = request.args.get("to", "ko")
    if fmt == "file":
        return Response(glossary_to_text(glossary), mimetype="text/tab-separated-values")
    if fmt == "deepl-tsv":
        if to not in TARGET_LANGS:
            raise ApiError(400, "'to' must be ko or ja")
        return Response(export_deepl_tsv(glossary, to), mimetype="text/tab-separated-values")
    if fmt == "amazon-csv":
        return Response(export_amazon_csv(glossary), mimetype="text/csv")
    raise ApiError(400, "'format' must be file, deepl-tsv or amazon-csv")
