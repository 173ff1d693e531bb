"""Fixing alignment links over the API: merge two adjacent human pairs, split
one between its sentences, move a boundary sentence to the neighbouring pair,
list an article's link changes and undo one. Every write takes the versions
the reviewer read (409 when stale) and refuses unknown fields."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify, request

from ..constants import MAX_SQLITE_INT, TARGET_LANGS
from ..errors import ApiError, json_body, refuse_unknown
from ..fix_links import sentences_of_text
from ..store import beads as store
from ..store import get_db
from .auth import read_access, require_role

bp = Blueprint("beads", __name__, url_prefix="/api")


def _pair_id(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_SQLITE_INT:
        raise ApiError(400, f"{name} must be a pair id (a positive integer)")
    return value


def _versions(body: dict[str, Any]) -> dict[int, int]:
    """``{"<pair id>": version, ...}`` as sent (JSON keys are strings)."""
    versions = body.get("versions")
    if not isinstance(versions, dict) or not versions:
        raise ApiError(400, "versions is required: an object of pair id -> the version you "
                            'read, e.g. {"12": 3, "13": 1}')
    out = {}
    for key, version in versions.items():
        if not (key.isascii() and key.isdigit() and 0 < int(key) <= MAX_SQLITE_INT):
            raise ApiError(400, f"versions: {key!r} is not a pair id")
        if isinstance(version, bool) or not isinstance(version, int):
            raise ApiError(400, f"versions: the version of pair {key} must be an integer")
        out[int(key)] = version
    return out


def _fix(action: Any) -> Any:
    try:
        return jsonify(action())
    except store.NotFound as missing:
        raise ApiError(404, f"no pair {missing}") from None
    except store.BadQuery as error:
        raise ApiError(400, str(error)) from None
    except store.LinkConflict as conflict:
        raise ApiError(409, str(conflict), current=conflict.current) from None


@bp.get("/pairs/<int:pair_id>/sentences")
@read_access
def sentences(pair_id: int) -> Any:
    try:
        return jsonify(store.pair_sentences(get_db(), pair_id, sentences_of_text))
    except store.NotFound:
        raise ApiError(404, f"no pair {pair_id}") from None


@bp.post("/pairs/<int:pair_id>/merge")
@require_role("reviewer")
def merge(pair_id: int) -> Any:
    body = json_body()
    refuse_unknown(body, ("with", "versions", "note"))
    other = _pair_id("with", body.get("with"))
    versions = _versions(body)
    return _fix(lambda: store.merge(get_db(), pair_id, other, versions, g.user,
                                    body.get("note"), sentences_of_text))


@bp.post("/pairs/<int:pair_id>/split")
@require_role("reviewer")
def split(pair_id: int) -> Any:
    body = json_body()
    refuse_unknown(body, ("source_at", "target_at", "version", "note"))
    version = body.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ApiError(400, "version is required: the version of the pair you read (an "
                            "integer)")
    for name in ("source_at", "target_at"):
        if name not in body:
            raise ApiError(400, f"missing field {name!r}: the sentence index to cut before "
                                "(0 puts every sentence of that side in the second pair)")
    return _fix(lambda: store.split_pair(get_db(), pair_id, body["source_at"],
                                         body["target_at"], version, g.user,
                                         body.get("note"), sentences_of_text))


@bp.post("/pairs/<int:pair_id>/repair")
@require_role("reviewer")
def repair(pair_id: int) -> Any:
    body = json_body()
    refuse_unknown(body, ("side", "direction", "versions", "note"))
    for name in ("side", "direction"):
        if name not in body:
            raise ApiError(400, f"missing field {name!r}: side is source or target, "
                                "direction up (to the previous pair) or down (to the next)")
    versions = _versions(body)
    return _fix(lambda: store.repair(get_db(), pair_id, body["side"], body["direction"],
                                     versions, g.user, body.get("note"), sentences_of_text))


@bp.get("/articles/<int:article_id>/link-changes")
@read_access
def link_changes(article_id: int) -> Any:
    unknown = sorted(set(request.args) - {"lang", "api_key"})
    if unknown:
        raise ApiError(400, f"unknown parameter(s): {', '.join(unknown)}; send lang")
    lang = request.args.get("lang")
    if lang not in TARGET_LANGS:
        raise ApiError(400, f"lang is required: one of {', '.join(TARGET_LANGS)}")
    return jsonify({"changes": store.article_link_changes(get_db(), article_id, lang)})


@bp.post("/link-changes/<int:change_id>/undo")
@require_role("reviewer")
def undo(change_id: int) -> Any:
    body = json_body()
    refuse_unknown(body, ("note",))
    try:
        return jsonify(store.undo(get_db(), change_id, g.user, body.get("note")))
    except store.NotFound:
        raise ApiError(404, f"no link change {change_id}") from None
    except store.BadQuery as error:
        raise ApiError(400, str(error)) from None
    except store.LinkConflict as conflict:
        raise ApiError(409, str(conflict), current=conflict.current) from None
