"""Carrying glossary terms through the engine: protect, translate, restore, verify.

Each term in a source segment is replaced by one Private Use Area character (a "slot").
SentencePiece has no such character, CTranslate2 emits <unk> for it and
``replace_unknowns=True`` copies the source character back, so a slot survives the
engine as itself; "_" would not (Argos decodes it to a space), and two adjacent
unknown characters would merge into one <unk>, so every slot keeps its neighbours.
Models still drop, duplicate, move or garble slots (Post et al.): every term is
verified, a failing segment is translated once more without protection, and a term
that no path can enforce is flagged, never lost silently.

Only entries whose renderings a person checked (status ``verified``) are enforced. A
mention of an unverified entry is reported as a suggestion (method ``suggested``) and
the engine's own wording stays: a guess must never overwrite a translation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .find import Mention, find_mentions
from .forms import is_exact_form
from .model import TARGETS, Glossary
from .particles import fix_particle

_SLOT_BASE = 0xE000
# Particles a model may have split from the slot by a space ("⟨slot⟩ 는"); forms that are
# also words of their own (이 "this", 나 "I", 다 "all") are never joined.
_JOINABLE = frozenset({"은", "는", "을", "를", "가", "와", "과", "으로", "로", "이나", "이랑"})


@dataclass
class TermResult:
    entry_id: str
    source_span: tuple[int, int]
    source_text: str
    rendering: str
    target_span: tuple[int, int] | None
    enforced: bool
    # placeholder | recovery-plain | recovery-substitute | missing | duplicated | suggested
    method: str


@dataclass
class GlossaryOutcome:
    target: str
    terms: list[TermResult] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


def _slot_chars(text: str, n: int) -> list[str]:
    chars, code = [], _SLOT_BASE
    while len(chars) < n:
        ch = chr(code)
        if ch not in text:  # never reuse a code point the source already holds
            chars.append(ch)
        code += 1
    return chars


def protect(text: str, mentions: list[Mention]) -> tuple[str, list[str]]:
    """``text`` with each mention replaced by its own slot character."""
    slots = _slot_chars(text, len(mentions))
    out = text
    for m, ch in sorted(zip(mentions, slots, strict=True), key=lambda x: -x[0].start):
        out = out[: m.start] + ch + out[m.end:]
    return out, slots


def _cjk(ch: str) -> bool:
    return ord(ch) > 0x2E7F  # kana, kanji, Hangul, full-width forms


def restore(text: str, slots: dict[str, str], lang: str) -> tuple[str, dict[str, list[tuple]]]:
    """Put each slot's rendering back; bring a following Korean particle into agreement;
    in Japanese drop spaces the model put between a term and Japanese text.
    Returns the text and, per slot, the target spans where it was restored."""
    out: list[str] = []
    length = 0
    spans: dict[str, list[tuple[int, int]]] = {ch: [] for ch in slots}
    i = 0
    while i < len(text):
        ch = text[i]
        if ch not in slots:
            out.append(ch)
            length += 1
            i += 1
            continue
        rendering = slots[ch]
        if lang == "ja":
            joined = "".join(out)
            stripped = joined.rstrip()
            if stripped != joined and (not stripped or _cjk(stripped[-1])):
                out, length = [stripped], len(stripped)
        spans[ch].append((length, length + len(rendering)))
        out.append(rendering)
        length += len(rendering)
        i += 1
        rest = text[i:]
        if lang == "ko":
            m = re.match(r" ([가-힣]+)(?![가-힣])", rest)
            if m and m.group(1) in _JOINABLE:
                i += 1  # "설리번 은" -> "설리번은": the particle belongs to the term
                rest = rest[1:]
            particle, n = fix_particle(rendering, rest)
            if n:
                out.append(particle)
                length += len(particle)
                i += n
        elif lang == "ja":
            m = re.match(r"\s+", rest)
            if m and m.end() < len(rest) and _cjk(rest[m.end()]):
                i += m.end()
    return "".join(out), spans


def _strip_stray(text: str, source: str, slots: list[str]) -> str:
    """Drop Private-Use-Area characters that are neither slots nor in the source: a
    garbled slot must never reach a reader."""
    return "".join(ch for ch in text
                   if not ("\ue000" <= ch <= "\uf8ff") or ch in slots or ch in source)


def _results(mentions, renderings, slots, spans, method) -> list[TermResult]:
    results = []
    for m, r, ch in zip(mentions, renderings, slots, strict=True):
        found = spans.get(ch, [])
        ok = len(found) == 1
        how = method if ok else ("duplicated" if found else "missing")
        results.append(TermResult(m.entry_id, (m.start, m.end), m.text, r,
                                  found[0] if ok else None, ok, how))
    return results


def _recover(plain: str, mentions, renderings, slots, glossary, lang) -> tuple[str, list]:
    """Assess the unprotected translation: a term counts when the model wrote its
    rendering itself (recovery-plain), or copied an English form that can be
    substituted (recovery-substitute)."""
    text = _strip_stray(plain, "".join(m.text for m in mentions), [])
    how: dict[str, str] = {}
    order = sorted(range(len(mentions)), key=lambda k: -len(renderings[k]))
    for k in order:
        pos = text.find(renderings[k])
        if pos >= 0:
            text = text[:pos] + slots[k] + text[pos + len(renderings[k]):]
            how[slots[k]] = "recovery-plain"
    for k in sorted(order, key=lambda k: -len(mentions[k].text)):
        if slots[k] in how:
            continue
        entry = glossary[mentions[k].entry_id]
        forms = [mentions[k].text, *sorted(entry.english_forms, key=len, reverse=True)]
        if mentions[k].by == "surname":
            forms += list(entry.en_surname)
        for form in forms:
            flags = 0 if is_exact_form(form, entry) else re.IGNORECASE  # "us" is not "US"
            hit = re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, flags)
            if hit:
                text = text[: hit.start()] + slots[k] + text[hit.end():]
                how[slots[k]] = "recovery-substitute"
                break
    restored, spans = restore(text, dict(zip(slots, renderings, strict=True)), lang)
    results = _results(mentions, renderings, slots, spans, "")
    for r, ch in zip(results, slots, strict=True):
        r.method = how[ch] if r.enforced else r.method
    return restored, results


def _outcome(target: str, terms: list[TermResult]) -> GlossaryOutcome:
    flags: list[str] = []
    for t in terms:
        flag = f"glossary_miss:{t.entry_id}"
        if not t.enforced and t.method != "suggested" and flag not in flags:
            flags.append(flag)
    return GlossaryOutcome(target, terms, flags)


def _call(translate: Callable[[list[str]], list[str]], texts: list[str]) -> list[str]:
    outs = list(translate(texts))
    if len(outs) != len(texts):
        raise ValueError(f"translator returned {len(outs)} texts for {len(texts)}")
    return outs


def _render(glossary: Glossary, m: Mention, target: str) -> str:
    return glossary[m.entry_id].render(target, m.first, m.titled, m.form, m.by == "name")


def _suggestions(glossary: Glossary, mentions: list[Mention], target: str) -> list[TermResult]:
    return [TermResult(m.entry_id, (m.start, m.end), m.text, _render(glossary, m, target),
                       None, False, "suggested") for m in mentions]


def translate_with_glossary(
    sources: list[str],
    target: str,
    translate: Callable[[list[str]], list[str]],
    glossary: Glossary | None,
    kinds: list[str] | None = None,
) -> list[GlossaryOutcome]:
    """Translate one article's segments with glossary terms enforced and verified.

    ``kinds`` (each segment's kind: "title", "body", "caption", ...) lets first mentions
    count from the first title or body segment and keeps captions in full; verified
    entries are enforced, unverified ones only suggested. One engine batch for the main
    pass and at most one more for every recovery.
    """
    if target not in TARGETS:
        raise ValueError(f"unknown target language {target!r}; expected one of {TARGETS}")
    if not sources:
        return []
    if glossary is None or len(glossary) == 0:
        return [GlossaryOutcome(t) for t in _call(translate, list(sources))]

    found = find_mentions(list(sources), glossary, kinds)
    def verified(m: Mention) -> bool:
        return glossary[m.entry_id].status == "verified"

    mentions = [[m for m in ms if verified(m)] for ms in found]
    suggested = [_suggestions(glossary, [m for m in ms if not verified(m)], target)
                 for ms in found]
    renderings = [[_render(glossary, m, target) for m in ms] for ms in mentions]
    protected, slots = zip(*(protect(s, ms) for s, ms in zip(sources, mentions, strict=True)),
                           strict=True)
    outs = _call(translate, list(protected))

    targets: list[str] = []
    terms: list[list[TermResult]] = []
    for src, ms, rs, sl, out in zip(sources, mentions, renderings, slots, outs, strict=True):
        restored, spans = restore(_strip_stray(out, src, sl), dict(zip(sl, rs, strict=True)),
                                  target)
        targets.append(restored)
        terms.append(_results(ms, rs, sl, spans, "placeholder"))

    retry = [i for i, ts in enumerate(terms) if any(not t.enforced for t in ts)]
    if retry:
        plains = _call(translate, [sources[i] for i in retry])
        for i, plain in zip(retry, plains, strict=True):
            text, results = _recover(plain, mentions[i], renderings[i], slots[i], glossary,
                                     target)
            if sum(r.enforced for r in results) > sum(t.enforced for t in terms[i]):
                targets[i], terms[i] = text, results
    return [_outcome(t, sorted(ts + sg, key=lambda r: r.source_span))
            for t, ts, sg in zip(targets, terms, suggested, strict=True)]
