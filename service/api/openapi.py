"""The OpenAPI 3.1 document, generated from the code: every route of the app
(its path, methods, path parameters and converters, its view's docstring)
joined with its contract from ``api.contracts``, assembled with apispec.
Served at ``/openapi.json`` and ``/spec`` (LibreTranslate's name), shown by
Swagger UI at ``/docs`` from the swagger-ui-bundle package (no CDN: it works
offline). Request bodies are validated against it before the view runs: a
body that does not match gets a 400 naming the field."""

from __future__ import annotations

import inspect
import re
from functools import cache
from typing import Any

import swagger_ui_bundle
from apispec import APISpec
from flask import Blueprint, Flask, current_app, request, send_from_directory
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .. import __version__
from ..errors import ApiError
from .contracts import CONTRACTS, ERROR, JSON, UNDOCUMENTED_PREFIXES, Contract

bp = Blueprint("openapi", __name__)

_PATH_PARAM = re.compile(r"<(?:(?P<converter>[a-z]+)(?:\([^)]*\))?:)?(?P<name>[A-Za-z_]+)>")
_METHODS = ("get", "post", "put", "patch", "delete")
_SPEC_KEY = "wirealign.openapi"
_TYPE_WORDS = {"string": "a string", "integer": "a whole number", "number": "a number",
               "boolean": "true or false", "array": "a list", "object": "an object",
               "null": "null"}
_STATUS_TEXT = {"200": "OK", "201": "Created",
                "202": "Accepted: kept as a proposal until an admin decides",
                "409": "Conflict: changed since it was read; the answer says what is now",
                "4XX": "Refused: the error says why",
                "503": "The translation engine or a model is unavailable"}

DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>wirealign API</title>
<link rel="stylesheet" href="/docs/static/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/static/swagger-ui-bundle.js"></script>
<script src="/docs/static/docs-init.js"></script>
</body></html>
"""
DOCS_INIT = """window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui",
  deepLinking: true, validatorUrl: null, tryItOutEnabled: false});
"""


def routed_operations(app: Flask) -> list[tuple[str, str, str]]:
    """(rule, method, endpoint) for every API route of ``app``."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(UNDOCUMENTED_PREFIXES):
            continue
        for method in sorted(rule.methods or ()):
            if method.lower() in _METHODS:
                found.append((rule.rule, method.lower(), rule.endpoint))
    return found


def _path_and_parameters(rule: str) -> tuple[str, list[dict[str, Any]]]:
    parameters = []
    for match in _PATH_PARAM.finditer(rule):
        converter = match.group("converter") or "string"
        schema: dict[str, Any] = ({"type": "integer", "minimum": 0, "maximum": 2**63 - 1}
                                  if converter == "int" else {"type": "string",
                                                              "pattern": "^[^/]+$"})
        parameters.append({"name": match.group("name"), "in": "path", "required": True,
                           "schema": schema})
    return _PATH_PARAM.sub(lambda m: "{" + m.group("name") + "}", rule), parameters


def _operation(app: Flask, endpoint: str, contract: Contract,
               path_parameters: list[dict[str, Any]]) -> dict[str, Any]:
    view = app.view_functions[endpoint]
    doc = inspect.getdoc(view) or ""
    operation: dict[str, Any] = {
        "operationId": endpoint.replace(".", "_"),
        "summary": contract.summary,
        "tags": [endpoint.split(".")[0]],
        "parameters": [*path_parameters, *({"name": name, "in": "query", "required": False,
                                            "schema": contract.query_schemas.get(
                                                name, {"type": "string"})}
                                           for name in contract.query)],
        "security": [{}, {"ApiKeyHeader": []}, {"Bearer": []}],
    }
    if doc:
        operation["description"] = doc
    if contract.body is not None:
        operation["requestBody"] = {
            "required": contract.body_required,
            "content": {kind: {"schema": contract.body_schemas.get(kind, contract.body)}
                        for kind in contract.body_types}}
    responses: dict[str, Any] = {}
    for status, schema in (contract.responses or {"200": {"type": "object"}}).items():
        kinds = contract.media.get(status, (JSON,))
        responses[status] = {"description": _STATUS_TEXT.get(status, "OK"),
                             "content": {kind: {"schema": schema} for kind in kinds}}
    error = {"description": _STATUS_TEXT["4XX"],
             "content": {JSON: {"schema": {"$ref": "#/components/schemas/Error"}}}}
    responses["4XX"] = error
    if contract.engine:
        responses["503"] = {**error, "description": _STATUS_TEXT["503"]}
    operation["responses"] = responses
    return operation


def build_spec(app: Flask) -> dict[str, Any]:
    """The OpenAPI 3.1 document for every API route of ``app``."""
    spec = APISpec(
        title="wirealign", version=__version__, openapi_version="3.1.0",
        info={"description": "English news-wire articles into aligned, glossary-checked "
                             "Korean and Japanese pairs; LibreTranslate-compatible."},
    )
    spec.components.schema("Error", ERROR)
    spec.components.security_scheme("ApiKeyHeader", {"type": "apiKey", "in": "header",
                                                     "name": "X-API-Key"})
    spec.components.security_scheme("Bearer", {"type": "http", "scheme": "bearer"})
    paths: dict[str, dict[str, Any]] = {}
    for rule, method, endpoint in routed_operations(app):
        contract = CONTRACTS.get(endpoint)
        if contract is None:
            continue  # tests/test_openapi.py fails on this: every route needs a contract
        path, path_parameters = _path_and_parameters(rule)
        paths.setdefault(path, {})[method] = _operation(app, endpoint, contract,
                                                        path_parameters)
    for path in sorted(paths):
        spec.path(path=path, operations=paths[path])
    return spec.to_dict()


def spec_for(app: Flask) -> dict[str, Any]:
    """The document, built once per app."""
    built = app.extensions.get(_SPEC_KEY)
    if built is None:
        built = app.extensions[_SPEC_KEY] = build_spec(app)
    return built


@cache
def _validator(endpoint: str) -> Draft202012Validator | None:
    contract = CONTRACTS.get(endpoint)
    if contract is None or contract.body is None or JSON not in contract.body_types:
        return None  # an operation that takes no JSON answers a JSON body itself (415)
    return Draft202012Validator(contract.body)


def _field_of(error: ValidationError) -> str:
    if error.validator == "required":
        match = re.search(r"'([^']+)' is a required property", error.message)
        return match.group(1) if match else "?"
    if error.validator == "additionalProperties":
        match = re.search(r"\('([^']+)'", error.message)
        return match.group(1) if match else "?"
    return ".".join(str(part) for part in error.absolute_path) or "(body)"


def validate_request_body() -> None:
    """Before a view: a JSON body must match its operation's schema, else a 400
    naming the field (LibreTranslate's wording on its endpoints)."""
    if not request.is_json or request.endpoint is None:
        return
    validator = _validator(request.endpoint)
    if validator is None:
        return
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "the body must be a JSON object")
    # What was sent wrong first, then what is missing.
    error = min(validator.iter_errors(body),
                key=lambda e: (e.validator == "required", len(e.absolute_path), e.message),
                default=None)
    if error is None:
        return
    name = _field_of(error)
    libretranslate = CONTRACTS[request.endpoint].libretranslate
    if error.validator == "required":
        message = (f"Invalid request: missing {name} parameter" if libretranslate
                   else f"missing field {name!r}")
    elif error.validator == "additionalProperties":
        allowed = sorted(p for p in CONTRACTS[request.endpoint].body.get("properties", {}))
        message = f"unknown field(s): {name}; send " + ", ".join(allowed)
    elif error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [
            error.validator_value]
        message = (f"invalid field {name!r}: must be "
                   + " or ".join(_TYPE_WORDS.get(t, t) for t in wanted))
    else:
        message = f"invalid field {name!r}: {error.message}"
    if libretranslate:
        if not message.startswith("Invalid request"):
            message = "Invalid request: " + message
        raise ApiError(400, message)  # LibreTranslate's shape: the error alone
    raise ApiError(400, message, field=name)


@bp.get("/openapi.json")
def openapi_json() -> Any:
    """The OpenAPI 3.1 document for this service."""
    return spec_for(current_app._get_current_object())  # type: ignore[attr-defined]


@bp.get("/spec")
def spec() -> Any:
    """The same document under LibreTranslate's name for it."""
    return spec_for(current_app._get_current_object())  # type: ignore[attr-defined]


@bp.get("/docs")
@bp.get("/docs/")
def docs() -> Any:
    return DOCS_PAGE, 200, {"Content-Type": "text/html; charset=utf-8"}


@bp.get("/docs/static/<path:filename>")
def docs_static(filename: str) -> Any:
    if filename == "docs-init.js":
        return DOCS_INIT, 200, {"Content-Type": "text/javascript; charset=utf-8"}
    return send_from_directory(swagger_ui_bundle.swagger_ui_path, filename)


def init_app(app: Flask) -> None:
    app.before_request(validate_request_body)
