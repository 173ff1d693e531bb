"""The unit every later stage works on: one typed segment of an article."""

from __future__ import annotations

from dataclasses import dataclass

# Kinds of segment, in the order they usually appear in wire copy.
KINDS = ("title", "credit", "dateline", "body", "caption", "footer", "debris")

# The rule for what goes to the engine: the article's own words are translated
# (headline, dateline, body sentences, photo captions); bylines, copyright
# footers and web-page debris are kept verbatim and never sent to the engine.
TRANSLATED_KINDS = frozenset({"title", "dateline", "body", "caption"})


@dataclass(frozen=True)
class Segment:
    """One segment: its place in the article, its kind and its text.

    ``position`` counts from 0 over the whole article so that the article can
    be rebuilt in order; ``paragraph`` counts the blank-line/line-break blocks
    the segment came from.
    """

    position: int
    kind: str
    text: str
    paragraph: int = 0

    @property
    def translatable(self) -> bool:
        return self.kind in TRANSLATED_KINDS
