"""`wirealign glossary ...`: check, export and import glossary files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..constants import TARGET_LANGS as TARGETS
from ..glossary.check import check_glossary
from ..glossary.files import (
    GLOSSARY_DIR,
    export_amazon_csv,
    export_deepl_tsv,
    glossary_to_text,
    load_glossary,
    merge_terms,
    parse_amazon_csv,
    parse_deepl_tsv,
)
from ..glossary.model import Glossary
from ..textfiles import atomic_output, read_utf8

DEFAULT_FILE = GLOSSARY_DIR / "wirealign.tsv"


@click.group("glossary")
def glossary_cli() -> None:
    """Check, export and import the glossary files."""


@glossary_cli.command("check")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def check_cmd(path: Path | None) -> None:
    """Fail (exit 1) on duplicates, conflicts, shared variants, missing languages or
    bad characters. PATH: a file or a directory (default: glossaries/)."""
    path = path or GLOSSARY_DIR
    try:
        problems = check_glossary(path)
    except UnicodeDecodeError:
        raise click.ClickException(f"{path}: not UTF-8 text") from None
    for p in problems:
        click.echo(p, err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s) in {path}", err=True)
        sys.exit(1)
    g = load_glossary(path)
    click.echo(f"{path}: {len(g)} entries, version {g.version}, no problems")


@glossary_cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["deepl-tsv", "amazon-csv", "wirealign-tsv"]),
              default="amazon-csv", show_default=True)
@click.option("--to", "target", type=click.Choice(TARGETS), default=None,
              help="Target language (required for deepl-tsv; amazon-csv: only this column).")
@click.option("--glossary", "source", type=click.Path(exists=True, path_type=Path),
              default=None, help="Glossary file or directory (default: glossaries/).")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None)
def export_cmd(fmt: str, target: str | None, source: Path | None, output: Path | None) -> None:
    """Write the glossary as DeepL TSV, Amazon CSV or this project's TSV."""
    g = load_glossary(source)
    if fmt == "deepl-tsv":
        if not target:
            raise click.UsageError("deepl-tsv needs --to ko|ja (DeepL glossaries are one "
                                   "direction)")
        text = export_deepl_tsv(g, target)
    elif fmt == "amazon-csv":
        text = export_amazon_csv(g, (target,) if target else TARGETS)
    else:
        text = glossary_to_text(g)
    if output:
        with atomic_output(output) as out:
            out.write(text.encode("utf-8"))
    else:
        click.echo(text, nl=False)


@glossary_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["auto", "deepl-tsv", "amazon-csv"]),
              default="auto", show_default=True)
@click.option("--to", "target", type=click.Choice(TARGETS), default=None,
              help="Target language of a DeepL TSV.")
@click.option("--into", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help=f"Glossary file to merge into (rewritten), e.g. {DEFAULT_FILE.name} in "
                   "glossaries/; named on purpose, so no import rewrites it by accident.")
def import_cmd(file: Path, fmt: str, target: str | None, into: Path) -> None:
    """Merge a DeepL TSV or Amazon CSV into a glossary file. New entries come in
    unverified; renderings that differ from reviewed ones are reported, not overwritten."""
    text = read_utf8(file)
    first = text.splitlines()[0].lower() if text.strip() else ""
    if fmt == "auto":
        header = [c.strip() for c in first.replace("\t", ",").split(",")]
        fmt = "amazon-csv" if "en" in header else "deepl-tsv"
    try:
        if fmt == "deepl-tsv":
            if not target:
                raise click.UsageError("a DeepL TSV holds one target language: give --to")
            terms = parse_deepl_tsv(text, target)
        else:
            terms = parse_amazon_csv(text)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    base = load_glossary(into) if into.exists() else Glossary([])
    merged, report = merge_terms(base, terms, source=f"import:{file.name}")
    with atomic_output(into) as out:
        out.write(glossary_to_text(merged).encode("utf-8"))
    for line in report:
        click.echo(line)
    click.echo(f"{into}: {len(merged)} entries, version {merged.version}")
