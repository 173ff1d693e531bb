"""Bring machine pairs made with an older glossary up to date. Pairs a person
has touched (edited, approved, rejected) are never changed."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click
import sqlite_utils
from flask.cli import with_appcontext
from tqdm import tqdm

from . import quality
from .config import engine_settings
from .engine import EngineError, EngineSettings, get_translator
from .glossary import Glossary, translate_with_glossary
from .glossary_store import glossary_in_force
from .store import get_db, now, write_transaction

UNTOUCHED_BY_PEOPLE = ("machine", "needs_review")


def stale_translations(db: sqlite_utils.Database, version: str) -> list[dict]:
    return list(db.query(
        """SELECT id, lang FROM translations
           WHERE origin = 'machine' AND (glossary_version IS NULL OR glossary_version != ?)
           ORDER BY id""", [version]))


def retranslate(db: sqlite_utils.Database, translation_id: int, lang: str,
                settings: EngineSettings, glossary: Glossary, who: str = "retranslate") -> int:
    """Re-run one translation's untouched machine pairs with ``glossary``; one
    transaction. Returns how many pairs changed."""
    marks = ",".join("?" * len(UNTOUCHED_BY_PEOPLE))
    pairs = list(db.query(
        f"""SELECT id, source, target, status, version FROM pairs
            WHERE translation_id = ? AND origin = 'machine' AND status IN ({marks})
            ORDER BY position""", [translation_id, *UNTOUCHED_BY_PEOPLE]))
    translator = get_translator(settings, lang)
    outcomes = translate_with_glossary([p["source"] for p in pairs], lang,
                                       translator.translate, glossary)
    stamp = now()
    changed = 0
    with write_transaction(db):
        for pair, outcome in zip(pairs, outcomes, strict=True):
            flags = quality.pair_flags(pair["source"], outcome.target, lang,
                                       stand_in=translator.package.stand_in) + outcome.flags
            status = quality.status_for(flags)
            # Only if nobody reviewed it while we translated (optimistic check).
            cursor = db.execute(
                f"""UPDATE pairs SET target = ?, flags = ?, terms = ?, status = ?,
                        glossary_version = ?, version = version + 1, updated_at = ?,
                        updated_by = ?
                    WHERE id = ? AND version = ? AND status IN ({marks})""",
                [outcome.target, json.dumps(flags, ensure_ascii=False),
                 json.dumps([asdict(t) for t in outcome.terms], ensure_ascii=False), status,
                 glossary.version, stamp, who, pair["id"], pair["version"],
                 *UNTOUCHED_BY_PEOPLE])
            if cursor.rowcount and (outcome.target != pair["target"] or status != pair["status"]):
                changed += 1
                db["pair_history"].insert({
                    "pair_id": pair["id"], "changed_at": stamp, "changed_by": who,
                    "old_target": pair["target"], "new_target": outcome.target,
                    "old_status": pair["status"], "new_status": status,
                    "note": f"retranslated with glossary {glossary.version}"})
        db.execute("UPDATE translations SET glossary_version = ? WHERE id = ?",
                   [glossary.version, translation_id])
    return changed


@click.command("retranslate")
@click.option("--stale", is_flag=True, required=True,
              help="Pairs made with an older glossary than the one in force.")
@with_appcontext
def retranslate_command(stale: bool) -> None:
    """Re-translate machine pairs made with an older glossary (never edited,
    approved or rejected ones)."""
    db = get_db()
    glossary = glossary_in_force(db)
    todo = stale_translations(db, glossary.version)
    if not todo:
        click.echo(f"nothing is stale: every translation uses glossary {glossary.version}")
        return
    changed = 0
    try:
        for row in tqdm(todo, desc="translations", unit="tr", file=sys.stderr):
            changed += retranslate(db, row["id"], row["lang"], engine_settings(), glossary)
    except EngineError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{len(todo)} translations brought to glossary {glossary.version}; "
               f"{changed} pairs changed")
