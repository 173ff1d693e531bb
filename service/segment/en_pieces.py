"""A page cut into pieces: every place a segment may start, found generously.

The learned segmenter (``en_model``) decides for each piece what it is: a new
segment of some kind, or the continuation of the segment before it
(``join``).  So this module only has to propose cuts, never to be sure of
them: a wrong cut costs nothing when the model joins it back, while a missing
cut can never be repaired.  Cuts are proposed

- between lines (a line is a visual block on a page);
- between sentences, as ``en_sentences.split_sentences`` (pySBD) finds them;
- around things scrapers and wires glue onto lines: a date or a version tag
  before a headline ("date 2023-01-05", "(LEAD)"), a bracketed label
  ("[Soundbite] (Hotel Manager) :"), a dateline at the start of the copy or
  after a headline glued to it ("... anniversaries SEOUL, June 24 (AJP) -"), a
  time stamp, "Read More", "[…]", an ellipsis, a sign-off ("(Yonhap)",
  "(END)") or a "| section" slug at the end.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .en_lines import DATELINE, dateline_end
from .en_sentences import NUMBER_ABBREVIATIONS, TITLE_ABBREVIATIONS, split_sentences

# Zero-width characters that pasted web text carries; they are not content.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# Things glued before the text of a line.
_LEADING = [
    ("date prefix", re.compile(r"^(?:date\s+)?\d{4}[-./]\d{1,2}[-./]\d{1,2}\.?(?=\s)", re.I)),
    ("version tag", re.compile(r"^\((?:LEAD|\d+(?:st|nd|rd|th) LD|URGENT|UPDATED?|CORRECTED|"
                               r"REFILE|EDITORS?'? NOTE)[^()]{0,30}\)(?=\s)", re.I)),
    ("label", re.compile(r"^\[[^\[\]]{2,30}\](?:\s*\([^()]{2,40}\))?\s*:?(?=\s)")),
]
# Second round: what a scraper left of an HTML tag ('dir="ltr">As stated by ...').
_LEADING_2 = [("html residue", re.compile(r'^(?:[a-z-]+="[^"]*"\s*)+/?>'))]
# A dateline after a headline on the same line: a place in capitals, maybe a
# region and a date, an agency in brackets, a dash ("SEOUL, June 24 (AJP) -").
_INNER_DATELINE = re.compile(
    r"(?<=\S )(?:[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3})"  # a place in capitals
    r"(?:, [A-Z][A-Za-z.'’\-]*(?: [A-Z][A-Za-z.'’\-]*){0,3})?"
    rf"(?:,? {_MONTH}\.? \d{{1,2}}(?:, \d{{4}})?)?"
    r" ?\([A-Z][^()]{1,30}\)\s*(?:-{1,2}|–|—)(?=\s*\S)"
)
# Things glued after the text of a line.
_TRAILING = [
    ("time stamp", re.compile(r"(?<=\s)\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2})?$")),
    ("read more", re.compile(r"(?<=\s)(?:Read [Mm]ore|READ MORE|More|Continue reading)\s*"
                             r"(?:»|›|>>?)?$")),
    ("ellipsis", re.compile(r"(?<=\s)(?:\[…\]|\[\.\.\.\]|…|\.\.\.)$")),
    ("sign-off", re.compile(r"(?<=\s)(?:\(END\)|\([A-Z][A-Za-z-]{1,20}(?: News)?\)"
                            r"(?:\s*==\s*\w+)?|==\s*\w+)$")),
    ("slug", re.compile(r"(?<=\s)\|\s[^|]{1,40}$")),
]
# Second round: a day and month after a headline ("... Minister Baerbock 4 December").
_TRAILING_2 = [
    ("date", re.compile(rf"(?<=\s)\d{{1,2}} {_MONTH}(?: \d{{4}})?$")),
    # Fourth round: an agency or staff sign-off after a dash, glued to the
    # last sentence ("... KCNA reported. – Reuters", "... phenomenon." — LBG, GMANews.Tv").
    ("sign-off", _DASH_SIGN_OFF := re.compile(
        r"(?<=[.!?\"”’)]\s)[-–—]{1,2}\s?[A-Z][\w.,&/ -]{0,30}$")),
]
# The fourth round's cuts (below), on with the second round's; off only to
# measure what they bring (bench/train_segment_model.py --no-fourth-round-cuts).
FOURTH_ROUND_CUTS = True
# Fourth round: separators and cut marks inside a line ("... hands." ----------
# Taiwanese research ship ...", "... on Dec ... SEOUL -- ..."): a piece starts
# on each side of them.
_INLINE_MARK = re.compile(r"(?<!\S)(?:-{4,}|={4,}|\.\.\.|…)(?=\s)")
# Fourth round: a dateline without an agency inside a line, after a headline
# (digests: "... plane crash TOKYO - Japan's top ...", "... EEZ NAHA, Japan - The same ...").
_INNER_PLAIN_DATELINE = re.compile(
    r"(?<=\S )[A-Z][A-Z.'’\-]{2,}(?: [A-Z][A-Z.'’\-]+){0,2}(?:, [A-Z][a-z]+(?: [A-Z][a-z]+)?)?"
    r" (?:-{1,2}|–|—)(?=\s+[A-Z\"“])"
)
# The fifth round's cuts (below): off in the shipped segmenter, whose model
# (the fourth round's) was trained without them; on only in the bench
# (bench/train_segment_model.py --fifth-round-cuts) and their tests.
FIFTH_ROUND_CUTS = False
# Fifth round: a dateline whose place in capitals is followed by a country or
# region in mixed case, up to two of them, and a dash ("PYONGYANG, Korea,
# Democratic People’s Republic Of — North Korea ...").
_REGION_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’\-]{2,}(?:,\s[A-Z][\w'’.]*(?:\s[A-Z][\w'’.]*){0,4}){1,2}\s(?:-{1,2}|–|—)"
    r"(?=\s+[A-Z\"“])"
)
# Fifth round: an outlet's bracket of up to 50 characters ("MOSCOW (UrduPoint
# News / Sputnik - 02nd July, 2023) South Korean ...").
_LOOSE_DATELINE_5 = re.compile(
    r"^[A-Z][\w.,'’/ ]{0,30}\([A-Za-z][^()]{1,50}\)(?:\.?\s*(?:-{1,2}|–|—)(?=\s*\S)|(?=\s+[A-Z]))"
)
# Fifth round: a dateline glued without a space after a photo credit or a
# button ("REUTERS/Kim Hong-JiSEOUL, Oct 20 (Reuters) - An ...").
_GLUED_DATELINE = re.compile(
    rf"(?<=[a-z])[A-Z]{{3,}}(?:, {_MONTH}\.? \d{{1,2}})? \([A-Z][^()]{{1,30}}\) ?(?:-{{1,2}}|–|—)"
    r"(?=\s*\S)"
)
# The eighth round's cuts (below), from the three fresh batches' pages that no
# cut reached: on since the eleventh round, with the model retrained with them
# (bench/train_segment_model.py --second-round; README, the segmenter's eleventh
# round).
EIGHTH_ROUND_CUTS = True
# Eighth round: a dateline without a place, an outlet's tag in brackets and a
# dash ("(AP) — North Korean ...", "(Newser) - The heir ...").
_PLACELESS_DATELINE = re.compile(r"^\([A-Z][\w .&/-]{1,25}\)\s?(?:-{1,2}|–|—)(?=\s+[A-Z\"“])")
# Eighth round: a place in mixed case and a single hyphen ("Washington DC - The ...").
_HYPHEN_DATELINE = re.compile(
    r"^[A-Z][a-z]+(?:,?\s(?:[A-Z][a-z]+|D\.C\.|DC)){0,2}\s-(?=\s+[A-Z\"“])"
)
# Eighth round: a place in capitals glued to the copy ("SEOULNewly published ...").
_GLUED_CAPS_DATELINE = re.compile(r"^[A-Z]{3,}(?=[A-Z][a-z]{2,})")
# The ninth round's cuts (below), from the fourth fresh batch's transcripts and
# listings, whose gold starts no cut reached: on since the eleventh round, with
# the model retrained with them.
NINTH_ROUND_CUTS = True
# Ninth round: a transcript's speaker label in capitals, at the start of a line
# or glued after a headline printed again ("... Press AvailabilityDEPUTY
# SECRETARY SHERMAN:  Good afternoon", "FOREIGN MINISTER CHO: [Via ...").
_SPEAKER_LABEL = re.compile(
    r"(?:^|(?<=[a-z]))(?:[A-Z][A-Z.'’\-]+\s){0,4}[A-Z][A-Z.'’\-]+:(?=\s)"
)
# Ninth round: an interpreter's note after a speaker label ("(Via interpreter)",
# "[Via interpreter]") and a transcript's stage direction ("(Applause.)"),
# each a piece of its own.
_TRANSCRIPT_NOTE = re.compile(
    r"[(\[](?:[Vv]ia|[Tt]hrough) (?:an )?interpreter[)\]]|\((?:Applause|Laughter|Inaudible|"
    r"Crosstalk)\.?\)(?=\s+[A-Z\"“(])"
)
# Ninth round: a caption's credit in capitals in brackets with a snippet glued
# after it ("... in Tokyo Thursday. [JOINT PRESS CORPS] Japan is ...").
_BRACKET_CREDIT = re.compile(r"(?<=\s)\[[A-Z][A-Z .&/-]{2,40}\](?=\s+[A-Z])")
# The twelfth round's cuts (below), from the sixth fresh batch's pages: measured
# by CV before being switched on (README, seg12 round).
TWELFTH_ROUND_CUTS = False
# Twelfth round: a live blog entry's time before its headline ("7.30am: South
# Korea responds ...", "12:45 GMT: ...").
_TIME_LABEL = re.compile(
    r"^\d{1,2}[.:]\d{2}\s?(?:[ap]\.?m\.?|[AP]M)?(?:\s[A-Z]{2,4})?:(?=\s)"
)
# Twelfth round: a byline glued before a bracketed dateline ("By AARON KWON, ABC
# News(SEOUL, South Korea) — Two ...").
_BRACKET_DATELINE = re.compile(
    r"(?<=[a-z])\([A-Z][A-Za-z.'’ ]{2,30}(?:, [A-Z][A-Za-z.'’ ]{2,30})?\)\s?(?:-{1,2}|–|—)(?=\s)"
)
# Eighth round: a line that repeats the line before it with more glued on
# ("Read full article: Dogs gifted ... rowA pair of dogs ..."): the echo of a
# listing's headline, then its snippet.
_MIN_ECHO = 15
# A line cut at its separators: "A | B | C".
_PIPE = re.compile(r"\s\|\s")
# Second round, from the pages added then (and the government pages of the
# third): more places a piece may start. On since the fourth round, with the
# model trained with them (data/en_pieces_round2.crfsuite, chosen in en_model)
# and its feature groups (ACTIVE_GROUPS in en_features), after the aligner was
# refitted on it; False gives back the first-round segmenter whole.
SECOND_ROUND_CUTS = True
# A short capitalised label and a colon before the copy ("PYONGYANG: North
# Korea ...", "Abu Dhabi: DPR Korea ...", "Report Web Desk : ..."), at most two;
# a speaker's label in a transcript too ("SECRETARY KERRY: (Applause.) Well, ...").
_COLON_LABEL = re.compile(r"^(?:[A-Z][\w'’.&-]*\s*){1,4}:(?=\s+[A-Z\"“(])")
# A dateline whose place is not in capitals, with an agency or outlet in
# brackets and a dash, or no dash before a capital ("Apr 03 (Japan Times) -
# ...", "Seoul/Tokyo (Jiji Press)—North ...", "Tokyo, Jan 14 (UNI) North ...").
_LOOSE_DATELINE = re.compile(
    r"^[A-Z][\w.,'’/ ]{0,30}\([A-Z][^()]{1,30}\)(?:\s*(?:-{1,2}|–|—)(?=\s*\S)|(?=\s+[A-Z]))"
)
# Fourth round: the agency in lower case and a stop before the dash too
# ("Seoul, Sep 25 (efe-epa).- North Korean ...").
_LOOSE_DATELINE_4 = re.compile(
    r"^[A-Z][\w.,'’/ ]{0,30}\([A-Za-z][^()]{1,30}\)(?:\.?\s*(?:-{1,2}|–|—)(?=\s*\S)|(?=\s+[A-Z]))"
)
# A place not in capitals and a long dash, with no agency ("Washington, DC –
# Secretary ...", "Tokyo — ..."): a government release's dateline.
_DASH_DATELINE = re.compile(
    r"^[A-Z][a-z]+(?:,?\s(?:[A-Z][a-z]+|D\.C\.|DC)){0,2}\s(?:–|—|--)(?=\s+[A-Z\"“])"
)
# A date or a date and time in the middle of a line, between a headline and
# the copy of a listing ("... Imjin River June 27, 2025 The Lee ...",
# "... now available. 06/16/2014 05:10 PM EDT On the Occasion ...").
_INLINE_DATE = re.compile(
    rf"(?<=\S\s)(?:{_MONTH}\.? \d{{1,2}}, \d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{4}} \d{{1,2}}:\d{{2}}"
    r"(?: [AP]M)?(?: [A-Z]{2,4})?)(?=\s+[A-Z])"
)
# A section name and a time stamp glued to a headline ("...zone of JapanWorld
# July 04, 4:46").
_GLUED_STAMP = re.compile(
    rf"(?<=[a-z])(?P<section>[A-Z][a-z]+)\s(?P<stamp>{_MONTH}\.? \d{{1,2}}, \d{{1,2}}:\d{{2}})$"
)
# A slug in capitals and a dash before a caption ("HOLD FOR STORY ... SLUGGED:
# ON THE ROAD IN NORTH KOREA – In this June 20, 2014 photo, ...").
_CAPS_SLUG = re.compile(r"^(?:[A-Z0-9][A-Z0-9:,.'’&/-]*\s){3,}[–—-](?=\s+[A-Z])")
# A site name after a dash at the end of a headline ("... - The Straits Times").
_SITE_SLUG = re.compile(r"(?<=\s)[-–—]\s(?:The\s)?[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,3}$")
# Sentences glued after an abbreviation or a file name ("the U.S.Some say",
# "no-4.JPGJoseph Bermudez"), and a photo credit glued before the copy
# ("... South Korea. Credit:AP But on Wednesday ...").
# (not "STL.News": a capital before the stop must itself follow a stop).
_GLUED = re.compile(
    r"(?:(?<=[a-z]\.)|(?<=\.[A-Z]\.))(?=[A-Z][a-z]{2,})|\.(?i:jpe?g|png|gif|svg)(?=[A-Z])"
)
# Words glued without a space by a scraper ("Cover picture for the articleThe
# below is ...", "(STL.NewsThe US ..."): three lower-case letters, then a
# capitalised word and a space.  Names written so ("JoongAng Daily") are cut
# too, and joined back by the model.
_CAMEL_GLUE = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z]+\s)")
_CREDIT_TOKEN = re.compile(r"\b(?:Credit|Photo|PHOTO|Picture)\s?:\s?[A-Z][\w/.-]*(?=\s+[A-Z])")
ABBREVIATIONS = TITLE_ABBREVIATIONS | NUMBER_ABBREVIATIONS
# Where a sentence may end inside a quotation, which pySBD never splits
# ("\"A. B,\" X said." is two segments by the house convention).
_STOP = re.compile(r"[.!?](?=\s+[\"“‘]?[A-Z])")


def _abbreviation_before(line: str, at: int) -> bool:
    """True when the stop at ``at`` ends an abbreviation ("U.N.", "Gen.", "Oct.")."""
    word = line[:at].rsplit(maxsplit=1)[-1].lstrip("\"“‘'(") if line[:at].strip() else ""
    return len(word) <= 1 or "." in word or word in ABBREVIATIONS


def _inside_quote(line: str, at: int) -> bool:
    """True when ``at`` is inside a quotation opened earlier on ``line``."""
    before = line[:at]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


@dataclass(frozen=True)
class Piece:
    """One candidate stretch of the page.

    ``line`` counts the page's non-blank lines; ``start``/``end`` are offsets
    in the normalised page text; ``cut`` says why the piece starts where it
    does ("line" for the first piece of a line); ``blank_before`` tells
    whether a blank line precedes its line.
    """

    text: str
    line: int
    start: int
    end: int
    cut: str
    first_in_line: bool
    last_in_line: bool
    blank_before: bool
    blank_after: bool


def normalise(text: str) -> str:
    """Unix line ends, no zero-width characters: the text pieces point into."""
    return _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _sentence_cuts(text: str) -> list[int]:
    """Where sentences start in ``text`` (offsets, the first left out)."""
    cuts: list[int] = []
    cursor = 0
    for sentence in split_sentences(text):
        at = text.find(sentence, cursor)
        if at == -1:
            return []
        if at > 0:
            cuts.append(at)
        cursor = at + len(sentence)
    return cuts


def _echo_end(line: str, previous: str) -> int:
    """Where the copy glued after an echo of the line before ends the echo in
    ``line`` (0 when the line does not repeat it with more glued on)."""
    if len(previous) < _MIN_ECHO:
        return 0
    at = line.find(previous)
    end = at + len(previous)
    return end if at >= 0 and end < len(line) and not line[end].isspace() else 0


def _line_cuts(line: str, previous: str = "") -> dict[int, str]:
    """Offsets in ``line`` where a piece may start, with the reason
    (``previous``: the page's line before it)."""
    cuts: dict[int, str] = {}
    echo = _echo_end(line, previous) if EIGHTH_ROUND_CUTS else 0
    if echo:
        cuts[echo] = "after echo"
    body_from = 0
    for reason, pattern in _LEADING + (_LEADING_2 if SECOND_ROUND_CUTS else []):
        match = pattern.match(line, body_from)
        if match:
            body_from = match.end()
            while body_from < len(line) and line[body_from].isspace():
                body_from += 1
            cuts[body_from] = reason
    rest = line[body_from:]
    at_start = dateline_end(rest) if DATELINE.match(rest) else 0
    if not at_start and SECOND_ROUND_CUTS:
        loose = (_LOOSE_DATELINE_4 if FOURTH_ROUND_CUTS else _LOOSE_DATELINE).match(rest) or (
            _DASH_DATELINE.match(rest))
        if not loose and FOURTH_ROUND_CUTS and FIFTH_ROUND_CUTS:
            loose = _LOOSE_DATELINE_5.match(rest) or _REGION_DATELINE.match(rest)
        if not loose and EIGHTH_ROUND_CUTS:
            loose = (_PLACELESS_DATELINE.match(rest) or _HYPHEN_DATELINE.match(rest)
                     or _GLUED_CAPS_DATELINE.match(rest))
        at_start = loose.end() if loose else 0
    if not at_start and SECOND_ROUND_CUTS:
        slug = _CAPS_SLUG.match(rest)
        if slug:
            cuts[body_from + slug.end()] = "caps slug"
        for _ in range(2):
            label = _COLON_LABEL.match(line[body_from:])
            if not label:
                break
            body_from += label.end()
            while body_from < len(line) and line[body_from].isspace():
                body_from += 1
            cuts[body_from] = "colon label"
    if at_start:
        cuts.setdefault(body_from, "line")
        cuts[body_from + at_start] = "after dateline"
    else:
        for match in _INNER_DATELINE.finditer(line, body_from):
            cuts.setdefault(match.start(), "dateline")
            cuts[match.end()] = "after dateline"
            break
    if SECOND_ROUND_CUTS and FOURTH_ROUND_CUTS:
        for match in _INNER_PLAIN_DATELINE.finditer(line, body_from):
            cuts.setdefault(match.start(), "dateline")
            cuts.setdefault(match.end(), "after dateline")
            # "EEZ NAHA, Japan -": the place may start at any of its words
            for word in re.finditer(r"(?<= )[A-Z]", match.group().split(",")[0]):
                cuts.setdefault(match.start() + word.start(), "dateline")
        for match in _INLINE_MARK.finditer(line, body_from):
            cuts.setdefault(match.start(), "mark")
            cuts.setdefault(match.end(), "after mark")
        for match in _GLUED_DATELINE.finditer(line, body_from) if FIFTH_ROUND_CUTS else ():
            cuts.setdefault(match.start(), "dateline")
            cuts.setdefault(match.end(), "after dateline")
    end = len(line)
    trailing = _TRAILING + (_TRAILING_2 if SECOND_ROUND_CUTS else [])
    if not (SECOND_ROUND_CUTS and FOURTH_ROUND_CUTS):
        trailing = [(reason, pattern) for reason, pattern in trailing
                    if pattern is not _DASH_SIGN_OFF]
    for reason, pattern in trailing:
        match = pattern.search(line, body_from, end)
        if match and match.start() > body_from:
            cuts.setdefault(match.start(), reason)
            end = match.start()
    stamp = _GLUED_STAMP.search(line, body_from, end) if SECOND_ROUND_CUTS else None
    if stamp:
        cuts.setdefault(stamp.start("section"), "glued")
        cuts.setdefault(stamp.start("stamp"), "time stamp")
        end = stamp.start()
    site = _SITE_SLUG.search(line, body_from, end) if SECOND_ROUND_CUTS else None
    if site and site.start() > body_from:
        cuts.setdefault(site.start(), "site slug")
    for match in _PIPE.finditer(line, body_from):
        cuts.setdefault(match.start() + 1, "pipe")
    for match in _GLUED.finditer(line, body_from) if SECOND_ROUND_CUTS else ():
        cuts.setdefault(match.end(), "glued")
    for match in _CREDIT_TOKEN.finditer(line, body_from) if SECOND_ROUND_CUTS else ():
        cuts.setdefault(match.end(), "after credit")
    for match in _CAMEL_GLUE.finditer(line, body_from) if SECOND_ROUND_CUTS else ():
        cuts.setdefault(match.end(), "camel glue")
    for match in _INLINE_DATE.finditer(line, body_from) if SECOND_ROUND_CUTS else ():
        cuts.setdefault(match.start(), "inline date")
        cuts.setdefault(match.end(), "after date")
    if NINTH_ROUND_CUTS:
        for match in _SPEAKER_LABEL.finditer(line):
            if match.start():
                cuts.setdefault(match.start(), "speaker label")
            cuts.setdefault(match.end(), "after speaker label")
        for match in _TRANSCRIPT_NOTE.finditer(line):
            if match.start():
                cuts.setdefault(match.start(), "transcript note")
            cuts.setdefault(match.end(), "after transcript note")
        for match in _BRACKET_CREDIT.finditer(line, body_from):
            cuts.setdefault(match.end(), "after credit")
    if TWELFTH_ROUND_CUTS:
        label = _TIME_LABEL.match(line)
        if label:
            cuts.setdefault(label.end(), "after time label")
        for match in _BRACKET_DATELINE.finditer(line):
            cuts.setdefault(match.start(), "bracket dateline")
            cuts.setdefault(match.end(), "after dateline")
    # Sentences inside each stretch between the cuts found so far.
    bounds = sorted({0, *cuts, len(line)})
    for a, b in itertools.pairwise(bounds):
        for cut in _sentence_cuts(line[a:b]):
            cuts.setdefault(a + cut, "sentence")
    # Sentence ends inside a quotation, found after pySBD has seen the
    # stretches whole (a stretch starting mid-quotation would mislead it).
    for match in _STOP.finditer(line, body_from) if SECOND_ROUND_CUTS else ():
        if _inside_quote(line, match.start()) and not _abbreviation_before(line, match.start()):
            cuts.setdefault(match.end(), "in quote")
    # A cut before spaces is a cut before the text that follows them; the
    # reason found first for a place (not "sentence") is the one kept.
    moved: dict[int, str] = {}
    for at, reason in sorted(cuts.items()):
        while at < len(line) and line[at].isspace():
            at += 1
        if moved.get(at, "sentence") == "sentence":
            moved[at] = reason
    moved.pop(0, None)
    return {at: reason for at, reason in moved.items() if 0 < at < len(line)}


def pieces(text: str) -> list[Piece]:
    """The page cut into candidate pieces, in order; every non-blank character
    of ``normalise(text)`` is in exactly one piece."""
    text = normalise(text)
    found: list[Piece] = []
    offset = 0
    lines = text.split("\n")
    blank = [not line.strip() for line in lines]
    line_number = 0
    previous = ""
    for index, raw in enumerate(lines):
        start_of_line = offset
        offset += len(raw) + 1
        if blank[index]:
            continue
        lead = len(raw) - len(raw.lstrip())
        line = raw.strip()
        cuts = _line_cuts(line, previous)
        previous = line
        bounds = [0, *sorted(cuts), len(line)]
        spans = []
        for a, b in itertools.pairwise(bounds):
            piece = line[a:b]
            if piece.strip():
                left = a + len(piece) - len(piece.lstrip())
                spans.append((left, a + len(piece.rstrip()), cuts.get(a, "line")))
        for n, (a, b, reason) in enumerate(spans):
            found.append(
                Piece(
                    text=line[a:b],
                    line=line_number,
                    start=start_of_line + lead + a,
                    end=start_of_line + lead + b,
                    cut="line" if n == 0 else reason,
                    first_in_line=n == 0,
                    last_in_line=n == len(spans) - 1,
                    blank_before=index == 0 or blank[index - 1],
                    blank_after=index == len(lines) - 1 or blank[index + 1],
                )
            )
        line_number += 1
    return found
