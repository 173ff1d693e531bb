"""What the learned segmenter sees of each piece of a page (``en_pieces``).

Features describe a piece's place (line, position in the page, first or last
piece of its line, blank lines around it, why it was cut there), its form
(length, casing, punctuation, bullets, links), what it names (news agencies,
photo credits, dates and times) and what the hand-written rules of
``en_lines`` say of it: the rules are evidence here, not the decision.  The
neighbours' main features are added, so that a linear-chain CRF sees a little
context on top of the labels of the pieces around.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .en_lines import (
    DATELINE,
    EDITORS_NOTE,
    RELATED_HEADER,
    VERSION_TAG,
    ends_sentence,
    is_caption,
    is_credit,
    is_debris,
    is_footer,
    looks_like_headline,
)
from .en_pieces import SECOND_ROUND_CUTS, Piece, normalise
from .en_rules import segment_english_rules

_AGENCY = re.compile(
    r"\b(?:Yonhap|YONHAP|AP|AFP|Reuters|REUTERS|Kyodo|KYODO|Jiji|JIJI|KCNA|UPI|EPA|EFE|"
    r"Xinhua|NHK|KBS|AJP|Getty|Bloomberg|Newsis|News1|Pool)\b"
)
_AGENCY_END = re.compile(r"\([A-Z][A-Za-z .-]{1,25}\)\s*$")
_PHOTO = re.compile(r"\b(?:photo|PHOTO|Photo|Courtesy|courtesy|via AP|FILE|Illustration)\b|/")
_MONTH = re.compile(
    r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
)
_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b|\b[AP]M\b|\b[ap]\.m\.|\bago\b|\bJST\b|\bKST\b|\bEDT\b")
_NUMERIC_DATE = re.compile(r"\b\d{4}[-./]\d{1,2}[-./]\d{1,2}\b|\d{4}年")
# What is left of a line once its date and time words are taken out.
_DATE_WORDS = re.compile(
    rf"{_MONTH.pattern}|{_WEEKDAY.pattern}|{_TIME.pattern}|{_NUMERIC_DATE.pattern}|\b\d+\b|"
    r"\b(?:at|on|hours?|minutes?|Posted|Updated|Published|Broadcasted|[A-Z]{2,4}T)\b|[^\w\s]",
)
_LINK = re.compile(r"https?://|www\.|\.mp3\b|\.html?\b")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_BULLET = re.compile(r"^(?:[•·▲△■\-–—*]|\d{1,2}[.)])(?:\s|$)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


# Optional groups of features, chosen by leave-one-outlet-out cross-validation
# on the development half (bench/train_segment_model.py --cv --groups ...).
# The shipped model is trained with these and must be read with them; the
# bench changes the set only inside its own process.
# The second-round model (data/en_pieces_round2.crfsuite, shipped with
# en_pieces.SECOND_ROUND_CUTS) is trained and read with all of FEATURE_GROUPS:
# "shape" and "affixes" (second round) and "tail" (fourth round: place counted
# from the end of the page, first and last token).
# Eleventh round: "listing" and "release" (below) too, with the model retrained
# on all 244 development pages (README, segfresh6 round).
FEATURE_GROUPS = ("shape", "affixes", "tail", "listing", "release")
# Tried in the fourth round and not kept (cross-validation fell): "window",
# the main features of the two lines before and after a piece's line.
# Tried in the fifth round: "page", a piece measured against its own page
# (length against the page's median line, lines repeated elsewhere on the
# page, how far down it stands, sentences pySBD found in its line), and
# "tokens", the forms of its first and last tokens (the shape of a short
# piece: dates, times, counters; character n-grams of the tokens).
# Neither ships (see README, seg5 round): "tokens" won the development CV on
# boundary F1 only (kinds fell), and the model trained with it lowered the
# aligner's development figures, so the shipped model stays the fourth round's.
# Tried in the eighth round: "listing", what tells a listing page's headline
# from its snippet and from chrome (a page's share of heading-like lines, a
# line echoed by the next one or echoing the one before, title case, the
# heading / prose alternation of a listing); see README, segfresh3 round.
# Tried in the ninth round: "release", page-level evidence that a page is a
# government release, statement or transcript rather than a listing (a
# document-type line such as "Press Statement" or "Remarks", a title / credit /
# date header, speaker labels in capitals), crossed with the listing group's
# heading evidence so the CRF can weigh a short Title Case line over a credit
# block differently on such pages; see README, segfresh4 round.
# Tried in the twelfth round: "article", what tells an article's headline
# without a document-type line below it (the line below is a byline, a date, a
# dateline or prose) from a tag label over chrome, and embedded tweets (a
# "— Name (@handle) date" signature, the tweet's text above it) and a live
# blog's time labels; see README, seg12 round.
CANDIDATE_GROUPS = ("window", "page", "tokens", "listing", "release", "article")
ACTIVE_GROUPS: set[str] = set(FEATURE_GROUPS) if SECOND_ROUND_CUTS else set()

_SHAPE_RUNS = re.compile(r"(.)\1+")


def _shape(word: str) -> str:
    """A word's form: "Xx" for "Seoul", "X.X." for "U.S.", "d/d/d" for "5/3/2010"."""
    mapped = "".join(
        "X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c for c in word
    )
    return _SHAPE_RUNS.sub(r"\1", mapped)[:8]


def _group_features(text: str, prefix: str = "") -> dict[str, str | float]:
    """The optional groups' features of a piece (or of its whole line)."""
    features: dict[str, str | float] = {}
    words = text.split()
    if "shape" in ACTIVE_GROUPS and words:
        features[f"{prefix}shape0"] = _shape(words[0])
        features[f"{prefix}shape-1"] = _shape(words[-1])
        if len(words) > 1:
            features[f"{prefix}shape01"] = f"{_shape(words[0])} {_shape(words[1])}"
    if "affixes" in ACTIVE_GROUPS:
        lowered = text.lower()
        features[f"{prefix}pre3"] = lowered[:3]
        features[f"{prefix}suf3"] = lowered[-3:]
    return features


def _bucket(value: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _end_class(text: str) -> str:
    last = text[-1]
    if text.endswith(("...", "…")):
        return "ellipsis"
    if last in ".!?:;,\"”’')]|-–—":
        return last
    return "digit" if last.isdigit() else "letter" if last.isalpha() else "other"


def _start_class(text: str) -> str:
    first = text[0]
    if first.isupper():
        return "upper"
    if first.islower():
        return "lower"
    return "digit" if first.isdigit() else first


def _own_features(piece: Piece) -> dict[str, str | float]:
    text = piece.text
    n_words = len(text.split())
    words = _WORD.findall(text)
    capitalised = sum(w[0].isupper() for w in words)
    first_word = text.split()[0].strip("\"“”'‘’([").lower()
    letters = [c for c in text if c.isalpha()]
    leftover = _DATE_WORDS.sub(" ", text).split()
    return {
        "cut": piece.cut,
        "first_in_line": float(piece.first_in_line),
        "last_in_line": float(piece.last_in_line),
        "alone_in_line": float(piece.first_in_line and piece.last_in_line),
        "new_block": float(piece.first_in_line and piece.blank_before),
        "blank_before": float(piece.blank_before),
        "blank_after": float(piece.blank_after),
        "words": _bucket(n_words, (1, 2, 3, 5, 8, 12, 20, 30, 50)),
        "start": _start_class(text),
        "end": _end_class(text),
        "all_caps": float(bool(letters) and all(c.isupper() for c in letters if c.isascii())),
        "capitalised": _bucket(round(10 * capitalised / len(words)) if words else 0, (2, 5, 8)),
        "word0": first_word if first_word.isalpha() and len(first_word) <= 12 else "<other>",
        "ends_sentence": float(ends_sentence(text)),
        "bullet": float(bool(_BULLET.match(text))),
        "pipe": float("|" in text),
        "link": float(bool(_LINK.search(text))),
        "cjk": float(bool(_CJK.search(text))),
        "quote_start": float(text[0] in "\"“‘'"),
        "bracket_start": float(text[0] in "(["),
        "agency": float(bool(_AGENCY.search(text))),
        "agency_end": float(bool(_AGENCY_END.search(text))),
        "photo": float(bool(_PHOTO.search(text))),
        "month": float(bool(_MONTH.search(text))),
        "weekday": float(bool(_WEEKDAY.search(text))),
        "year": float(bool(_YEAR.search(text))),
        "time": float(bool(_TIME.search(text))),
        "numeric_date": float(bool(_NUMERIC_DATE.search(text))),
        "date_only": float(len(leftover) <= 1 and n_words <= 12 and not text.isdigit()),
        "digits_only": float(text.replace(",", "").replace(" ", "").isdigit()),
        "rule_footer": float(is_footer(text)),
        "rule_credit": float(is_credit(text)),
        "rule_caption": float(is_caption(text)),
        "rule_debris": float(is_debris(text)),
        "rule_headline": float(looks_like_headline(text)),
        "rule_dateline": float(bool(DATELINE.match(text + " x"))),
        "rule_note": float(bool(EDITORS_NOTE.match(text) or VERSION_TAG.fullmatch(text))),
        "rule_related": float(bool(RELATED_HEADER.match(text))),
        "byline": float(text.startswith("By ") and n_words <= 12),
    }


# What a piece inherits from its whole line: a caption of three sentences is
# recognised by how its line ends, not by its second sentence.
_LINE_KEYS = ("words", "end", "agency_end", "photo", "rule_caption", "rule_headline",
              "ends_sentence", "all_caps", "date_only", "rule_credit", "rule_debris", "bullet")


def _line_features(pieces: Sequence[Piece]) -> dict[int, dict[str, str | float]]:
    lines: dict[int, list[Piece]] = {}
    for piece in pieces:
        lines.setdefault(piece.line, []).append(piece)
    features: dict[int, dict[str, str | float]] = {}
    for number, members in lines.items():
        whole = Piece(" ".join(p.text for p in members), number, members[0].start,
                      members[-1].end, "line", True, True, members[0].blank_before,
                      members[-1].blank_after)
        own = _own_features(whole)
        line = {f"line:{key}": own[key] for key in _LINE_KEYS}
        line["line:pieces"] = _bucket(len(members), (1, 2, 3, 5))
        line.update(_group_features(whole.text, "line:"))
        line["line:dateline"] = float(any(p.cut == "after dateline" for p in members))
        features[number] = line
    return features


# The features of a neighbour that are worth seeing from a piece.
_CONTEXT = ("rules", "cut", "first_in_line", "words", "end", "all_caps", "ends_sentence",
            "date_only", "rule_caption", "rule_headline", "blank_after", "agency_end", "start",
            "digits_only", "bullet")
_FAR_CONTEXT = ("cut", "date_only", "words", "digits_only", "bullet", "end")


_MAX_BAG_WORDS = 12


def _bag_of_words(text: str) -> dict[str, float]:
    """The words of a short piece: site furniture ("Read the full story",
    "Unlock these benefits") is told by its vocabulary, which the model
    learns rather than a list kept by hand."""
    words = _WORD.findall(text)
    if len(words) > _MAX_BAG_WORDS:
        return {}
    return {f"w={word.lower()}": 1.0 for word in words}


def _rules_decisions(text: str, pieces: Sequence[Piece]) -> list[str]:
    """What the rule-based segmenter makes of each piece: the kind of the
    segment it starts, or "in <kind>" when the rules put it inside one."""
    squeezed = "".join(normalise(text).split())
    starts: dict[int, str] = {}
    ends: list[tuple[int, str]] = []
    cursor = 0
    for segment in segment_english_rules(text):
        key = "".join(segment.text.split())
        at = squeezed.find(key, cursor)
        if at == -1:
            continue  # the rules changed the text (never seen); no evidence then
        starts[at] = segment.kind
        ends.append((at + len(key), segment.kind))
        cursor = at + len(key)
    decisions: list[str] = []
    cursor = 0
    for piece in pieces:
        key = "".join(piece.text.split())
        at = squeezed.find(key, cursor)
        cursor = at + len(key) if at != -1 else cursor
        if at in starts:
            decisions.append(starts[at])
        else:
            inside = next((kind for end, kind in ends if end > at), "none")
            decisions.append(f"in {inside}")
    return decisions


def _last_token(text: str) -> str:
    token = text.split()[-1] if text.split() else ""
    return token.lower() if len(token) <= 12 else "<long>"


def _tail_features(piece: Piece, n_lines: int, last_piece: bool) -> dict[str, str | float]:
    """Where a piece stands counted from the end of the page, and its last
    token: sign-offs, footers and related lists are told by being last."""
    return {
        "from_end": _bucket(n_lines - 1 - piece.line, (0, 1, 2, 3, 5, 8)),
        "last_piece": float(last_piece),
        "last_token": _last_token(piece.text),
        "first_token": piece.text.split()[0].lower()[:12],
    }


# The features of the lines around a piece's line that are worth seeing
# ("window" group): a caption is told by the copy below it, a related list by
# the bullets around it.
_WINDOW_KEYS = ("line:words", "line:end", "line:rule_headline", "line:bullet", "line:date_only",
                "line:ends_sentence", "line:pieces", "line:agency_end")


def _window_features(
    line: int, line_features: dict[int, dict[str, str | float]], blank_before: bool
) -> dict[str, str | float]:
    features: dict[str, str | float] = {}
    for offset, name in ((-2, "L-2"), (-1, "L-1"), (1, "L+1"), (2, "L+2")):
        other = line_features.get(line + offset)
        if other is None:
            features[f"{name}:none"] = 1.0
            continue
        for key in _WINDOW_KEYS if abs(offset) == 1 else ("line:words", "line:end"):
            features[f"{name}:{key}"] = other[key]
    features["L-1:blank"] = float(blank_before)
    return features


def _ngrams(token: str, prefix: str) -> dict[str, float]:
    """Leading and trailing 2-4 character n-grams of a token."""
    lowered = token.lower()
    grams: dict[str, float] = {}
    for n in (2, 3, 4):
        if len(lowered) >= n:
            grams[f"{prefix}<{lowered[:n]}"] = 1.0
            grams[f"{prefix}>{lowered[-n:]}"] = 1.0
    return grams


def _short_shape(text: str) -> str:
    """The shape of a whole short piece ("Xx d, d" for "May 3, 2024",
    "d:d" for "10:42"): dates, times and counters by their form."""
    words = text.split()
    return " ".join(_shape(w) for w in words) if len(words) <= 6 else "<long>"


class _PageStats:
    """What a piece is measured against on its own page."""

    def __init__(self, pieces: Sequence[Piece]) -> None:
        lines: dict[int, list[Piece]] = {}
        for piece in pieces:
            lines.setdefault(piece.line, []).append(piece)
        self.line_text = {n: " ".join(p.text for p in m) for n, m in lines.items()}
        lengths = sorted(len(t) for t in self.line_text.values()) or [1]
        self.median = max(1, lengths[len(lengths) // 2])
        counts: dict[str, int] = {}
        for line in self.line_text.values():
            key = line.casefold()
            counts[key] = counts.get(key, 0) + 1
        self.line_counts = counts
        piece_counts: dict[str, int] = {}
        for piece in pieces:
            key = piece.text.casefold()
            piece_counts[key] = piece_counts.get(key, 0) + 1
        self.piece_counts = piece_counts
        self.sentences = {
            n: sum(p.cut == "sentence" for p in m) + 1 for n, m in lines.items()
        }
        self.n_lines = (pieces[-1].line + 1) if pieces else 1


def _page_features(piece: Piece, stats: _PageStats) -> dict[str, str | float]:
    """The "page" group: a piece against its own page."""
    line = stats.line_text[piece.line]
    ratio = len(line) / stats.median
    return {
        "page:line_vs_median": _bucket(round(4 * ratio), (0, 1, 2, 3, 4, 6, 10)),
        "page:piece_vs_median": _bucket(round(4 * len(piece.text) / stats.median),
                                        (0, 1, 2, 3, 4, 6, 10)),
        "page:line_repeats": float(stats.line_counts[line.casefold()] > 1),
        "page:piece_repeats": float(stats.piece_counts[piece.text.casefold()] > 1),
        "page:decile": str(min(9, 10 * piece.line // stats.n_lines)),
        "page:line_sentences": _bucket(stats.sentences[piece.line], (1, 2, 3, 5)),
    }


_SMALL_WORDS = frozenset(
    ("a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or",
     "the", "to", "with")
)


def _heading_like(line: str) -> bool:
    """A short line that does not end like a sentence: a headline, a label."""
    return len(line.split()) <= 15 and not ends_sentence(line) and not line.endswith(
        ("...", "…", ":"))


def _title_case(line: str) -> bool:
    """Headline style: every word but the small ones capitalised, three at least."""
    words = [w for w in _WORD.findall(line) if w.lower() not in _SMALL_WORDS]
    return len(words) >= 3 and all(w[0].isupper() for w in words)


def _page_lines(pieces: Sequence[Piece]) -> dict[int, str]:
    """Each page line's text, put back together from its pieces."""
    lines: dict[int, list[Piece]] = {}
    for piece in pieces:
        lines.setdefault(piece.line, []).append(piece)
    return {n: " ".join(p.text for p in m) for n, m in lines.items()}


class _ListingStats:
    """What tells a listing page's lines apart: the page's rhythm of headings
    and prose, and lines that repeat their neighbours."""

    def __init__(self, pieces: Sequence[Piece]) -> None:
        self.text = _page_lines(pieces)
        self.heading = {n: _heading_like(t) for n, t in self.text.items()}
        share = sum(self.heading.values()) / max(1, len(self.heading))
        self.heading_share = _bucket(round(10 * share), (2, 4, 6))

    def echoed(self, number: int, other: int) -> bool:
        """True when line ``other`` holds line ``number``'s text inside it."""
        mine, theirs = self.text.get(number, ""), self.text.get(other, "")
        return len(mine) >= 15 and len(theirs) > len(mine) and mine.casefold() in theirs.casefold()


def _listing_features(piece: Piece, stats: _ListingStats) -> dict[str, str | float]:
    """The "listing" group: a piece's line against the page's rhythm."""
    n = piece.line
    heading = stats.heading[n]
    features: dict[str, str | float] = {
        "lst:heading_share": stats.heading_share,
        "lst:heading": float(heading),
        "lst:title_case": float(_title_case(stats.text[n])),
        "lst:echoed_below": float(stats.echoed(n, n + 1)),
        "lst:echoes_above": float(stats.echoed(n - 1, n)),
        "lst:piece_echoes_above": float(
            len(piece.text) >= 15 and piece.text.casefold() in stats.text.get(n - 1, "").casefold()
        ),
    }
    if n - 2 in stats.heading and n - 1 in stats.heading:
        features["lst:alternates"] = float(
            stats.heading[n - 2] == heading and stats.heading[n - 1] != heading)
    if heading and n + 1 in stats.text:
        features["lst:prose_below"] = float(
            not stats.heading[n + 1] and len(stats.text[n + 1]) >= 2 * len(stats.text[n]))
    return features


# A line that names what kind of government document the page is.
_DOC_LABEL = re.compile(
    r"^\W*(?:Press (?:Statement|Release|Briefing|Conference)s?|Remarks|Readout|Media Note|"
    r"(?:Joint )?Statement|Fact Sheet|Office of the Spokesperson|Department Press Briefing|"
    r"Begin Text|Provisional [Tt]ranslation|Unofficial [Tt]ranslation|Transcript|"
    r"Press Conferences?|Joint Press (?:Remarks|Availability|Statement))\b",
    re.I,
)
# Offices that sign a release or a transcript's header.
_OFFICE = re.compile(
    r"\b(?:Department of State|Secretary of State|Ministry of (?:Foreign Affairs|Defense|"
    r"Unification)|Office of the Spokesperson|Spokesperson|Prime Minister'?s? Office|"
    r"Chief Cabinet Secretary|Secretary-General|White House|Embassy)\b"
)
# A title that says what kind of document follows ("... at a Joint Press
# Availability", "Remarks to the Press", "Statement by the Spokesperson").
_DOC_TITLE = re.compile(
    r"\b(?:Joint )?Press (?:Availability|Remarks|Statement|Conference|Briefing)\b|"
    r"\bRemarks (?:to|at|with|by|before|on)\b|\bJoint Statement\b|\bReadout\b|"
    r"\bStatement (?:by|on)\b",
    re.I,
)
# A transcript's speaker label in capitals ("SECRETARY BLINKEN:", "MR PRICE:",
# "MODERATOR:"): two words at least, or one a transcript uses alone; not a
# place ("SEOUL:") nor a page's own label ("FILE PHOTO:", "BREAKING NEWS:").
_SPEAKER = re.compile(
    r"(?:^|(?<=[a-z])|(?<=[a-z] ))(?:(?:[A-Z][A-Z.'’\-]+\s){1,4}[A-Z][A-Z.'’\-]+|"
    r"MODERATOR|QUESTION|PARTICIPANT|INTERPRETER|SPOKESPERSON|SPOKESMAN):(?=\s|$)"
)
_NOT_SPEAKER = re.compile(r"^(?:FILE PHOTO|BREAKING NEWS|READ MORE|SEE ALSO|WATCH|PHOTO|UPDATE)")
_INTERPRETER = re.compile(r"^[(\[](?:[Vv]ia|[Tt]hrough) (?:an )?interpreter[)\]]$")
_HEADER_LINES = 8
# Eleventh round: the "release" group also marks a heading over a release's
# document-type label ("Press Statement", "Remarks"), which the retrained models
# typed as a tag label (debris); False gives the tenth round's group.
OVER_HEADER = True


class _ReleaseStats:
    """Page-level evidence that a page is a government release, a statement or
    a transcript: what tells its header from a listing's headlines."""

    def __init__(self, pieces: Sequence[Piece]) -> None:
        self.text = _page_lines(pieces)
        self.heading = {n: _heading_like(t) for n, t in self.text.items()}
        self.doc_label = {n: len(t.split()) <= 12 and bool(_DOC_LABEL.match(t))
                          for n, t in self.text.items()}
        self.office = {n: len(t.split()) <= 12 and bool(_OFFICE.search(t))
                       for n, t in self.text.items()}
        self.speakers = sum(not _NOT_SPEAKER.match(m) for t in self.text.values()
                            for m in _SPEAKER.findall(t))
        titled = any(len(t.split()) <= 30 and _DOC_TITLE.search(t) for t in self.text.values())
        head = sorted(self.text)[:_HEADER_LINES]
        dated = [n for n in head if _date_line(self.text[n])]
        # A title with a credit block or a date within three lines of it.
        self.header = any(
            any(self.heading[m] and not _date_line(self.text[m]) and len(self.text[m].split()) >= 3
                for m in range(max(0, n - 3), n + 3) if m in self.text and m != n)
            for n in dated
        )
        self.has_label = any(self.doc_label.values()) or titled
        # A release's headline sits over its document-type label; a tag label
        # over chrome or headlines. Marked on the headline itself: the CRF's
        # transitions (debris -> debris strong, title -> debris weak) cannot
        # see which kind of page a title over a debris line is on.
        self.over_header = {n: self._over_header(n) for n in head}
        self.has_office = any(self.office[n] for n in head)
        self.score = sum((self.has_label, self.speakers >= 2, self.header, self.has_office))
        self.kind = "release" if self.score >= 2 else "maybe" if self.score == 1 else "none"

    def _over_header(self, number: int) -> bool:
        """True when line ``number`` is a heading in the page's head with a
        document-type label among the three lines below: a release's headline
        (not a listing's tag label, which has chrome or headlines below it).
        The header block's own lines (the signer's name right above the
        office, the place right below it) are not headlines."""
        text = self.text[number]
        if not self.heading[number] or self.doc_label[number] or self.office[number] or (
                _date_line(text)) or len(text.split()) < 2 or not text.isascii():
            return False
        lines = sorted(self.text)
        at = lines.index(number)
        above, below = lines[at - 1] if at else None, lines[at + 1 : at + 4]
        if (below and self.office[below[0]]) or (above is not None and self.office[above]):
            return False
        return any(self.doc_label[m] for m in below)


def _date_line(text: str) -> bool:
    """A short line that is a date and little else ("February 18, 2023")."""
    leftover = _DATE_WORDS.sub(" ", text).split()
    return bool(_MONTH.search(text) or _NUMERIC_DATE.search(text)) and len(leftover) <= 2 and (
        len(text.split()) <= 8)


def _release_features(piece: Piece, stats: _ReleaseStats, index: int,
                      pieces: Sequence[Piece]) -> dict[str, str | float]:
    """The "release" group: the page's evidence of being a government document,
    and the piece's place in a transcript (a speaker label, the speech after it)."""
    n = piece.line
    previous = pieces[index - 1].text if index else ""
    heading = stats.heading[n]
    features: dict[str, str | float] = {
        "rel:page": stats.kind,
        "rel:label_on_page": float(stats.has_label),
        "rel:speakers": _bucket(stats.speakers, (0, 1, 3)),
        "rel:header": float(stats.header),
        "rel:doc_label": float(stats.doc_label[n]),
        "rel:office": float(stats.office[n]),
        "rel:speaker": float(bool(_SPEAKER.fullmatch(piece.text))
                             and not _NOT_SPEAKER.match(piece.text)),
        "rel:interpreter": float(bool(_INTERPRETER.match(piece.text))),
        "rel:after_speaker": float(
            bool(_SPEAKER.fullmatch(previous) or _INTERPRETER.match(previous))),
        # Heading evidence crossed with the page's kind: a Title Case line over
        # a credit block is a listing's headline on a listing, a title on a release.
        "rel:heading_on": f"{stats.kind}|{int(heading)}|{int(_title_case(stats.text[n]))}",
        "rel:place_on": f"{stats.kind}|{_bucket(n, (0, 1, 2, 4, 7))}",
    }
    if OVER_HEADER and n in stats.over_header:
        features["rel:over_header"] = float(stats.over_header[n] and piece.first_in_line)
    if n + 1 in stats.text:
        features["rel:date_below"] = float(_date_line(stats.text[n + 1]))
    if n - 1 in stats.text:
        features["rel:date_above"] = float(_date_line(stats.text[n - 1]))
    return features


# An embedded tweet's signature line ("— Franklin Graham (@Franklin_Graham) June
# 12, 2018") and a link only tweets carry.
_TWEET_SIGNATURE = re.compile(r"^[—–-]{1,2}\s?[^()]{1,60}\(@\w{1,15}\)")
_TWEET_LINK = re.compile(r"pic\.twitter\.com/|https?://t\.co/|twitter\.com/\w+/status")
# A live blog entry's time label ("7.30am:"), cut off by en_pieces.
_TIME_LABEL = re.compile(r"^\d{1,2}[.:]\d{2}\s?(?:[ap]\.?m\.?|[AP]M)?(?:\s[A-Z]{2,4})?:$")
# How far below a heading its copy may start (a byline and a date between).
_COPY_WITHIN = 3


def _line_class(text: str) -> str:
    """What a line is at a glance, for the lines around a heading."""
    if _TWEET_SIGNATURE.match(text):
        return "tweet"
    if text.startswith("By ") and len(text.split()) <= 12:
        return "byline"
    if _date_line(text):
        return "date"
    if DATELINE.match(text + " x"):
        return "dateline"
    if ends_sentence(text) and len(text.split()) >= 12:
        return "prose"
    return "heading" if _heading_like(text) else "other"


class _ArticleStats:
    """What the lines below a line are: an article's headline has its copy (a
    byline, a date, a dateline or prose) right below it, a tag label has chrome."""

    def __init__(self, pieces: Sequence[Piece]) -> None:
        self.text = _page_lines(pieces)
        self.order = sorted(self.text)
        self.kind = {n: _line_class(t) for n, t in self.text.items()}

    def below(self, number: int) -> list[str]:
        at = self.order.index(number)
        return [self.kind[m] for m in self.order[at + 1 : at + 1 + _COPY_WITHIN]]


def _article_features(piece: Piece, stats: _ArticleStats) -> dict[str, str | float]:
    """The "article" group: a heading over copy, embedded tweets, time labels."""
    n = piece.line
    text = stats.text[n]
    below = stats.below(n)
    heading = (_heading_like(text) and len(text.split()) >= 2 and not _date_line(text)
               and stats.kind[n] != "tweet")
    over_copy = heading and any(k in ("byline", "date", "dateline", "prose") for k in below)
    return {
        "art:below": f"{int(heading)}|{below[0] if below else 'end'}",
        "art:head_over_copy": float(over_copy),
        "art:title_case_over_copy": float(over_copy and _title_case(text)),
        "art:tweet_signature": float(bool(_TWEET_SIGNATURE.match(piece.text))),
        "art:tweet_link": float(bool(_TWEET_LINK.search(piece.text))),
        "art:above_tweet": float(bool(below) and below[0] == "tweet"),
        "art:time_label": float(bool(_TIME_LABEL.match(piece.text))),
    }


def _token_features(piece: Piece) -> dict[str, str | float]:
    """The "tokens" group: the shape of a short piece, n-grams of its ends."""
    words = piece.text.split()
    features: dict[str, str | float] = {"tok:short_shape": _short_shape(piece.text)}
    if words:
        features.update(_ngrams(words[0].strip("\"“”'‘’(["), "tok:first"))
        features.update(_ngrams(words[-1].strip("\"“”'‘’)]"), "tok:last"))
    return features


def piece_features(text: str, pieces: Sequence[Piece]) -> list[dict[str, str | float]]:
    """One feature dict for each piece of ``text``, for ``pycrfsuite``."""
    own = [_own_features(p) for p in pieces]
    rules = _rules_decisions(text, pieces)
    for features, decision in zip(own, rules, strict=True):
        features["rules"] = decision
    line_features = _line_features(pieces)
    n_lines = (pieces[-1].line + 1) if pieces else 1
    stats = _PageStats(pieces) if "page" in ACTIVE_GROUPS else None
    listing = _ListingStats(pieces) if "listing" in ACTIVE_GROUPS else None
    release = _ReleaseStats(pieces) if "release" in ACTIVE_GROUPS else None
    article = _ArticleStats(pieces) if "article" in ACTIVE_GROUPS else None
    features: list[dict[str, str | float]] = []
    for i, piece in enumerate(pieces):
        f: dict[str, str | float] = {
            "bias": 1.0, **own[i], **line_features[piece.line], **_bag_of_words(piece.text),
            **_group_features(piece.text),
        }
        f["first_line"] = float(piece.line == 0)
        f["line"] = _bucket(piece.line, (0, 1, 2, 3, 5, 8))
        f["place"] = str(min(4, 5 * piece.line // n_lines))
        # A short text is an article pasted by hand, not a page with its chrome.
        f["text_lines"] = _bucket(n_lines, (2, 3, 5, 10, 20))
        f["first_line_of_short_text"] = float(piece.line == 0 and n_lines <= 5)
        previous_text = pieces[i - 1].text if i else ""
        f["same_as_previous"] = float(previous_text.casefold() == piece.text.casefold())
        # A line that the sender wrapped: the line before is long and does not
        # end like a sentence, a heading or a label.
        previous = pieces[i - 1] if i else None
        f["after_open_line"] = float(
            piece.first_in_line and previous is not None and not piece.blank_before
            and not ends_sentence(previous.text) and not previous.text.endswith((":", "|"))
            and len(previous.text) >= 40
        )
        f["previous_line_chars"] = _bucket(
            sum(len(p.text) + 1 for p in pieces if previous and p.line == previous.line),
            (20, 40, 60, 80, 120),
        )
        # A wire story has one dateline; a digest has one after each headline.
        f["datelines_before"] = _bucket(
            sum(p.cut == "after dateline" for p in pieces[:i] if p.line < piece.line), (0, 1)
        )
        f["lower_after_open_line"] = float(
            piece.first_in_line and piece.text[0].islower() and i > 0 and not piece.blank_before
            and not ends_sentence(previous_text)
        )
        if "tail" in ACTIVE_GROUPS:
            f.update(_tail_features(piece, n_lines, i == len(pieces) - 1))
        if "window" in ACTIVE_GROUPS:
            f.update(_window_features(piece.line, line_features, piece.blank_before))
        if stats is not None:
            f.update(_page_features(piece, stats))
        if "tokens" in ACTIVE_GROUPS:
            f.update(_token_features(piece))
        if listing is not None:
            f.update(_listing_features(piece, listing))
        if release is not None:
            f.update(_release_features(piece, release, i, pieces))
        if article is not None:
            f.update(_article_features(piece, article))
        for offset, name in ((-2, "-2"), (-1, "-1"), (1, "+1"), (2, "+2")):
            j = i + offset
            if 0 <= j < len(pieces):
                for key in _CONTEXT if abs(offset) == 1 else _FAR_CONTEXT:
                    f[f"{name}:{key}"] = own[j][key]
            else:
                f[f"{name}:none"] = 1.0
        features.append(f)
    return features
