"""Articles, their translations and their pairs: written together or not at all."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

import sqlite_utils

from . import now, write_transaction
from .memory import memory_key


@dataclass
class PairRecord:
    """One aligned pair as the pipeline or the aligner produced it."""

    position: int
    kind: str
    source: str
    target: str | None
    status: str  # machine | needs_review | source_only (review adds edited/approved/rejected)
    origin: str  # machine | memory | human | source
    flags: list[str] = field(default_factory=list)
    terms: list[dict[str, Any]] = field(default_factory=list)
    bead: str | None = None
    score: float | None = None
    # Aligned pairs: the sentences of each side, {"source": [...], "target": [...]}
    # (a hand split falls between them).
    sentences: dict[str, list[str]] | None = None


@dataclass
class TranslationRecord:
    """One target language's version of an article, with the pairs in order."""

    lang: str
    origin: str  # machine | human
    engine: str
    engine_version: str
    stand_in: bool
    pairs: list[PairRecord]
    settings: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    glossary_version: str | None = None
    target_text: str | None = None
    # Aligned human translations: the probability that the target translates the
    # source (rather than telling the same story separately).
    translation_probability: float | None = None
    is_translation: bool | None = None


def content_hash(text: str) -> str:
    """The article's identity: the same text (up to Unicode form and outer
    whitespace) submitted twice is one article."""
    normal = unicodedata.normalize("NFC", text).lstrip("\ufeff").strip().replace("\r\n", "\n")
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def find_article_id(db: sqlite_utils.Database, text: str) -> int | None:
    row = db.execute("SELECT id FROM articles WHERE content_hash = ?",
                     [content_hash(text)]).fetchone()
    return row[0] if row else None


def _insert_translation(db: sqlite_utils.Database, article_id: int,
                        translation: TranslationRecord, stamp: str) -> int:
    translation_id = db["translations"].insert({
        "article_id": article_id,
        "lang": translation.lang,
        "origin": translation.origin,
        "engine": translation.engine,
        "engine_version": translation.engine_version,
        "stand_in": int(translation.stand_in),
        "settings": json.dumps(translation.settings),
        "glossary_version": translation.glossary_version,
        "timings": json.dumps(translation.timings),
        "target_text": translation.target_text,
        "translation_probability": translation.translation_probability,
        "is_translation": (None if translation.is_translation is None
                           else int(translation.is_translation)),
        "created_at": stamp,
    }).last_pk
    db["pairs"].insert_all(
        {
            "translation_id": translation_id,
            "article_id": article_id,
            "lang": translation.lang,
            "position": pair.position,
            "kind": pair.kind,
            "source": pair.source,
            "source_key": memory_key(pair.source),
            "target": pair.target,
            "status": pair.status,
            "flags": json.dumps(pair.flags, ensure_ascii=False),
            "terms": json.dumps(pair.terms, ensure_ascii=False),
            "origin": pair.origin,
            "bead": pair.bead,
            "score": pair.score,
            "sentences": (json.dumps(pair.sentences, ensure_ascii=False)
                          if pair.sentences is not None else None),
            "version": 1,
            "created_at": stamp,
            "updated_at": stamp,
            "updated_by": None,
            "glossary_version": translation.glossary_version,
        }
        for pair in translation.pairs
    )
    return translation_id


@dataclass
class Saved:
    """What a save did: the article, whether it was new, and per translation
    given (in order) its id and whether it was new."""

    article_id: int
    created: bool
    translations: list[tuple[int, bool]]


def save_article(
    db: sqlite_utils.Database,
    *,
    text: str,
    segments: list[dict[str, Any]],
    translations: list[TranslationRecord],
    title: str | None = None,
    url: str | None = None,
    source_lang: str = "en",
) -> Saved:
    """Store an article with all its translations in ONE transaction.

    When the same text is already stored (perhaps by a concurrent request),
    the translations are added to it as :func:`add_translations` does.
    """
    stamp = now()
    try:
        with write_transaction(db):
            article_id = db["articles"].insert({
                "content_hash": content_hash(text),
                "title": title,
                "url": url,
                "text": text,
                "segments": json.dumps(segments, ensure_ascii=False),
                "source_lang": source_lang,
                "created_at": stamp,
            }).last_pk
            ids = [(_insert_translation(db, article_id, t, stamp), True) for t in translations]
        return Saved(article_id, True, ids)
    except sqlite3.IntegrityError:
        existing = find_article_id(db, text)
        if existing is None:
            raise
        return Saved(existing, False, add_translations(db, existing, translations))


def find_human_translation_id(db: sqlite_utils.Database, article_id: int, lang: str,
                              target_text: str) -> int | None:
    """The stored human translation of this article with exactly this text, or None
    (the same key add_translations deduplicates on)."""
    row = db.execute("SELECT id FROM translations WHERE article_id = ? AND lang = ? "
                     "AND origin = 'human' AND target_text = ? ORDER BY id LIMIT 1",
                     [article_id, lang, target_text]).fetchone()
    return row[0] if row else None


def add_translations(db: sqlite_utils.Database, article_id: int,
                     translations: list[TranslationRecord]) -> list[tuple[int, bool]]:
    """Attach translations to a stored article, all in one transaction.

    Returns ``(translation_id, created)`` per translation given. Adding is
    idempotent: a machine translation for a language the article already has
    one for is not made again, nor is a human translation with the same text.
    """
    stamp = now()
    out = []
    with write_transaction(db):
        machine: dict[str, int] = {}
        human: dict[tuple[str, str], int] = {}
        for row in db.query("SELECT id, lang, origin, target_text FROM translations "
                            "WHERE article_id = ? ORDER BY id", [article_id]):
            if row["origin"] == "human":
                human.setdefault((row["lang"], row["target_text"]), row["id"])
            else:
                machine.setdefault(row["lang"], row["id"])
        for translation in translations:
            if translation.origin == "human":
                key = (translation.lang, translation.target_text or "")
                existing = human.get(key)
            else:
                existing = machine.get(translation.lang)
            if existing is not None:
                out.append((existing, False))
                continue
            new_id = _insert_translation(db, article_id, translation, stamp)
            if translation.origin == "human":
                human[key] = new_id
            else:
                machine[translation.lang] = new_id
            out.append((new_id, True))
    return out


def pair_as_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A stored pair as the API shows it."""
    return {
        "id": row["id"],
        "position": row["position"],
        "kind": row["kind"],
        "source": row["source"],
        "target": row["target"],
        "state": row["status"],
        "status": row["status"],  # deprecated: the old name of "state", for one release
        "flags": json.loads(row["flags"] or "[]"),
        "terms": json.loads(row["terms"] or "[]"),
        "origin": row["origin"],
        "bead": row["bead"],
        "score": row["score"],
        "version": row["version"],
    }


def translation_as_dict(db: sqlite_utils.Database, row: dict[str, Any]) -> dict[str, Any]:
    pairs = db.query("SELECT * FROM pairs WHERE translation_id = ? ORDER BY position",
                     [row["id"]])
    return {
        "id": row["id"],
        "target": row["lang"],
        "origin": row["origin"],
        "engine": {
            "package": row["engine"],
            "version": row["engine_version"],
            "stand_in": bool(row["stand_in"]),
            "settings": json.loads(row["settings"] or "{}"),
        },
        "glossary_version": row["glossary_version"],
        "timings": json.loads(row["timings"] or "{}"),
        **_judgement(row),
        "created_at": row["created_at"],
        "pairs": [pair_as_dict(pair) for pair in pairs],
    }


def _judgement(row: dict[str, Any]) -> dict[str, Any]:
    """An aligned translation's document-level judgement (none for machine output)."""
    probability = row.get("translation_probability")
    if probability is None:
        return {}
    return {"translation_probability": probability,
            "is_translation": bool(row.get("is_translation"))}


def get_article(db: sqlite_utils.Database, article_id: int,
                langs: list[str] | None = None) -> dict[str, Any] | None:
    """The article with its segments and translations (optionally only ``langs``)."""
    rows = list(db.query("SELECT * FROM articles WHERE id = ?", [article_id]))
    if not rows:
        return None
    article = rows[0]
    translations = [
        translation_as_dict(db, row)
        for row in db.query("SELECT * FROM translations WHERE article_id = ? ORDER BY id",
                            [article_id])
        if langs is None or row["lang"] in langs
    ]
    return {
        "id": article["id"],
        "title": article["title"],
        "url": article["url"],
        "created_at": article["created_at"],
        "segments": json.loads(article["segments"] or "[]"),
        "translations": translations,
    }


def list_articles(db: sqlite_utils.Database, *, limit: int = 20,
                  before_id: int | None = None) -> dict[str, Any]:
    """Newest first, ``limit`` at a time; ``next`` is the cursor for the page after."""
    where, params = ("WHERE id < ?", [before_id]) if before_id else ("", [])
    rows = list(db.query(
        f"""SELECT a.id, a.title, a.url, a.created_at,
                   (SELECT group_concat(DISTINCT lang) FROM translations t
                     WHERE t.article_id = a.id) AS langs,
                   (SELECT count(*) FROM pairs p WHERE p.article_id = a.id) AS pairs
            FROM articles a {where} ORDER BY id DESC LIMIT ?""",
        [*params, limit + 1]))
    more = len(rows) > limit
    rows = rows[:limit]
    items = [{**row, "langs": sorted((row["langs"] or "").split(",")) if row["langs"] else []}
             for row in rows]
    return {"articles": items, "next": rows[-1]["id"] if more else None}


def record_as_dict(record: TranslationRecord) -> dict[str, Any]:
    return asdict(record)


def article_text(db: sqlite_utils.Database, article_id: int) -> str | None:
    """The article's English text, or None when there is no such article."""
    row = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
    return row[0] if row else None


def stale_translations(db: sqlite_utils.Database, glossary_version: str) -> list[dict[str, Any]]:
    """Machine translations made with another glossary than ``glossary_version``."""
    return list(db.query(
        """SELECT id, lang FROM translations
           WHERE origin = 'machine' AND (glossary_version IS NULL OR glossary_version != ?)
           ORDER BY id""", [glossary_version]))


def set_glossary_version(db: sqlite_utils.Database, translation_id: int, version: str) -> None:
    db.execute("UPDATE translations SET glossary_version = ? WHERE id = ?",
               [version, translation_id])


TABLES = ("articles", "translations", "pairs", "pair_history", "api_keys")


def table_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Rows in each of the main tables (``wirealign db stats``)."""
    return {table: db[table].count for table in TABLES}
