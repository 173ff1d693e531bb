"""``GET /api/export`` (streamed corpus download) and ``GET /api/stats``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import sqlite_utils
from flask import Blueprint, Response, current_app, jsonify, request

from .. import __version__
from ..errors import ApiError
from ..export import Format, FormatError, check_format, export_chunks, filename
from ..store import connect, get_db
from ..store.export import ExportFilter
from ..store.stats import corpus_stats
from .auth import read_access
from .filters import FilterError, export_filter, stats_query

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
    return response


def _stream(db: sqlite_utils.Database, flt: ExportFilter, fmt: Format) -> Iterator[bytes]:
    # The stream outlives the request's own connection (closed at teardown, before
    # the first chunk is sent), so it has one of its own, closed when the
    # download ends or the client goes away.
    try:
        yield from export_chunks(db, flt, fmt, version=__version__)
    finally:
        db.close()


@bp.get("/stats")
@read_access
def stats() -> Any:
    try:
        query = stats_query(request.args)
    except FilterError as error:
        raise ApiError(400, str(error)) from None
    return jsonify(corpus_stats(get_db(), query))
