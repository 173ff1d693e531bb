"""``wirealign retranslate --stale``: machine pairs made with an older glossary
brought up to the glossary in force (never edited, approved or rejected ones)."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext
from tqdm import tqdm

from ..config import engine_settings
from ..engine import EngineError
from ..glossary.in_force import glossary_in_force
from ..store import get_db
from ..translate_article import retranslate_stale


@click.command("retranslate")
@click.option("--stale", is_flag=True, required=True,
              help="Pairs made with an older glossary than the one in force.")
@with_appcontext
def retranslate_command(stale: bool) -> None:
    """Re-translate machine pairs made with an older glossary (never edited,
    approved or rejected ones)."""
    db = get_db()
    glossary = glossary_in_force(db)
    try:
        done, changed = retranslate_stale(
            db, engine_settings(), glossary,
            progress=lambda rows: tqdm(rows, desc="translations", unit="tr", file=sys.stderr))
    except EngineError as error:
        raise click.ClickException(str(error)) from error
    if not done:
        click.echo(f"nothing is stale: every translation uses glossary {glossary.version}")
        return
    click.echo(f"{done} translations brought to glossary {glossary.version}; "
               f"{changed} pairs changed")
