"""The translation use case, the one place that knows an article's whole path:

    text -> segments -> (memory) -> protect terms -> translate (one batch per
    target) -> restore and verify terms -> quality flags -> pairs -> store

and the same path again for pairs made with an older glossary
(:func:`retranslate_stale`). Web and CLI callers validate input, call these,
and shape the reply; nothing else calls the engine for articles.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from functools import partial
from typing import Any

import sqlite_utils

from . import events, quality
from .engine import EngineSettings, Translator, find_package, get_translator
from .engine.batcher import Progress
from .glossary import Glossary, GlossaryOutcome, translate_with_glossary
from .segment import Segment, segment_english
from .store import memory, write_transaction
from .store import pairs as pairs_store
from .store.articles import (
    PairRecord,
    TranslationRecord,
    find_article_id,
    get_article,
    save_article,
    set_glossary_version,
    stale_translations,
)


class NothingToTranslate(ValueError):
    """The text holds no segment of the article's own words (only bylines,
    footers, site debris)."""


@dataclass
class ArticleResult:
    article: dict[str, Any]
    created: bool


def translate_segments(segments: list[Segment], target: str, translator: Translator,
                       glossary: Glossary | None,
                       db: sqlite_utils.Database | None = None,
                       progress: Progress | None = None) -> TranslationRecord:
    """Translate the translatable segments of one article into ``target``,
    through the model's engine queue (``progress`` hears of each engine call)."""
    started = time.perf_counter()
    todo = [segment for segment in segments if segment.translatable]
    remembered = memory.lookup(db, target, [s.text for s in todo]) if db is not None else {}
    to_engine = [s for s in todo if memory.memory_key(s.text) not in remembered]

    engine_started = time.perf_counter()
    outcomes = translate_with_glossary([s.text for s in to_engine], target,
                                       partial(translator.batcher().translate,
                                               progress=progress), glossary,
                                       kinds=[s.kind for s in to_engine])
    engine_seconds = time.perf_counter() - engine_started
    by_position = dict(zip((s.position for s in to_engine), outcomes, strict=True))
    events.segments_translated.send(target=target, origin="engine", count=len(to_engine))
    events.segments_translated.send(target=target, origin="memory",
                                    count=len(todo) - len(to_engine))
    events.glossary_outcomes.send(target=target, outcomes=outcomes)

    stand_in = translator.package.stand_in
    pairs = []
    for segment in segments:
        if not segment.translatable:
            pairs.append(PairRecord(segment.position, segment.kind, segment.text, None,
                                    status="source_only", origin="source"))
            continue
        outcome = by_position.get(segment.position)
        if outcome is None:  # from memory: a person approved this exact sentence before
            hit = remembered[memory.memory_key(segment.text)]
            pairs.append(PairRecord(segment.position, segment.kind, segment.text,
                                    hit["target"], status="machine", origin="memory",
                                    flags=[f"memory:{hit['pair_id']}"]))
            continue
        flags, status, terms = judge(segment.text, outcome, target, stand_in)
        pairs.append(PairRecord(
            segment.position, segment.kind, segment.text, outcome.target,
            status=status, origin="machine", flags=flags, terms=terms))

    info = translator.describe()
    return TranslationRecord(
        lang=target,
        origin="machine",
        engine=translator.package.name,
        engine_version=translator.package.version,
        stand_in=stand_in,
        pairs=pairs,
        settings=info.get("settings", {}),
        timings={"engine_seconds": round(engine_seconds, 4),
                 "total_seconds": round(time.perf_counter() - started, 4),
                 "segments_to_engine": len(to_engine),
                 "segments_from_memory": len(todo) - len(to_engine)},
        glossary_version=glossary.version if glossary is not None else None,
    )


def judge(source: str, outcome: GlossaryOutcome, target: str, stand_in: bool
          ) -> tuple[list[str], str, list[dict[str, Any]]]:
    """A machine pair's flags, state and term records: one rule for new
    translations and re-translations alike."""
    flags = quality.pair_flags(source, outcome.target, target, stand_in=stand_in)
    flags += outcome.flags
    return flags, quality.status_for(flags), [asdict(term) for term in outcome.terms]


def check_models(settings: EngineSettings, targets: list[str]) -> None:
    """Raise ModelNotInstalled before any work when a target has no model."""
    for target in targets:
        find_package(settings.packages_dir, target)


def translate_article(db: sqlite_utils.Database, *, text: str, targets: list[str],
                      settings: EngineSettings, glossary: Glossary | None,
                      title: str | None = None, url: str | None = None,
                      progress: Progress | None = None,
                      engine: Callable[[str], Translator] | None = None) -> ArticleResult:
    """Segment, translate into every target and store the article in one
    transaction. A text stored before is returned as it is, with translations
    added for any target it lacks (checked before any engine work).

    ``engine`` gives the translator of a target (default: this process's
    models; jobs on Celery pass translators that run on worker machines)."""
    existing_id = find_article_id(db, text)
    if existing_id is not None:
        stored = get_article(db, existing_id)
        have = {t["target"] for t in stored["translations"] if t["origin"] == "machine"}
        targets = [t for t in targets if t not in have]
        if not targets:
            return ArticleResult(stored, created=False)
    if engine is None:
        check_models(settings, targets)
        engine = partial(get_translator, settings)

    segments = segment_english(text, title=title)
    if not any(segment.translatable for segment in segments):
        raise NothingToTranslate("the text has nothing to translate: only bylines, footers "
                                 "or site debris (share buttons, section labels, notes)")
    translations = [translate_segments(segments, target, engine(target),
                                       glossary, db, progress)
                    for target in targets]
    saved = save_article(
        db, text=text, title=title or _title_of(segments), url=url,
        segments=[asdict(segment) for segment in segments], translations=translations)
    return ArticleResult(get_article(db, saved.article_id),
                         created=saved.created and existing_id is None)


def _title_of(segments: list[Segment]) -> str | None:
    return next((s.text for s in segments if s.kind == "title"), None)


def retranslate(db: sqlite_utils.Database, translation_id: int, lang: str,
                settings: EngineSettings, glossary: Glossary, who: str = "retranslate") -> int:
    """Re-run one translation's unreviewed machine pairs with ``glossary``, in
    one transaction; pairs a person touched meanwhile are left alone. Returns
    how many pairs changed."""
    pairs = pairs_store.untouched_machine_pairs(db, translation_id)
    translator = get_translator(settings, lang)
    outcomes = translate_with_glossary([p["source"] for p in pairs], lang,
                                       translator.batcher().translate, glossary,
                                       kinds=[p["kind"] for p in pairs])
    changed = 0
    with write_transaction(db):
        for pair, outcome in zip(pairs, outcomes, strict=True):
            flags, status, terms = judge(pair["source"], outcome, lang,
                                         translator.package.stand_in)
            changed += pairs_store.replace_machine_target(
                db, pair, target=outcome.target, flags=flags, terms=terms, status=status,
                glossary_version=glossary.version, who=who,
                note=f"retranslated with glossary {glossary.version}")
        set_glossary_version(db, translation_id, glossary.version)
    return changed


def retranslate_stale(db: sqlite_utils.Database, settings: EngineSettings, glossary: Glossary,
                      progress: Callable[[Iterable[Any]], Iterable[Any]] = iter
                      ) -> tuple[int, int]:
    """Bring every machine translation made with an older glossary up to date.
    Returns (translations redone, pairs changed)."""
    todo = stale_translations(db, glossary.version)
    changed = sum(retranslate(db, row["id"], row["lang"], settings, glossary)
                  for row in progress(todo))
    return len(todo), changed
