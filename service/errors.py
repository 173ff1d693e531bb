"""Every error a client can cause is answered as ``{"error": "..."}`` with the
right status; nothing a client sends may produce a 500."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from flask import Flask, current_app, jsonify, request
from werkzeug.exceptions import (
    HTTPException,
    InternalServerError,
    MethodNotAllowed,
    RequestEntityTooLarge,
)
from werkzeug.routing import IntegerConverter

from .constants import MAX_SQLITE_INT
from .store.health import failure_cause

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class SqliteIntConverter(IntegerConverter):
    """``<int:...>`` in routes, bounded by SQLite's largest integer: a larger
    id is simply not found (404), never an OverflowError in the query."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_SQLITE_INT)
        super().__init__(map, *args, **kwargs)


def _has_lone_surrogate(value: Any) -> bool:
    """True when any string in a parsed JSON value holds a lone surrogate
    (JSON allows the escape; SQLite, CTranslate2 and UTF-8 do not)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _LONE_SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def check_json_body() -> None:
    """Before any view: a JSON body is read within the size limit (413, also
    when sent chunked), parses without exhausting the stack, and holds only
    valid Unicode; otherwise the request ends here with a clear 4xx."""
    if not request.is_json:
        return
    data = request.get_data(cache=True)
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if request.content_length is None and limit and len(data) >= limit:
        # A chunked body is cut at the limit by werkzeug without an error;
        # reaching the limit means the client sent more than it may.
        raise RequestEntityTooLarge()
    try:
        body = request.get_json(silent=True)
    except RecursionError:
        raise ApiError(400, "the JSON body is nested too deeply") from None
    if body is not None and _has_lone_surrogate(body):
        raise ApiError(400, "the JSON body holds invalid Unicode (a lone surrogate escape)")


class ApiError(Exception):
    """Raised by views and the pipeline for an answer other than success."""

    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.extra = extra


def json_body() -> dict[str, Any]:
    """The request's JSON object, or a clear 415/400."""
    if not request.is_json:
        raise ApiError(415, "send a JSON body with Content-Type: application/json")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "the body must be a JSON object")
    return body


def refuse_unknown(body: dict[str, Any], fields: tuple[str, ...]) -> None:
    """A 400 naming any field the endpoint does not take (``api_key`` is always allowed)."""
    unknown = sorted(set(body) - set(fields) - {"api_key"})
    if unknown:
        raise ApiError(400, f"unknown field(s): {', '.join(unknown)}; send "
                            + ", ".join(fields))


def init_app(app: Flask) -> None:
    app.before_request(check_json_body)
    @app.errorhandler(ApiError)
    def _api_error(error: ApiError) -> Any:
        return jsonify(error=error.message, **error.extra), error.status

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Any:
        if error.code == 413:
            limit = app.config.get("MAX_CONTENT_LENGTH")
            return jsonify(error=f"request body too large (limit {limit} bytes)"), 413
        wants_html = (request.path.startswith("/review")
                      and request.accept_mimetypes.accept_html)
        if wants_html:
            # The review pages register a styled page with a way back.
            page = app.extensions.get("html_error_page")
            return page(error) if page else error
        response = jsonify(error=error.description or error.name)
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)  # RFC 9110
        return response, error.code

    @app.errorhandler(sqlite3.Error)
    def _database(error: sqlite3.Error) -> Any:
        # A sick host (full disk, read-only file) is not a bug: say what is wrong.
        cause = failure_cause(error)
        if cause is None:
            return _unexpected(error)
        status, message, retry_after = cause
        app.logger.error("database failure on %s %s: %s", request.method, request.path, error)
        response = jsonify(error=message)
        response.status_code = status
        if retry_after:
            response.headers["Retry-After"] = str(retry_after)
        return response

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Any:
        app.logger.exception("unexpected error on %s %s", request.method, request.path)
        page = app.extensions.get("html_error_page")
        if page and request.path.startswith("/review") and request.accept_mimetypes.accept_html:
            return page(InternalServerError("The page could not be made; nothing was "
                                            "changed. The server log has the details."))
        return jsonify(error="internal error: the request was not applied; see the server log"), 500
