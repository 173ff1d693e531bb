"""Sentence alignment of an English article with its human Korean/Japanese translation."""

from .aligner import Bead, align_segments, align_texts

__all__ = ["Bead", "align_segments", "align_texts"]
