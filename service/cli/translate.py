"""``wirealign translate``: wire articles from files, translated, stored and printed."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from flask.cli import with_appcontext
from tqdm import tqdm

from ..config import engine_settings
from ..constants import TARGET_LANGS
from ..engine import EngineError
from ..glossary.in_force import glossary_in_force
from ..language import english_or_reason
from ..segment.html import article_text
from ..store import get_db
from ..textfiles import read_utf8
from ..translate_article import NothingToTranslate, translate_article


def _targets(value: str) -> list[str]:
    targets = [t.strip() for t in value.split(",") if t.strip()]
    bad = [t for t in targets if t not in TARGET_LANGS]
    if bad or not targets:
        raise click.BadParameter(f"{value!r}: choose from {', '.join(TARGET_LANGS)}",
                                 param_hint="'--to'")
    return list(dict.fromkeys(targets))


@click.command("translate")
@click.argument("files", nargs=-1, required=True, type=click.Path(
    exists=True, dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--to", "to", default="ko,ja", show_default=True, help="Target languages.")
@click.option("--json", "as_json", is_flag=True, help="Print the stored articles as JSON.")
@click.option("--no-glossary", is_flag=True, help="Translate without the glossary.")
@with_appcontext
def translate_files(files: tuple[Path, ...], to: str, as_json: bool, no_glossary: bool) -> None:
    """Translate wire articles from FILES (UTF-8 text, a saved .html page or .docx;
    - reads standard input), store them and print the aligned pairs."""
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
        if path.suffix.lower() in (".html", ".htm"):  # a whole saved page: its article
            text = article_text(text)
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


