"""Precision of glossary candidates on real bilingual pages.

Each half of tests/data/glossary/candidates/ (split by outlet, see its README)
is run the way the service runs: every English page is aligned with its human
Korean/Japanese version (``align_article``, which proposes candidates after
storing) into a fresh database of its own, with no glossary (so the figures do
not move when glossaries/ grows). The candidates stored at the end are judged
against the hand-marked term pairs (gold.tsv): right when the pair is marked
for a document the candidate's evidence comes from.

Reported per half: how many candidates, precision of the top 10 and top 25
(ranked by score, then by evidence), and precision of all of them. The dev
half's wrong candidates are printed with --errors; the unseen half's only with
--unseen-errors (not looked at while tuning).

Run: python bench/glossary_candidates_eval.py [--dev-only] [--errors] [--unseen-errors]
"""

from __future__ import annotations

import csv
import platform
import re
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from service.align_article import align_article  # noqa: E402
from service.store import connect  # noqa: E402
from service.store.candidates import list_candidates  # noqa: E402

DATA = ROOT / "tests" / "data" / "glossary" / "candidates"
FILES = ("translations_ko.txt", "translations_ja.txt")
HALVES = ("dev", "unseen")
TOPS = (10, 25)


@dataclass
class Document:
    id: str
    lang: str
    half: str
    source_text: str
    target_text: str


@dataclass
class HalfResult:
    half: str
    judged: list[tuple[dict, bool]] = field(default_factory=list)
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # marked, not proposed

    def precision(self, top: int | None = None) -> float:
        rows = self.judged[:top] if top else self.judged
        return sum(ok for _, ok in rows) / len(rows) if rows else 0.0

    @property
    def wrong(self) -> list[dict]:
        return [cand for cand, ok in self.judged if not ok]


def _page_text(units: list[tuple[str, str] | None], lang: str) -> str:
    """One line per paragraph, its units joined (by a space, nothing in Japanese)."""
    glue = "" if lang == "ja" else " "
    paragraphs: list[list[str]] = [[]]
    for unit in units:
        if unit is None:
            if paragraphs[-1]:
                paragraphs.append([])
        else:
            paragraphs[-1].append(unit[1])
    return "\n".join(glue.join(p) for p in paragraphs if p) + "\n"


def load_documents(files: tuple[str, ...] = FILES) -> list[Document]:
    docs = []
    for name in files:
        text = (DATA / name).read_text(encoding="utf-8")
        for block in re.split(r"^=== ", text, flags=re.M)[1:]:
            lines = block.splitlines()
            meta = dict(line.split(": ", 1) for line in lines[1:] if re.match(r"^\w+: ", line))
            sides: dict[str, list] = {"en": [], "target": []}
            side = None
            for line in lines[1:]:
                if line.startswith("--- "):
                    side = line[4:].strip()
                    continue
                if side not in sides:
                    continue
                if not line.strip():
                    sides[side].append(None)
                elif "| " in line:
                    kind, unit = line.split("| ", 1)
                    sides[side].append((kind, unit))
            docs.append(Document(lines[0].strip(), meta["lang"], meta["half"],
                                 _page_text(sides["en"], "en"),
                                 _page_text(sides["target"], meta["lang"])))
    return docs


def _norm_en(text: str) -> str:
    text = text.replace("’", "'").casefold().strip()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"'s$", "", text)


def _norm_target(text: str) -> str:
    return re.sub(r"[\s·∙・‧\-]", "", text)


def load_gold() -> dict[str, set[tuple[str, str]]]:
    gold: dict[str, set[tuple[str, str]]] = {}
    with (DATA / "gold.tsv").open(encoding="utf-8") as rows:
        lines = (line for line in rows if not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            for target in row["target"].split("|"):
                gold.setdefault(row["doc"], set()).add(
                    (_norm_en(row["en"]), _norm_target(target)))
    return gold


def run_half(half: str, docs: list[Document], gold: dict[str, set[tuple[str, str]]]
             ) -> HalfResult:
    """Align the half's documents into a fresh database; judge what it proposes."""
    chosen = [d for d in docs if d.half == half]
    with tempfile.TemporaryDirectory() as tmp:
        db = connect(Path(tmp) / "eval.db")
        article_doc: dict[int, str] = {}
        for doc in chosen:
            article, _ = align_article(db, source_text=doc.source_text,
                                       target_text=doc.target_text, lang=doc.lang,
                                       glossary=None, title=doc.id)
            article_doc[article["id"]] = doc.id
        rows = list_candidates(db, state="open", limit=100000)
        pair_article = {r["id"]: r["article_id"]
                        for r in db.query("SELECT id, article_id FROM pairs")}
        db.close()
    result = HalfResult(half)
    for cand in rows:
        doc_ids = {article_doc[pair_article[p]] for p in cand["evidence"]}
        key = (_norm_en(cand["en"]), _norm_target(cand["target"]))
        cand["docs"] = sorted(doc_ids)
        result.judged.append((cand, any(key in gold.get(d, set()) for d in doc_ids)))
    found = {(d, _norm_en(c["en"]), _norm_target(c["target"]))
             for c, _ in result.judged for d in c["docs"]}
    result.missed = sorted((d, en, t) for d in (x.id for x in chosen)
                           for en, t in gold.get(d, set()) if (d, en, t) not in found)
    return result


def evaluate(halves: tuple[str, ...] = HALVES) -> dict[str, HalfResult]:
    docs = load_documents()
    gold = load_gold()
    return {half: run_half(half, docs, gold) for half in halves}


def main(argv: list[str]) -> None:
    started = datetime.now(UTC)
    # --dev-only while tuning: the unseen half is not run at all.
    results = evaluate(("dev",) if "--dev-only" in argv else HALVES)
    print(f"# glossary candidates on real bilingual pages, {started:%Y-%m-%d}, "
          f"{platform.machine()}")
    header = "| half | documents | candidates | " + " | ".join(
        f"precision top {n}" for n in TOPS) + " | precision all |"
    print(header)
    print("|" + " --- |" * (header.count("|") - 1))
    docs = load_documents()
    for half, res in results.items():
        count = sum(d.half == half for d in docs)
        tops = " | ".join(f"{res.precision(n):.2f}" for n in TOPS)
        print(f"| {half} | {count} | {len(res.judged)} | {tops} | {res.precision():.2f} |")
    for half, flag in (("dev", "--errors"), ("unseen", "--unseen-errors")):
        if flag in argv and half in results:
            print(f"\nwrong {half} candidates:")
            for cand in results[half].wrong:
                print(f"  {cand['score']:.2f} {cand['lang']} {cand['en']!r} -> "
                      f"{cand['target']!r} {cand['methods']} {cand['docs']}")
    if "--missed" in argv:  # the dev half only: marked pairs nothing proposed
        print("\nmarked dev pairs not proposed:")
        for doc, en, target in results["dev"].missed:
            print(f"  {doc}: {en} -> {target}")


if __name__ == "__main__":
    main(sys.argv[1:])
