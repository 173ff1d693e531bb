"""``wirealign xliff``: the CAT round trip from the command line. ``export`` is
``wirealign export --format xliff``; ``import`` reads a post-edited file back
as edits by the owner of the given key, as ``POST /api/xliff`` does."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..export.xliff import XliffError, as_exported, read_units
from ..store import get_db
from ..store.keys import live_key
from ..store.pairs import import_targets
from .export import export_command


@click.group("xliff")
def xliff_cli() -> None:
    """Post-editing in a CAT tool: export pairs as XLIFF 1.2, import the edits."""


def _export_xliff(**options: object) -> None:
    assert export_command.callback is not None
    export_command.callback(format_="xliff", **options)


# ``wirealign export``'s options (filters, output, progress) less --format.
xliff_cli.add_command(click.Command(
    "export", callback=_export_xliff,
    params=[param for param in export_command.params if param.name != "format_"],
    help="Export pairs as XLIFF 1.2 for post-editing: --lang is required; choose what "
         "to post-edit with --state (e.g. machine,needs_review)."))


@xliff_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--key", envvar="WIREALIGN_KEY", required=True,
              help="The importing reviewer's API key (or WIREALIGN_KEY): edits are theirs.")
@with_appcontext
def import_command(path: Path, key: str) -> None:
    """Apply the changed targets of a post-edited XLIFF export.

    Exits 3 when some pairs changed since the export (they are listed and left
    alone; the others are imported)."""
    db = get_db()
    who = live_key(db, key)
    if who is None:
        raise click.ClickException("that key is unknown or revoked")
    try:
        found = read_units(path.read_bytes())
    except XliffError as error:
        raise click.ClickException(str(error)) from None
    result = import_targets(db, found.lang, found.units, who["name"],
                            note=f"post-edited in a CAT tool (XLIFF import of {path.name})",
                            as_exported=as_exported)
    click.echo(json.dumps(result, ensure_ascii=False, indent=1))
    click.echo(f"{len(result['edited'])} edited, {result['unchanged']} unchanged, "
               f"{result['blank']} blank, {len(result['conflicts'])} refused (changed since "
               f"the export), {len(result['mismatched'])} mismatched", err=True)
    if result["conflicts"]:
        raise SystemExit(3)
