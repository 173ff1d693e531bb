"""Article text -> typed segments (see ``types.Segment``)."""

from .cjk import segment_japanese, segment_korean, segment_target
from .en_sentences import split_sentences
from .english import segment_english
from .types import KINDS, TRANSLATED_KINDS, Segment

__all__ = ["KINDS", "TRANSLATED_KINDS", "Segment", "segment_english", "segment_japanese",
           "segment_korean", "segment_target", "split_sentences"]
