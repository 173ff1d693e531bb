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

from ..constants import ORIGINS, REVIEW_STATES, STATES, TARGET_LANGS
from ..export import FORMATS as EXPORT_FORMATS
from ..glossary.governance import PROPOSAL_STATES
from ..glossary.model import COLUMNS as GLOSSARY_COLUMNS
from ..glossary.model import KINDS, LANGS
from ..store.candidates import STATES as CANDIDATE_STATES
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
# The same words in a query string (empty means no).
YES_NO_QUERY: Schema = {"type": "string",
                        "pattern": "^(?i:true|false|yes|no|on|off|1|0)?$"}
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
    body_schemas: dict[str, Schema] = field(default_factory=dict)  # content type -> else body
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


STORED_PAIR: Schema = {
    "type": "object", "required": ["id", "position", "kind", "source", "target", "state",
                                   "flags", "origin", "version"],
    "properties": {"id": INTEGER, "position": INTEGER, "kind": STRING,
                   "source": OPTIONAL_TEXT, "target": OPTIONAL_TEXT,
                   "state": {"enum": list(STATES)},
                   "status": {"enum": list(STATES), "deprecated": True},
                   "flags": {"type": "array", "items": STRING}, "terms": {"type": "array"},
                   "origin": {"enum": list(ORIGINS)}, "bead": OPTIONAL_TEXT,
                   "score": {"type": ["number", "null"]}, "version": INTEGER}}
TRANSLATION: Schema = {
    "type": "object", "required": ["id", "target", "origin", "pairs"],
    "properties": {"id": INTEGER, "target": STRING, "origin": STRING, "engine": OBJECT,
                   "glossary_version": {"type": ["string", "null"]}, "timings": OBJECT,
                   # Aligned (human) translations only: the document-level judgement.
                   "translation_probability": {"type": "number", "minimum": 0,
                                               "maximum": 1},
                   "is_translation": {"type": "boolean"},
                   "created_at": STRING, "pairs": {"type": "array", "items": STORED_PAIR}}}
ARTICLE: Schema = {"type": "object", "required": ["id", "translations"],
                   "properties": {"id": INTEGER,
                                  "translations": {"type": "array", "items": TRANSLATION},
                                  "stand_in": {"type": "boolean"}, "warning": STRING}}
REVIEW_PAIR: Schema = {**STORED_PAIR, "required": [*STORED_PAIR["required"], "lang",
                                                   "article_id"],
                       "properties": {**STORED_PAIR["properties"], "lang": STRING,
                                      "article_id": INTEGER, "translation_id": INTEGER,
                                      "created_at": OPTIONAL_TEXT,
                                      "updated_at": OPTIONAL_TEXT,
                                      "updated_by": OPTIONAL_TEXT}}
PAIR: Schema = {**REVIEW_PAIR, "required": [*REVIEW_PAIR["required"], "history"],
                "properties": {**REVIEW_PAIR["properties"], "article": OBJECT,
                               "history": {"type": "array", "items": OBJECT}}}
PAIR_PAGE: Schema = {"type": "object", "required": ["pairs", "next", "as_of"],
                     "properties": {"pairs": {"type": "array", "items": REVIEW_PAIR},
                                    "next": {"type": ["string", "null"],
                                             "description": "the cursor of the next page"},
                                    "as_of": {"type": "string", "description":
                                              "when the page was read: send it to bulk"}}}
# A write that found the pairs changed since they were read: the error, and the
# pairs as they are now (to re-read before trying again).
CONFLICT: Schema = {"type": "object", "required": ["error", "current"],
                    "properties": {"error": STRING, "current": {}}}
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
# Fixing alignment links: the versions read, the change logged, its result.
VERSIONS: Schema = {"type": "object", "minProperties": 1,
                    "propertyNames": {"pattern": "^[1-9][0-9]*$"},
                    "additionalProperties": INTEGER,
                    "description": 'pair id -> the version you read, e.g. {"12": 3, "13": 1}'}
LINK_CHANGE: Schema = {"type": "object", "required": ["id", "operation", "before", "after"],
                       "properties": {"id": INTEGER, "translation_id": INTEGER,
                                      "operation": STRING, "changed_at": STRING,
                                      "changed_by": STRING, "note": OPTIONAL_TEXT,
                                      "undo_of": {"type": ["integer", "null"]},
                                      "undone_by": {"type": ["integer", "null"]},
                                      "before": {"type": "array"}, "after": {}}}
LINK_FIX: Schema = {"type": "object", "required": ["change", "pairs", "removed"],
                    "properties": {"change": LINK_CHANGE, "pairs": {"type": "array"},
                                   "removed": {"type": "array", "items": INTEGER}}}
# Glossary governance: an admin's change applies, a reviewer's waits (202).
PROPOSAL: Schema = {"type": "object", "required": ["id", "entry_id", "action", "state"],
                    "properties": {"id": INTEGER, "entry_id": STRING,
                                   "action": {"enum": ["add", "correct", "retire", "revert"]},
                                   "state": {"enum": list(PROPOSAL_STATES)},
                                   "data": {"type": ["object", "null"]},
                                   "blocked": {"type": "string", "description":
                                               "why it could no longer be applied"}}}
PROPOSAL_DECIDED: Schema = {"type": "object", "required": ["proposal", "version"],
                            "properties": {"proposal": PROPOSAL, "version": STRING}}
GLOSSARY_APPLIED: Schema = {"type": "object", "required": ["applied", "change", "version"],
                            "properties": {"applied": {"const": True}, "change": OBJECT,
                                           "entry": {"type": ["object", "null"]},
                                           "version": STRING}}
GLOSSARY_PROPOSED: Schema = {"type": "object", "required": ["applied", "proposal"],
                             "properties": {"applied": {"const": False},
                                            "proposal": PROPOSAL}}
CANDIDATE: Schema = {"type": "object", "required": ["id", "lang", "en", "target", "state",
                                                    "evidence"],
                     "properties": {"id": INTEGER, "lang": STRING, "en": STRING,
                                    "target": STRING, "score": {"type": "number"},
                                    "methods": {"type": "array", "items": STRING},
                                    "evidence": {"type": "array", "items": INTEGER},
                                    "state": {"enum": list(CANDIDATE_STATES)},
                                    "evidence_pairs": {"type": "array", "items": OBJECT}}}
CANDIDATE_ACCEPTED: Schema = {"type": "object", "required": ["applied", "candidate"],
                              "properties": {"applied": {"type": "boolean"},
                                             "change": OBJECT, "proposal": PROPOSAL,
                                             "candidate": CANDIDATE, "version": STRING}}
# XLIFF import: the file as the body (any XML type) or as a form's 'file'.
XLIFF_TYPES = ("application/xliff+xml", "application/x-xliff+xml", "application/xml",
               "text/xml")
XLIFF_IMPORTED: Schema = {"type": "object", "required": ["edited", "unchanged", "conflicts",
                                                         "mismatched", "lang", "units"],
                          "properties": {"edited": {"type": "array"}, "unchanged": INTEGER,
                                         "blank": INTEGER, "conflicts": {"type": "array"},
                                         "mismatched": {"type": "array"}, "lang": STRING,
                                         "units": INTEGER, "error": STRING}}
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
        responses={"200": {"type": "object", "required": ["articles", "next"],
                           "properties": {"articles": {"type": "array", "items": OBJECT},
                                          "next": {"type": ["integer", "null"]}}}}),
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
    "pairs.list_pairs": Contract(
        "Pairs matching filters, a page at a time, with the as_of bulk takes",
        query=(*PAIR_FIELDS, "cursor", "limit"), responses={"200": PAIR_PAGE}),
    "pairs.get_pair": Contract("One pair with its history", responses={"200": PAIR}),
    "pairs.suggestions": Contract(
        "Approved pairs whose source is like this one's (fuzzy memory)", query=("limit",),
        query_schemas={"limit": {"type": "integer", "minimum": 1, "maximum": 10}},
        responses={"200": {"type": "object", "required": ["pair_id", "min_score",
                                                          "suggestions"],
                           "properties": {"pair_id": INTEGER, "min_score": {"type": "number"},
                                          "suggestions": {"type": "array", "items": OBJECT}}}}),
    "pairs.patch_pair": Contract(
        "Edit, approve or reject a pair (optimistic locking by version)",
        body=obj({"target": STRING, "state": {"enum": list(REVIEW_STATES)},
                  "note": OPTIONAL_TEXT, "version": INTEGER}, required=("version",),
                 closed=True),
        responses={"200": PAIR, "409": CONFLICT}),
    "pairs.bulk": Contract(
        "Approve or reject the pairs the ids or filters select, only as the reviewer saw "
        "them",
        body=obj({"action": {"enum": list(BULK_ACTIONS)},
                  "filters": {**OBJECT, "description": "as GET /api/pairs takes them (no "
                                                       "cursor or limit); needs as_of"},
                  "ids": {"type": "array", "minItems": 1, "items": {"oneOf": [
                      {"type": "integer", "minimum": 1,
                       "description": "a pair id (then as_of is needed)"},
                      {"type": "object", "required": ["id", "version"],
                       "additionalProperties": False,
                       "properties": {"id": {"type": "integer", "minimum": 1},
                                      "version": {"type": "integer", "minimum": 1}}}]}},
                  "as_of": {"type": ["string", "null"], "description":
                            "the as_of of the GET /api/pairs page the reviewer read"},
                  "note": OPTIONAL_TEXT},
                 required=("action",), closed=True),
        responses={"200": {"type": "object",
                           "required": ["action", "state", "changed", "skipped",
                                        "skipped_by_reason", "skipped_pairs"],
                           "properties": {"action": STRING, "state": STRING,
                                          "changed": INTEGER,
                                          "changed_ids": {"type": "array", "items": INTEGER},
                                          "skipped": INTEGER,
                                          "skipped_by_reason": OBJECT,
                                          "skipped_pairs": {"type": "array"},
                                          "as_of": OPTIONAL_TEXT}}}),
    # Fixing alignment links (beads)
    "beads.sentences": Contract(
        "A pair's sentences and its neighbours, to fix its links", responses={"200": {
            "type": "object", "required": ["id", "version", "source", "target", "previous",
                                           "next"],
            "properties": {"id": INTEGER, "version": INTEGER, "origin": STRING,
                           "lang": STRING, "translation_id": INTEGER, "position": INTEGER,
                           "bead": OPTIONAL_TEXT,
                           "source": {"type": "array", "items": STRING},
                           "target": {"type": "array", "items": STRING},
                           "previous": {"type": ["object", "null"]},
                           "next": {"type": ["object", "null"]}}}}),
    "beads.merge": Contract(
        "Merge a human pair with the adjacent one",
        body=obj({"with": {"type": "integer", "minimum": 1}, "versions": VERSIONS,
                  "note": OPTIONAL_TEXT}, required=("with", "versions"), closed=True),
        responses={"200": LINK_FIX, "409": CONFLICT}),
    "beads.split": Contract(
        "Split a human pair in two between its sentences",
        body=obj({"source_at": {"type": "integer", "minimum": 0,
                                "description": "the source sentence to cut before"},
                  "target_at": {"type": "integer", "minimum": 0,
                                "description": "the target sentence to cut before"},
                  "version": INTEGER, "note": OPTIONAL_TEXT},
                 required=("source_at", "target_at", "version"), closed=True),
        responses={"200": LINK_FIX, "409": CONFLICT}),
    "beads.repair": Contract(
        "Move a boundary sentence to the neighbouring pair",
        body=obj({"side": {"enum": ["source", "target"]},
                  "direction": {"enum": ["up", "down"]}, "versions": VERSIONS,
                  "note": OPTIONAL_TEXT}, required=("side", "direction", "versions"),
                 closed=True),
        responses={"200": LINK_FIX, "409": CONFLICT}),
    "beads.link_changes": Contract(
        "An article's link fixes in one language, newest first", query=("lang",),
        query_schemas={"lang": {"enum": list(TARGET_LANGS)}},
        responses={"200": {"type": "object", "required": ["changes"],
                           "properties": {"changes": {"type": "array",
                                                      "items": LINK_CHANGE}}}}),
    "beads.undo": Contract(
        "Undo a link fix", body=obj({"note": OPTIONAL_TEXT}, closed=True),
        responses={"200": LINK_FIX, "409": CONFLICT}),
    # Glossary
    "glossary.entries": Contract(
        "The glossary in force", query=("lang", "kind", "q"),
        query_schemas={"lang": {"enum": list(LANGS)}, "kind": {"enum": list(KINDS)}},
        responses={"200": {"type": "object", "required": ["version", "count", "entries"],
                           "properties": {"version": STRING, "count": INTEGER,
                                          "entries": {"type": "array", "items": OBJECT}}}}),
    "glossary.add_entry": Contract(
        "Add a glossary entry (a reviewer's is a proposal for an admin: 202)",
        body=obj(GLOSSARY_ENTRY, required=("id", "kind", "en", "ko", "ja"), closed=True),
        responses={"201": GLOSSARY_APPLIED, "202": GLOSSARY_PROPOSED}),
    "glossary.correct_entry": Contract(
        "Correct a glossary entry (a reviewer's is a proposal for an admin: 202)",
        body=obj(GLOSSARY_ENTRY, required=("kind", "en", "ko", "ja"), closed=True),
        responses={"200": GLOSSARY_APPLIED, "202": GLOSSARY_PROPOSED}),
    "glossary.retire_entry": Contract(
        "Retire a glossary entry (a reviewer's is a proposal for an admin: 202)",
        responses={"200": GLOSSARY_APPLIED, "202": GLOSSARY_PROPOSED}),
    "glossary.revert_change": Contract(
        "Revert a glossary change (a reviewer's is a proposal for an admin: 202)",
        responses={"200": GLOSSARY_APPLIED, "202": GLOSSARY_PROPOSED}),
    "glossary.retired_entries": Contract(
        "Retired glossary entries", responses={"200": {
            "type": "object", "required": ["count", "entries"],
            "properties": {"count": INTEGER, "entries": {"type": "array"}}}}),
    "glossary.list_proposals": Contract(
        "Proposed glossary changes, with what each would do now", query=("state",),
        query_schemas={"state": {"enum": [*PROPOSAL_STATES, "all"]}},
        responses={"200": {"type": "object", "required": ["count", "proposals"],
                           "properties": {"count": INTEGER,
                                          "proposals": {"type": "array",
                                                        "items": PROPOSAL}}}}),
    "glossary.show_proposal": Contract("One proposed glossary change",
                                       responses={"200": PROPOSAL}),
    "glossary.approve_proposal": Contract(
        "Approve a proposed glossary change (admin)", responses={"200": PROPOSAL_DECIDED}),
    "glossary.reject_proposal": Contract(
        "Reject a proposed glossary change (admin)", responses={"200": PROPOSAL_DECIDED}),
    "glossary.changes": Contract("Recent glossary changes", responses={"200": {
        "type": "object", "required": ["changes"],
        "properties": {"changes": {"type": "array", "items": OBJECT}}}}),
    "glossary.export": Contract(
        "The glossary as a file, a DeepL TSV or an Amazon CSV", query=("format", "to"),
        query_schemas={"format": {"enum": ["file", "deepl-tsv", "amazon-csv"]},
                       "to": {"enum": list(TARGET_LANGS)}},
        responses={"200": STRING},
        media={"200": ("text/tab-separated-values", "text/csv")}),
    # Glossary candidates from human translations
    "candidates.list_all": Contract(
        "Term candidates found in aligned human translations, with their evidence",
        query=("lang", "state", "limit"),
        query_schemas={"lang": {"enum": list(TARGET_LANGS)},
                       "state": {"enum": [*CANDIDATE_STATES, "all"]},
                       "limit": {"type": "integer", "minimum": 1, "maximum": 1000}},
        responses={"200": {"type": "object", "required": ["count", "candidates"],
                           "properties": {"count": INTEGER,
                                          "candidates": {"type": "array",
                                                         "items": CANDIDATE}}}}),
    "candidates.show": Contract("One term candidate with its evidence",
                                responses={"200": CANDIDATE}),
    "candidates.accept_one": Contract(
        "Accept a candidate: an entry at once for an admin, else a proposal (202)",
        body=obj({name: STRING for name in ("id", "kind", "ko", "ja", "en_surname")},
                 closed=True),
        body_required=False,
        responses={"200": CANDIDATE_ACCEPTED, "202": CANDIDATE_ACCEPTED}),
    "candidates.dismiss_one": Contract(
        "Dismiss a candidate", responses={"200": {
            "type": "object", "required": ["candidate"], "properties": {"candidate": OBJECT}}}),
    # Export and stats
    "export.export": Contract(
        "Download the corpus (TMX, TSV, JSONL, Moses, XLIFF)",
        query=(*EXPORT_FIELDS, "format"),
        query_schemas={"format": {"enum": list(EXPORT_FORMATS)},
                       "dedupe": YES_NO_QUERY, "include_stand_in": YES_NO_QUERY},
        responses={"200": STRING},
        media={"200": tuple(dict.fromkeys(f.mimetype.split(";")[0]
                                          for f in EXPORT_FORMATS.values()))}),
    "export.import_xliff": Contract(
        "Bring a post-edited XLIFF export back in (pairs changed since are refused: 409)",
        body={"type": "string", "description": "the XLIFF 1.2 file an export gave out "
                                               "(or a form with it as 'file')"},
        body_types=(*XLIFF_TYPES, MULTIPART),
        body_schemas={MULTIPART: obj({"file": {"type": "string", "format": "binary"}},
                                     required=("file",))},
        responses={"200": XLIFF_IMPORTED,
                   "409": {**XLIFF_IMPORTED,
                           "required": [*XLIFF_IMPORTED["required"], "error"]}}),
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
    # Jobs (service.api.jobs): big work answered 202 at once, progress read later.
    "jobs.create_job_route": Contract(
        "Start a job: many articles (JSON list or a JSONL file), one article, or "
        "re-translation of stale pairs; 202 with the job and its Location",
        body=obj({"articles": {"type": "array", "items": obj(
                      {"text": TEXT, "title": OPTIONAL_TEXT, "url": OPTIONAL_TEXT},
                      required=("text",), closed=True)},
                  "article": obj({"text": TEXT, "title": OPTIONAL_TEXT,
                                  "url": OPTIONAL_TEXT}, required=("text",), closed=True),
                  "targets": TARGETS, "glossary": BOOLEAN, "retranslate": {"enum": ["stale"]}},
                 closed=True),
        body_types=(JSON, "application/x-ndjson", MULTIPART),
        body_schemas={"application/x-ndjson": STRING,
                      MULTIPART: obj({"file": {"type": "string", "format": "binary"}})},
        query=("targets", "glossary"),
        responses={"202": OBJECT}),
    "jobs.jobs_route": Contract("Jobs, newest first", responses={"200": OBJECT}),
    "jobs.job_route": Contract("One job: state, progress in segments, each item's result "
                               "(items=false: state and progress only)", query=("items",),
                               responses={"200": OBJECT}),
    "jobs.cancel_job_route": Contract("Cancel a job's articles not yet started",
                                      responses={"202": OBJECT}),
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
