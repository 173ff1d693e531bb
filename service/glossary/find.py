"""Finding glossary terms in English wire copy, article-wide.

Hand-written regular expressions rather than a library: Aho-Corasick packages match
strings but know nothing of the rules here (word boundaries across hyphens and
apostrophes, per-variant case, titles next to names, surname resolution).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Entry, Glossary

# Spans where a term is never looked for: URLs, bare domains, e-mail addresses,
# @handles and #hashtags.
_EXCLUDED = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w.])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|int|gov|edu|kr|jp|io|info|co|ru)"
    r"(?![\w])(?:/\S*)?"
    r"|[@#]\w+"
)
_HONORIFIC = re.compile(r"(?<!\w)(?:Mr|Mrs|Ms|Dr)\.?\s+$")
# Capitalised words that may stand before a surname without being a given name.
_STARTERS = frozenset({
    "But", "And", "Then", "When", "While", "After", "Before", "If", "As", "So", "Yet",
    "Meanwhile", "However", "Also", "The", "Both", "Later", "Earlier", "Separately", "Still",
    "Since", "Although", "Though", "Where", "Why", "How", "What", "Only", "Even", "Now",
    "Today", "Yesterday", "On", "In", "At", "For", "With", "Without", "By", "From", "To",
    "Of", "That", "This",
})
# Capitalised words that may follow a place or organisation without making it part of
# another name ("in Washington Tuesday", "US President", "DPRK Foreign Ministry").
_MAY_FOLLOW = frozenset({
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.", "President", "Prime", "Premier", "Foreign", "Defense", "Defence", "Vice",
    "Deputy", "Minister", "Ambassador", "Secretary", "Chairman", "Leader", "Envoy",
    "Special", "Senior", "Supreme", "Chief", "National", "First", "Lady", "Gen.", "Adm.",
})
_CLOSERS = "\"'”’)]）」 \t"


@dataclass(frozen=True)
class Mention:
    """One term found in one segment. ``first`` is article-wide; ``titled`` says the
    English span includes the person's title; ``by`` is "name" or "surname"."""

    segment: int
    start: int
    end: int
    text: str
    entry_id: str
    first: bool = True
    titled: bool = False
    by: str = "name"


def _form_regex(form: str, tolerant: bool) -> str:
    parts = []
    for ch in form:
        if ch.isspace():
            parts.append(r"\s+")
        elif ch in "-‐‑":
            # Tolerant names: "Kim Jong-un" = "Kim Jong Un" = "Kim Jongun".
            parts.append(r"[-‐‑\s]?" if tolerant else r"[-‐‑]")
        elif ch in "'’":
            parts.append("['’]")
        else:
            parts.append(re.escape(ch))
    body = "".join(parts)
    tail = r"(?!\w)" if form[-1].isalnum() else ""
    return rf"(?<![\w.]){body}{tail}" if form[0].isalnum() else body + tail


def is_exact_form(form: str, entry: Entry) -> bool:
    # Acronyms ("US", "U.N.", "DPRK") always match case-sensitively, so "us" is never the
    # United States; other forms follow the entry's case rule.
    return entry.case == "exact" or not any(c.islower() for c in form)


class _Matcher:
    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.forms: list[tuple[re.Pattern[str], Entry]] = []
        for e in glossary:
            for form in sorted(set(e.english_forms), key=len, reverse=True):
                if not form:
                    continue
                exact = is_exact_form(form, e)
                flags = 0 if exact else re.IGNORECASE
                self.forms.append((re.compile(_form_regex(form, not exact), flags), e))
        self.left_title: dict[str, re.Pattern[str]] = {}
        self.right_title: dict[str, re.Pattern[str]] = {}
        self.paren: dict[str, re.Pattern[str]] = {}
        for e in glossary:
            if e.en_title:
                alts = "|".join(_form_regex(t, True) for t in sorted(e.en_title, key=len,
                                                                      reverse=True))
                self.left_title[e.id] = re.compile(rf"(?:{alts})[ \t]*,?\s+$", re.IGNORECASE)
                # An appositive title ends the phrase: "Putin, President Xi" is a list.
                self.right_title[e.id] = re.compile(
                    rf"^,\s*(?:{alts})(?=\s*(?:[,.;:)\"'”’]|$)|(?-i:\s+[a-z]))", re.IGNORECASE)
            alts = "|".join(re.escape(f) for f in sorted(e.english_forms, key=len, reverse=True))
            self.paren[e.id] = re.compile(rf"^\s*[(（]\s*(?:{alts})\s*[)）]")

    def extend_title(self, text: str, start: int, end: int, entry: Entry) -> tuple[int, int, bool]:
        left = self.left_title.get(entry.id)
        if left is None:
            return start, end, False
        window = max(0, start - 160)
        m = left.search(text[window:start])
        if m:
            return window + m.start(), end, True
        m = self.right_title[entry.id].match(text[end:])
        if m:
            return start, end + m.end(), True
        return start, end, False


_CACHE: dict[str, _Matcher] = {}


def _matcher(glossary: Glossary) -> _Matcher:
    key = glossary.version
    if key not in _CACHE:
        _CACHE.clear()  # one glossary in use at a time; keep memory flat
        _CACHE[key] = _Matcher(glossary)
    return _CACHE[key]


def _excluded(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _EXCLUDED.finditer(text)]


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def _trim_final_dot(text: str, start: int, end: int) -> int:
    # "... in the U.S." at the end of a sentence: the dot is also the full stop, keep it
    # outside the term.
    if text[end - 1] == "." and end - start > 1 and not text[end:].strip(_CLOSERS):
        return end - 1
    return end


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text)[1:] if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _part_of_other_name(text: str, end: int, entry: Entry, title_case: bool) -> bool:
    """"Washington Post", "Japan Airlines", "US Open": a place or organisation followed by
    a capitalised word is part of another name (not decidable in title-case headlines)."""
    if entry.kind == "person" or title_case:
        return False
    nxt = re.match(r"\s+([A-Z][\w.'’-]*)", text[end:])
    return bool(nxt) and nxt.group(1) not in _MAY_FOLLOW and nxt.group(1).rstrip(".") not in \
        _MAY_FOLLOW


def _name_candidates(text: str, m: _Matcher) -> list[tuple[int, int, Entry, bool]]:
    out = []
    title_case = _title_case(text)
    for rx, entry in m.forms:
        for hit in rx.finditer(text):
            start, end = hit.span()
            if _part_of_other_name(text, end, entry, title_case):
                continue
            pm = m.paren[entry.id].match(text[end:])
            if pm:  # "Democratic People's Republic of Korea (DPRK)" is one mention
                end += pm.end()
            start, end, titled = m.extend_title(text, start, end, entry)
            out.append((start, end, entry, titled))
    return out


def _select(cands, taken: list[tuple[int, int]]):
    """Longest match first; a shorter candidate overlapping a longer one is dropped."""
    chosen = []
    for c in sorted(cands, key=lambda c: (-(c[1] - c[0]), c[0])):
        if not _overlaps((c[0], c[1]), taken):
            taken.append((c[0], c[1]))
            chosen.append(c)
    return chosen


def _surname_candidates(text, m, surnames, taken):
    out = []
    for surname, entry in surnames.items():
        for form in (surname, surname.upper()):
            for hit in re.finditer(rf"(?<![\w\-]){re.escape(form)}(?![\w\-])", text):
                start, end = hit.span()
                if _overlaps((start, end), taken):
                    continue
                if re.match(r"\s+[A-Z][a-z]", text[end:]):
                    continue  # "Kim Yong-chol", "Sullivan County": another name
                start, end, titled = m.extend_title(text, start, end, entry)
                h = _HONORIFIC.search(text[:start])
                if h:
                    start = h.start()
                else:
                    prev = re.search(r"([A-Z][\w.]*)\s+$", text[:start])
                    if prev and prev.group(1) not in _STARTERS:
                        continue  # "Jane Sullivan": someone else
                out.append((start, end, entry, titled))
    return out


def find_mentions(segments: list[str], glossary: Glossary) -> list[list[Mention]]:
    """All glossary mentions in one article's segments (in order), per segment.

    Names and variants are found first; a later bare surname ("Sullivan said") is then
    resolved to the one glossary person of that surname named in full earlier in the
    article (in the headline: anywhere in the article), and left alone when none or
    several persons of that surname were named.
    """
    m = _matcher(glossary)
    found: list[list[tuple[int, int, Entry, bool, str]]] = []
    taken_per_seg: list[list[tuple[int, int]]] = []
    for text in segments:
        taken = list(_excluded(text))
        chosen = _select(_name_candidates(text, m), taken)
        found.append([(*c, "name") for c in chosen])
        taken_per_seg.append(taken)

    first_full: dict[str, tuple[int, int]] = {}
    for i, seg in enumerate(found):
        for start, _end, entry, _t, _by in sorted(seg, key=lambda c: c[0]):
            if entry.kind == "person":
                first_full.setdefault(entry.id, (i, start))
    owners: dict[str, list[Entry]] = {}
    for entry_id in first_full:
        entry = glossary[entry_id]
        for s in entry.en_surname:
            owners.setdefault(s, []).append(entry)
    surnames = {s: es[0] for s, es in owners.items() if len(es) == 1}

    result: list[list[Mention]] = []
    seen: set[str] = set()
    for i, text in enumerate(segments):
        cands = _surname_candidates(text, m, surnames, taken_per_seg[i]) if surnames else []
        # A surname resolves after the full name, or in the headline (first segment),
        # where wire copy names people by surname before the body names them in full.
        cands = [c for c in cands if i == 0 or (i, c[0]) > first_full[c[2].id]]
        later = [(*c, "surname") for c in _select(cands, taken_per_seg[i])]
        mentions = []
        for start, end, entry, titled, by in sorted(found[i] + later, key=lambda c: c[0]):
            end = _trim_final_dot(text, start, end)
            # A bare surname is never the first mention: it renders as the short form.
            first = by == "name" and entry.id not in seen
            mentions.append(Mention(i, start, end, text[start:end], entry.id,
                                    first=first, titled=titled, by=by))
            if by == "name":
                seen.add(entry.id)
        result.append(mentions)
    return result
