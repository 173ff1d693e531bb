"""Sentence boundaries in English wire copy: pySBD plus the fixes wire copy needs.

pySBD (the Golden Rules of the Pragmatic Segmenter) does the hard general work:
U.S./U.N./D.C., decimals and thousands, ellipses, lists, and it never splits
inside a quotation, so a quoted passage of several sentences stays one segment
up to the end of the sentence that closes it (``"... . ...," he said.``).

Measured on wire copy it still fails in four ways that this module repairs:

1. it splits after abbreviations that wire copy uses before names and numbers
   but pySBD does not know (``Amb. Philip Goldberg``, ``Pres. Yoon``,
   ``2.3 pct. to``) and after ``a.m.``/``p.m.`` followed by a time word
   (``10 a.m. Seoul time``, ``3 p.m. Thursday``);
2. it does not split sentences glued without a space (``this month.South``),
   which happens when copy is pasted from web pages, nor before the pronoun
   ``I`` (``for me. I lived``), which it takes for an initial;
3. it is quadratic in the length of a paragraph, so very long paragraphs are
   cut into chunks at safe boundaries first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

import pysbd
from pysbd.utils import TextSpan

# --- 1. Joins: pySBD boundaries that wire copy never has ---------------------


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Abbreviations that stand before a name or a number and so never end a
# sentence in wire copy (titles, ranks, "No. 2", "Oct. 26").  pySBD knows most
# of them; the list is checked anyway, so it stays the one place to extend.
TITLE_ABBREVIATIONS = _word_set(
    """
    Adm Amb Atty Brig Capt Cmdr Col Cpl Dr Gen Gov Insp Lt Maj Mr Mrs Ms Pres
    Prof Pvt Rep Rev Sec Sen Sgt Supt Gens Reps Sens Messrs
    """
)
NUMBER_ABBREVIATIONS = _word_set("No Nos Vol Art Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec")
# "a.m."/"p.m." end a sentence unless a time word follows them.
TIME_WORDS = _word_set(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October
    November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    KST JST GMT UTC ET EST EDT CT CST CDT PT PST PDT CET CEST BST
    """
)
_LAST_WORD = re.compile(r"(?P<word>[A-Za-z]+)\.\s*$")
_MERIDIEM_END = re.compile(r"\b[ap]\.m\.\s*$", re.IGNORECASE)
# "Seoul time", "local time", "Washington time" after a.m./p.m.
_PLACE_TIME = re.compile(r"^\S+ time\b")
# "At 5 a.m. Mr. Smith went ...": a piece that is only a time phrase opened by
# a preposition is the start of the next sentence, not a sentence.
_TIME_PHRASE = re.compile(
    r"^(?:At|By|From|Until|Till|Before|After|Around|Since|Shortly after)\s+"
    r"[\d:.]+\s*[ap]\.m\.\s*$",
    re.IGNORECASE,
)
_FIRST_WORD = re.compile(r"^[\"'“‘(\[]*(?P<word>[\w.]+)")


def _should_join(previous: str, following: str) -> bool:
    """True when the boundary pySBD put between two pieces is wrong for wire copy."""
    following = following.lstrip()
    if not following:
        return True
    first = _FIRST_WORD.match(following)
    first_word = first.group("word").rstrip(".") if first else ""
    if _MERIDIEM_END.search(previous):
        return (
            bool(_TIME_PHRASE.match(previous.strip()))
            or first_word in TIME_WORDS
            or bool(_PLACE_TIME.match(following))
            or following[0].islower()
            or following[0].isdigit()
            or following[0] == "("
        )
    last = _LAST_WORD.search(previous)
    if not last:
        return False
    word = last.group("word")
    if word in TITLE_ABBREVIATIONS:
        return True
    if word in NUMBER_ABBREVIATIONS and following[0].isdigit():
        return True
    # A sentence never starts in lower case in wire copy, so a boundary after
    # an abbreviation ("2.3 pct. to 2,500") followed by lower case is wrong.
    # Only for a short last word: "he left. then" is not an abbreviation.
    return following[0].islower() and len(word) <= 4


# --- 2. Splits: boundaries pySBD misses -------------------------------------

# "this month.South Korea's": a lower-case word (or digit, or closing bracket)
# ends with . ! or ? and the next sentence starts straight after it with a
# capitalised word.  A capital before the dot ("N.Korea", "U.S.A") or a lower
# case letter after it ("yna.co.kr") is an abbreviation or an address, not a
# glued sentence.
_GLUED = re.compile(
    r"(?<=[a-z0-9%)\]])"  # end of the previous sentence's last word
    r"[.!?][\"”’]?"  # its end mark, maybe a closing quote
    r"(?=[\"“]?[A-Z][a-z])"  # next sentence: capital then lower case
)
# Tokens where a dot between letters is part of a name, not a boundary.
_ADDRESS = re.compile(r"@|://|www\.|\.(?:com|org|net|kr|jp|html?)\b", re.IGNORECASE)
# '"We are done." "Yes," he said.': pySBD keeps a closed quotation and the
# next opening one together; a quotation closed by an end mark ends the sentence.
_QUOTE_AFTER_QUOTE = re.compile(r"(?<=[.!?][\"”])\s+(?=[\"“][A-Z])")


# "a second home for me. I lived there": pySBD never ends a sentence before
# the pronoun "I" (it takes it for an initial), which transcripts of remarks
# are full of.  A lower-case word of two letters or more is no initial.
_BEFORE_PRONOUN_I = re.compile(r"(?<=\b[a-z]{2})(?<!\bvs)(?<!\bcf)[.!?][\"”’]?\s+(?=I\s+[a-z])")


def _cuts(sentence: str) -> list[int]:
    cuts = [m.end() for m in _QUOTE_AFTER_QUOTE.finditer(sentence)]
    cuts += [m.end() for m in _BEFORE_PRONOUN_I.finditer(sentence)]
    for match in _GLUED.finditer(sentence):
        token_start = sentence.rfind(" ", 0, match.start()) + 1
        token_end = sentence.find(" ", match.end())
        token = sentence[token_start : token_end if token_end != -1 else len(sentence)]
        if not _ADDRESS.search(token):
            cuts.append(match.end())
    return sorted(cuts)


def _split_missed(sentence: str) -> list[str]:
    bounds = [0, *_cuts(sentence), len(sentence)]
    return [sentence[a:b] for a, b in pairwise(bounds)]


# --- 3. Chunking: keep pySBD fast on very long paragraphs ----------------------

CHUNK_CHARS = 2000
# A safe place to cut: a word of 5+ lower-case letters, a period, a space and
# a capital.  Such a word is no abbreviation, so pySBD would split there too.
_SAFE_CUT = re.compile(r"(?<=[a-z]{5}\.)\s+(?=[A-Z])")


def _chunks(text: str) -> list[str]:
    if len(text) <= CHUNK_CHARS:
        return [text]
    chunks: list[str] = []
    start = 0
    for match in _SAFE_CUT.finditer(text):
        if match.start() - start >= CHUNK_CHARS:
            chunks.append(text[start : match.end()])
            start = match.end()
    chunks.append(text[start:])
    return chunks


# --- 4. Closing quotes put at the start of the next sentence ------------------

# A curly closing quote, or a straight one followed by a space: an opening
# quote is always followed straight by a word.
_LEADING_CLOSING_QUOTE = re.compile(r"^(?:[”’]+|[\"']+(?=\s|$))")


def _leading_closing_quote(piece: str) -> int:
    match = _LEADING_CLOSING_QUOTE.match(piece)
    return match.end() if match else 0


# --- Putting it together ---------------------------------------------------------


class _Segmenter(pysbd.Segmenter):
    """pySBD with its last step done by ``str.find``, same results.

    pySBD 0.3.4 maps each sentence back to the text by compiling a regex of
    the escaped sentence and scanning the text from the start, for every
    sentence of every call: on two-sentence articles that was a sixth of the
    service's own CPU per article. A literal search finds the same matches
    (leftmost, non-overlapping, then trailing whitespace), so the output is
    unchanged; tests/test_segment_sentences.py compares the two on real pages.
    """

    def sentences_with_char_spans(self, sentences: list[str]) -> list[TextSpan]:
        text = self.original_text
        spans: list[TextSpan] = []
        prior_end = 0
        for sentence in sentences:
            cursor = 0
            while True:
                start = text.find(sentence, cursor)
                if start == -1:
                    break  # pySBD drops a sentence it cannot find; so do we
                end = start + len(sentence)
                while end < len(text) and text[end].isspace():
                    end += 1
                if end > prior_end:
                    spans.append(TextSpan(text[start:end], start, end))
                    prior_end = end
                    break
                # an empty sentence matches empty: step on as re.finditer does
                cursor = end if end > start else start + 1
        return spans


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return _Segmenter(language="en", clean=False)


def pysbd_sentences(text: str) -> list[str]:
    """Plain pySBD, stripped: the baseline the benchmark compares against."""
    return list(_pysbd_sentences(text))


# A line pySBD cannot cut: no sentence-ending or quotation mark before its
# end, no list marker ("2)", "b)", "iii)"), one line. pySBD returns it whole
# (checked on every real page line and NTREX line that matches, in
# tests/test_sentences_pysbd.py), and asking it costs about 1 ms a line.
_ONE_SENTENCE = re.compile(r"[^.!?…;:\"'“”‘’«»\u3002\uff01\uff1f\n\r]*[\w)\]][.!?]?\s*")
_LIST_MARKER = re.compile(r"(?<![\w$])\w{1,4}\)")


def plainly_one_sentence(text: str) -> bool:
    """True when pySBD would return ``text`` as one sentence, seen without it."""
    return _ONE_SENTENCE.fullmatch(text) is not None and not _LIST_MARKER.search(text)


@lru_cache(maxsize=4096)
def _pysbd_sentences(text: str) -> tuple[str, ...]:
    # Cached: the segmenter asks pySBD about the same line twice (to propose
    # cuts, then to split the body), and pySBD compiles regexes per call.
    if plainly_one_sentence(text):
        return (text.strip(),) if text.strip() else ()
    return tuple(s.strip() for s in _segmenter().segment(text) if s.strip())


def _pysbd_spans(text: str) -> list[tuple[int, int]] | None:
    """pySBD's sentences as (start, end) in ``text``; None if pySBD changed the text."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for chunk in _chunks(text):
        for piece in pysbd_sentences(chunk):
            start = text.find(piece, cursor)
            if start == -1:
                return None
            cursor = start + len(piece)
            spans.append((start, cursor))
    return spans


def _give_back_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """pySBD sometimes starts a sentence with the previous one's closing quote
    ('month.”The', 'priorities." Experts'): give the quote back."""
    fixed: list[tuple[int, int]] = []
    for start, end in spans:
        moved = _leading_closing_quote(text[start:end]) if fixed else 0
        if moved:
            fixed[-1] = (fixed[-1][0], start + moved)
            start += moved
            while start < end and text[start].isspace():
                start += 1
        if start < end:
            fixed.append((start, end))
    return fixed


def _join_wrong_splits(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and _should_join(text[joined[-1][0] : joined[-1][1]], text[start:end]):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


# --- 5. Glued sentences cut before pySBD sees them (twelfth round) -------------

# The convention: a sentence glued to the next without a space ends in a
# lower-case word of two letters or more, a digit or a closing quote or bracket,
# then . ! or ?, and the next starts with a capitalised word, maybe after an
# opening quote ("talks.The minister", "on Nov. 16.It has", "Unification.A
# recent", "said.\"This").  Not a cut: an abbreviation ("Gen.Kim", "vs.Japan"),
# initials and abbreviations in capitals ("U.S.Some", "N.Korea": the capital
# before the stop), decimals and numbers ("3.5", digits after the stop), a file
# name ("no-4.JPG": capitals after it) and addresses ("yna.co.kr", "@handle",
# "https://...", whose tokens ``_ADDRESS`` tells).  pySBD sees such a run as one
# word and may cut it anywhere or not at all; cut first, each part is pySBD's.
_PRESPLIT = re.compile(
    r"(?:(?<=[a-z]{2})|(?<=\d)|(?<=[”’\")\]]))"  # end of the last word (or quote)
    r"[.!?]+"  # the end mark(s)
    r"(?=[\"“‘]?(?:[A-Z][a-z]|[AI]\s))"  # a capitalised word, or "A " / "I "
)
# Lower-case abbreviations that may stand glued before a capital ("vs.Japan").
_LOWER_ABBREVIATIONS = _word_set("vs etc approx incl est dept govt cf eg ie al")
ABBREVIATIONS = TITLE_ABBREVIATIONS | NUMBER_ABBREVIATIONS
# Twelfth round, measured by CV before it was switched on (README, seg12 round).
PRESPLIT_GLUED = False


def glued_cuts(text: str) -> list[int]:
    """Offsets in ``text`` where a sentence glued to the one before starts."""
    cuts = []
    for match in _PRESPLIT.finditer(text):
        token_start = text.rfind(" ", 0, match.start()) + 1
        token_end = text.find(" ", match.end())
        token = text[token_start : token_end if token_end != -1 else len(text)]
        word = re.sub(r"^\W+", "", text[token_start : match.start()])
        if _ADDRESS.search(token) or word in ABBREVIATIONS or word in _LOWER_ABBREVIATIONS:
            continue
        cuts.append(match.end())
    return cuts



def _presplit(text: str) -> list[tuple[int, int]]:
    """``text`` as (start, end) stretches cut at glued sentence ends."""
    bounds = [0, *glued_cuts(text), len(text)] if PRESPLIT_GLUED else [0, len(text)]
    return [(a, b) for a, b in pairwise(bounds) if text[a:b].strip()]


def split_sentences(text: str) -> list[str]:
    """Split one paragraph of English wire copy into sentences (stripped).

    Every sentence is a slice of ``text``: only the whitespace between
    sentences is dropped, so the paragraph can be rebuilt from them.
    Sentences glued without a space are cut first (``PRESPLIT_GLUED``).
    """
    stretches = _presplit(text)
    if len(stretches) > 1:
        return [s for a, b in stretches for s in _split_stretch(text[a:b])]
    return _split_stretch(text)


def _split_stretch(text: str) -> list[str]:
    spans = _pysbd_spans(text)
    if spans is None:  # keep the paragraph whole rather than lose or change text
        return [text.strip()] if text.strip() else []
    spans = _join_wrong_splits(text, _give_back_quotes(text, spans))
    sentences: list[str] = []
    for start, end in spans:
        sentences.extend(p.strip() for p in _split_missed(text[start:end]) if p.strip())
    return sentences
