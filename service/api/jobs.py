"""Jobs over HTTP: ``POST /api/jobs`` queues big work and answers 202 with the
job; ``GET /api/jobs/<id>`` shows its progress and results; ``DELETE`` cancels.

What a job may hold:
- ``{"articles": [{"text", "title"?, "url"?}, ...], "targets"?, "glossary"?}``
- ``{"article": {"text", ...}}``: one article (e.g. at the size limit)
- a JSONL file, one article object a line: as the body with Content-Type
  ``application/x-ndjson`` (or ``application/jsonl``), or as the ``file``
  field of a multipart form; ``targets`` and ``glossary`` then come from the
  query string or form
- ``{"retranslate": "stale"}``: every translation made with an older glossary
"""

from __future__ import annotations

import json
import re
from typing import Any

from flask import Blueprint, current_app, request, url_for

from ..config import parse_bool
from ..errors import ApiError, json_body, refuse_unknown
from ..store import get_db
from ..store.jobs import create_job, get_job, list_jobs, request_cancel
from .auth import read_access, submit_access
from .common import targets_field, within_limit
from .filters import FilterError, yes_no

bp = Blueprint("jobs", __name__, url_prefix="/api")

JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines",
               "application/jsonlines")
ARTICLE_FIELDS = ("text", "title", "url")
_JOB_ID = re.compile(r"^[0-9a-f]{32}$")


def _article(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ApiError(400, f"{where}: an article must be an object with 'text'")
    unknown = sorted(set(value) - set(ARTICLE_FIELDS))
    if unknown:
        raise ApiError(400, f"{where}: unknown field(s) {', '.join(unknown)}; send "
                            + ", ".join(ARTICLE_FIELDS))
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, f"{where}: 'text' must be a non-empty string")
    within_limit(f"{where}: text", text)
    for name in ("title", "url"):
        if value.get(name) is not None and not isinstance(value[name], str):
            raise ApiError(400, f"{where}: {name!r} must be a string")
    return {name: value[name] for name in ARTICLE_FIELDS if value.get(name) is not None}


def _jsonl_articles(raw: bytes) -> list[dict[str, Any]]:
    try:
        lines = raw.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise ApiError(400, "the JSONL file is not UTF-8") from None
    articles = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):
            raise ApiError(400, f"line {number}: not a JSON object") from None
        articles.append(_article(value, f"line {number}"))
    return articles


def _options(source: Any) -> dict[str, Any]:
    """targets and glossary from a JSON body, a form or the query string."""
    raw = dict(source)
    targets = targets_field(raw)
    glossary = raw.get("glossary", True)
    if not isinstance(glossary, bool):
        try:
            glossary = parse_bool("glossary", glossary)
        except ValueError:
            raise ApiError(400, "'glossary' must be true or false") from None
    return {"targets": targets, "glossary": glossary}


def _job_from_request() -> tuple[str, dict[str, Any], list[dict[str, Any]]]:
    # A JSONL file may be larger than a JSON body: up to JOB_MAX_BYTES.
    request.max_content_length = int(current_app.config["JOB_MAX_BYTES"])
    if request.mimetype in JSONL_TYPES:
        return "articles", _options(request.args), _jsonl_articles(request.get_data())
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise ApiError(400, "send the JSONL file as the form field 'file'")
        return "articles", _options({**request.args, **request.form}), _jsonl_articles(
            upload.read())
    body = json_body()
    if "retranslate" in body:
        refuse_unknown(body, ("retranslate",))
        if body["retranslate"] != "stale":
            raise ApiError(400, "'retranslate' takes the value 'stale'")
        return "retranslate", {"stale": True}, [{"retranslate": "stale"}]
    refuse_unknown(body, ("articles", "article", "targets", "glossary"))
    if ("articles" in body) == ("article" in body):
        raise ApiError(400, "send 'articles' (a list) or 'article' (one), or a JSONL file")
    if "article" in body:
        articles = [_article(body["article"], "article")]
    else:
        if not isinstance(body["articles"], list) or not body["articles"]:
            raise ApiError(400, "'articles' must be a non-empty list")
        articles = [_article(a, f"articles[{i}]") for i, a in enumerate(body["articles"])]
    return "articles", _options(body), articles


@bp.post("/jobs")
@submit_access
def create_job_route() -> Any:
    kind, params, items = _job_from_request()
    if not items:
        raise ApiError(400, "the job holds no article")
    limit = int(current_app.config["JOB_MAX_ARTICLES"])
    if len(items) > limit:
        raise ApiError(413, f"the job holds {len(items)} articles; the limit is {limit}")
    from ..jobs.worker import job_worker

    backend = str(current_app.config["JOBS_BACKEND"])
    job_id = create_job(get_db(), kind, params, items, backend=backend)
    job_worker(current_app._get_current_object()).submit(job_id)  # type: ignore[attr-defined]
    reply = get_job(get_db(), job_id, with_items=False)
    location = url_for("jobs.job_route", job_id=job_id)
    return {**reply, "links": {"self": location}}, 202, {"Location": location}


def _job_id(job_id: str) -> str:
    if not _JOB_ID.match(job_id):
        raise ApiError(404, f"no job {job_id!r}")
    return job_id


@bp.get("/jobs")
@read_access
def jobs_route() -> Any:
    return {"jobs": list_jobs(get_db())}


@bp.get("/jobs/<job_id>")
@read_access
def job_route(job_id: str) -> Any:
    # ?items=false: state and progress only, for clients that poll a big job
    # (each article's result made every poll of a 100-article job cost ~5 ms).
    try:
        with_items = yes_no("items", request.args.get("items", "true"))
    except FilterError as error:
        raise ApiError(400, str(error)) from None
    job = get_job(get_db(), _job_id(job_id), with_items=with_items)
    if job is None:
        raise ApiError(404, f"no job {job_id!r}")
    return job


@bp.delete("/jobs/<job_id>")
@submit_access
def cancel_job_route(job_id: str) -> Any:
    if not request_cancel(get_db(), _job_id(job_id)):
        raise ApiError(404, f"no job {job_id!r}")
    return get_job(get_db(), job_id, with_items=False), 202
