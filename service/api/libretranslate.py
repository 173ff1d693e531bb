"""LibreTranslate's API (``/translate``, ``/detect``, ``/languages``,
``/frontend/settings``, ``/suggest``; files in ``api.files``), so the clients
newsrooms already have work unchanged.

Parameters are read as LibreTranslate reads them: from the JSON object when
the body is JSON, else from the query string and a form body together
(``request.values``); ``api_key`` likewise (or the X-API-Key header). Errors
have its shape, ``{"error": "..."}``: 400 for a missing ``q``/``source``/
``target``, 403 for an unknown key, 429 over the request limit (REQ_LIMIT, a
Flask-Limiter limit in ``api.limits``).

As LibreTranslate (Argos) does, text reaches the engine as sentences; unlike
it, all sentences of a request (an array ``q``, all of an HTML document's
text) go to the engine as ONE batch, and the glossary applies.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, current_app, request

from .. import events
from ..config import engine_settings
from ..constants import LANGUAGE_NAMES, SOURCE_LANG, TARGET_LANGS
from ..documents.files import SUFFIXES
from ..documents.html import plain_text, translate_html
from ..documents.sentences import by_sentences
from ..engine import Translator, installed_packages
from ..errors import ApiError
from ..glossary import Glossary, GlossaryOutcome, translate_with_glossary
from ..language import detect, english_or_reason
from .auth import identify, key_from_request
from .common import glossary_for, supported_target, translator_for

bp = Blueprint("libretranslate", __name__)

FORMATS = ("text", "html")
# The file types /translate_file takes (LibreTranslate lists its own the same way).
FILE_FORMATS = SUFFIXES
STAND_IN_WARNING = ("STAND-IN MODEL: this output comes from a stand-in copy model "
                    "and is NOT a translation.")


def lt_params() -> dict[str, Any]:
    """The request's parameters as LibreTranslate reads them: the JSON object
    when the body is JSON, else the query string and the form together. A
    repeated ``q`` in a form or query string is taken as an array."""
    if request.is_json:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise ApiError(400, "Invalid request: the JSON body must be an object")
        return body
    params: dict[str, Any] = {}
    for name in request.values:
        values = request.values.getlist(name)
        params[name] = values if name == "q" and len(values) > 1 else values[0]
    if isinstance(params.get("glossary"), str):
        params["glossary"] = params["glossary"].strip().lower() not in ("false", "0", "no", "off")
    return params


def check_client() -> str:
    """The client's name, after LibreTranslate's key rules: an unknown key is
    403; no key where one is required is 400. (Its request limit was counted
    before the view, by Flask-Limiter: ``api.limits``.)"""
    key = key_from_request()
    who = identify(key) if key else None
    if key and who is None:
        raise ApiError(403, "Invalid API key")
    if who is None and current_app.config.get("SUBMIT_NEEDS_KEY"):
        raise ApiError(400, "Please contact the server operator to get an API key")
    return f"key:{who['name']}" if who else f"addr:{request.remote_addr}"


def language_pair(params: dict[str, Any]) -> tuple[str, str]:
    """``source`` and ``target``, checked: 400 when missing, 422 when not offered."""
    for name in ("source", "target"):
        if name in params and not isinstance(params[name], str):
            raise ApiError(400, "Invalid request: source and target must be language codes "
                                "(strings)")
    source, target = params.get("source"), params.get("target")
    if not source:
        raise ApiError(400, "Invalid request: missing source parameter")
    if not target:
        raise ApiError(400, "Invalid request: missing target parameter")
    if source not in (SOURCE_LANG, "auto"):
        raise ApiError(422, f"{source} is not supported as a source language; use 'en' or "
                            "'auto'")
    return source, supported_target(target)


def count_alternatives(params: dict[str, Any]) -> int:
    """``alternatives`` as a number, capped by MAX_ALTERNATIVES."""
    raw = params.get("alternatives", 0)
    if isinstance(raw, bool) or raw in ("", None):
        raw = 0
    try:
        wanted = int(raw)
    except (TypeError, ValueError):
        raise ApiError(400, "Invalid request: alternatives must be a whole number") from None
    if wanted < 0:
        raise ApiError(400, "Invalid request: alternatives must be 0 or more")
    return min(wanted, int(current_app.config["MAX_ALTERNATIVES"]))


def char_limit(texts: list[str]) -> None:
    """LibreTranslate's text limit: a 400 naming both numbers."""
    limit = current_app.config["MAX_TEXT_CHARS"]
    size = sum(len(text) for text in texts)
    if size > limit:
        raise ApiError(400, f"Invalid request: request ({size}) exceeds text limit ({limit})")


def glossary_batch(translator: Translator, target: str, glossary: Glossary | None,
                   cut_sentences: bool = True) -> Callable[[list[str]], list[str]]:
    """A batch function: texts in, translations with the glossary enforced out
    (the engine fed sentences unless the caller already cut them)."""
    engine = by_sentences(translator.batcher().translate, target) if cut_sentences else \
        translator.batcher().translate

    def batch(texts: list[str]) -> list[str]:
        outcomes = translate_with_glossary(texts, target, engine, glossary)
        _announce(target, outcomes)
        return [o.target for o in outcomes]
    return batch


def _announce(target: str, outcomes: list[GlossaryOutcome]) -> None:
    """Count the segments and glossary results (metrics listen)."""
    events.segments_translated.send(target=target, origin="engine", count=len(outcomes))
    events.glossary_outcomes.send(target=target, outcomes=outcomes)


def with_alternatives(translator: Translator, texts: list[str], target: str,
                      glossary: Glossary | None, wanted: int
                      ) -> tuple[list[GlossaryOutcome], list[list[str]]]:
    """The best translations and up to ``wanted`` distinct others per text, from
    ONE n-best engine call: every pass of the glossary reads the cached list."""
    cache: dict[tuple[str, ...], list[list[str]]] = {}

    def nth(k: int) -> Callable[[list[str]], list[str]]:
        def batch(sources: list[str]) -> list[str]:
            key = tuple(sources)
            if key not in cache:
                cache[key] = translator.translate_n_best(sources, wanted + 1)
            return [hyps[k] if k < len(hyps) else hyps[0] for hyps in cache[key]]
        return batch

    best = translate_with_glossary(texts, target, by_sentences(nth(0), target), glossary)
    others: list[list[str]] = [[] for _ in texts]
    for k in range(1, wanted + 1):
        for i, outcome in enumerate(translate_with_glossary(
                texts, target, by_sentences(nth(k), target), glossary)):
            if outcome.target != best[i].target and outcome.target not in others[i]:
                others[i].append(outcome.target)
    return best, others


@bp.post("/translate")
def translate() -> Any:
    """Translate text or HTML from English into Korean or Japanese.

    LibreTranslate's ``/translate``: ``q`` (a string or an array), ``source``
    (``en`` or ``auto``), ``target``, ``format`` (``text`` or ``html``),
    ``alternatives`` (up to MAX_ALTERNATIVES others from the engine's n-best
    list; text only, as LibreTranslate), ``api_key``, and wirealign's
    ``glossary`` (false to translate without it).
    """
    params = lt_params()
    check_client()
    q = params.get("q")
    if q is None or q == "":
        raise ApiError(400, "Invalid request: missing q parameter")
    texts = q if isinstance(q, list) else [q]
    if not texts or not all(isinstance(t, str) for t in texts):
        raise ApiError(400, "Invalid request: q must be a string or a list of strings")
    source, target = language_pair(params)
    text_format = params.get("format") or "text"
    if text_format not in FORMATS:
        raise ApiError(400, "Invalid request: format must be 'text' or 'html'")
    wanted = count_alternatives(params)
    char_limit(texts)
    words = [plain_text(t) for t in texts] if text_format == "html" else texts
    joined = "\n".join(words)
    # Markup with no words in it (an empty <p>) simply comes back as it is.
    reason = None if text_format == "html" and not joined.strip() else english_or_reason(joined)
    if reason:
        raise ApiError(422, reason)

    glossary = glossary_for(params)
    translator = translator_for(target)

    reply: dict[str, Any] = {}
    if text_format == "html":
        translated = translate_html(  # cuts its runs into sentences itself
            texts, glossary_batch(translator, target, glossary, cut_sentences=False), target)
        if wanted:
            reply["alternatives"] = [[] for _ in texts] if isinstance(q, list) else []
    else:
        if wanted:
            outcomes, others = with_alternatives(translator, texts, target, glossary, wanted)
            reply["alternatives"] = others if isinstance(q, list) else others[0]
        else:
            outcomes = translate_with_glossary(texts, target,
                                               by_sentences(translator.batcher().translate, target),
                                               glossary)
        _announce(target, outcomes)
        translated = [o.target for o in outcomes]
        reply["appliedTerminologies"] = [
            [{"entry": t.entry_id, "source": t.source_text, "rendering": t.rendering,
              "enforced": t.enforced} for t in o.terms] for o in outcomes]
    reply["translatedText"] = translated if isinstance(q, list) else translated[0]
    if source == "auto":  # one per text for an array, as LibreTranslate answers
        detected = [_detected(text) for text in words]
        reply["detectedLanguage"] = detected if isinstance(q, list) else detected[0]
    if translator.package.stand_in:
        reply["stand_in"] = True
        reply["warning"] = STAND_IN_WARNING
    return reply


def _detected(text: str) -> dict[str, Any]:
    """LibreTranslate's ``detectedLanguage`` for one accepted (English) text."""
    code, confidence = detect(text)
    return {"language": code if code not in ("en", "und") else "en",
            "confidence": round(confidence * 100)}


@bp.post("/detect")
def detect_language() -> Any:
    """Detect the language of ``q`` (LibreTranslate's ``/detect``)."""
    params = lt_params()
    check_client()
    q = params.get("q")
    if not isinstance(q, str) or not q.strip():
        raise ApiError(400, "Invalid request: missing q parameter")
    char_limit([q])
    code, confidence = detect(q)
    return [{"language": code, "confidence": round(confidence * 100, 1)}]


def _targets() -> list[str]:
    packages = installed_packages(engine_settings().packages_dir)
    return sorted({p.to_code for p in packages if p.from_code == SOURCE_LANG
                   and p.to_code in TARGET_LANGS})


@bp.get("/languages")
def languages() -> Any:
    """The languages there are models for (LibreTranslate's ``/languages``)."""
    targets = _targets()
    reply = [{"code": SOURCE_LANG, "name": LANGUAGE_NAMES[SOURCE_LANG], "targets": targets}]
    reply += [{"code": code, "name": LANGUAGE_NAMES[code], "targets": []} for code in targets]
    return reply


@bp.get("/frontend/settings")
def frontend_settings() -> Any:
    """What LibreTranslate's web page and clients read before translating."""
    targets = _targets() or list(TARGET_LANGS)
    return {
        "apiKeys": True,
        "keyRequired": bool(current_app.config.get("SUBMIT_NEEDS_KEY")),
        "charLimit": int(current_app.config["MAX_TEXT_CHARS"]),
        "frontendTimeout": 500,
        "suggestions": False,
        "filesTranslation": True,
        "supportedFilesFormat": list(FILE_FORMATS),
        "language": {
            "source": {"code": SOURCE_LANG, "name": LANGUAGE_NAMES[SOURCE_LANG]},
            "target": {"code": targets[0], "name": LANGUAGE_NAMES[targets[0]]},
        },
    }


@bp.post("/suggest")
def suggest() -> Any:
    """LibreTranslate's suggestions: off here (corrections go through the review desk)."""
    raise ApiError(403, "Suggestions are disabled on this server.")
