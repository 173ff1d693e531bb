"""`wirealign glossary ...`: check, export and import glossary files; list,
retire, revert and approve the changes kept in the database.

The glossary in force is the seed file (glossaries/) plus the changes made
over HTTP, kept in the configured database: check and export read that merged
glossary when the database exists and no file is named. Commands run at the
shell act as an admin: their changes apply at once."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

import click
import sqlite_utils
from flask import current_app, has_app_context
from flask.cli import NoAppException, ScriptInfo, with_appcontext

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
from ..glossary.governance import ChangeRefused, decide, describe, problems_with, submit
from ..glossary.in_force import merged_rows
from ..glossary.model import Glossary
from ..store import connect
from ..store import glossary as store
from ..textfiles import atomic_output, read_utf8

DEFAULT_FILE = GLOSSARY_DIR / "wirealign.tsv"


@click.group("glossary")
def glossary_cli() -> None:
    """Check, export and import the glossary; manage the changes kept in the database."""


def _database() -> sqlite_utils.Database | None:
    """The configured database when it exists (never created just to read);
    None too when the group runs outside ``wirealign`` (no app configured)."""
    if not has_app_context():
        # Our commands get no app context from FlaskGroup: load the app here.
        ctx = click.get_current_context(silent=True)
        info = ctx.find_object(ScriptInfo) if ctx else None
        if ctx is None or info is None:
            return None
        try:
            app = info.load_app()
        except NoAppException:
            return None
        ctx.with_resource(app.app_context())
    path = Path(current_app.config["DATABASE"])
    return connect(path) if path.is_file() else None


def _needs_database() -> sqlite_utils.Database:
    db = _database()
    if db is None:
        raise click.ClickException(f"no database at {current_app.config['DATABASE']}: "
                                   "there are no glossary changes to manage")
    return db


def _merged() -> tuple[Glossary, str] | None:
    """The seed file with the database's changes, and a name for it; None
    without a database."""
    db = _database()
    if db is None:
        return None
    try:
        rows = merged_rows(db)
    finally:
        db.close()
    return Glossary.from_rows(rows), f"{GLOSSARY_DIR.name}/ + {current_app.config['DATABASE']}"


@glossary_cli.command("check")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def check_cmd(path: Path | None) -> None:
    """Fail (exit 1) on duplicates, conflicts, shared variants, missing languages or
    bad characters. PATH: a file or a directory; without it, the glossary in force
    (glossaries/ plus the configured database's changes, when it exists)."""
    merged = None if path else _merged()
    if merged is not None:
        glossary, name = merged
        problems = problems_with(glossary.to_rows())
    else:
        path = path or GLOSSARY_DIR
        try:
            problems = check_glossary(path)
        except UnicodeDecodeError:
            raise click.ClickException(f"{path}: not UTF-8 text") from None
        name = str(path)
    for p in problems:
        click.echo(p, err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s) in {name}", err=True)
        sys.exit(1)
    g = merged[0] if merged is not None else load_glossary(path)
    click.echo(f"{name}: {len(g)} entries, version {g.version}, no problems")


@glossary_cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["deepl-tsv", "amazon-csv", "wirealign-tsv"]),
              default="amazon-csv", show_default=True)
@click.option("--to", "target", type=click.Choice(TARGETS), default=None,
              help="Target language (required for deepl-tsv; amazon-csv: only this column).")
@click.option("--glossary", "source", type=click.Path(exists=True, path_type=Path),
              default=None, help="Glossary file or directory (default: the glossary in force: "
                                 "glossaries/ plus the database's changes).")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None)
def export_cmd(fmt: str, target: str | None, source: Path | None, output: Path | None) -> None:
    """Write the glossary as DeepL TSV, Amazon CSV or this project's TSV."""
    merged = None if source else _merged()
    g = merged[0] if merged is not None else load_glossary(source)
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


def _who(by: str | None) -> str:
    return by or f"cli:{getpass.getuser()}"


def _apply(action: str, entry_id: str, by: str | None, revert_of: int | None = None) -> None:
    db = _needs_database()
    try:
        result = submit(db, action, entry_id, _who(by), "admin", revert_of=revert_of)
    except ChangeRefused as refused:
        raise click.ClickException(refused.message) from None
    finally:
        db.close()
    change = result["change"]
    click.echo(f"change {change['id']}: {change['entry_id']} {action} by {change['changed_by']}")


@glossary_cli.command("changes")
@click.option("--limit", type=click.IntRange(1, 10000), default=50, show_default=True)
@with_appcontext
def changes_cmd(limit: int) -> None:
    """The changes kept in the database, newest first (their ids revert them)."""
    db = _needs_database()
    try:
        rows = store.recent_changes(db, limit)
    finally:
        db.close()
    for row in rows:
        what = ("retired" if row["new"] is None else "added" if row["old"] is None
                else "changed")
        click.echo(f"{row['id']}\t{row['changed_at']}\t{row['changed_by']}\t"
                   f"{row['entry_id']}\t{what}")


@glossary_cli.command("retire")
@click.argument("entry_id")
@click.option("--by", default=None, help="Who retires it (default: cli:<user>).")
@with_appcontext
def retire_cmd(entry_id: str, by: str | None) -> None:
    """Stop applying an entry; it stays in the history and can be brought back
    by reverting this change."""
    _apply("retire", entry_id, by)


@glossary_cli.command("revert")
@click.argument("change_id", type=int)
@click.option("--by", default=None, help="Who reverts it (default: cli:<user>).")
@with_appcontext
def revert_cmd(change_id: int, by: str | None) -> None:
    """Undo a change (the entry's latest): its entry returns to what it was."""
    _apply("revert", "", by, revert_of=change_id)


@glossary_cli.command("proposals")
@click.option("--state", type=click.Choice(["pending", "approved", "rejected", "all"]),
              default="pending", show_default=True)
@with_appcontext
def proposals_cmd(state: str) -> None:
    """Reviewers' changes waiting for an admin, with the stored pairs each would alter."""
    db = _needs_database()
    try:
        rows = [describe(db, p)
                for p in store.proposals(db, None if state == "all" else state)]
    finally:
        db.close()
    for row in rows:
        detail = (f"blocked: {row['blocked']}" if "blocked" in row
                  else f"alters {row['affected_pairs']} pair(s)" if "affected_pairs" in row
                  else f"{row['state']} by {row['decided_by']}")
        click.echo(f"{row['id']}\t{row['proposed_by']}\t{row['action']}\t{row['entry_id']}\t"
                   f"{detail}")
        if row.get("after") is not None:
            click.echo("\t" + json.dumps(row["after"], ensure_ascii=False))


def _decide(proposal_id: int, approve: bool, by: str | None) -> None:
    db = _needs_database()
    try:
        proposal = decide(db, proposal_id, approve, _who(by))
    except ChangeRefused as refused:
        raise click.ClickException(refused.message) from None
    finally:
        db.close()
    click.echo(f"proposal {proposal_id} {proposal['state']}"
               + (f" (change {proposal['change_id']})" if proposal.get("change_id") else ""))


@glossary_cli.command("approve")
@click.argument("proposal_id", type=int)
@click.option("--by", default=None, help="Who approves (default: cli:<user>).")
@with_appcontext
def approve_cmd(proposal_id: int, by: str | None) -> None:
    """Apply a reviewer's proposal (checked again against the glossary now)."""
    _decide(proposal_id, True, by)


@glossary_cli.command("reject")
@click.argument("proposal_id", type=int)
@click.option("--by", default=None, help="Who rejects (default: cli:<user>).")
@with_appcontext
def reject_cmd(proposal_id: int, by: str | None) -> None:
    """Turn a reviewer's proposal down."""
    _decide(proposal_id, False, by)


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
