"""Sentence alignment of an English article with its human Korean/Japanese translation."""

from .aligner import Alignment, Bead, align_segments, align_texts

__all__ = ["Alignment", "Bead", "align_segments", "align_texts"]
