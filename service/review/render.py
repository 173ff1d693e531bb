"""What the review pages show beside the stored text: glossary terms cut out
of the text by their spans, a reason in words for each flag, word-level
differences for the history, and glossary terms for human pairs (which the
aligner stores without them)."""

from __future__ import annotations

from typing import Any

from ..fuzzy import word_diff
from ..glossary import Glossary
from ..glossary.find import find_mentions

# Flag names the pipeline writes, with what a reviewer should look for.
FLAG_REASONS = {
    "glossary_miss": "a glossary term is not rendered as the glossary says",
    "empty_output": "the engine returned nothing",
    "length_ratio": "the target's length is far off the source's: a clause may be "
                    "dropped or repeated",
    "untranslated_english": "English words were left untranslated in the target",
    "stand_in": "made by a stand-in copy model: not a real translation",
    "particle": "a Korean particle after a glossary term may not fit it",
}


def flag_reason(flag: str) -> dict[str, str]:
    """``{"flag", "name", "detail", "reason"}`` for a flag like ``glossary_miss:kim-jong-un``."""
    name, _, detail = flag.partition(":")
    reason = FLAG_REASONS.get(name, name.replace("_", " "))
    if detail:
        reason = f"{reason} ({detail})"
    return {"flag": flag, "name": name, "detail": detail, "reason": reason}


def _span(value: Any, text: str) -> tuple[int, int] | None:
    if (isinstance(value, list | tuple) and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            and 0 <= value[0] < value[1] <= len(text)):
        return value[0], value[1]
    return None


def _target_span(term: dict[str, Any], target: str) -> tuple[int, int] | None:
    """The term's place in the target: its stored span while the text there is
    still the rendering (an edit may have moved it), else the rendering's first
    occurrence, else nowhere."""
    rendering = term.get("rendering")
    span = _span(term.get("target_span"), target)
    if span and (not rendering or target[span[0]:span[1]] == rendering):
        return span
    if isinstance(rendering, str) and rendering and rendering in target:
        start = target.index(rendering)
        return start, start + len(rendering)
    return None


def pieces(text: str | None, terms: list[dict[str, Any]], side: str
           ) -> list[tuple[str, dict[str, Any] | None]]:
    """``text`` cut into (piece, term-or-None) in order, for the template to
    escape piece by piece; overlapping spans keep the first."""
    if not text:
        return []
    spans = []
    for term in terms if isinstance(terms, list) else []:
        if not isinstance(term, dict):
            continue
        span = (_span(term.get("source_span"), text) if side == "source"
                else _target_span(term, text))
        if span:
            spans.append((span, term))
    out: list[tuple[str, dict[str, Any] | None]] = []
    at = 0
    for (start, end), term in sorted(spans, key=lambda item: item[0]):
        if start < at:
            continue
        if start > at:
            out.append((text[at:start], None))
        out.append((text[start:end], term))
        at = end
    if at < len(text):
        out.append((text[at:], None))
    return out


def term_title(term: dict[str, Any]) -> str:
    """The tooltip of a highlighted term."""
    parts = [f"glossary: {term.get('entry_id') or '?'}"]
    if term.get("rendering"):
        parts.append(f"rendering: {term['rendering']}")
    if "enforced" in term:
        parts.append("enforced" if term["enforced"] else "NOT enforced")
    return "; ".join(parts)


def history_diff(old: str | None, new: str | None) -> list[tuple[str, str]]:
    """(op, text) runs from the old target to the new: ``same``, ``old``, ``new``."""
    return [(piece.op, piece.text) for piece in word_diff(old or "", new or "")]


def human_terms(pairs: list[dict[str, Any]], glossary: Glossary | None
                ) -> dict[int, list[dict[str, Any]]]:
    """Glossary terms of human pairs stored without any, found now: each English
    mention, and where the target writes one of the entry's renderings (missed
    when it writes none of them)."""
    todo = [p for p in pairs if p.get("origin") == "human" and not p.get("terms")
            and p.get("source") and p.get("target")]
    if not todo or glossary is None:
        return {}
    found: dict[int, list[dict[str, Any]]] = {}
    for pair, mentions in zip(todo, find_mentions([p["source"] for p in todo], glossary),
                              strict=True):
        terms = []
        for mention in mentions:
            entry = glossary.get(mention.entry_id)
            if entry is None:
                continue
            lang = pair["lang"]
            forms = [entry.render(lang, mention.first, mention.titled),
                     getattr(entry, lang, ""), getattr(entry, f"{lang}_short", "")]
            rendering = next((f for f in forms if f and f in pair["target"]), forms[0])
            at = pair["target"].find(rendering) if rendering else -1
            terms.append({"entry_id": entry.id, "source_span": [mention.start, mention.end],
                          "target_span": [at, at + len(rendering)] if at >= 0 else None,
                          "rendering": rendering, "enforced": at >= 0})
        if terms:
            found[pair["id"]] = terms
    return found
