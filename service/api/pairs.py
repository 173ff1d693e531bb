"""Review over the API: list and search pairs, read one with its history,
edit it with optimistic concurrency, approve or reject many at once."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify, request

from .. import fuzzy
from ..errors import ApiError, json_body, refuse_unknown
from ..store import get_db, now
from ..store import pairs as store
from ..store.memory import fuzzy_candidates
from .auth import read_access, require_role
from .filters import (
    FilterError,
    deprecation_headers,
    encode_cursor,
    moment,
    pair_query,
    whole_number,
)

bp = Blueprint("pairs", __name__, url_prefix="/api")


@bp.get("/pairs")
@read_access
def list_pairs() -> Any:
    try:
        query = pair_query(request.args)
    except FilterError as error:
        raise ApiError(400, str(error)) from None
    as_of = now()  # before reading: bulk actions on this page act on what it showed
    page = store.list_pairs(get_db(), query)
    page["as_of"] = as_of
    if page["next"] is not None:
        page["next"] = encode_cursor(page["next"])
    return jsonify(page), deprecation_headers(request.args)


@bp.get("/pairs/<int:pair_id>")
@read_access
def get_pair(pair_id: int) -> Any:
    refuse_unknown(dict(request.args), ())
    pair = store.get_pair(get_db(), pair_id)
    if pair is None:
        raise ApiError(404, f"no pair {pair_id}")
    return jsonify(pair)


@bp.get("/pairs/<int:pair_id>/suggestions")
@read_access
def suggestions(pair_id: int) -> Any:
    """Approved pairs whose source is like this one's (fuzzy memory, >= 75%), best
    first, with the words that differ; for the editor to offer while editing."""
    refuse_unknown(dict(request.args), ("limit",))
    pair = store.get_pair(get_db(), pair_id)
    if pair is None:
        raise ApiError(404, f"no pair {pair_id}")
    try:
        limit = whole_number("limit", request.args.get("limit", "3"), 1, 10)
    except FilterError as error:
        raise ApiError(400, str(error)) from None
    candidates = fuzzy_candidates(get_db(), pair["lang"], pair["source"] or "", pair_id)
    return jsonify({"pair_id": pair_id, "min_score": fuzzy.MIN_SCORE,
                    "suggestions": fuzzy.suggestions(pair["source"] or "", candidates,
                                                     limit=limit)})


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
    """Approve or reject many pairs, only as the reviewer saw them: ``ids`` as
    ``[{"id", "version"}]`` (or plain ids with ``as_of``), or ``filters`` with
    ``as_of`` (the ``as_of`` a GET /api/pairs page gave out)."""
    body = json_body()
    refuse_unknown(body, ("action", "filters", "ids", "as_of", "note"))
    ids, filters, note = body.get("ids"), body.get("filters"), body.get("note")
    try:
        if ids is not None and filters is not None:
            raise store.BadQuery("send ids or filters, not both")
        seen, plain_ids = _seen_versions(ids) if ids is not None else (None, None)
        as_of = None
        if body.get("as_of") is not None:
            if not isinstance(body["as_of"], str):
                raise store.BadQuery("as_of must be a date-time string (ISO 8601)")
            as_of = moment("as_of", body["as_of"])
        if note is not None and not isinstance(note, str):
            raise store.BadQuery("note must be a string")
        query = _bulk_query(filters) if filters is not None else None
        result = store.bulk_review(get_db(), str(body.get("action")), g.user, query=query,
                                   ids=plain_ids, seen=seen, as_of=as_of, note=note)
    except (store.BadQuery, FilterError) as error:
        raise ApiError(400, str(error)) from None
    return jsonify(result), deprecation_headers(filters if isinstance(filters, dict) else ())


def _seen_versions(ids: Any) -> tuple[dict[int, int] | None, list[int] | None]:
    """``[{"id": 5, "version": 2}, ...]`` as {5: 2}, or plain ids (then as_of must say
    when the reviewer saw them)."""
    def whole(value: Any) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and value > 0

    if not isinstance(ids, list) or not ids:
        raise store.BadQuery("ids must be a non-empty list of {\"id\", \"version\"} objects")
    if all(whole(item) for item in ids):
        return None, ids
    if not all(isinstance(item, dict) and set(item) == {"id", "version"}
               and whole(item["id"]) and whole(item["version"]) for item in ids):
        raise store.BadQuery("each of ids must be {\"id\": <pair id>, \"version\": <the "
                             "version you saw>}")
    seen: dict[int, int] = {}
    for item in ids:
        if seen.setdefault(item["id"], item["version"]) != item["version"]:
            raise store.BadQuery(f"pair {item['id']} is listed with two versions")
    return seen, None


def _bulk_query(filters: Any) -> store.PairQuery:
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
    return pair_query(args)
