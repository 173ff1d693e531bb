"""A batch function that hands the engine sentences: each text is cut where
the wire-copy splitter (``service.segment``) cuts, every sentence of every
text goes in ONE call, and the translations are joined back with the
whitespace that was between them. Models (and Argos itself) translate
sentences; a whole paragraph as one input comes out worse."""

from __future__ import annotations

from ..segment.en_sentences import split_sentences
from . import TranslateBatch


def cut(text: str) -> tuple[str, list[str], list[str], str]:
    """(leading space, sentences, gaps between them, trailing space)."""
    words = text.strip()
    if not words:
        return text, [], [], ""
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    sentences: list[str] = []
    gaps: list[str] = []
    position = 0
    for sentence in split_sentences(words):
        start = words.find(sentence, position)
        if start < 0:
            return lead, [words], [], trail
        if sentences:
            gaps.append(words[position:start])
        sentences.append(sentence)
        position = start + len(sentence)
    if position != len(words):  # the splitter left something out: keep it whole
        return lead, [words], [], trail
    return lead, sentences, gaps, trail


# Languages written without a space between sentences (。 ends one, the next follows).
UNSPACED_SENTENCES = frozenset({"ja"})


def gap_after(translation: str, gap: str, target: str | None) -> str:
    """The space to put after a translated sentence: the source's, except after
    a sentence ending in CJK text or punctuation in a language written without."""
    if target in UNSPACED_SENTENCES and not gap.strip() and translation.rstrip() and \
            ord(translation.rstrip()[-1]) >= 0x3000:
        return ""
    return gap


def by_sentences(translate: TranslateBatch, target: str | None = None) -> TranslateBatch:
    """``translate``, fed sentences instead of whole texts (and for a target
    written without spaces between sentences, joined without them)."""
    def batch(texts: list[str]) -> list[str]:
        pieces = [cut(text) for text in texts]
        flat = [sentence for _, sentences, _, _ in pieces for sentence in sentences]
        outputs = iter(translate(flat) if flat else [])
        joined = []
        for lead, sentences, gaps, trail in pieces:
            if not sentences:  # nothing but whitespace: as it was
                joined.append(lead + trail)
                continue
            translated = [next(outputs) for _ in sentences]
            between = [gap_after(t, g, target) for t, g in zip(translated, gaps, strict=False)]
            joined.append(lead + "".join(t + g for t, g in zip(translated, [*between, ""],
                                                               strict=True)) + trail)
        return joined
    return batch
