"""Candidate evidence that no shipped model reads, computed only when asked for.

The seventh and eighth rounds tried features that the shipped link and document
models do not use (`python bench/align_fit.py calibration-cv`, rows "7:" and
"8:"): the specific anchors as a share (`specific_rate`, `doc_specific_rate`),
the share of a link's neighbours that are mutual best pairs
(`neighbour_mutual`), the longest run of neighbouring mutual best pairs
(`run_count`, `run_share`) and of probable links (`probable_run`,
`probable_run_share`); the twelfth round, for the translation-or-not judgement, how
far each 1-1 link stands out from its English sentence's median pairing in cost
(`doc_lift`) and in dictionary share (`doc_dictionary_lift`), and the share of English
sentences with such a confident partner (`confident_src`); the thirteenth, whether
each segment of a 2-1/1-2 bead's merged side shares an anchor with its single side
(`merge_cover`); the fifteenth, per link, the dictionary share beyond the best
other target span nearby (`dictionary_lift`) or beyond their mean
(`dictionary_lift_mean`), its shortfall alone (`dictionary_deficit`) and whether
any specific anchor is shared (`specific_any`). Each costs time on every
alignment (a second pass over each bead's neighbourhood, a quadratic run search, the
link model again per bead, every sentence pair's dictionary share), so serving skips
them; a bench or test that compares ways of fitting turns them on for the code it runs
with ``candidate_features()``. The shipped models read none of them, so the alignment
is the same either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

LINK_CANDIDATES = ("specific_rate", "neighbour_mutual", "headline", "specific_kind",
                   "merge_cover", "dictionary_lift", "dictionary_lift_mean",
                   "dictionary_deficit", "specific_any")
DOCUMENT_CANDIDATES = ("doc_specific_rate", "run_count", "run_share", "probable_run",
                       "probable_run_share", "doc_lift", "doc_dictionary_lift", "confident_src")
CANDIDATES = frozenset((*LINK_CANDIDATES, *DOCUMENT_CANDIDATES))

_WANTED: ContextVar[bool] = ContextVar("align_candidate_features", default=False)


def wanted() -> bool:
    """Whether the code running now asked for the candidate features."""
    return _WANTED.get()


@contextmanager
def candidate_features(on: bool = True) -> Iterator[None]:
    """Compute the candidate features (or not, ``on=False``) inside this block."""
    token = _WANTED.set(on)
    try:
        yield
    finally:
        _WANTED.reset(token)


def require_computed(features: tuple[str, ...] | list[str]) -> None:
    """Fail clearly when a model is to read candidate features nobody asked for."""
    missing = sorted(set(features) & CANDIDATES)
    if missing and not wanted():
        raise ValueError(f"candidate features {missing} are computed only inside "
                         "service.align.candidates.candidate_features()")
