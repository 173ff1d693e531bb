"""Recall and precision of glossary term finding against hand-marked mentions.

Sets: the sample article (marks in tests/data/glossary/sample-ajp-marks.json; the text
is read from ../shared and never copied), wire-style articles of our own
(tests/data/glossary/articles/*.txt, marked inline as [[entry-id|surface]]) and, the
headline, 36 real wire pages nobody here wrote (tests/data/glossary/pages/, split by
outlet into a development and an unseen half). On the pages, coverage is the share of
hand-marked mentions whose entity has an entry; recall and precision are measured on
the covered marks. Misses are printed for the development half only, unless asked:
the unseen half's misses are never read while adding entries or rules.

A hand mark is found when a mention of the same entry overlaps it, or when it lies
inside a found person mention that carries the title ("White House spokesman John
Kirby": the title's rendering carries "White House"), or when it is the country a found
mention took in because the entry's rendering names it ("South Korea's National Defense
Ministry" -> 韓国国防省). A found mention is correct when it overlaps a mark of its entry
or lies inside such a titled span.

A second table reads NTREX-128 (../shared/datasets/ntrex128, when present): for every
term found in its English, does the professional Korean/Japanese reference use the
glossary's rendering? Disagreement is not an error (references differ in style:
アメリカ for 米国), but it shows reviewers where the glossary departs from usage.

The development half's fresh batches (pages collected and marked after a round of rules,
then scored before anything was changed for them) are printed as they score now; the
figures they had before the changes are in the README.

Run: python bench/glossary_eval.py [--verbose] [--show-unseen-misses] [--dev-only]
     python bench/glossary_eval.py --batch p254-p275 [--verbose]  (one fresh batch alone)
(--dev-only leaves the unseen half out altogether, for runs made while developing)
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.glossary import Glossary, find_mentions, load_glossary  # noqa: E402

DATA = ROOT / "tests" / "data" / "glossary"
PAGES = DATA / "pages"
HALVES = ("development", "unseen")
SHARED = ROOT.parent / "shared"
NOT_AN_ENTITY = "-"  # a hand mark for a longer name that holds a mention's words
_MARK = re.compile(r"\[\[([a-z0-9-]+)\|([^\]]+)\]\]")


@dataclass
class Score:
    name: str
    marks: int = 0
    found: int = 0
    marks_hit: int = 0
    found_ok: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    # Real pages only: every hand mark, including entities without an entry.
    entity_marks: int = 0
    verified_marks: int = 0
    uncovered: list[str] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        return self.marks / self.entity_marks if self.entity_marks else 1.0

    @property
    def verified_coverage(self) -> float:
        return self.verified_marks / self.entity_marks if self.entity_marks else 1.0

    @property
    def recall(self) -> float:
        return self.marks_hit / self.marks if self.marks else 1.0

    @property
    def precision(self) -> float:
        return self.found_ok / self.found if self.found else 1.0

    def add(self, other: Score) -> None:
        for f in ("marks", "found", "marks_hit", "found_ok", "entity_marks", "verified_marks"):
            setattr(self, f, getattr(self, f) + getattr(other, f))
        self.misses += other.misses
        self.false += other.false
        self.uncovered += other.uncovered


def parse_marked(text: str) -> tuple[list[str], list[tuple[int, int, int, str]]]:
    """Lines without the [[id|surface]] marks, and marks as (line, start, end, id)."""
    lines, marks = [], []
    for n, raw in enumerate(text.splitlines()):
        out, pos = [], 0
        for m in _MARK.finditer(raw):
            out.append(raw[pos:m.start()])
            start = sum(map(len, out))
            out.append(m.group(2))
            marks.append((n, start, start + len(m.group(2)), m.group(1)))
            pos = m.end()
        out.append(raw[pos:])
        lines.append("".join(out))
    return lines, marks


def sample_marks(path: Path, shared: Path = SHARED):
    """Lines of the sample article and its marks, or None when ../shared is absent."""
    spec = json.loads(path.read_text(encoding="utf-8"))
    article = shared / spec["article"]
    if not article.exists():
        return None
    lines = article.read_text(encoding="utf-8").splitlines()
    marks = []
    for mk in spec["marks"]:
        line = lines[mk["line"]]
        start = -1
        for _ in range(mk.get("nth", 0) + 1):
            start = line.find(mk["text"], start + 1)
            if start < 0:
                raise ValueError(f"mark not found in the article: {mk}")
        marks.append((mk["line"], start, start + len(mk["text"]), mk["entry"]))
    return lines, marks


def score(name: str, lines: list[str], marks, glossary: Glossary) -> Score:
    found = [m for seg in find_mentions(lines, glossary) for m in seg]
    titled = [(m.segment, m.start, m.end) for m in found if m.titled]
    carried = [(m.segment, m.start, m.end, m.carries) for m in found if m.carries]

    def inside_titled(line, s, e):
        return any(line == ln and ts <= s and e <= te for ln, ts, te in titled)

    def carried_by(line, s, e, entity):
        return any(line == ln and cs <= s and e <= ce and entity == c
                   for ln, cs, ce, c in carried)

    def overlaps(a, b):
        return a[0] == b[0] and a[1] < b[2] and b[1] < a[2] and a[3] == b[3]

    res = Score(name, marks=len(marks), found=len(found))
    keyed = [(m.segment, m.start, m.end, m.entry_id) for m in found]
    for mk in marks:
        if any(overlaps(mk, f) for f in keyed) or inside_titled(*mk[:3]) or carried_by(*mk):
            res.marks_hit += 1
        else:
            res.misses.append(f"{name}:{mk[0]} {lines[mk[0]][mk[1]:mk[2]]!r} ({mk[3]})")
    for f, m in zip(keyed, found, strict=True):
        if any(overlaps(f, mk) for mk in marks) or inside_titled(*f[:3]):
            res.found_ok += 1
        else:
            res.false.append(f"{name}:{f[0]} {m.text!r} ({m.entry_id})")
    return res


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def resolve(entity: str, glossary: Glossary) -> str | None:
    """The entry id a hand mark's entity has today: a glossary id as marked, or for
    "uncovered:<name>" the entry carrying <name> as an English form (case aside) or
    with the id slug(<name>); None when the glossary has no entry for it."""
    if not entity.startswith("uncovered:"):
        return entity if glossary.get(entity) is not None else None
    name = entity.removeprefix("uncovered:")
    if glossary.get(_slug(name)) is not None:
        return _slug(name)
    folded = name.casefold()
    for e in glossary:
        if any(f.casefold() == folded for f in e.english_forms):
            return e.id
    return None


def page_lines(path: Path) -> list[str]:
    """A stored page's segments: its lines after the "SOURCE: <url>" line."""
    return path.read_text(encoding="utf-8").splitlines()[1:]


def place_marks(lines: list[str], marks: list[list[str]]) -> list[tuple[int, int, int, str]]:
    """Hand marks [text, entity] as (line, start, end, entity): every whole-word,
    case-sensitive occurrence of text, longest texts first, never inside a longer mark,
    never before a "$" (`US$925` is a dollar, not the country: the marking rules).
    A mark whose entity is NOT_AN_ENTITY ("-") is a longer name that is no mention
    (a company: `Air China`, a private person: `Soo Kim`): no mark is placed inside it,
    and it is dropped from the result."""
    placed: list[tuple[int, int, int, str]] = []
    for text, entity in sorted(marks, key=lambda m: -len(m[0])):
        rx = re.compile(rf"(?<!\w){re.escape(text)}(?![\w$])")
        for n, line in enumerate(lines):
            for hit in rx.finditer(line):
                if not any(p[0] == n and p[1] < hit.end() and hit.start() < p[2] for p in placed):
                    placed.append((n, hit.start(), hit.end(), entity))
    return sorted(p for p in placed if p[3] != NOT_AN_ENTITY)


def load_pages(pages: Path = PAGES) -> dict[str, list[tuple[str, list[str], list]]]:
    """Per half, the pages as (name, lines, marks [text, entity])."""
    manifest = json.loads((pages / "manifest.json").read_text(encoding="utf-8"))
    marks = json.loads((pages / "marks.json").read_text(encoding="utf-8"))["pages"]
    out: dict[str, list[tuple[str, list[str], list]]] = {}
    for half in HALVES:
        names = sorted(n for files in manifest["halves"][half].values() for n in files)
        out[half] = [(n, page_lines(pages / n), marks[n]) for n in names]
    return out


def page_score(name: str, lines: list[str], marks: list, glossary: Glossary) -> Score:
    """Coverage, recall and precision on one real page."""
    placed = place_marks(lines, marks)
    covered = []
    uncovered = []
    for line, start, end, entity in placed:
        entry_id = resolve(entity, glossary)
        if entry_id is None:
            uncovered.append(f"{name}:{line} {lines[line][start:end]!r} ({entity})")
        else:
            covered.append((line, start, end, entry_id))
    res = score(name, lines, covered, glossary)
    res.entity_marks = len(placed)
    res.verified_marks = sum(glossary[c[3]].status == "verified" for c in covered)
    res.uncovered = uncovered
    return res


# Fresh batches of the development half, by page number (see pages/README.md).
BATCHES = {"p37-p62": (37, 62), "p63-p70": (63, 70), "p71-p74": (71, 74),
           "p75-p101": (75, 101), "p102-p108": (102, 108), "p109-p115": (109, 115),
           "p116-p140": (116, 140), "p141-p168": (141, 168),
           "p169-p185": (169, 185), "p186-p209": (186, 209),
           "p210-p232": (210, 232), "p233-p253": (233, 253),
           "p254-p275": (254, 275), "p276-p297": (276, 297),
           "p298-p321": (298, 321), "p322-p343": (322, 343),
           "p344-p365": (344, 365), "p366-p387": (366, 387),
           "p388-p409": (388, 409), "p410-p431": (410, 431),
           "p432-p447": (432, 447), "p448-p464": (448, 464)}


def page_number(name: str) -> int:
    return int(re.match(r"p(\d+)-", name).group(1))


def batch_scores(glossary: Glossary, pages: Path = PAGES) -> dict[str, tuple[int, Score]]:
    """Pages and total Score per fresh batch of the development half."""
    items = load_pages(pages)["development"]
    out = {}
    for batch, (lo, hi) in BATCHES.items():
        total = Score(batch)
        chosen = [it for it in items if lo <= page_number(it[0]) <= hi]
        for name, lines, marks in chosen:
            total.add(page_score(name, lines, marks, glossary))
        out[batch] = (len(chosen), total)
    return out


def half_scores(glossary: Glossary, pages: Path = PAGES,
                halves: tuple[str, ...] = HALVES) -> dict[str, Score]:
    """One total Score per half of the real pages."""
    totals = {}
    for half, items in load_pages(pages).items():
        if half not in halves:
            continue
        total = Score(half)
        for name, lines, marks in items:
            total.add(page_score(name, lines, marks, glossary))
        totals[half] = total
    return totals


def outlet_of(name: str, manifest: dict) -> str:
    return next(host for host, files in manifest["halves"]["development"].items()
                if name in files)


def leave_one_outlet_out_coverage(glossary: Glossary, pages: Path = PAGES,
                                  lo: int = 0, hi: int = 10**6) -> tuple[int, int]:
    """Coverage of the development half as if every entry had been added only for the
    other outlets: a mark counts as covered on an outlet's page only when its entry is
    also named on another outlet's page, or on none (entries made for the beat, not for a
    page). The proxy for pages nobody here marked. Returns (covered, marks) for the pages
    numbered lo..hi."""
    manifest = json.loads((pages / "manifest.json").read_text(encoding="utf-8"))
    items = load_pages(pages)["development"]
    placed = []  # (page name, outlet, entry id or None)
    for name, lines, marks in items:
        outlet = outlet_of(name, manifest)
        for _line, _s, _e, entity in place_marks(lines, marks):
            placed.append((name, outlet, resolve(entity, glossary)))
    outlets: dict[str, set[str]] = {}
    for _name, outlet, entry in placed:
        if entry is not None:
            outlets.setdefault(entry, set()).add(outlet)
    covered = total = 0
    for name, outlet, entry in placed:
        if not lo <= page_number(name) <= hi:
            continue
        total += 1
        covered += entry is not None and bool(outlets[entry] - {outlet})
    return covered, total


def print_halves(glossary: Glossary, verbose: bool, show_unseen: bool,
                 dev_only: bool = False) -> None:
    print("\n# real wire pages (tests/data/glossary/pages), by half")
    print(f"{'half':12} {'pages':>5} {'marks':>5} {'coverage':>8} {'verified':>8} "
          f"{'recall':>7} {'precision':>9}")
    counts = {h: len(v) for h, v in load_pages().items()}
    halves = ("development",) if dev_only else HALVES
    for half, s in half_scores(glossary, halves=halves).items():
        print(f"{half:12} {counts[half]:5d} {s.entity_marks:5d} {s.coverage:8.3f} "
              f"{s.verified_coverage:8.3f} {s.recall:7.3f} {s.precision:9.3f}")
        if half == "unseen" and not show_unseen:
            continue
        if verbose:
            for m in s.uncovered:
                print(f"uncovered ({half}):", m)
        for m in s.misses:
            print(f"miss ({half}):", m)
        for f in s.false:
            print(f"false ({half}):", f)
    c, t = leave_one_outlet_out_coverage(glossary)
    print(f"\ndevelopment coverage, leave one outlet out (entries named by one outlet only "
          f"count as missing there): {c / t:.3f} ({c} of {t})")
    print("\n# fresh batches of the development half, as they score now")
    for batch, (n, s) in batch_scores(glossary).items():
        print(f"{batch:12} {n:5d} {s.entity_marks:5d} {s.coverage:8.3f} "
              f"{s.verified_coverage:8.3f} {s.recall:7.3f} {s.precision:9.3f}")


def print_batch(glossary: Glossary, batch: str, verbose: bool) -> None:
    """One fresh batch of the development half alone: its figures, its leave-one-outlet-out
    coverage, and (with verbose) its misses, false hits and uncovered marks. Reads nothing
    of the unseen half, so a fresh batch can be scored before anything is changed for it."""
    n, s = batch_scores(glossary)[batch]
    lo, hi = BATCHES[batch]
    c, t = leave_one_outlet_out_coverage(glossary, lo=lo, hi=hi)
    print(f"# fresh batch {batch}, glossary {glossary.version}")
    print(f"{'batch':12} {'pages':>5} {'marks':>5} {'coverage':>8} {'verified':>8} "
          f"{'recall':>7} {'precision':>9} {'loo-cov':>8}")
    print(f"{batch:12} {n:5d} {s.entity_marks:5d} {s.coverage:8.3f} "
          f"{s.verified_coverage:8.3f} {s.recall:7.3f} {s.precision:9.3f} {c / t if t else 1:8.3f}")
    if verbose:
        for m in s.uncovered:
            print("uncovered:", m)
    for m in s.misses:
        print("miss:", m)
    for f in s.false:
        print("false:", f)


def own_scores(glossary: Glossary) -> list[Score]:
    out = []
    for path in sorted((DATA / "articles").glob("*.txt")):
        lines, marks = parse_marked(path.read_text(encoding="utf-8"))
        out.append(score(path.stem, lines, marks, glossary))
    return out


def reference_agreement(glossary: Glossary, ntrex: Path = SHARED / "datasets" / "ntrex128"):
    """How often a professional reference translation of a segment holds the glossary's
    rendering of a term found in it (name with or without its reading, or the short
    form), per target language and entry. None when the dataset is absent."""
    src = ntrex / "newstest2019-src.eng.txt"
    if not src.exists():
        return None
    en = src.read_text(encoding="utf-8").splitlines()
    refs = {lang: (ntrex / f"newstest2019-ref.{code}.txt").read_text(encoding="utf-8")
            .splitlines() for lang, code in (("ko", "kor"), ("ja", "jpn"))}
    docs = (ntrex / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    counts: dict[str, list[int]] = {}  # entry -> [found, ko agrees, ja agrees]
    start = 0
    while start < len(en):  # one article at a time: first/later and surnames are per article
        end = start
        while end < len(en) and docs[end] == docs[start]:
            end += 1
        for seg in find_mentions(en[start:end], glossary):
            for m in seg:
                e = glossary[m.entry_id]
                row = counts.setdefault(e.id, [0, 0, 0])
                row[0] += 1
                for k, lang in ((1, "ko"), (2, "ja")):
                    name = getattr(e, lang)
                    forms = {name, re.sub(r"[（(][^)）]*[)）]", "", name),
                             getattr(e, f"{lang}_short") or name}
                    row[k] += any(f in refs[lang][start + m.segment] for f in forms)
        start = end
    return counts


def print_agreement(glossary: Glossary) -> None:
    counts = reference_agreement(glossary)
    if counts is None:
        print("(NTREX-128 agreement skipped: the dataset is absent)")
        return
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    print("\n# rendering agreement with NTREX-128 professional references "
          "(terms found per document)")
    print(f"{'entry':28} {'found':>5} {'ko agrees':>9} {'ja agrees':>9}")
    for eid, (n, ko, ja) in sorted(counts.items(), key=lambda kv: -kv[1][0]):
        print(f"{eid:28} {n:5d} {ko / n:9.2f} {ja / n:9.2f}")
    print(f"{'TOTAL':28} {total[0]:5d} {total[1] / total[0]:9.2f} {total[2] / total[0]:9.2f}")


def main(verbose: bool = False, show_unseen: bool = False, dev_only: bool = False) -> int:
    glossary = load_glossary()
    scores = own_scores(glossary)
    sample = sample_marks(DATA / "sample-ajp-marks.json")
    if sample is None:
        print(f"(sample article skipped: {SHARED} is absent)")
    else:
        scores.insert(0, score("sample-ajp", *sample, glossary))
    total = Score("TOTAL")
    print(f"# glossary term finding, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
          f"{platform.node()} ({platform.machine()}, Python {platform.python_version()}), "
          f"glossary {glossary.version}")
    print(f"{'set':32} {'marks':>5} {'found':>5} {'recall':>7} {'precision':>9}")
    for s in [*scores, None]:
        if s is None:
            s = total
        else:
            total.add(s)
        print(f"{s.name:32} {s.marks:5d} {s.found:5d} {s.recall:7.3f} {s.precision:9.3f}")
    if verbose or total.misses or total.false:
        for m in total.misses:
            print("miss:", m)
        for f in total.false:
            print("false:", f)
    print_halves(glossary, verbose, show_unseen and not dev_only, dev_only)
    print_agreement(glossary)
    return 0


if __name__ == "__main__":
    # argparse, so that --help (or a mistyped option) prints usage instead of running the
    # whole evaluation, unseen half included: that happened once to a developer.
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dev-only", action="store_true",
                        help="development half and batches only (use this while developing)")
    parser.add_argument("--verbose", action="store_true", help="print misses and uncovered marks")
    parser.add_argument("--show-unseen-misses", action="store_true",
                        help="the unseen half's misses (never while developing)")
    parser.add_argument("--batch", choices=sorted(BATCHES),
                        help="score one fresh batch of the development half alone "
                             "(its misses and false hits; --verbose adds uncovered marks)")
    args = parser.parse_args()
    if args.batch:
        print_batch(load_glossary(), args.batch, args.verbose)
        raise SystemExit(0)
    raise SystemExit(main(args.verbose, args.show_unseen_misses, args.dev_only))
