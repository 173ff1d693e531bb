"""Latency of the hand link fixes (merge, split, move a sentence, undo) over
HTTP, beside a plain reviewer edit (``PATCH /api/pairs/<id>``) as the
reference row, on a database of many stored pairs.

    python bench/beads_bench.py                      # 100,000 pairs, 300-pair article
    python bench/beads_bench.py --pairs 20000 --runs 5

Each round does, interleaved: an edit, a merge and its undo, a split and its
undo, a move and its undo, at a random place of the long article (every
request through the Flask test client opens its connection as in
production). Undo puts the links back, so every round starts from the same
article. Two databases are measured in the same run, rounds interleaved: the
search index re-indexed on text changes only (migration
``_fts_on_text_changes``) and on every update (the trigger as first shipped,
which re-indexes each pair a fix moves to a new position). Prints the median,
the 10th-90th percentile spread, the ratio to the plain edit and new/before.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.app import create_app
from service.store import connect
from service.store.articles import PairRecord, TranslationRecord, save_article
from service.store.keys import add_key

EN = ("Seoul and Tokyo agreed on Tuesday to share missile warning data in real time, "
      "officials said after the talks in the capital.")
KO = "한국과 일본은 화요일 미사일 경보 정보를 실시간으로 공유하기로 합의했다고 당국자들이 밝혔다."


def _pairs(count: int, origin: str, offset: int) -> list[PairRecord]:
    return [PairRecord(position=i, kind="body", source=f"{EN} ({offset + i})",
                       target=f"{KO} ({offset + i})", status="machine", origin=origin,
                       bead="1-1" if origin == "human" else None,
                       sentences=({"source": [f"{EN} ({offset + i})"],
                                   "target": [f"{KO} ({offset + i})"]}
                                  if origin == "human" else None))
            for i in range(count)]


# The search index trigger as first shipped: every update re-indexes the pair.
OLD_TRIGGER = (
    'CREATE TRIGGER "pairs_au" AFTER UPDATE ON "pairs" BEGIN\n'
    '  INSERT INTO "pairs_fts" ("pairs_fts", rowid, "source", "target")'
    " VALUES('delete', old.rowid, old.\"source\", old.\"target\");\n"
    '  INSERT INTO "pairs_fts" (rowid, "source", "target")'
    ' VALUES (new.rowid, new."source", new."target");\nEND')


def build(path: Path, background: int, article_pairs: int, old_trigger: bool
          ) -> tuple[int, str]:
    db = connect(path)
    if old_trigger:
        db.execute("DROP TRIGGER pairs_au")
        db.execute(OLD_TRIGGER)
    per_article = 50
    for n in range(background // per_article):
        save_article(db, text=f"background article {n}", segments=[], translations=[
            TranslationRecord("ko", "human", "alignment", "1", False,
                              _pairs(per_article, "human", n * per_article),
                              target_text=f"t{n}")])
    article = save_article(db, text="the long article", segments=[], translations=[
        TranslationRecord("ko", "human", "alignment", "1", False,
                          _pairs(article_pairs, "human", 10**7), target_text="long")])
    key = add_key(db, "bench", "reviewer")
    db.close()
    return article.article_id, key


class Setup:
    """One database and a client on it; ``rounds`` records each request's times."""

    def __init__(self, path: Path, args: argparse.Namespace, old_trigger: bool) -> None:
        started = time.perf_counter()
        self.article_id, key = build(path, args.pairs, args.article_pairs, old_trigger)
        self.name = "every update" if old_trigger else "text changes only"
        print(f"built {args.pairs:,} background pairs + a {args.article_pairs}-pair article "
              f"({self.name}) in {time.perf_counter() - started:.1f} s")
        self.client = create_app({"DATABASE": str(path), "TESTING": True}).test_client()
        self.headers = {"X-API-Key": key}
        self.db = connect(path)
        self.times: dict[str, list[float]] = {name: [] for name in REQUESTS}

    def pairs(self) -> list[dict]:
        return list(self.db.query("SELECT id, version, position FROM pairs"
                                  " WHERE article_id = ? ORDER BY position", [self.article_id]))

    def timed(self, name: str, method: str, url: str, body: dict) -> dict:
        start = time.perf_counter()
        response = self.client.open(url, method=method, json=body, headers=self.headers)
        self.times[name].append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{method} {url} -> {response.status_code} {response.json}")
        return response.json

    def round(self, at: int, number: int) -> None:
        """An edit, then each fix followed by its undo (the article is as before)."""
        rows = self.pairs()
        a, b = rows[at], rows[at + 1]
        self.timed("edit (PATCH, reference)", "PATCH", f"/api/pairs/{a['id']}",
                   {"note": f"round {number}", "version": a["version"]})
        a["version"] += 1
        done = self.timed("merge", "POST", f"/api/pairs/{a['id']}/merge", {
            "with": b["id"], "versions": {str(a["id"]): a["version"],
                                          str(b["id"]): b["version"]}})
        self.timed("undo", "POST", f"/api/link-changes/{done['change']['id']}/undo", {})
        merged = self.pairs()[at]
        done = self.timed("split", "POST", f"/api/pairs/{merged['id']}/split", {
            "source_at": 1, "target_at": 0, "version": merged["version"]})
        self.timed("undo", "POST", f"/api/link-changes/{done['change']['id']}/undo", {})
        rows = self.pairs()
        a, b = rows[at], rows[at + 1]
        done = self.timed("move a sentence", "POST", f"/api/pairs/{a['id']}/repair", {
            "side": "target", "direction": "down",
            "versions": {str(a["id"]): a["version"], str(b["id"]): b["version"]}})
        self.timed("undo", "POST", f"/api/link-changes/{done['change']['id']}/undo", {})


REQUESTS = ("edit (PATCH, reference)", "merge", "split", "move a sentence", "undo")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=100_000, help="background pairs")
    parser.add_argument("--article-pairs", type=int, default=300)
    parser.add_argument("--runs", type=int, default=15, help="rounds (>= 5)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        setups = [Setup(Path(tmp) / "new.db", args, old_trigger=False),
                  Setup(Path(tmp) / "old.db", args, old_trigger=True)]
        for number in range(args.runs):
            at = rng.randrange(1, args.article_pairs - 2)
            # Interleaved, the first to go alternating: neither gets a warmer cache.
            for setup in setups if number % 2 == 0 else setups[::-1]:
                setup.round(at, number)
        for setup in setups:
            setup.db.close()
    print(f"machine: {platform.machine()}, Python {platform.python_version()}; "
          f"{args.runs} rounds, interleaved; 'trigger': the search index is re-indexed on")
    print(f"{'request':24} {'trigger':18} {'median ms':>9} {'p10-p90 ms':>12} {'x edit':>7}")
    for name in REQUESTS:
        medians = {}
        for setup in setups:
            values = sorted(setup.times[name])
            low = values[len(values) // 10]
            high = values[min(len(values) - 1, (len(values) * 9) // 10)]
            medians[setup.name] = statistics.median(values)
            reference = statistics.median(setup.times[REQUESTS[0]])
            print(f"{name:24} {setup.name:18} {medians[setup.name]:9.1f} "
                  f"{f'{low:.1f}-{high:.1f}':>12} {medians[setup.name] / reference:7.2f}")
        ratio = medians["text changes only"] / medians["every update"]
        print(f"{'':24} {'new / before':18} {ratio:9.2f}")


if __name__ == "__main__":
    main()
