"""``GET /api/export`` (streamed corpus download) and ``GET /api/stats``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import sqlite_utils
from flask import Blueprint, Response, current_app, g, jsonify, request

from .. import __version__
from ..errors import ApiError, refuse_unknown
from ..export import Format, FormatError, check_format, export_chunks, filename
from ..export.xliff import XliffError, as_exported, read_units
from ..store import connect, get_db
from ..store.export import ExportFilter
from ..store.pairs import import_targets
from ..store.stats import corpus_stats
from .auth import read_access, require_role
from .filters import FilterError, deprecation_headers, export_filter, stats_query

bp = Blueprint("export", __name__, url_prefix="/api")

@bp.get("/export")
@read_access
def export() -> Any:
    try:
        # Repeated keys (states=approved&states=edited) count as one comma list.
        flt = export_filter({key: ",".join(request.args.getlist(key)) for key in request.args},
                            extra=("format",))
        fmt = check_format(request.args.get("format", "tmx"), flt)
    except (FilterError, FormatError) as error:
        raise ApiError(400, str(error)) from None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    # Opened before the answer starts, so that a database that cannot be read
    # answers a JSON error with its cause, not a broken download.
    chunks = _stream(connect(current_app.config["DATABASE"]), flt, fmt)
    response = Response(chunks, content_type=fmt.mimetype)  # the charset is in it already
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{filename(fmt, flt, stamp)}"')
    response.headers["X-Accel-Buffering"] = "no"  # let a proxy pass chunks on as they come
    response.headers.update(deprecation_headers(request.args))
    return response


def _stream(db: sqlite_utils.Database, flt: ExportFilter, fmt: Format) -> Iterator[bytes]:
    # The stream outlives the request's own connection (closed at teardown, before
    # the first chunk is sent), so it has one of its own, closed when the
    # download ends or the client goes away.
    try:
        yield from export_chunks(db, flt, fmt, version=__version__)
    finally:
        db.close()


@bp.post("/xliff")
@require_role("reviewer")
def import_xliff() -> Any:
    """A post-edited XLIFF export back in: the file as the body (application/xliff+xml
    or any XML type) or as the ``file`` field of a form. Changed targets become
    edits by the key's owner; pairs changed since the export are refused (409)."""
    if request.files:
        refuse_unknown(dict(request.files), ("file",))
        data = request.files["file"].read()
    elif request.mimetype and "xml" in request.mimetype:
        data = request.get_data()
    else:
        raise ApiError(415, "send the XLIFF file as the body (Content-Type: "
                            "application/xliff+xml) or as the 'file' field of a form")
    refuse_unknown(dict(request.args), ())
    try:
        found = read_units(data)
    except XliffError as error:
        raise ApiError(400, str(error)) from None
    result = import_targets(get_db(), found.lang, found.units, g.user,
                            note="post-edited in a CAT tool (XLIFF import)",
                            as_exported=as_exported)
    result["lang"], result["units"] = found.lang, len(found.units)
    if result["conflicts"]:
        result["error"] = (f"{len(result['conflicts'])} pair(s) changed since the export and "
                           "were not imported (listed in conflicts); the others were")
        return jsonify(result), 409
    return jsonify(result)


@bp.get("/stats")
@read_access
def stats() -> Any:
    try:
        query = stats_query(request.args)
    except FilterError as error:
        raise ApiError(400, str(error)) from None
    return jsonify(corpus_stats(get_db(), query)), deprecation_headers(request.args)
