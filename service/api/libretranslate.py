"""LibreTranslate's API (``/translate``, ``/detect``, ``/languages``), so the
clients newsrooms already have work unchanged. Unlike LibreTranslate, an array
``q`` goes to the engine as ONE batch, and the glossary applies."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request

from ..config import engine_settings
from ..constants import LANGUAGE_NAMES, SOURCE_LANG, TARGET_LANGS
from ..engine import EngineError, get_translator, installed_packages
from ..errors import ApiError
from ..glossary import translate_with_glossary
from ..language import detect, english_or_reason
from .common import engine_error, glossary_for, supported_target, within_limit

bp = Blueprint("libretranslate", __name__)



def _form_or_json() -> dict[str, Any]:
    """LibreTranslate clients send JSON or an HTML form; accept both."""
    if request.is_json:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise ApiError(400, "the body must be a JSON object")
        return body
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        body: dict[str, Any] = request.form.to_dict()
        if "glossary" in body:
            body["glossary"] = body["glossary"].lower() not in ("false", "0", "no")
        return body
    raise ApiError(415, "send JSON (application/json) or a form "
                        "(application/x-www-form-urlencoded)")


@bp.post("/translate")
def translate() -> Any:
    body = _form_or_json()
    q = body.get("q")
    if q is None:
        raise ApiError(400, "Invalid request: missing q parameter")
    texts = q if isinstance(q, list) else [q]
    if not texts or not all(isinstance(t, str) for t in texts):
        raise ApiError(400, "Invalid request: q must be a string or a list of strings")
    source = body.get("source", "en")
    target = body.get("target")
    if target is None or target == "":
        raise ApiError(400, "Invalid request: missing target parameter")
    if not isinstance(target, str) or not isinstance(source, str):
        raise ApiError(400, "Invalid request: source and target must be language codes "
                            "(strings)")
    if body.get("format", "text") != "text":
        raise ApiError(400, "only format 'text' is supported")
    if source not in ("en", "auto"):
        raise ApiError(422, f"{source} is not supported as a source language; use 'en' or 'auto'")
    supported_target(target)
    joined = within_limit("q", "\n".join(texts))
    reason = english_or_reason(joined)
    if reason:
        raise ApiError(422, reason)

    glossary = glossary_for(body)
    try:
        translator = get_translator(engine_settings(), target)
    except EngineError as error:
        raise engine_error(error) from error
    # Through the engine queue: concurrent clients share engine calls.
    outcomes = translate_with_glossary(texts, target, translator.batcher().translate, glossary)

    reply: dict[str, Any] = {
        "translatedText": [o.target for o in outcomes] if isinstance(q, list)
        else outcomes[0].target,
    }
    if source == "auto":
        code, confidence = detect(joined)
        reply["detectedLanguage"] = {"language": "en", "confidence": round(confidence * 100)}
        if code not in ("en", "und"):
            reply["detectedLanguage"]["language"] = code
    reply["appliedTerminologies"] = [
        [{"entry": t.entry_id, "source": t.source_text, "rendering": t.rendering,
          "enforced": t.enforced} for t in o.terms] for o in outcomes]
    if translator.package.stand_in:
        reply["stand_in"] = True
        reply["warning"] = ("STAND-IN MODEL: this output comes from a stand-in copy model "
                            "and is NOT a translation.")
    return reply


@bp.post("/detect")
def detect_language() -> Any:
    body = _form_or_json()
    q = body.get("q")
    if not isinstance(q, str) or not q.strip():
        raise ApiError(400, "Invalid request: missing q parameter")
    code, confidence = detect(q)
    return [{"language": code, "confidence": round(confidence * 100, 1)}]


@bp.get("/languages")
def languages() -> Any:
    packages = installed_packages(engine_settings().packages_dir)
    targets = sorted({p.to_code for p in packages if p.from_code == "en"
                      and p.to_code in TARGET_LANGS})
    reply = [{"code": SOURCE_LANG, "name": LANGUAGE_NAMES[SOURCE_LANG], "targets": targets}]
    reply += [{"code": code, "name": LANGUAGE_NAMES[code], "targets": []} for code in targets]
    return reply
