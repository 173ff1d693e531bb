"""``GET /health``: is the service up and ready, which models does it have,
and is any of them a stand-in.

Ready means a translation could be made and stored now: the database answers
and can take writes (not read-only, disk not nearly full), the glossary in
force loads, and every installed model loads. When one of them cannot, the
answer is 503 with ``"status": "not ready"`` and every reason in
``"problems"``. Missing models alone keep the old ``"degraded"`` (200): the
languages that are installed still work. Nothing here waits for the engine
or the write lock.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app

from .. import __version__
from ..config import engine_settings
from ..constants import TARGET_LANGS
from ..engine import EngineError, get_translator, installed_packages
from ..glossary.in_force import glossary_in_force
from ..store import get_db
from ..store.health import readiness_problems

bp = Blueprint("health", __name__)


def _model_problems(settings: Any, targets: list[str]) -> list[str]:
    problems = []
    for target in targets:
        try:
            get_translator(settings, target)  # loaded once, then cached
        except EngineError as error:
            problems.append(f"model en->{target}: {error}")
    return problems


@bp.get("/health")
def health() -> Any:
    settings = engine_settings()
    problems: list[str] = []
    try:
        packages = [p for p in installed_packages(settings.packages_dir) if p.from_code == "en"]
        engine_problem = None
    except EngineError as error:
        packages, engine_problem = [], str(error)
    have = sorted({p.to_code for p in packages if p.to_code in TARGET_LANGS})
    missing = [t for t in TARGET_LANGS if t not in have]
    stand_in = any(p.stand_in for p in packages)

    db = get_db()
    min_free = int(current_app.config.get("HEALTH_MIN_FREE_MB", 50)) * 1024 * 1024
    problems += readiness_problems(db, current_app.config["DATABASE"], min_free)
    try:
        glossary_in_force(db)
    except Exception as error:  # any failure to load it fails every translation
        problems.append(f"glossary: {type(error).__name__}: {error}")
    problems += _model_problems(settings, have)

    if problems:
        status = "not ready"
    elif missing or engine_problem is not None:
        status = "degraded"
    else:
        status = "ok"
    reply: dict[str, Any] = {
        "status": status,
        "ready": status == "ok",
        "version": __version__,
        "languages": [{"source": p.from_code, "target": p.to_code, "package": p.name,
                       "version": p.version, "stand_in": p.stand_in} for p in packages],
        "missing": missing,
        "stand_in": stand_in,
    }
    if problems:
        reply["problems"] = problems
    if stand_in:
        reply["warning"] = "a STAND-IN copy model is installed: its output is not a translation"
    if engine_problem:
        reply["engine_error"] = engine_problem
    return reply, 503 if problems else 200
