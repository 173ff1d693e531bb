"""Alignments: an English article with the human Korean or Japanese version
a newsroom already has, turned into stored pairs."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from ..align_article import (
    NothingToAlign,
    align_article,
    attach_to_article,
    machine_translation_for,
    target_problem,
)
from ..config import engine_settings
from ..constants import TARGET_LANGS
from ..errors import ApiError, json_body
from ..language import english_or_reason
from ..store import get_db
from .auth import submit_access
from .common import glossary_for, text_field

bp = Blueprint("alignments", __name__, url_prefix="/api")


def _lang(body: dict[str, Any]) -> str:
    lang = body.get("target")
    if lang is None:
        raise ApiError(400, "missing field 'target' (ko or ja)")
    if lang not in TARGET_LANGS:
        raise ApiError(422, f"unsupported target {lang!r}; supported: ko, ja")
    return lang


def _checked_target(body: dict[str, Any], lang: str) -> str:
    target_text = text_field(body, "target_text")
    problem = target_problem(target_text, lang)
    if problem:
        raise ApiError(422, problem)
    return target_text


@bp.post("/alignments")
@submit_access
def create_alignment() -> Any:
    body = json_body()
    source_text = text_field(body, "source_text")
    lang = _lang(body)
    target_text = _checked_target(body, lang)
    reason = english_or_reason(source_text)
    if reason:
        raise ApiError(422, f"source_text: {reason}")
    try:
        article, created = align_article(
            get_db(), source_text=source_text, target_text=target_text, lang=lang,
            glossary=glossary_for(body), title=text_field(body, "title", required=False),
            url=text_field(body, "url", required=False),
            translate=machine_translation_for(engine_settings(), lang))
    except NothingToAlign as error:
        raise ApiError(422, str(error)) from error
    return article, 201 if created else 200


@bp.post("/articles/<int:article_id>/alignments")
@submit_access
def attach_alignment(article_id: int) -> Any:
    body = json_body()
    lang = _lang(body)
    target_text = _checked_target(body, lang)
    try:
        result = attach_to_article(get_db(), article_id, target_text=target_text, lang=lang,
                                   glossary=glossary_for(body),
                                   translate=machine_translation_for(engine_settings(), lang))
    except NothingToAlign as error:
        raise ApiError(422, str(error)) from error
    if result is None:
        raise ApiError(404, f"no article {article_id}")
    article, created = result
    return article, 201 if created else 200
