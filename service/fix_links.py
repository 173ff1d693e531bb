"""Fixing alignment links by hand: how the sentences of a stored pair are
found when the pair has no sentence lists (aligned before they were kept, or
its target rewritten by a reviewer since). The fixes themselves are
``service.store.beads``; this gives them the project's sentence splitters."""

from __future__ import annotations

from .segment import cjk, en_sentences


def sentences_of_text(text: str, lang: str) -> list[str]:
    """``text`` cut into sentences as the aligner's segmenters cut it."""
    if lang == "en":
        return en_sentences.split_sentences(text)
    return cjk.split_sentences(text, lang)
