"""HTML translated with its markup kept (``format=html``).

How it works:

- The markup is cut into tags, comments/doctypes and text. Tags, their
  attributes and everything inside ``<script>``, ``<style>``, ``<template>``
  and ``<noscript>`` are copied byte for byte; only text is translated.
- Text is grouped into *runs*: the text between two block boundaries (any tag
  that is not an inline tag such as ``<b>``, ``<a>``, ``<span>``). A run is
  what a reader sees as one sentence or paragraph, so the engine gets
  ``"The minister met reporters."`` and not the fragments ``"The "``,
  ``"minister"``, ``" met reporters."``.
- Inline tags inside a run stay attached to their words through the engine:
  each group of adjacent inline tags becomes one Private Use Area character (a
  marker) written where the tags were (``"The \\ue800minister\\ue801 met"``).
  SentencePiece has no such character, CTranslate2 emits ``<unk>`` for it and
  ``replace_unknowns=True`` copies back the source character the decoder was
  attending to, so a marker comes out beside the translation of the words it
  stood beside. Tags wrapping the whole run stay outside it (no marker needed).
- When the engine drops, duplicates or reorders markers so that the tags
  would not nest, the run's inline tags are put around the whole translated
  run instead (every tag and attribute kept, text complete, only the span
  wider). This is "as well as the engine allows": it never loses markup.
- Entities: text is unescaped for the engine; the output escapes ``&``, ``<``
  and ``>``, and any character the source spelled as an entity (``&nbsp;``,
  ``&mdash;``, ``&#8212;``) is written back with the source's spelling.
- A run is cut into sentences (the wire-copy splitter ``service.segment``
  uses), never inside an inline element, since models translate sentences.
- All sentences of all documents go to the engine in ONE batch.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..segment.en_sentences import split_sentences
from . import TranslateBatch
from .sentences import gap_after

INLINE_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike",
    "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                       "meta", "source", "track", "wbr"})
RAW_TEXT_TAGS = frozenset({"script", "style", "template", "noscript", "textarea"})

_TOKEN = re.compile(
    r"<!--.*?-->"                     # comment
    r"|<!\[CDATA\[.*?\]\]>"            # CDATA
    r"|<[!?][^>]*>"                   # doctype, processing instruction
    r"|</?[A-Za-z][A-Za-z0-9:-]*(?:\"[^\"]*\"|'[^']*'|[^'\">])*>",  # tag (quoted > allowed)
    re.S,
)
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9:-]*)")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);?")
_SPACE = re.compile(r"[ \t\r\n\f]+")  # HTML whitespace; a no-break space stays
# Markers from U+E800; the glossary's slots (from U+E000) skip characters already in
# the text, so the two never collide.
_MARKER_BASE = 0xE800


@dataclass
class _Tag:
    raw: str
    name: str
    closing: bool
    void: bool


@dataclass
class _Run:
    """Text between block boundaries: texts and inline tags, in order."""
    pieces: list[str | _Tag] = field(default_factory=list)


def _tag(raw: str) -> _Tag:
    match = _TAG_NAME.match(raw)
    name = match.group(1).lower() if match else ""
    return _Tag(raw, name, raw.startswith("</"),
                name in VOID_TAGS or raw.rstrip(">").rstrip().endswith("/"))


def _tokens(markup: str) -> list[str | _Tag]:
    """Text (str), tags (_Tag) and other markup (comments, doctype: _Tag with no name)."""
    out: list[str | _Tag] = []
    position = 0
    raw_until: str | None = None
    for match in _TOKEN.finditer(markup):
        raw = match.group(0)
        if raw_until is not None:  # inside <script>/<style>: copied as it is
            tag = _tag(raw)
            if not (tag.closing and tag.name == raw_until):
                continue
            out.append(_Tag(markup[position:match.start()], "", False, True))
            raw_until = None
        elif match.start() > position:
            out.append(markup[position:match.start()])
        tag = _tag(raw) if raw[1] not in "!?" else _Tag(raw, "", False, True)
        out.append(tag)
        if tag.name in RAW_TEXT_TAGS and not tag.closing and not tag.void:
            raw_until = tag.name
        position = match.end()
    rest = markup[position:]
    if rest:
        out.append(_Tag(rest, "", False, True) if raw_until else rest)
    return out


def _plan(markup: str) -> list[str | _Run]:
    """The document as markup to copy (str) and runs to translate."""
    plan: list[str | _Run] = []
    run = _Run()
    for token in _tokens(markup):
        if isinstance(token, str) or token.name in INLINE_TAGS:
            run.pieces.append(token)
            continue
        plan.extend(_close_run(run))
        run = _Run()
        plan.append(token.raw)
    plan.extend(_close_run(run))
    return plan


def _is_blank(piece: str | _Tag) -> bool:
    return isinstance(piece, _Tag) or not html.unescape(piece).strip()


def _close_run(run: _Run) -> list[str | _Run]:
    """Markup before the run's first words and after its last stays outside the run."""
    pieces = run.pieces
    start = next((i for i, p in enumerate(pieces) if not _is_blank(p)), None)
    if start is None:
        return ["".join(p if isinstance(p, str) else p.raw for p in pieces)] if pieces else []
    end = max(i for i, p in enumerate(pieces) if not _is_blank(p)) + 1
    before = [p if isinstance(p, str) else p.raw for p in pieces[:start]]
    after = [p if isinstance(p, str) else p.raw for p in pieces[end:]]
    return [*before, _Run(pieces[start:end]), *after] if before or after else [
        _Run(pieces[start:end])]


@dataclass
class _Prepared:
    source: str               # the run's words and markers
    sentences: list[str]      # what the engine sees: the run cut into sentences
    gaps: list[str]           # the whitespace between those sentences
    lead: str                 # whitespace before the run's words (kept)
    trail: str                # whitespace after them (kept)
    groups: list[list[_Tag]]  # the tags each marker stands for
    entities: dict[str, str]  # character -> the source's entity spelling


def _prepare(run: _Run) -> _Prepared:
    parts: list[str] = []
    groups: list[list[_Tag]] = []
    entities: dict[str, str] = {}
    previous_was_tag = False
    for piece in run.pieces:
        if isinstance(piece, _Tag):
            if previous_was_tag:
                groups[-1].append(piece)  # adjacent tags: one marker (two would merge)
            else:
                groups.append([piece])
                parts.append(chr(_MARKER_BASE + len(groups) - 1))
            previous_was_tag = True
            continue
        previous_was_tag = False
        for match in _ENTITY.finditer(piece):
            char = html.unescape(match.group(0))
            if len(char) == 1 and char not in "&<>":
                entities[char] = match.group(0)
        parts.append(html.unescape(piece))
    text = "".join(parts)
    stripped = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    source = _SPACE.sub(" ", stripped)
    sentences, gaps = _sentences(source, groups)
    return _Prepared(source, sentences, gaps, lead, trail, groups, entities)


def _sentences(source: str, groups: list[list[_Tag]]) -> tuple[list[str], list[str]]:
    """The run cut where the wire-copy splitter cuts sentences, except inside an
    inline element (``<b>`` over two sentences keeps them together): models
    translate sentences, and a marker must stay in the segment of its partner."""
    depth_change = {chr(_MARKER_BASE + i): sum(0 if t.void or not t.name else
                                               (-1 if t.closing else 1) for t in group)
                    for i, group in enumerate(groups)}
    sentences: list[str] = []
    gaps: list[str] = []
    position = depth = 0
    for sentence in split_sentences(source):
        start = source.find(sentence, position)
        if start < 0:  # the splitter changed the text: keep the run whole
            return [source], []
        gap = source[position:start]
        if sentences and depth > 0:  # an element is still open: same segment
            sentences[-1] += gap + sentence
        else:
            if sentences:
                gaps.append(gap)
            sentences.append(sentence)
        depth += sum(depth_change.get(ch, 0) for ch in sentence)
        position = start + len(sentence)
    if not sentences or "".join(
            s + g for s, g in zip(sentences, [*gaps, ""], strict=True)) != source.strip():
        return [source], []
    return sentences, gaps


def _escape(text: str, entities: dict[str, str]) -> str:
    out = html.escape(text, quote=False)
    for char, spelling in entities.items():
        out = out.replace(char, spelling)
    return out


def _nests(tags: list[_Tag]) -> bool:
    stack: list[str] = []
    for tag in tags:
        if tag.void or not tag.name:
            continue
        if not tag.closing:
            stack.append(tag.name)
        elif not stack or stack.pop() != tag.name:
            return False
    return not stack


def _rebuild(prepared: _Prepared, translations: list[str], target: str | None = None) -> str:
    bodies = [_rebuild_sentence(prepared, sentence, translated)
              for sentence, translated in zip(prepared.sentences, translations, strict=True)]
    gaps = [gap_after(translated, gap, target)
            for translated, gap in zip(translations, prepared.gaps, strict=False)]
    joined = "".join(body + gap for body, gap in zip(bodies, [*gaps, ""], strict=True))
    return prepared.lead + joined + prepared.trail


def _rebuild_sentence(prepared: _Prepared, source: str, translated: str) -> str:
    markers = {ch: prepared.groups[ord(ch) - _MARKER_BASE] for ch in source
               if _MARKER_BASE <= ord(ch) < _MARKER_BASE + len(prepared.groups)}
    translated = "".join(ch for ch in translated  # a stray marker of another sentence
                         if not _MARKER_BASE <= ord(ch) < _MARKER_BASE + len(prepared.groups)
                         or ch in markers)
    found = [ch for ch in translated if ch in markers]
    ordered = [tag for ch in found for tag in markers[ch]]
    intact = sorted(found) == sorted(markers) and _nests(ordered)
    if intact:
        body = "".join("".join(t.raw for t in markers[ch]) if ch in markers
                       else _escape(ch, prepared.entities) for ch in translated)
    else:
        # The engine lost the places: every tag kept, around the whole run.
        text = _escape("".join(ch for ch in translated if ch not in markers),
                       prepared.entities)
        tags = [tag for group in markers.values() for tag in group]
        openers = [t for t in tags if t.name and not t.closing and not t.void]
        closers = [t for t in tags if t.closing]
        others = [t for t in tags if t not in openers and t not in closers]
        matched: list[_Tag] = []
        for opener in reversed(openers):  # each opener's own closing tag, innermost first
            closer = next((c for c in closers if c.name == opener.name), None)
            if closer is None:
                break
            closers.remove(closer)
            matched.append(closer)
        if len(matched) == len(openers) and not closers:
            body = ("".join(t.raw for t in openers) + text + "".join(t.raw for t in others)
                    + "".join(t.raw for t in matched))
        else:
            body = "".join(t.raw for t in tags) + text
    return body


def translate_html(documents: list[str], translate: TranslateBatch,
                   target: str | None = None) -> list[str]:
    """Each HTML document translated, markup kept; one ``translate`` call for all.
    ``target`` decides the spacing between translated sentences (none for Japanese)."""
    plans = [_plan(doc) for doc in documents]
    prepared = [[_prepare(p) for p in plan if isinstance(p, _Run)] for plan in plans]
    sources = [sentence for doc in prepared for p in doc for sentence in p.sentences]
    outputs = iter(translate(sources) if sources else [])
    results = []
    for plan, runs in zip(plans, prepared, strict=True):
        run_iter = iter(runs)
        out = []
        for part in plan:
            if isinstance(part, str):
                out.append(part)
            else:
                run = next(run_iter)
                out.append(_rebuild(run, [next(outputs) for _ in run.sentences], target))
        results.append("".join(out))
    return results


def text_runs(document: str) -> list[str]:
    """The runs of text of ``document`` (markers included)."""
    return [_prepare(p).source for p in _plan(document) if isinstance(p, _Run)]


def engine_segments(document: str) -> list[str]:
    """What the engine is given for ``document``: its runs cut into sentences."""
    return [sentence for p in _plan(document) if isinstance(p, _Run)
            for sentence in _prepare(p).sentences]


def plain_text(document: str) -> str:
    """The words of ``document`` without markup (for language checks)."""
    return "\n".join(source.translate({_MARKER_BASE + i: " " for i in range(4096)})
                     for source in text_runs(document))
