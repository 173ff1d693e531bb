"""The glossary over HTTP: read and filter it; reviewers add or correct
entries without a deploy (kept in SQLite, logged with who and when) and can
export the result back to the file format."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, g, request

from ..constants import TARGET_LANGS
from ..errors import ApiError, json_body
from ..glossary import Glossary, check_glossary, glossary_to_file
from ..glossary.files import export_amazon_csv, export_deepl_tsv, glossary_to_text
from ..glossary.in_force import glossary_in_force, merged_rows, save_entry
from ..glossary.model import COLUMNS, KINDS
from ..store import get_db
from ..store.glossary import recent_changes
from .auth import read_access, require_role

bp = Blueprint("glossary", __name__, url_prefix="/api")


@bp.get("/glossary")
@read_access
def entries() -> Any:
    glossary = glossary_in_force(get_db())
    lang = request.args.get("lang")
    kind = request.args.get("kind")
    text = (request.args.get("q") or "").casefold()
    if lang and lang not in ("en", "ko", "ja"):
        raise ApiError(400, "'lang' must be en, ko or ja")
    if kind and kind not in KINDS:
        raise ApiError(400, f"'kind' must be one of {', '.join(KINDS)}")
    rows = []
    for row in glossary.to_rows():
        if kind and row["kind"] != kind:
            continue
        if text:
            fields = [v for k, v in row.items() if lang is None or k.startswith((lang, "id"))]
            if not any(text in value.casefold() for value in fields):
                continue
        rows.append(row)
    return {"version": glossary.version, "count": len(rows), "entries": rows}


def _entry_from_body(body: dict[str, Any], entry_id: str | None = None) -> dict[str, str]:
    if entry_id is not None and body.get("id") not in (None, entry_id):
        raise ApiError(400, f"the body's id {body.get('id')!r} differs from the URL's "
                            f"{entry_id!r}; an entry's id cannot be changed")
    entry = {column: body.get(column, "") for column in COLUMNS}
    if entry_id is not None:
        entry["id"] = entry_id
    for column, value in entry.items():
        if isinstance(value, list):
            entry[column] = "|".join(str(v) for v in value)
        elif not isinstance(value, str):
            raise ApiError(400, f"{column!r} must be a string")
    missing = [c for c in ("id", "kind", "en", "ko", "ja") if not entry[c].strip()]
    if missing:
        raise ApiError(400, f"missing field {missing[0]!r}")
    return entry


def _problems_with(rows: list[dict[str, Any]]) -> list[str]:
    """Run the same check CI runs on the file over the glossary as it would be."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "glossary.tsv"
        glossary_to_file(Glossary.from_rows(rows), path)
        return check_glossary(path)


def _store(entry: dict[str, str], *, creating: bool) -> Any:
    db = get_db()
    rows = merged_rows(db)
    exists = any(row["id"] == entry["id"] for row in rows)
    if creating and exists:
        raise ApiError(409, f"entry {entry['id']!r} exists; use PUT /api/glossary/{entry['id']}")
    if not creating and not exists:
        raise ApiError(404, f"no glossary entry {entry['id']!r}")
    candidate = [row for row in rows if row["id"] != entry["id"]] + [entry]
    problems = _problems_with(candidate)
    if problems:
        raise ApiError(422, "the glossary would not pass its check: " + "; ".join(problems))
    save_entry(db, entry, g.user)
    return {"entry": entry, "version": glossary_in_force(db).version}, 201 if creating else 200


@bp.post("/glossary")
@require_role("reviewer")
def add_entry() -> Any:
    return _store(_entry_from_body(json_body()), creating=True)


@bp.put("/glossary/<entry_id>")
@require_role("reviewer")
def correct_entry(entry_id: str) -> Any:
    return _store(_entry_from_body(json_body(), entry_id), creating=False)


@bp.get("/glossary/changes")
@read_access
def changes() -> Any:
    return {"changes": recent_changes(get_db())}


@bp.get("/glossary/export")
@read_access
def export() -> Any:
    glossary = glossary_in_force(get_db())
    fmt = request.args.get("format", "file")
    to = request.args.get("to", "ko")
    if fmt == "file":
        return Response(glossary_to_text(glossary), mimetype="text/tab-separated-values")
    if fmt == "deepl-tsv":
        if to not in TARGET_LANGS:
            raise ApiError(400, "'to' must be ko or ja")
        return Response(export_deepl_tsv(glossary, to), mimetype="text/tab-separated-values")
    if fmt == "amazon-csv":
        return Response(export_amazon_csv(glossary), mimetype="text/csv")
    raise ApiError(400, "'format' must be file, deepl-tsv or amazon-csv")
