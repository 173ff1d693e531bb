"""What several blueprints need: request validation, engine settings and the
glossary in force, each built once per app."""

from __future__ import annotations

from typing import Any

from flask import current_app

from ..config import engine_settings
from ..constants import TARGET_LANGS
from ..engine import EngineError, ModelNotInstalled, Translator, get_translator
from ..errors import ApiError
from ..glossary import Glossary
from ..glossary.in_force import glossary_in_force
from ..store import get_db
from .filters import FilterError, request_bool


def glossary_for(body: dict[str, Any]) -> Glossary | None:
    """The glossary in force, or None when the request says ``"glossary": false``."""
    try:
        use = request_bool("glossary", body.get("glossary", True))
    except FilterError as error:
        raise ApiError(400, str(error)) from None
    return glossary_in_force(get_db()) if use else None


def text_field(body: dict[str, Any], name: str, *, required: bool = True) -> str | None:
    value = body.get(name)
    if value is None:
        if required:
            raise ApiError(400, f"missing field {name!r}")
        return None
    if not isinstance(value, str):
        raise ApiError(400, f"{name!r} must be a string")
    if required and not value.strip():
        raise ApiError(400, f"{name!r} is empty")
    return within_limit(name, value)


def within_limit(name: str, value: str) -> str:
    """``value``, or a 413 when it is longer than MAX_TEXT_CHARS."""
    limit = current_app.config["MAX_TEXT_CHARS"]
    if len(value) > limit:
        raise ApiError(413, f"{name!r} has {len(value)} characters; the limit is {limit}")
    return value


def supported_target(target: str) -> str:
    """``target``, or a 422 naming the languages there are."""
    if target not in TARGET_LANGS:
        raise ApiError(422, f"unsupported target {target!r}; supported: "
                            + ", ".join(TARGET_LANGS))
    return target


def targets_field(body: dict[str, Any], default: tuple[str, ...] = TARGET_LANGS
                  ) -> list[str]:
    targets = body.get("targets", list(default))
    if isinstance(targets, str):
        targets = [t.strip() for t in targets.split(",") if t.strip()]
    if not isinstance(targets, list) or not targets or not all(
            isinstance(t, str) for t in targets):
        raise ApiError(400, "'targets' must be a non-empty list of language codes")
    for target in targets:
        supported_target(target)
    return list(dict.fromkeys(targets))


def engine_error(error: EngineError) -> ApiError:
    """An engine failure as the client should see it."""
    if isinstance(error, ModelNotInstalled):
        return ApiError(503, str(error))
    return ApiError(503, f"translation engine unavailable: {error}")


def translator_for(target: str) -> Translator:
    """The ``target`` translator, or the engine's failure as the client should see it."""
    try:
        return get_translator(engine_settings(), target)
    except EngineError as error:
        raise engine_error(error) from error
