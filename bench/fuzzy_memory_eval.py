"""How many word edits fuzzy-memory suggestions would save on updated versions
of the same wire story, as outlets ran them (tests/data/fuzzy/story_versions.tsv,
excerpts of public pages; see its README).

For each story, the sentences of every earlier version are stored as approved
pairs (what a desk that reviewed the earlier version has); each sentence of a
later version asks the product's own look-up (``fuzzy_candidates`` from SQLite
then ``fuzzy.suggestions``, >= 75%) for its best suggestion. Without one, the
sentence is translated from scratch: its words are all work. With one, the
reviewer adapts the remembered translation: the work is about the word edits
between the remembered source and the new one (the target changes where the
source changed). Saved = words - edits, summed over suggested sentences; the
figure is saved words / all words of the later versions.

This counts source-side edits as the proxy for target-side edits: no human
Korean or Japanese version of each story version exists here.

The split is by story, fixed before measuring (README of the data): the
headline figure is the unseen half.

    python bench/fuzzy_memory_eval.py
"""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from service import fuzzy
from service.segment import segment_english
from service.store import connect
from service.store.articles import PairRecord, TranslationRecord, save_article
from service.store.memory import fuzzy_candidates

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "fuzzy" / "story_versions.tsv"
DEVELOPMENT = ("reuters-2022-10-06-missile",)


@dataclass
class Tally:
    sentences: int = 0
    suggested: int = 0
    exact: int = 0
    words: int = 0
    saved: int = 0
    examples: list[tuple[float, str, str]] = field(default_factory=list)

    @property
    def saved_share(self) -> float:
        return self.saved / self.words if self.words else 0.0

    def add(self, other: Tally) -> None:
        for name in ("sentences", "suggested", "exact", "words", "saved"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.examples += other.examples


def load_versions(path: Path = DATA) -> dict[str, list[list[str]]]:
    """story -> versions in order -> sentences (the project's own segmenter)."""
    rows: dict[str, list[tuple[int, str]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows.setdefault(row["story"], []).append((int(row["version"]), row["text"]))
    return {story: [[s.text for s in segment_english(text) if s.translatable]
                    for _v, text in sorted(versions)]
            for story, versions in rows.items()}


def evaluate_story(versions: list[list[str]], workdir: Path) -> Tally:
    tally = Tally()
    db = connect(workdir / "memory.db")
    try:
        for number, sentences in enumerate(versions):
            if number:
                for sentence in sentences:
                    words = fuzzy.word_count(sentence)
                    tally.sentences += 1
                    tally.words += words
                    best = fuzzy.suggestions(sentence, fuzzy_candidates(db, "ko", sentence),
                                             limit=1)
                    if not best:
                        continue
                    tally.suggested += 1
                    tally.exact += best[0]["score"] == 100
                    tally.saved += max(0, words - fuzzy.word_edits(best[0]["source"], sentence))
                    tally.examples.append((best[0]["score"], best[0]["source"], sentence))
            # The desk approves this version before the next one arrives.
            pairs = [PairRecord(position=i, kind="body", source=s, target=f"[ko] {s}",
                                status="approved", origin="machine")
                     for i, s in enumerate(sentences)]
            save_article(db, text=f"version {number}\n" + "\n".join(sentences), segments=[],
                         translations=[TranslationRecord(
                             lang="ko", origin="machine", engine="eval", engine_version="0",
                             stand_in=False, pairs=pairs)])
    finally:
        db.close()
    return tally


def evaluate(path: Path = DATA) -> dict[str, Tally]:
    """Tallies of the development and unseen halves."""
    halves = {"development": Tally(), "unseen": Tally()}
    with tempfile.TemporaryDirectory() as tmp:
        for story, versions in load_versions(path).items():
            workdir = Path(tmp) / story
            workdir.mkdir()
            half = "development" if story in DEVELOPMENT else "unseen"
            halves[half].add(evaluate_story(versions, workdir))
    return halves


def main() -> None:
    halves = evaluate()
    print("half         sentences  suggested  exact  words  saved  saved share")
    for name, tally in halves.items():
        print(f"{name:<12} {tally.sentences:>9} {tally.suggested:>10} {tally.exact:>6} "
              f"{tally.words:>6} {tally.saved:>6} {tally.saved_share:>12.3f}")
    print("\nsuggestions on the development half (score, remembered -> new):")
    for score, old, new in halves["development"].examples:
        print(f"  {score:5.1f}  {old}\n         -> {new}")


if __name__ == "__main__":
    main()
