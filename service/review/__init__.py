"""The review pages, rendered on the server (Jinja escapes every value) with a
little plain JavaScript that sends edits to the JSON API with the reviewer's
key: the queue, an article, the article list, the desk (submit an article)
and a dashboard of inline-SVG plots."""

from __future__ import annotations

import time
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from ..api.auth import identify
from ..api.filters import FilterError, encode_cursor, pair_query, whole_number
from ..config import engine_settings
from ..constants import LANGUAGE_NAMES, STATES, TARGET_LANGS
from ..engine import EngineError
from ..glossary.in_force import glossary_in_force
from ..language import english_or_reason
from ..segment.types import KINDS
from ..store import dashboard, get_db
from ..store import pairs as store
from ..store.articles import list_articles
from ..translate_article import NothingToTranslate, translate_article
from . import plots
from .candidates_page import candidates_view
from .intake import IntakeError, article_from_text, article_from_upload
from .render import flag_reason, history_diff, human_terms, pieces, term_title

bp = Blueprint("review", __name__, url_prefix="/review", template_folder="templates",
               static_folder="static")

# The queue's default: what still needs a person.
TODO_STATES = "machine,needs_review,edited"
KEY_COOKIE = "wa_key"
ARTICLES_PER_PAGE = 25


@bp.app_template_global()
def review_helpers() -> dict[str, Any]:
    return {"pieces": pieces, "flag_reason": flag_reason, "term_title": term_title,
            "safe_url": _safe_url, "history_diff": history_diff}


@bp.app_template_filter("when")
def _when(stamp: str | None) -> str:
    """A stored UTC time, to the minute, for people."""
    return f"{stamp[:16].replace('T', ' ')} UTC" if stamp else ""


def _safe_url(url: str | None) -> str | None:
    """Only web links become links: a ``javascript:`` URL in an article stays text."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


@bp.after_request
def _headers(response: Any) -> Any:
    # Defence in depth behind the escaping: no inline or foreign script may run.
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def error_page(error: HTTPException) -> Any:
    """A styled page for an HTTP error under /review, with a way back."""
    response = current_app.make_response((render_template(
        "review/error.html", code=error.code, name=error.name,
        description=error.description), error.code or 500))
    return _headers(response)


@bp.record_once
def _install_error_page(state: Any) -> None:
    # service.errors renders HTML errors under /review with this, when present.
    state.app.extensions["html_error_page"] = error_page


def _key() -> str | None:
    return request.headers.get("X-API-Key") or request.cookies.get(KEY_COOKIE)


def _may_read() -> bool:
    """Pages follow READS_NEED_KEY too; the browser sends the key as a session
    cookie the page's script sets (writes always use the X-API-Key header)."""
    if not current_app.config.get("READS_NEED_KEY"):
        return True
    return identify(_key()) is not None


def _login_page() -> Any:
    return render_template("review/login.html"), 401


def _with_human_terms(pairs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = human_terms(pairs, glossary_in_force(get_db())) if any(
        p.get("origin") == "human" and not p.get("terms") for p in pairs) else {}
    return [{**pair, "terms": found[pair["id"]]} if pair["id"] in found else pair
            for pair in pairs]


@bp.get("/")
def queue() -> Any:
    if not _may_read():
        return _login_page()
    args = MultiDict(request.args)
    chosen_state = args.get("state", "")
    if not chosen_state:
        args["state"] = TODO_STATES
    elif chosen_state == "all":
        args["state"] = ",".join(STATES)
    error, page = None, {"pairs": [], "next": None}
    counts, prev_url = None, None
    try:
        query = pair_query(args)
        page = store.list_pairs(get_db(), query)
        counts = store.counts_by_state(get_db(), query)
        if page["pairs"] and query.after:
            before = store.previous_cursor(get_db(), query, page["pairs"][0]["id"])
            if before is not None:
                prev_args = {k: v for k, v in request.args.items() if k != "cursor"}
                if before > 0:
                    prev_args["cursor"] = encode_cursor(before)
                prev_url = url_for("review.queue", **prev_args)
    except FilterError as bad:
        error = str(bad)
    pairs = _with_human_terms(page["pairs"])
    history = store.histories(get_db(), [pair["id"] for pair in pairs])
    next_url = None
    scanned_to = page.get("scanned_to")
    if page["next"]:
        next_args = {key: value for key, value in request.args.items() if key != "cursor"}
        next_url = url_for("review.queue", **next_args, cursor=encode_cursor(page["next"]))
    shown_states = [s for s in (args.get("state") or "").split(",") if s]
    matching = sum(n for s, n in (counts or {}).items() if s in shown_states or s == "")
    if matching > store.COUNT_CAP:
        matching = store.COUNT_CAP + 1  # "more than the cap"
    state_links = {state: url_for("review.queue", **{
        **{k: v for k, v in request.args.items() if k not in ("cursor", "state")},
        "state": state}) for state in STATES}
    return render_template("review/queue.html", pairs=pairs, history=history,
                           next_url=next_url, prev_url=prev_url, scanned_to=scanned_to,
                           filters=request.args, error=error, counts=counts,
                           matching=matching, state_links=state_links,
                           count_cap=store.COUNT_CAP,
                           state_choice=chosen_state, states=STATES,
                           kinds=KINDS), 400 if error else 200


@bp.get("/articles/<int:article_id>")
def article(article_id: int) -> Any:
    if not _may_read():
        return _login_page()
    lang = request.args.get("lang")
    if lang is not None and lang not in TARGET_LANGS:
        abort(404, f"no {lang!r} translations: the languages are {', '.join(TARGET_LANGS)}")
    try:
        view = store.article_for_review(get_db(), article_id, lang)
    except store.NotFound as missing:
        abort(404, str(missing))
    view["pairs"] = _with_human_terms(view["pairs"])
    return render_template("review/article.html", language_names=LANGUAGE_NAMES, **view)


@bp.get("/articles")
def articles() -> Any:
    if not _may_read():
        return _login_page()
    try:
        before = request.args.get("before")
        before_id = whole_number("before", before, 1) if before else None
    except FilterError as bad:
        abort(400, str(bad))
    page = list_articles(get_db(), limit=ARTICLES_PER_PAGE, before_id=before_id)
    ids = [row["id"] for row in page["articles"]]
    counts = store.state_counts_by_article(get_db(), ids)
    for row in page["articles"]:
        row["title"] = row["title"] or store.title_segment(get_db(), row["id"])
        row["counts"] = counts.get(row["id"], {})
    older = url_for("review.articles", before=page["next"]) if page["next"] else None
    return render_template("review/articles.html", articles=page["articles"], states=STATES,
                           older_url=older, newest_url=url_for("review.articles")
                           if before_id else None)


def _may_submit() -> bool:
    if not current_app.config.get("SUBMIT_NEEDS_KEY"):
        return True
    return identify(_key()) is not None


@bp.get("/desk")
def desk() -> Any:
    if not _may_read():
        return _login_page()
    return render_template("review/desk.html", form={}, langs=TARGET_LANGS,
                           language_names=LANGUAGE_NAMES)


@bp.post("/desk")
def submit() -> Any:
    """Translate a pasted or uploaded article and show it (303 to its page)."""
    form = request.form
    unknown = set(form) - {"text", "title", "url", "targets", "glossary"}
    if unknown or set(request.files) - {"file"}:
        abort(400, f"unknown form field(s): {', '.join(sorted(unknown | set(request.files)))}")

    def again(message: str, status: int) -> Any:
        return render_template("review/desk.html", form=form, error=message,
                               langs=TARGET_LANGS, language_names=LANGUAGE_NAMES), status

    if not _may_submit():
        return again("This server needs a key to submit articles: enter yours above.", 401)
    targets = [t for t in form.getlist("targets") if t in TARGET_LANGS] or list(TARGET_LANGS)
    upload = request.files.get("file")
    try:
        if upload is not None and upload.filename:
            text, found_title = article_from_upload(upload.read(), upload.filename,
                                                    upload.mimetype or "")
        else:
            text, found_title = article_from_text(form.get("text", ""))
    except IntakeError as bad:
        return again(str(bad), 422)
    if not text.strip():
        return again("Paste the article's text or choose a file.", 400)
    limit = current_app.config["MAX_TEXT_CHARS"]
    if len(text) > limit:
        return again(f"The article has {len(text):,} characters; the limit is {limit:,}.", 413)
    reason = english_or_reason(text)
    if reason:
        return again(reason, 422)
    use_glossary = form.get("glossary", "on") != "off"
    try:
        result = translate_article(
            get_db(), text=text, title=form.get("title", "").strip() or found_title,
            url=form.get("url", "").strip() or None, targets=targets,
            settings=engine_settings(),
            glossary=glossary_in_force(get_db()) if use_glossary else None)
    except EngineError as error:
        return again(f"The translation engine is not available: {error}", 503)
    except NothingToTranslate as error:
        return again(str(error), 422)
    return redirect(url_for("review.article", article_id=result.article["id"],
                            lang=targets[0]), 303)


# The dashboard reads every pair (about 0.4 s per 100,000 on the benchmark
# machine): its numbers are kept this many seconds per database.
DASHBOARD_SECONDS = 60
_dashboard_cache: dict[str, tuple[float, dict[str, Any]]] = {}


def _dashboard_numbers() -> dict[str, Any]:
    path = str(current_app.config["DATABASE"])
    cached = _dashboard_cache.get(path)
    if cached and time.monotonic() - cached[0] < DASHBOARD_SECONDS and not current_app.testing:
        return cached[1]
    db = get_db()
    numbers = {"over_time": dashboard.states_over_time(db),
               "reviewers": dashboard.throughput_by_reviewer(db),
               "flags": dashboard.flags_by_kind(db)}
    _dashboard_cache[path] = (time.monotonic(), numbers)
    return numbers


@bp.get("/dashboard")
def dashboard_page() -> Any:
    if not _may_read():
        return _login_page()
    numbers = _dashboard_numbers()
    over_time, reviewers, flags = numbers["over_time"], numbers["reviewers"], numbers["flags"]
    return render_template(
        "review/dashboard.html", over_time=plots.states_over_time(over_time),
        throughput=plots.throughput(reviewers), flags=plots.flags(flags),
        reviewers=reviewers, flag_rows=flags, days=over_time["days"])


@bp.get("/candidates")
def candidates() -> Any:
    """Glossary candidates from aligned human translations, to accept or dismiss."""
    if not _may_read():
        return _login_page()
    return render_template("review/candidates.html",
                           **candidates_view(get_db(), request.args.get("lang")))
