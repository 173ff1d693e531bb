"""The ``wirealign`` command: the service, translation of files, models, the
database, and the groups each area adds (keys, glossary, export, align)."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext
from tqdm import tqdm

from . import create_app
from .config import engine_settings
from .engine import (
    EngineError,
    build_standin_package,
    install_from_file,
    install_from_index,
    installed_packages,
)
from .glossary_store import glossary_in_force
from .language import english_or_reason
from .pipeline import SUPPORTED_TARGETS, NothingToTranslate, translate_article
from .store import get_db
from .textfiles import read_utf8


@click.group(cls=FlaskGroup, create_app=create_app, add_default_commands=False,
             add_version_option=False)
def cli() -> None:
    """wirealign: English wire copy into aligned Korean and Japanese pairs."""


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=4, show_default=True, type=int,
              help="Request threads; the model is shared by all of them.")
def serve(host: str, port: int, threads: int) -> None:
    """Run the HTTP service with gunicorn (one process: the model loads once)."""
    import os

    os.execv(sys.executable, [sys.executable, "-m", "gunicorn", "--workers", "1",
                              "--threads", str(threads), "--bind", f"{host}:{port}",
                              "--access-logfile", "-", "service:create_app()"])


def _targets(value: str) -> list[str]:
    targets = [t.strip() for t in value.split(",") if t.strip()]
    bad = [t for t in targets if t not in SUPPORTED_TARGETS]
    if bad or not targets:
        raise click.BadParameter(f"{value!r}: choose from {', '.join(SUPPORTED_TARGETS)}",
                                 param_hint="'--to'")
    return list(dict.fromkeys(targets))


@cli.command("translate")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False,
                                                                   path_type=Path))
@click.option("--to", "to", default="ko,ja", show_default=True, help="Target languages.")
@click.option("--json", "as_json", is_flag=True, help="Print the stored articles as JSON.")
@click.option("--no-glossary", is_flag=True, help="Translate without the glossary.")
@with_appcontext
def translate_files(files: tuple[Path, ...], to: str, as_json: bool, no_glossary: bool) -> None:
    """Translate wire articles from FILES, store them and print the aligned pairs."""
    targets = _targets(to)
    db = get_db()
    glossary = None if no_glossary else glossary_in_force(db)
    results = []
    failed = False
    for path in tqdm(files, desc="articles", unit="file", disable=len(files) < 2,
                     file=sys.stderr):
        try:
            text = read_utf8(path)
        except click.ClickException as error:
            click.echo(f"skipped: {error.message}", err=True)
            failed = True
            continue
        reason = english_or_reason(text) if text.strip() else "the file is empty"
        if reason:
            click.echo(f"{path}: skipped: {reason}", err=True)
            failed = True
            continue
        try:
            result = translate_article(db, text=text, targets=targets, glossary=glossary,
                                       settings=engine_settings())
        except EngineError as error:
            raise click.ClickException(str(error)) from error
        except NothingToTranslate as error:
            click.echo(f"{path}: skipped: {error}", err=True)
            failed = True
            continue
        results.append(result.article)
        if not as_json:
            _print_article(path, result.article)
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    if failed:
        sys.exit(1)


def _print_article(path: Path, article: dict[str, Any]) -> None:
    click.echo(f"== {path} (article {article['id']})")
    for translation in article["translations"]:
        engine = translation["engine"]
        label = " [STAND-IN: not a translation]" if engine["stand_in"] else ""
        click.echo(f"-- {translation['target']} by {engine['package']} "
                   f"{engine['version']}{label}")
        for pair in translation["pairs"]:
            flags = f"  [{', '.join(pair['flags'])}]" if pair["flags"] else ""
            click.echo(f"{pair['position']:>3} {pair['kind']:<8} {pair['source']}")
            if pair["target"] is not None:
                click.echo(f"{'':>3} {'→':<8} {pair['target']}{flags}")


@cli.group()
def models() -> None:
    """List and install Argos translation models."""


@models.command("list")
@with_appcontext
def models_list() -> None:
    """Installed packages, with their versions; stand-ins are marked."""
    settings = engine_settings()
    packages = installed_packages(settings.packages_dir)
    click.echo(f"packages directory: {settings.packages_dir}")
    if not packages:
        click.echo("no models installed; run `wirealign models install ko ja`")
    for package in packages:
        mark = "  STAND-IN (copies its input; not a translation)" if package.stand_in else ""
        click.echo(f"{package.from_code}->{package.to_code}  {package.name} "
                   f"{package.version}{mark}")
    have = {p.to_code for p in packages if p.from_code == "en"}
    for missing in [t for t in SUPPORTED_TARGETS if t not in have]:
        click.echo(f"en->{missing}  missing: `wirealign models install {missing}`")


@models.command("install")
@click.argument("targets", nargs=-1)
@click.option("--file", "files", multiple=True, type=click.Path(exists=True, dir_okay=False,
                                                              path_type=Path),
              help="Install from a .argosmodel file (repeatable).")
@click.option("--stand-in", is_flag=True,
              help="Install STAND-IN copy models for offline trials (not translations).")
@click.option("--missing", is_flag=True, help="Only targets that have no model yet.")
@with_appcontext
def models_install(targets: tuple[str, ...], files: tuple[Path, ...], stand_in: bool,
                   missing: bool) -> None:
    """Install en->TARGETS models from the Argos index, from --file, or stand-ins."""
    settings = engine_settings()
    wanted = list(targets) or ([] if files else list(SUPPORTED_TARGETS))
    bad = [t for t in wanted if t not in SUPPORTED_TARGETS]
    if bad:
        raise click.BadParameter(f"unsupported target {bad[0]!r}; choose from "
                                 + ", ".join(SUPPORTED_TARGETS))
    if missing:
        have = {p.to_code for p in installed_packages(settings.packages_dir)}
        wanted = [t for t in wanted if t not in have]
    try:
        for path in files:
            package = install_from_file(path, settings.packages_dir, expect_targets=targets)
            click.echo(f"installed {package.name} {package.version} "
                       f"(en->{package.to_code}) from {path}")
        if files:
            return
        if stand_in:
            import tempfile

            for target in wanted:
                with tempfile.TemporaryDirectory() as tmp:
                    built = build_standin_package(Path(tmp) / f"standin-en-{target}.argosmodel",
                                                  target)
                    package = install_from_file(built, settings.packages_dir)
                click.echo(f"installed STAND-IN en->{target} ({package.name}): it copies "
                           "its input and is NOT a translation")
            return
        if wanted:
            for package in install_from_index(wanted, settings.packages_dir, progress=True):
                click.echo(f"installed {package.name} {package.version} (en->{package.to_code})")
    except EngineError as error:
        raise click.ClickException(str(error)) from error


@cli.group("db")
def db_group() -> None:
    """The SQLite database."""


@db_group.command("stats")
@with_appcontext
def db_stats() -> None:
    """Counts of articles, translations and pairs by language and state."""
    db = get_db()
    click.echo(f"database: {current_app.config['DATABASE']}")
    for table in ("articles", "translations", "pairs", "pair_history", "api_keys"):
        click.echo(f"{table:<14} {db[table].count}")
    for row in db.query("SELECT lang, status, count(*) AS n FROM pairs "
                        "GROUP BY lang, status ORDER BY lang, status"):
        click.echo(f"  {row['lang']} {row['status']:<13} {row['n']}")


def _attach_area_commands() -> None:
    """Each area owns its commands; the CLI only gathers them."""
    from .alignment import align_command
    from .export.cli import export_command
    from .glossary.cli import glossary_cli
    from .keys_cli import keys_cli
    from .retranslate import retranslate_command

    for command in (keys_cli, glossary_cli, export_command, align_command,
                    retranslate_command):
        cli.add_command(command)


_attach_area_commands()


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
