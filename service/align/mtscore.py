"""chrF between a machine translation and a human target sentence (Bleualign-style).

sacrebleu has chrF, but it brings several dependencies for these few lines;
this follows its definition (character n-grams 1..6 without spaces, beta 2).
"""

from __future__ import annotations

from collections import Counter


def _ngrams(text: str, n: int) -> Counter:
    chars = "".join(text.split())
    return Counter(chars[k : k + n] for k in range(len(chars) - n + 1))


def chrf(hypothesis: str, reference: str, max_n: int = 6, beta: float = 2.0) -> float:
    """chrF in 0..1 (average of n-gram precision and recall over n, F-beta)."""
    precisions, recalls = [], []
    for n in range(1, max_n + 1):
        hyp, ref = _ngrams(hypothesis, n), _ngrams(reference, n)
        if not hyp or not ref:
            continue
        common = sum((hyp & ref).values())
        precisions.append(common / sum(hyp.values()))
        recalls.append(common / sum(ref.values()))
    if not precisions:
        return 0.0
    p, r = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    if p + r == 0:
        return 0.0
    b2 = beta * beta
    return (1 + b2) * p * r / (b2 * p + r)
