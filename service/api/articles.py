"""Articles: submit wire copy for translation, read what is stored."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request

from ..config import engine_settings
from ..engine import EngineError
from ..errors import ApiError, json_body, refuse_unknown
from ..language import english_or_reason
from ..segment.html import article_text
from ..store import get_db
from ..store.articles import get_article, list_articles
from ..translate_article import NothingToTranslate, translate_article
from .auth import read_access, submit_access
from .common import engine_error, glossary_for, targets_field, text_field
from .filters import FilterError, parse_filters

bp = Blueprint("articles", __name__, url_prefix="/api")


@bp.post("/articles")
@submit_access
def create_article() -> Any:
    body = json_body()
    refuse_unknown(body, ("text", "html", "title", "url", "targets", "glossary"))
    text = _article_text(body)
    title = text_field(body, "title", required=False)
    url = text_field(body, "url", required=False)
    targets = targets_field(body)
    reason = english_or_reason(text)
    if reason:
        raise ApiError(422, reason)
    glossary = glossary_for(body)
    try:
        result = translate_article(get_db(), text=text, title=title, url=url,
                                   targets=targets, settings=engine_settings(),
                                   glossary=glossary)
    except EngineError as error:
        raise engine_error(error) from error
    except NothingToTranslate as error:
        raise ApiError(422, str(error)) from error
    article = _with_stand_in_notice(result.article)
    return article, 201 if result.created else 200


def _article_text(body: dict[str, Any]) -> str:
    """The article's text: ``text`` as sent, or the article of a whole HTML page
    (``html``; navigation, related links and comments dropped by trafilatura)."""
    if "html" not in body:
        return text_field(body, "text")
    if "text" in body:
        raise ApiError(400, "send the article as 'text' or as a whole page in 'html', not both")
    text = article_text(text_field(body, "html"))
    if not text.strip():
        raise ApiError(422, "no article was found in the HTML page")
    return text


@bp.get("/articles")
@read_access
def articles_page() -> Any:
    got = _args(("limit", "before"))
    return list_articles(get_db(), limit=got.get("limit", 20), before_id=got.get("before"))


@bp.get("/articles/<int:article_id>")
@read_access
def article(article_id: int) -> Any:
    wanted = _args(("lang",)).get("lang")
    found = get_article(get_db(), article_id, list(wanted) if wanted else None)
    if found is None:
        raise ApiError(404, f"no article {article_id}")
    return _with_stand_in_notice(found)


def _with_stand_in_notice(article: dict[str, Any]) -> dict[str, Any]:
    """Say it loudly when a stand-in copy model made any of these pairs."""
    stand_ins = [t["target"] for t in article["translations"] if t["engine"]["stand_in"]]
    if stand_ins:
        article = {**article, "stand_in": True, "warning": (
            "STAND-IN MODEL: the " + ", ".join(stand_ins) + " output was made by a stand-in "
            "copy model that returns its input; it is NOT a translation. Install real "
            "models with `wirealign models install ko ja`.")}
    return article


def _args(fields: tuple[str, ...]) -> dict[str, Any]:
    try:
        return parse_filters(request.args, fields)
    except FilterError as error:
        raise ApiError(400, str(error)) from None
