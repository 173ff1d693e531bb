"""``wirealign models``: list and install Argos translation models."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..config import engine_settings
from ..constants import TARGET_LANGS
from ..engine import (
    EngineError,
    build_standin_package,
    install_from_file,
    install_from_index,
    installed_packages,
)


@click.group()
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
    for missing in [t for t in TARGET_LANGS if t not in have]:
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
    wanted = list(targets) or ([] if files else list(TARGET_LANGS))
    bad = [t for t in wanted if t not in TARGET_LANGS]
    if bad:
        raise click.BadParameter(f"unsupported target {bad[0]!r}; choose from "
                                 + ", ".join(TARGET_LANGS))
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


