"""Every error a client can cause is answered as ``{"error": "..."}`` with the
right status; nothing a client sends may produce a 500."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException


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


def init_app(app: Flask) -> None:
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
            return error
        return jsonify(error=error.description or error.name), error.code

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Any:
        app.logger.exception("unexpected error on %s %s", request.method, request.path)
        return jsonify(error="internal error: the request was not applied; see the server log"), 500
