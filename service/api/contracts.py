"""What each endpoint takes and answers, as JSON Schema, keyed by the Flask
endpoint name. ``api.openapi`` joins these with the routes themselves (paths,
methods, path parameters, view docstrings) into the OpenAPI document, and
validates request bodies against them. A route without a contract fails
tests/test_openapi.py, so a new endpoint cannot go undocumented.

Schemas say what the views accept (types, required fields, unknown fields
where a view refuses them); the views keep their own checks of meaning
(unsupported targets are 422, glossary rules, versions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..constants import REVIEW_STATES, STATES, TARGET_LANGS
from ..export import FORMATS as EXPORT_FORMATS
from ..glossary.model import COLUMNS as GLOSSARY_COLUMNS
from ..glossary.model import KINDS, LANGS
from ..store.keys import ROLES
from ..store.pairs import BULK_ACTIONS
from .filters import EXPORT_FIELDS, PAIR_FIELDS, STATS_FIELDS

Schema = dict[str, Any]

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"

STRING: Schema = {"type": "string"}
TEXT: Schema = {"type": "string", "minLength": 1}
OPTIONAL_TEXT: Schema = {"type": ["string", "null"]}
# Yes/no fields take a JSON boolean or the words people write (read by
# service.api.filters.request_bool): true/false, yes/no, on/off, 1/0, any case.
BOOLEAN: Schema = {"oneOf": [
    {"type": "boolean"},
    {"enum": [0, 1]},
    {"type": "string", "pattern": "^(?i:true|false|yes|no|on|off|1|0)$"},
]}
INTEGER: Schema = {"type": "integer"}
OBJECT: Schema = {"type": "object"}
API_KEY: Schema = {"type": "string", "description": "an API key (or send X-API-Key)"}
TARGETS: Schema = {"oneOf": [{"type": "array", "items": STRING, "minItems": 1}, STRING],
                   "description": "target languages: " + ", ".join(TARGET_LANGS)}
ERROR: Schema = {"type": "object", "required": ["error"],
                 "properties": {"error": STRING}}


@dataclass(frozen=True)
class Contract:
    """One operation: its summary, body, query parameters and answers."""

    summary: str
    body: Schema | None = None
    body_types: tuple[str, ...] = (JSON,)
    body_required: bool = True
    query: tuple[str, ...] = ()
    query_schemas: dict[str, Schema] = field(default_factory=dict)  # else a string
    responses: dict[str, Schema] = field(default_factory=dict)
    media: dict[str, tuple[str, ...]] = field(default_factory=dict)  # status -> content types
    engine: bool = False  # may answer 503 when a model is missing or cannot load
    libretranslate: bool = False  # errors worded as LibreTranslate words them


def obj(properties: dict[str, Schema], required: tuple[str, ...] = (),
        closed: bool = False) -> Schema:
    """A JSON object schema; ``closed`` refuses fields not listed (api_key always allowed)."""
    schema: Schema = {"type": "object", "properties": {**properties, "api_key": API_KEY}}
    if required:
        schema["required"] = list(required)
    if closed:
        schema["additionalProperties"] = False
    return schema


ARTICLE: Schema = {"type": "object", "required": ["id", "translations"],
                   "properties": {"id": INTEGER, "translations": {"type": "array"},
                                  "stand_in": BOOLEAN, "warning": STRING}}
PAIR: Schema = {"type": "object", "required": ["id"],
                "properties": {"id": INTEGER, "status": {"enum": list(STATES)}}}
GLOSSARY_VALUE: Schema = {"oneOf": [STRING, {"type": "array", "items": STRING}]}
GLOSSARY_ENTRY = {column: GLOSSARY_VALUE for column in GLOSSARY_COLUMNS}
LT_TEXT: Schema = {"oneOf": [TEXT, {"type": "array", "items": STRING, "minItems": 1}]}
LT_TRANSLATE = obj({
    "q": LT_TEXT,
    "source": {"type": "string", "minLength": 1, "description": "en, or auto"},
    "target": {"type": "string", "minLength": 1, "description": ", ".join(TARGET_LANGS)},
    "format": {"type": "string", "enum": ["text", "html"]},
    "alternatives": {"type": ["integer", "string"],
                     "description": "how many alternatives (capped by MAX_ALTERNATIVES)"},
    "glossary": BOOLEAN,
}, required=("q", "source", "target"))
LT_TRANSLATED: Schema = {
    "type": "object", "required": ["translatedText"],
    "properties": {
        "translatedText": LT_TEXT,
        "alternatives": {"type": "array"},
        "detectedLanguage": {"type": "object", "properties": {
            "language": STRING, "confidence": {"type": "number"}}},
        "appliedTerminologies": {"type": "array"},
        "stand_in": BOOLEAN, "warning": STRING,
    }}
FILE_TYPES = ("text/plain", "text/html", "application/octet-stream",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document")

CONTRACTS: dict[str, Contract] = {
    # Articles and alignments
    "articles.create_article": Contract(
        "Translate a wire article into stored, glossary-checked pairs",
        # "text" or "html" (a whole page): the view says which is missing.
        body=obj({"text": TEXT, "html": TEXT, "title": OPTIONAL_TEXT, "url": OPTIONAL_TEXT,
                  "targets": TARGETS, "glossary": BOOLEAN}),
        responses={"200": ARTICLE, "201": ARTICLE}, engine=True),
    "articles.articles_page": Contract(
        "List stored articles, newest first", query=("limit", "before"),
        query_schemas={"limit": {"type": "integer", "minimum": 1},
                       "before": {"type": "integer", "minimum": 0}},
        responses={"200": {"type": ["object", "array"]}}),
    "articles.article": Contract("One stored article with its pairs", query=("lang",),
                                 responses={"200": ARTICLE}),
    "alignments.create_alignment": Contract(
        "Align an English article with its human Korean or Japanese version",
        body=obj({"source_text": TEXT, "target": STRING, "target_text": TEXT,
                  "title": OPTIONAL_TEXT, "url": OPTIONAL_TEXT, "glossary": BOOLEAN},
                 required=("source_text", "target", "target_text")),
        responses={"200": ARTICLE, "201": ARTICLE}, engine=True),
    "alignments.attach_alignment": Contract(
        "Align a stored article with its human version",
        body=obj({"target": STRING, "target_text": TEXT, "glossary": BOOLEAN},
                 required=("target", "target_text")),
        responses={"200": ARTICLE, "201": ARTICLE}, engine=True),
    # Pairs and review
    "pairs.list_pairs": Contract("Pairs matching filters, a page at a time",
                                 query=(*PAIR_FIELDS, "cursor", "limit"),
                                 responses={"200": OBJECT}),
    "pairs.get_pair": Contract("One pair with its history", responses={"200": PAIR}),
    "pairs.patch_pair": Contract(
        "Edit, approve or reject a pair (optimistic locking by version)",
        body=obj({"target": STRING, "state": {"enum": list(REVIEW_STATES)},
                  "note": OPTIONAL_TEXT, "version": INTEGER}, required=("version",),
                 closed=True),
        responses={"200": PAIR}),
    "pairs.bulk": Contract(
        "Approve or reject every pair the ids or filters select",
        body=obj({"action": {"enum": list(BULK_ACTIONS)}, "filters": OBJECT,
                  "ids": {"type": "array", "items": INTEGER}, "note": OPTIONAL_TEXT},
                 required=("action",), closed=True),
        responses={"200": OBJECT}),
    # Glossary
    "glossary.entries": Contract(
        "The glossary in force", query=("lang", "kind", "q"),
        query_schemas={"lang": {"enum": list(LANGS)}, "kind": {"enum": list(KINDS)}},
        responses={"200": OBJECT}),
    "glossary.add_entry": Contract(
        "Add a glossary entry", body=obj(GLOSSARY_ENTRY, required=("id", "kind", "en", "ko",
                                                                   "ja")),
        responses={"201": OBJECT}),
    "glossary.correct_entry": Contract(
        "Correct a glossary entry", body=obj(GLOSSARY_ENTRY, required=("kind", "en", "ko",
                                                                       "ja")),
        responses={"200": OBJECT}),
    "glossary.changes": Contract("Recent glossary changes", responses={"200": OBJECT}),
    "glossary.export": Contract(
        "The glossary as a file, a DeepL TSV or an Amazon CSV", query=("format", "to"),
        query_schemas={"format": {"enum": ["file", "deepl-tsv", "amazon-csv"]},
                       "to": {"enum": list(TARGET_LANGS)}},
        responses={"200": STRING},
        media={"200": ("text/tab-separated-values", "text/csv")}),
    # Export and stats
    "export.export": Contract(
        "Download the corpus (TMX, TSV, JSONL, Moses)", query=(*EXPORT_FIELDS, "format"),
        query_schemas={"format": {"enum": list(EXPORT_FORMATS)}},
        responses={"200": STRING},
        media={"200": tuple(dict.fromkeys(f.mimetype.split(";")[0]
                                          for f in EXPORT_FORMATS.values()))}),
    "export.stats": Contract("Corpus counts", query=STATS_FIELDS, responses={"200": OBJECT}),
    # Keys and health
    "keys.me": Contract("The key making the request", responses={"200": OBJECT}),
    "keys.keys": Contract("Every API key (admin)", responses={"200": OBJECT}),
    "keys.make_key": Contract(
        "Make an API key (admin); the key is shown once",
        body=obj({"name": TEXT, "role": {"enum": list(ROLES)}}, required=("name",),
                 closed=True),
        responses={"201": obj({"name": STRING, "role": STRING, "key": STRING})}),
    "keys.revoke": Contract("Revoke an API key (admin)", responses={"200": OBJECT}),
    "health.health": Contract("Is the service up; which models it has",
                              responses={"200": obj({"status": STRING, "stand_in": BOOLEAN},
                                                    required=("status",))}),
    # LibreTranslate
    "libretranslate.translate": Contract(
        "Translate text or HTML (LibreTranslate)", body=LT_TRANSLATE,
        body_types=(JSON, FORM, MULTIPART), responses={"200": LT_TRANSLATED}, engine=True,
        libretranslate=True),
    "libretranslate.detect_language": Contract(
        "Detect the language of a text (LibreTranslate)",
        body=obj({"q": STRING}, required=("q",)), body_types=(JSON, FORM, MULTIPART),
        responses={"200": {"type": "array", "items": obj(
            {"language": STRING, "confidence": {"type": "number"}})}},
        libretranslate=True),
    "libretranslate.languages": Contract(
        "Languages there are models for (LibreTranslate)",
        responses={"200": {"type": "array", "items": obj(
            {"code": STRING, "name": STRING, "targets": {"type": "array", "items": STRING}},
            required=("code", "name", "targets"))}}),
    "libretranslate.frontend_settings": Contract(
        "Settings LibreTranslate clients read first", responses={"200": obj(
            {"charLimit": INTEGER, "apiKeys": BOOLEAN, "keyRequired": BOOLEAN,
             "suggestions": BOOLEAN, "supportedFilesFormat": {"type": "array"},
             "language": OBJECT},
            required=("charLimit", "apiKeys", "keyRequired", "language"))}),
    "libretranslate.suggest": Contract(
        "Suggestions (off: corrections go through the review desk)",
        body=obj({"q": STRING, "s": STRING, "source": STRING, "target": STRING}),
        body_types=(JSON, FORM, MULTIPART), body_required=False, libretranslate=True),
    "files.translate_file": Contract(
        "Translate a .txt, .html or .docx file, structure kept (LibreTranslate)",
        body=obj({"file": {"type": "string", "format": "binary"}, "source": STRING,
                  "target": STRING, "glossary": BOOLEAN}, required=("file", "source",
                                                                     "target")),
        body_types=(MULTIPART,),
        responses={"200": obj({"translatedFileUrl": STRING}, required=("translatedFileUrl",))},
        engine=True, libretranslate=True),
    "files.download_file": Contract(
        "A translated file (LibreTranslate)", responses={"200": STRING},
        media={"200": FILE_TYPES}),
    # This document, and the service's metrics
    "openapi.openapi_json": Contract("This OpenAPI document", responses={"200": OBJECT}),
    "openapi.spec": Contract("This OpenAPI document (LibreTranslate's /spec)",
                             responses={"200": OBJECT}),
    "metrics.metrics": Contract("Prometheus metrics", responses={"200": STRING},
                                media={"200": ("text/plain",)}),
}

# Routes that are pages for people, not API operations.
UNDOCUMENTED_PREFIXES = ("/review", "/static", "/docs")
