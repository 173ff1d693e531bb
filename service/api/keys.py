"""``GET /api/keys/me``: whose key is this? Lets the review page check a key
when it is entered instead of at the first save."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g

from .auth import require_role

bp = Blueprint("keys", __name__, url_prefix="/api")


@bp.get("/keys/me")
@require_role("reviewer")
def me() -> Any:
    return {"name": g.user, "role": g.role}
