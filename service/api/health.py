"""``GET /health``: is the service up, which models does it have, and is any
of them a stand-in."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from .. import __version__
from ..config import engine_settings
from ..constants import TARGET_LANGS
from ..engine import EngineError, installed_packages
from ..store import get_db

bp = Blueprint("health", __name__)


@bp.get("/health")
def health() -> Any:
    settings = engine_settings()
    try:
        packages = [p for p in installed_packages(settings.packages_dir) if p.from_code == "en"]
        engine_problem = None
    except EngineError as error:
        packages, engine_problem = [], str(error)
    get_db().execute("SELECT 1")  # the database answers
    have = {p.to_code for p in packages}
    missing = [t for t in TARGET_LANGS if t not in have]
    stand_in = any(p.stand_in for p in packages)
    reply: dict[str, Any] = {
        "status": "ok" if not missing and engine_problem is None else "degraded",
        "version": __version__,
        "languages": [{"source": p.from_code, "target": p.to_code, "package": p.name,
                       "version": p.version, "stand_in": p.stand_in} for p in packages],
        "missing": missing,
        "stand_in": stand_in,
    }
    if stand_in:
        reply["warning"] = "a STAND-IN copy model is installed: its output is not a translation"
    if engine_problem:
        reply["engine_error"] = engine_problem
    return reply
