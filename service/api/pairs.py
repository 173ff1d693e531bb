"""Review over the API: list and search pairs, read one with its history,
edit it with optimistic concurrency, approve or reject many at once."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify, request

from ..errors import ApiError, json_body, refuse_unknown
from ..store import get_db
from ..store import pairs as store
from .auth import read_access, require_role
from .filters import FilterError, encode_cursor, pair_query

bp = Blueprint("pairs", __name__, url_prefix="/api")


@bp.get("/pairs")
@read_access
def list_pairs() -> Any:
    try:
        query = pair_query(request.args)
    except FilterError as error:
        raise ApiError(400, str(error)) from None
    page = store.list_pairs(get_db(), query)
    if page["next"] is not None:
        page["next"] = encode_cursor(page["next"])
    return jsonify(page)


@bp.get("/pairs/<int:pair_id>")
@read_access
def get_pair(pair_id: int) -> Any:
    pair = store.get_pair(get_db(), pair_id)
    if pair is None:
        raise ApiError(404, f"no pair {pair_id}")
    return jsonify(pair)


@bp.patch("/pairs/<int:pair_id>")
@require_role("reviewer")
def patch_pair(pair_id: int) -> Any:
    body = json_body()
    refuse_unknown(body, ("target", "state", "note", "version"))
    try:
        return jsonify(store.update_pair(get_db(), pair_id, body, g.user))
    except store.NotFound:
        raise ApiError(404, f"no pair {pair_id}") from None
    except store.BadQuery as error:
        raise ApiError(400, str(error)) from None
    except store.Conflict as conflict:
        raise ApiError(409, "the pair changed since you read it; here is the current version",
                       current=conflict.current) from None


@bp.post("/pairs/bulk")
@require_role("reviewer")
def bulk() -> Any:
    body = json_body()
    refuse_unknown(body, ("action", "filters", "ids", "note"))
    ids, filters, note = body.get("ids"), body.get("filters"), body.get("note")
    try:
        if ids is not None and filters is not None:
            raise store.BadQuery("send ids or filters, not both")
        if ids is not None and (not isinstance(ids, list) or not all(
                isinstance(i, int) and not isinstance(i, bool) for i in ids)):
            raise store.BadQuery("ids must be a list of pair ids")
        if note is not None and not isinstance(note, str):
            raise store.BadQuery("note must be a string")
        query = None
        if filters is not None:
            if not isinstance(filters, dict):
                raise store.BadQuery("filters must be an object, as GET /api/pairs takes them")
            if not all(isinstance(v, (str, int, list)) and not isinstance(v, bool)
                       for v in filters.values() if v is not None):
                raise store.BadQuery("each filter must be a string, a number or a list, as "
                                     "GET /api/pairs takes them")
            args = {key: ",".join(map(str, value)) if isinstance(value, list) else str(value)
                    for key, value in filters.items() if value is not None}
            if {"cursor", "limit"} & set(args):
                raise store.BadQuery("bulk acts on the whole filtered set: no cursor or limit")
            query = pair_query(args)
        result = store.bulk_review(get_db(), str(body.get("action")), g.user, query=query,
                                   ids=ids, note=note)
    except (store.BadQuery, FilterError) as error:
        raise ApiError(400, str(error)) from None
    return jsonify(result)
