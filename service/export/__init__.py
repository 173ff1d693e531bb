"""Exports of the reviewed corpus: TMX 1.4b, TSV, JSONL and a Moses zip.

Every format is a generator of byte chunks over :func:`service.store.export.iter_pairs`, so
the HTTP view and the CLI share one code path, nothing is held in memory but
a batch of rows (and, with dedupe, a set of hashes), and the first bytes go
out before the first row is read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import sqlite_utils

from ..store.export import ExportCounters, ExportFilter, ExportRow, iter_pairs
from .jsonl import jsonl_chunks
from .moses import moses_chunks
from .tmx import tmx_chunks
from .tsv import tsv_chunks

__all__ = ["FORMATS", "Format", "FormatError", "check_format", "export_chunks", "filename"]


class FormatError(ValueError):
    """An export format that is unknown or does not fit the filter (answered with 400)."""


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    mimetype: str


FORMATS = {
    "tmx": Format("tmx", "tmx", "application/x-tmx+xml; charset=utf-8"),
    "tsv": Format("tsv", "tsv", "text/tab-separated-values; charset=utf-8"),
    "jsonl": Format("jsonl", "jsonl", "application/jsonl; charset=utf-8"),
    "moses": Format("moses", "zip", "application/zip"),
}


def check_format(name: str | None, flt: ExportFilter) -> Format:
    """The format named ``name``, or a :class:`FormatError` that says why not."""
    fmt = FORMATS.get((name or "").strip().lower())
    if fmt is None:
        raise FormatError(f"unknown format {name!r}; choose from {', '.join(FORMATS)}")
    if fmt.name == "moses" and not flt.lang:
        raise FormatError("the moses format needs one target language: lang=ko or lang=ja")
    return fmt


def filename(fmt: Format, flt: ExportFilter, stamp: str) -> str:
    """``wirealign-ko-20241026T120000Z.tmx``: what a download is saved as."""
    return f"wirealign-{flt.lang or 'ko-ja'}-{stamp}.{fmt.extension}"


def export_chunks(db: sqlite_utils.Database, flt: ExportFilter, fmt: Format,
                  counters: ExportCounters | None = None, *, version: str = "",
                  on_row: Callable[[], None] | None = None) -> Iterator[bytes]:
    """The export as byte chunks. ``counters`` is filled in as rows go by;
    ``on_row`` is called once per row read (the CLI's progress bar)."""
    counters = counters if counters is not None else ExportCounters()
    rows = iter_pairs(db, flt, counters)
    if on_row is not None:
        rows = _tap(rows, on_row)
    if fmt.name == "tmx":
        return tmx_chunks(rows, counters, version=version)
    if fmt.name == "tsv":
        return tsv_chunks(rows)
    if fmt.name == "jsonl":
        return jsonl_chunks(rows)
    assert flt.lang is not None  # check_format refuses moses without a language
    return moses_chunks(rows, flt.lang)


def _tap(rows: Iterator[ExportRow], on_row: Callable[[], None]) -> Iterator[ExportRow]:
    for row in rows:
        on_row()
        yield row
