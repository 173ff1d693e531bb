"""The review pages: a queue of pairs and an article view, rendered on the
server (Jinja escapes every value) with a little plain JavaScript that sends
edits to the JSON API with the reviewer's key."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from ..api.auth import identify
from ..api.filters import FilterError, encode_cursor, pair_query
from ..constants import STATES
from ..segment.types import KINDS
from ..store import get_db
from ..store import pairs as store
from .render import flag_reason, pieces, term_title

bp = Blueprint("review", __name__, url_prefix="/review", template_folder="templates",
               static_folder="static")

# The queue's default: what still needs a person.
TODO_STATES = "machine,needs_review,edited"
KEY_COOKIE = "wa_key"


@bp.app_template_global()
def review_helpers() -> dict[str, Any]:
    return {"pieces": pieces, "flag_reason": flag_reason, "term_title": term_title,
            "safe_url": _safe_url}


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


def _may_read() -> bool:
    """Pages follow READS_NEED_KEY too; the browser sends the key as a session
    cookie the page's script sets (writes always use the X-API-Key header)."""
    if not current_app.config.get("READS_NEED_KEY"):
        return True
    key = request.headers.get("X-API-Key") or request.cookies.get(KEY_COOKIE)
    return identify(key) is not None


def _login_page() -> Any:
    return render_template("review/login.html"), 401


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
    try:
        page = store.list_pairs(get_db(), pair_query(args))
    except FilterError as bad:
        error = str(bad)
    history = store.histories(get_db(), [pair["id"] for pair in page["pairs"]])
    next_url = None
    scanned_to = page.get("scanned_to")
    if page["next"]:
        next_args = {key: value for key, value in request.args.items() if key != "cursor"}
        next_url = url_for("review.queue", **next_args, cursor=encode_cursor(page["next"]))
    return render_template("review/queue.html", pairs=page["pairs"], history=history,
                           next_url=next_url, scanned_to=scanned_to, filters=request.args,
                           error=error,
                           state_choice=chosen_state, states=STATES,
                           kinds=KINDS), 400 if error else 200


@bp.get("/articles/<int:article_id>")
def article(article_id: int) -> Any:
    if not _may_read():
        return _login_page()
    try:
        view = store.article_for_review(get_db(), article_id, request.args.get("lang"))
    except store.NotFound as missing:
        abort(404, str(missing))
    return render_template("review/article.html", **view)
