"""The alignment use case: an English article and the Korean or Japanese
version a newsroom already has, segmented, aligned into beads and stored like
machine pairs (origin ``human``, with the bead type and its score)."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import asdict
from typing import Any

import sqlite_utils

from .align import Bead, align_texts
from .align.aligner import Translate
from .capacity import pool
from .engine import EngineError, EngineSettings, find_package, get_translator
from .glossary import Glossary
from .glossary.candidates import propose_from_translation
from .language import detect
from .segment import Segment
from .store.articles import (
    PairRecord,
    TranslationRecord,
    add_translations,
    article_text,
    find_article_id,
    find_human_translation_id,
    get_article,
    save_article,
)

_log = logging.getLogger(__name__)
ALIGNMENT_POOL = "alignment"


class NothingToAlign(ValueError):
    """One side has no sentence of the article's own text."""


_READING = re.compile(r"（[^）]*）|\([^)]*\)")


def anchors_from_glossary(glossary: Glossary | None, lang: str) -> list[tuple[str, list[str]]]:
    """English names and terms with their renderings: strong evidence that two
    sentences are translations of each other."""
    if glossary is None:
        return []
    anchors = []
    for entry in glossary:
        renderings = {getattr(entry, lang), getattr(entry, f"{lang}_short")}
        # 申源湜（シン・ウォンシク）: the human text may give the kanji alone.
        renderings |= {_READING.sub("", r) for r in renderings}
        renderings = sorted(r for r in renderings if r)
        for form in (*entry.english_forms, *entry.en_surname):
            anchors.append((form, renderings))
    return anchors


def target_problem(target_text: str, lang: str) -> str | None:
    """Why this cannot be the ``lang`` translation, or None."""
    code, _ = detect(target_text)
    if code == lang:
        return None
    if code in ("ko", "ja", "en", "zh"):
        return (f"the target text is not {'Korean' if lang == 'ko' else 'Japanese'}: "
                f"detected {code!r}")
    return f"the target text is not Korean or Japanese (detected {code!r})"


def _joined(segments: list[Segment], indices: list[int], lang: str) -> str | None:
    if not indices:
        return None
    glue = "" if lang == "ja" else " "
    return glue.join(segments[i].text for i in indices)


def beads_to_pairs(src: list[Segment], tgt: list[Segment], beads: list[Bead],
                   lang: str) -> list[PairRecord]:
    """One pair per bead, in article order; weak and one-sided beads need review."""
    pairs = []
    for position, bead in enumerate(beads):
        first = src[bead.source[0]] if bead.source else tgt[bead.target[0]]
        flags = []
        if bead.weak:
            flags.append("weak_alignment")
        if not bead.source:
            flags.append("no_source")
        elif not bead.target:
            flags.append("no_target")
        status = "needs_review" if bead.weak else "machine"
        pairs.append(PairRecord(
            position=position, kind=first.kind,
            source=_joined(src, bead.source, "en") or "",
            target=_joined(tgt, bead.target, lang),
            status=status, origin="human", flags=flags, bead=bead.kind, score=bead.score,
            sentences={"source": [src[i].text for i in bead.source],
                       "target": [tgt[i].text for i in bead.target]}))
    return pairs


def machine_translation_for(settings: EngineSettings, lang: str) -> Translate | None:
    """The installed model's translate function for MT-assisted alignment, or
    None: no model, or a stand-in (its copied English cannot help)."""
    try:
        package = find_package(settings.packages_dir, lang)
    except EngineError:
        return None
    if package.stand_in:
        return None
    return get_translator(settings, lang).batcher().translate


def human_translation(source_text: str, target_text: str, lang: str,
                      glossary: Glossary | None, translate: Translate | None = None
                      ) -> tuple[list[Segment], TranslationRecord]:
    started = time.perf_counter()
    src, tgt, alignment = align_texts(source_text, target_text, lang,
                                  anchors=anchors_from_glossary(glossary, lang),
                                  translate=translate)
    if not any(s.translatable for s in src):
        raise NothingToAlign("the English text has no sentences to align, only bylines, "
                             "footers or site debris")
    if not any(t.translatable for t in tgt):
        raise NothingToAlign("the target text has no sentences to align, only bylines, "
                             "footers or site debris")
    record = TranslationRecord(
        lang=lang, origin="human", engine="alignment",
        engine_version="1+mt" if translate is not None else "1", stand_in=False,
        pairs=beads_to_pairs(src, tgt, alignment, lang), target_text=target_text,
        translation_probability=round(alignment.translation_probability, 4),
        is_translation=alignment.is_translation,
        timings={"align_seconds": round(time.perf_counter() - started, 4)},
        glossary_version=glossary.version if glossary else None)
    return src, record


def align_article(db: sqlite_utils.Database, *, source_text: str, target_text: str,
                  lang: str, glossary: Glossary | None, title: str | None = None,
                  url: str | None = None, translate: Translate | None = None
                  ) -> tuple[dict[str, Any], bool]:
    """Align and store; the English article is found by its text or created.

    Returns the stored article with only this human translation, and whether
    the translation is new (the same translation sent again is stored once,
    and found before any alignment work).
    """
    article_id = find_article_id(db, source_text)
    if article_id is not None:
        known = find_human_translation_id(db, article_id, lang, target_text)
        if known is not None:
            return _with_translation(db, article_id, known), False
    src, record = _in_pool(source_text, target_text, lang, glossary, translate)
    saved = save_article(db, text=source_text, title=title, url=url,
                         segments=[asdict(s) for s in src], translations=[record])
    translation_id, created = saved.translations[0]
    if created:
        _propose_candidates(db, translation_id, lang, glossary)
    return _with_translation(db, saved.article_id, translation_id), created


def attach_to_article(db: sqlite_utils.Database, article_id: int, *, target_text: str,
                      lang: str, glossary: Glossary | None,
                      translate: Translate | None = None
                      ) -> tuple[dict[str, Any], bool] | None:
    """Align a stored article with its human translation; None if no such article."""
    source_text = article_text(db, article_id)
    if source_text is None:
        return None
    known = find_human_translation_id(db, article_id, lang, target_text)
    if known is not None:
        return _with_translation(db, article_id, known), False
    _, record = _in_pool(source_text, target_text, lang, glossary, translate)
    translation_id, created = add_translations(db, article_id, [record])[0]
    if created:
        _propose_candidates(db, translation_id, lang, glossary)
    return _with_translation(db, article_id, translation_id), created


def _propose_candidates(db: sqlite_utils.Database, translation_id: int, lang: str,
                        glossary: Glossary | None) -> None:
    """Glossary candidates from the stored human pairs. The alignment is stored
    already: a failure here is logged, not turned into a failed request."""
    try:
        propose_from_translation(db, translation_id, lang, glossary)
    except Exception:
        _log.exception("glossary candidates of translation %s were not proposed",
                       translation_id)
def _in_pool(source_text: str, target_text: str, lang: str, glossary: Glossary | None,
             translate: Translate | None) -> tuple[list[Segment], TranslationRecord]:
    """Alignment in its own bounded pool (Overloaded when it is full): six
    concurrent alignments no longer take every request thread."""
    return pool(ALIGNMENT_POOL).run(human_translation, source_text, target_text, lang,
                                    glossary, translate)


def _with_translation(db: sqlite_utils.Database, article_id: int,
                      translation_id: int) -> dict[str, Any]:
    article = get_article(db, article_id)
    article["translations"] = [t for t in article["translations"] if t["id"] == translation_id]
    return article
