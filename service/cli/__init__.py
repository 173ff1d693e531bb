"""The ``wirealign`` command. Each group lives in a module of its own:

- ``serve``: the HTTP service       - ``translate``: wire files into pairs
- ``models``: install and list models - ``db``: database counts
- ``keys``: API keys                 - ``glossary``: check, export, import
- ``export``: the corpus              - ``align``: human translations in
- ``retranslate``: bring pairs up to the glossary in force
- ``xliff``: post-editing round trip through a CAT tool
- ``jobs``: big work as jobs, with a progress bar
"""

from __future__ import annotations

import os
import sqlite3
import sys
from typing import Any

import click
from flask.cli import FlaskGroup

from .. import __version__
from ..app import create_app
from ..engine import EngineError


class WirealignGroup(FlaskGroup):
    """Flask's group (it builds the app for commands that need one) without
    Flask's own options: ``--help`` shows wirealign's options only."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.params = [p for p in self.params if p.name not in _FLASK_OPTIONS]


_FLASK_OPTIONS = ("app", "env_file", "debug")


@click.group(cls=WirealignGroup, create_app=create_app, add_default_commands=False,
             add_version_option=False, load_dotenv=False)
@click.version_option(__version__, "--version", "-V", prog_name="wirealign",
                      message="%(prog)s %(version)s")
def cli() -> None:
    """wirealign: English wire copy into aligned Korean and Japanese pairs."""


def _add_commands() -> None:
    from . import (
        align,
        db,
        export,
        glossary,
        jobs,
        keys,
        models,
        retranslate,
        serve,
        translate,
        xliff,
    )

    for command in (serve.serve, translate.translate_files, models.models, db.db_group,
                    keys.keys_cli, glossary.glossary_cli, export.export_command,
                    align.align_command, retranslate.retranslate_command, xliff.xliff_cli,
                    jobs.jobs_cli):
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
