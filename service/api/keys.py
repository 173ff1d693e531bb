"""API keys over HTTP. ``GET /api/keys/me`` lets the review page check a key
when it is entered; making, listing and revoking keys is the admin's job."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g

from ..errors import ApiError, json_body, refuse_unknown
from ..store import get_db
from ..store.keys import ROLES, add_key, list_keys, revoke_key
from .auth import require_role

bp = Blueprint("keys", __name__, url_prefix="/api")


@bp.get("/keys/me")
@require_role("reviewer")
def me() -> Any:
    return {"name": g.user, "role": g.role}


@bp.get("/keys")
@require_role("admin")
def keys() -> Any:
    return {"keys": list_keys(get_db())}


@bp.post("/keys")
@require_role("admin")
def make_key() -> Any:
    body = json_body()
    refuse_unknown(body, ("name", "role"))
    name, role = body.get("name"), body.get("role", "reviewer")
    if not isinstance(name, str) or not name.strip():
        raise ApiError(400, "'name' must be a non-empty string")
    if role not in ROLES:
        raise ApiError(400, f"'role' must be one of {', '.join(ROLES)}")
    try:
        key = add_key(get_db(), name.strip(), role)
    except ValueError as error:
        raise ApiError(409, str(error)) from None
    # The key is shown this once; only its hash is stored.
    return {"name": name.strip(), "role": role, "key": key}, 201


@bp.delete("/keys/<name>")
@require_role("admin")
def revoke(name: str) -> Any:
    if not revoke_key(get_db(), name):
        raise ApiError(404, f"no live key named {name!r}")
    return {"name": name, "revoked": True}
