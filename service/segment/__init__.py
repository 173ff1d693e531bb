"""Article text -> typed segments (see ``types.Segment``)."""

from .en_sentences import split_sentences
from .english import segment_english
from .types import KINDS, TRANSLATED_KINDS, Segment

__all__ = ["KINDS", "TRANSLATED_KINDS", "Segment", "segment_english", "split_sentences"]
