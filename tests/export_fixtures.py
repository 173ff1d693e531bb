"""Fixtures for the export tests: an app on a real SQLite file holding a small
corpus with hostile text, built with the store's own save_article."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from service.app import create_app
from service.store import connect
from service.store.articles import PairRecord, TranslationRecord, save_article

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Text a corpus must survive: markup, ampersands, every C0 control, characters
# XML 1.0 forbids, tabs, newlines, backslashes, emoji, Korean and Japanese.
CONTROLS = "".join(chr(c) for c in range(0x20))
HOSTILE_EN = ("Kim <script>alert('x')</script> & \"Putin\" met; ctrl[" + CONTROLS
              + "] tab\there\nline two \\back\\slash \ufffe\uffff 🚀👍🏽")
HOSTILE_KO = "김정은 <b>위원장</b> & 푸틴\x00\x1f 탭\t줄\n바꿈 \\ 🚀\r끝"
HOSTILE_JA = "金正恩総書記は「<script>」&プーチン大統領と会談した\x0b。🚀"


@dataclass
class Pair:
    """What the test put in the store: the oracle the exports are checked against."""

    id: int
    article_id: int
    lang: str
    kind: str
    source: str
    target: str | None
    state: str
    origin: str
    reviewer: str | None
    updated_at: str
    url: str | None
    title: str | None


def _store(db, text, title, url, lang, rows, origin="machine"):
    """rows: (kind, source, target, state, origin, reviewer, updated_at)."""
    pairs = [PairRecord(position=i, kind=kind, source=source, target=target, status=state,
                        origin=pair_origin)
             for i, (kind, source, target, state, pair_origin, _who, _when) in enumerate(rows)]
    record = TranslationRecord(lang=lang, origin=origin, engine="test", engine_version="0",
                               stand_in=True, pairs=pairs)
    article_id = save_article(db, text=text, segments=[], translations=[record],
                                 title=title, url=url).article_id
    stored = []
    for position, (kind, source, target, state, pair_origin, who, when) in enumerate(rows):
        pair_id = db.execute(
            "SELECT p.id FROM pairs p JOIN translations t ON t.id = p.translation_id "
            "WHERE p.article_id = ? AND p.lang = ? AND t.origin = ? AND p.position = ?",
            [article_id, lang, origin, position]).fetchone()[0]
        # What review would have written: who changed the pair, and when.
        db.execute("UPDATE pairs SET updated_by = ?, updated_at = ? WHERE id = ?",
                   [who, when, pair_id])
        stored.append(Pair(pair_id, article_id, lang, kind, source, target, state, pair_origin,
                           who, when, url, title))
    return stored


def build_corpus(db) -> list[Pair]:
    url1 = "https://example.com/nk?id=1&lang=en"
    title1 = "North Korea <script>alert(1)</script> & troops"
    text1 = "article one"
    ko1 = _store(db, text1, title1, url1, "ko", [
        ("title", "North Korean troops & Russia", "북한군 & 러시아", "approved", "machine",
         "alice", "2024-10-26T01:00:00.000000Z"),
        ("credit", "By AJP staff", None, "source_only", "source", None,
         "2024-10-26T01:00:00.000000Z"),
        ("body", HOSTILE_EN, HOSTILE_KO, "edited", "machine", "bob",
         "2024-10-27T12:30:00.000000Z"),
        ("body", "A machine-only sentence.", "기계 번역 문장.", "machine", "machine", None,
         "2024-10-26T01:00:00.000000Z"),
        ("body", "A rejected sentence.", "거부된 문장.", "rejected", "machine", "alice",
         "2024-10-28T00:00:00.000000Z"),
        ("caption", "Photo: Kim in Pyongyang.", "사진: 평양의 김정은.", "approved", "machine",
         "alice", "2024-10-28T00:00:00.000000Z"),
        ("body", "Kim met Putin.", "김정은은 푸틴을 만났다.", "approved", "machine", "alice",
         "2024-10-29T08:00:00.000000Z"),
        ("body", "An approved pair with no target.", "", "approved", "machine", "alice",
         "2024-10-29T08:00:00.000000Z"),
    ])
    ja1 = _store(db, text1, title1, url1, "ja", [
        ("title", "North Korean troops & Russia", "北朝鮮軍とロシア", "approved", "human",
         "carol", "2024-10-26T02:00:00.000000Z"),
        ("body", HOSTILE_EN, HOSTILE_JA, "approved", "human", "carol",
         "2024-10-26T02:00:00.000000Z"),
    ], origin="human")
    ko2 = _store(db, "article two", "Second <i>story</i>", None, "ko", [
        ("body", "Kim met Putin.", "김정은은 푸틴을 만났다.", "approved", "memory", "dave",
         "2024-01-15T09:00:00.000000Z"),
        ("body", "Seoul said 😀 it was watching.", "서울은 😀 지켜보고 있다고 말했다.",
         "edited", "human", "dave", "2024-01-15T10:00:00.000000Z"),
    ])
    return ko1 + ja1 + ko2


def expected(corpus: list[Pair], *, lang: str | None = "ko",
             states=("approved", "edited"), kinds=("title", "body"), articles=None,
             origins=None, since=None, until=None) -> list[Pair]:
    """The pairs an export with these filters should hold, in id order."""
    return sorted(
        (p for p in corpus
         if (lang is None or p.lang == lang) and p.state in states and p.kind in kinds
         and p.source and p.target
         and (articles is None or p.article_id in articles)
         and (origins is None or p.origin in origins)
         and (since is None or p.updated_at >= since)
         and (until is None or p.updated_at < until)),
        key=lambda p: p.id)


def xml_safe(text: str) -> str:
    return XML_FORBIDDEN.sub("", text)


def moses_line(text: str) -> str:
    """The documented Moses rule: line breaks become spaces, other controls go."""
    flat = re.sub("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]", " ", text)
    return re.sub("[\x00-\x08\x0e-\x1b\x1f\x7f]", "", flat)


@pytest.fixture
def export_app(tmp_path):
    return create_app({"DATABASE": str(tmp_path / "t.db"), "TESTING": True})


@pytest.fixture
def export_corpus(export_app) -> list[Pair]:
    db = connect(export_app.config["DATABASE"])
    try:
        return build_corpus(db)
    finally:
        db.close()


@pytest.fixture
def export_client(export_app, export_corpus):
    return export_app.test_client()
