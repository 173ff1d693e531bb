"""``wirealign align``: an English article and its human translation, aligned
and stored."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..align_article import NothingToAlign, align_article, machine_translation_for, target_problem
from ..config import engine_settings
from ..constants import TARGET_LANGS
from ..glossary.in_force import glossary_in_force
from ..language import english_or_reason
from ..store import get_db
from ..textfiles import read_utf8


@click.command("align")
@click.argument("en_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("target_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--to", "lang", type=click.Choice(TARGET_LANGS), required=True,
              help="The language of TARGET_FILE.")
@click.option("--json", "as_json", is_flag=True, help="Print the stored pairs as JSON.")
@click.option("--no-glossary", is_flag=True, help="Align without glossary anchors.")
@with_appcontext
def align_command(en_file: Path, target_file: Path, lang: str, as_json: bool,
                  no_glossary: bool) -> None:
    """Align EN_FILE with its human translation TARGET_FILE and store the pairs."""
    source_text = read_utf8(en_file)
    target_text = read_utf8(target_file)
    problem = ((english_or_reason(source_text) if source_text.strip() else "it is empty")
               or None)
    if problem:
        raise click.ClickException(f"{en_file}: {problem}")
    if not target_text.strip():
        raise click.ClickException(f"{target_file}: it is empty")
    problem = target_problem(target_text, lang)
    if problem:
        raise click.ClickException(f"{target_file}: {problem}")
    db = get_db()
    glossary = None if no_glossary else glossary_in_force(db)
    try:
        article, _ = align_article(db, source_text=source_text, target_text=target_text,
                                   lang=lang, glossary=glossary,
                                   translate=machine_translation_for(engine_settings(), lang))
    except NothingToAlign as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(article, ensure_ascii=False, indent=2))
        return
    pairs = article["translations"][0]["pairs"]
    click.echo(f"article {article['id']}: {len(pairs)} pairs (en-{lang}, human)")
    for pair in pairs:
        flags = f"  [{', '.join(pair['flags'])}]" if pair["flags"] else ""
        click.echo(f"{pair['position']:>3} {pair['bead']:<4} {pair['score']:.2f} "
                   f"{pair['kind']:<8} {pair['source']}", file=sys.stdout)
        click.echo(f"{'':>18} {pair['target'] or ''}{flags}")
