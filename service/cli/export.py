"""``wirealign export``: the same export as ``GET /api/export``, into a file."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import BinaryIO

import click
from flask import current_app
from flask.cli import with_appcontext
from tqdm import tqdm

from .. import __version__
from ..api.filters import FilterError, export_filter
from ..export import FORMATS, FormatError, check_format, export_chunks
from ..store import connect
from ..store.export import ExportCounters, count_pairs
from ..textfiles import atomic_output

PROGRESS_FROM = 10_000  # pairs: smaller exports finish before a bar would help


@click.command("export")
@click.option("--format", "format_", type=click.Choice(sorted(FORMATS)), default="tmx",
              show_default=True, help="Output format.")
@click.option("--lang", help="Target language (ko or ja); both when omitted (not for moses).")
@click.option("--states", help="Comma-separated states. [default: approved,edited]")
@click.option("--kinds", help="Comma-separated segment kinds. [default: title,body]")
@click.option("--articles", help="Comma-separated article ids.")
@click.option("--since", help="Changed on or after (YYYY-MM-DD or ISO 8601, UTC).")
@click.option("--until", help="Changed on or before (a bare date includes the whole day).")
@click.option("--origin", help="Comma-separated origins (machine, memory, human, source).")
@click.option("--dedupe", is_flag=True, help="Drop repeated (source, target) pairs.")
@click.option("--progress/--no-progress", default=None,
              help=f"Progress bar on stderr. [default: from {PROGRESS_FROM:,} pairs]")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              default="-", show_default=True, help="File to write; - for stdout.")
@with_appcontext
def export_command(format_: str, lang: str | None, states: str | None, kinds: str | None,
                   articles: str | None, since: str | None, until: str | None,
                   origin: str | None, dedupe: bool, progress: bool | None,
                   output: str) -> None:
    """Export reviewed pairs as TMX, TSV, JSONL or a Moses zip."""
    params = {"lang": lang, "state": states, "kind": kinds, "article": articles,
              "since": since, "until": until, "origin": origin, "dedupe": "1" if dedupe else ""}
    try:
        flt = export_filter(params)
        fmt = check_format(format_, flt)
    except (FilterError, FormatError) as error:
        raise click.UsageError(str(error)) from None
    db = connect(current_app.config["DATABASE"])
    try:
        total = count_pairs(db, flt)
        show = progress if progress is not None else total >= PROGRESS_FROM
        counters = ExportCounters()
        with tqdm(total=total, unit="pair", unit_scale=True, disable=not show,
                  file=sys.stderr, mininterval=0.5) as bar:
            ticker = _Ticker(bar)
            chunks = export_chunks(db, flt, fmt, counters, version=__version__, on_row=ticker)
            if output == "-":
                _write(chunks, sys.stdout.buffer)
            else:
                with atomic_output(output) as out:
                    _write(chunks, out)
            ticker.finish()
            bar.update(total - bar.n)  # dropped duplicates were read but not passed on
    finally:
        db.close()
    click.echo(_summary(counters, fmt.name, output), err=True)


class _Ticker:
    """Moves the bar every 1,000 rows: updating tqdm per row costs more than the row."""

    def __init__(self, bar: tqdm) -> None:
        self.bar, self.pending = bar, 0

    def __call__(self) -> None:
        self.pending += 1
        if self.pending == 1000:
            self.finish()

    def finish(self) -> None:
        self.bar.update(self.pending)
        self.pending = 0


def _write(chunks: Iterator[bytes], out: BinaryIO) -> None:
    for chunk in chunks:
        out.write(chunk)
    out.flush()


def _summary(counters: ExportCounters, fmt: str, output: str) -> str:
    where = "stdout" if output == "-" else output
    text = f"exported {counters.pairs:,} pairs as {fmt} to {where}"
    if counters.duplicates:
        text += f"; dropped {counters.duplicates:,} duplicates"
    if counters.removed_chars:
        text += (f"; removed {counters.removed_chars:,} characters XML 1.0 forbids "
                 f"from {counters.touched_segments:,} texts")
    return text
