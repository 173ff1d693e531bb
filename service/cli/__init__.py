"""The ``wirealign`` command. Each group lives in a module of its own:

- ``serve``: the HTTP service       - ``translate``: wire files into pairs
- ``models``: install and list models - ``db``: database counts
- ``keys``: API keys                 - ``glossary``: check, export, import
- ``export``: the corpus              - ``align``: human translations in
- ``retranslate``: bring pairs up to the glossary in force
- ``jobs``: big work as jobs, with a progress bar
"""

from __future__ import annotations

import os
import sqlite3
import sys

import click
from flask.cli import FlaskGroup

from ..app import create_app
from ..engine import EngineError


@click.group(cls=FlaskGroup, create_app=create_app, add_default_commands=False,
             add_version_option=False)
def cli() -> None:
    """wirealign: English wire copy into aligned Korean and Japanese pairs."""


def _add_commands() -> None:
    from . import align, db, export, glossary, jobs, keys, models, retranslate, serve, translate

    for command in (serve.serve, translate.translate_files, models.models, db.db_group,
                    keys.keys_cli, glossary.glossary_cli, export.export_command,
                    align.align_command, retranslate.retranslate_command, jobs.jobs_cli):
        cli.add_command(command)


_add_commands()


def main() -> None:
    try:
        cli()
    except EngineError as error:  # bad WIREALIGN_* settings found while creating the app
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    except sqlite3.DatabaseError as error:  # WIREALIGN_DATABASE is a folder, or not SQLite
        click.echo(f"Error: the database {os.environ.get('WIREALIGN_DATABASE', '')} cannot be "
                   f"used: {error}", err=True)
        sys.exit(1)
