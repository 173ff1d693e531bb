"""``wirealign db``: the SQLite database."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from ..store import get_db
from ..store.articles import table_counts
from ..store.stats import states_by_lang


@click.group("db")
def db_group() -> None:
    """The SQLite database."""


@db_group.command("stats")
@with_appcontext
def db_stats() -> None:
    """Counts of articles, translations and pairs by language and state."""
    db = get_db()
    click.echo(f"database: {current_app.config['DATABASE']}")
    for table, count in table_counts(db).items():
        click.echo(f"{table:<14} {count}")
    for row in states_by_lang(db):
        click.echo(f"  {row['lang']} {row['status']:<13} {row['n']}")


