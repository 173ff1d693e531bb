"""The rule-based English segmenter: each line typed by hand-written rules.

It was ``segment_english`` until the learned model of ``en_model`` replaced
it; its decisions are now one of that model's features, and it is the
baseline of bench/segment_pages_eval.py.  It reads the article line by line
(a line is one block, the unit of ``Segment.paragraph``), classifies each line
by the rules in ``en_lines`` and splits body lines into sentences with
``en_sentences``.

Every non-blank character of the input lands in exactly one segment, in order,
so the article can be rebuilt from the segments (the title given by the caller
is the one exception: it is added when the text does not start with it).
"""

from __future__ import annotations

import re

from .en_lines import (
    RELATED_HEADER,
    TRAILING_END_MARK,
    VERSION_TAG,
    dateline_end,
    ends_sentence,
    is_caption,
    is_credit,
    is_debris,
    is_footer,
    looks_like_headline,
)
from .en_sentences import split_sentences
from .types import Segment

# Zero-width characters that pasted web text carries; they are not content.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# Headline-like lines shorter than this before the body are kickers or
# section labels ("Diplomacy", "N. Korea nukes"), longer ones are decks.
_MIN_DECK_WORDS = 4


def _blocks(text: str) -> list[str]:
    """The non-blank lines of ``text``, with hard-wrapped lines joined.

    A line that does not end a sentence and is followed by a line starting in
    lower case was wrapped by the sender (72-column wire copy), not broken.
    """
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    blocks: list[str] = []
    previous_blank = True
    for line in lines:
        if not line:
            previous_blank = True
            continue
        wrapped = (
            not previous_blank
            and blocks
            and line[0].islower()
            and not ends_sentence(blocks[-1])
            and not blocks[-1].endswith(":")
        )
        if wrapped:
            blocks[-1] = f"{blocks[-1]} {line}"
        else:
            blocks.append(line)
        previous_blank = False
    return blocks


def _is_deck(line: str) -> bool:
    """A line between headline and body that reads as a headline, not copy."""
    return not (ends_sentence(line) or dateline_end(line) or TRAILING_END_MARK.search(line))


def same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


class Article:
    """Collects segments in order while the lines are read."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []

    def add(self, kind: str, text: str, paragraph: int) -> None:
        text = text.strip()
        if text:
            self.segments.append(Segment(len(self.segments), kind, text, paragraph))

    def add_body(self, line: str, paragraph: int, first: bool) -> None:
        """A body line: a dateline if it is the ``first`` body line, then its
        sentences, maybe Yonhap's "(END)".  Datelines are looked for only
        where wire copy puts them, so "North Korea (DPRK) - ..." later on is
        never taken for one."""
        end_mark = TRAILING_END_MARK.search(line)
        if end_mark:
            line = line[: end_mark.start()]
        cut = dateline_end(line) if first else 0
        if cut:
            self.add("dateline", line[:cut], paragraph)
            line = line[cut:]
        for sentence in split_sentences(line):
            self.add("body", sentence, paragraph)
        if end_mark:
            self.add("footer", end_mark.group(), paragraph)


def segment_english_rules(text: str, title: str | None = None) -> list[Segment]:
    """Split English wire copy into typed segments numbered 0..n-1 in order,
    every line typed by the hand-written rules of ``en_lines``.

    ``title``, when given, becomes the title segment; a line of the text that
    repeats it is not emitted twice.  Without it the first headline-like line
    (no dateline, not a byline or site debris) is the title.
    """
    blocks = _blocks(text)
    if not blocks and not (title and title.strip()):
        return []
    article = Article()
    offset = 0
    if title and title.strip():
        if not any(same_text(block, title) for block in blocks):
            offset = 1  # the title is a block of its own, before the text
        article.add("title", " ".join(title.split()), 0)
    seen_title = bool(title and title.strip())
    seen_body = False
    in_related_list = False
    for index, line in enumerate(blocks):
        paragraph = index + offset
        if title and same_text(line, title) and not seen_body:
            continue  # already emitted as the title segment
        if is_footer(line):
            article.add("footer", line, paragraph)
            continue
        # A related-article list runs until a line that reads as a sentence.
        if in_related_list and not ends_sentence(line):
            article.add("debris", line, paragraph)
            continue
        in_related_list = False
        if is_debris(line):
            in_related_list = bool(RELATED_HEADER.match(line))
            article.add("debris", line, paragraph)
            continue
        if is_credit(line):
            article.add("credit", line, paragraph)
            continue
        if is_caption(line):
            # One segment: its credit ("/ AP-Yonhap") belongs to the whole line.
            article.add("caption", line, paragraph)
            continue
        if not seen_body:
            tag = VERSION_TAG.match(line)  # "(LEAD) N. Korea fires ..."
            if tag:
                article.add("debris", tag.group(), paragraph)
                line = line[tag.end() :]
            if not seen_title and looks_like_headline(line):
                article.add("title", line, paragraph)
                seen_title = True
                continue
            if seen_title and _is_deck(line):
                kind = "title" if len(line.split()) >= _MIN_DECK_WORDS else "debris"
                article.add(kind, line, paragraph)
                continue
        article.add_body(line, paragraph, first=not seen_body)
        seen_body = True
    return article.segments
