"""Glossary candidates over HTTP: term pairs found in aligned human
translations, with the pairs they came from; reviewers accept one (it becomes
a proposed glossary entry, or an entry at once for an admin) or dismiss it."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, request

from ..constants import TARGET_LANGS
from ..errors import ApiError, refuse_unknown
from ..glossary.candidates import accept, dismiss
from ..glossary.governance import ChangeRefused
from ..glossary.in_force import glossary_in_force
from ..store import get_db
from ..store.candidates import STATES, evidence_pairs, get_candidate, list_candidates
from .auth import read_access, require_role

bp = Blueprint("candidates", __name__, url_prefix="/api/glossary/candidates")

ACCEPT_FIELDS = ("id", "kind", "ko", "ja", "en_surname")
SHOWN_EVIDENCE = 3


def _with_evidence(candidate: dict[str, Any]) -> dict[str, Any]:
    pairs = evidence_pairs(get_db(), candidate["evidence"][:SHOWN_EVIDENCE])
    return {**candidate, "evidence_pairs": pairs}


@bp.get("")
@read_access
def list_all() -> Any:
    lang = request.args.get("lang") or None
    state = request.args.get("state", "open")
    if lang is not None and lang not in TARGET_LANGS:
        raise ApiError(400, f"'lang' must be one of {', '.join(TARGET_LANGS)}")
    if state not in (*STATES, "all"):
        raise ApiError(400, f"'state' must be one of {', '.join(STATES)} or all")
    raw_limit = request.args.get("limit", "50")
    if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= 1000:
        raise ApiError(400, "'limit' must be a whole number from 1 to 1000")
    rows = list_candidates(get_db(), lang=lang, state=None if state == "all" else state,
                           limit=int(raw_limit))
    return {"count": len(rows), "candidates": [_with_evidence(row) for row in rows]}


@bp.get("/<int:candidate_id>")
@read_access
def show(candidate_id: int) -> Any:
    candidate = get_candidate(get_db(), candidate_id)
    if candidate is None:
        raise ApiError(404, f"no glossary candidate {candidate_id}")
    return _with_evidence(candidate)


def _accept_body() -> dict[str, Any]:
    """Optional JSON: the entry's id, kind, the other rendering, a surname."""
    if not request.get_data(cache=True):
        return {}
    if not request.is_json:
        raise ApiError(415, "send a JSON body with Content-Type: application/json")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "the body must be a JSON object")
    refuse_unknown(body, ACCEPT_FIELDS)
    for name in ACCEPT_FIELDS:
        if name in body and not isinstance(body[name], str):
            raise ApiError(400, f"{name!r} must be a string")
    return body


@bp.post("/<int:candidate_id>/accept")
@require_role("reviewer")
def accept_one(candidate_id: int) -> Any:
    db = get_db()
    try:
        result = accept(db, candidate_id, g.user, g.role, _accept_body())
    except ChangeRefused as refused:
        raise ApiError(refused.status, refused.message) from None
    if result["applied"]:
        result["version"] = glossary_in_force(db).version
    return result, 200 if result["applied"] else 202


@bp.post("/<int:candidate_id>/dismiss")
@require_role("reviewer")
def dismiss_one(candidate_id: int) -> Any:
    try:
        return {"candidate": dismiss(get_db(), candidate_id, g.user)}
    except ChangeRefused as refused:
        raise ApiError(refused.status, refused.message) from None
