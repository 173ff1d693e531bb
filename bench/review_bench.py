"""Latency of ``GET /api/pairs`` on a database of 1,000,000 pairs.

    python bench/review_bench.py                  # build /tmp/wirealign-review-bench.db, measure
    python bench/review_bench.py --reuse          # measure an existing database again
    python bench/review_bench.py --pairs 100000   # a smaller run

The database is filled in bulk (the FTS insert trigger is dropped during the
load and the index rebuilt once), then each filter combination is asked
``--runs`` times with varied values through the Flask test client: every
request opens its connection as in production. Goal: p95 under 50 ms.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.app import create_app
from service.store import connect
from service.store.pairs import encode_cursor

GOAL_MS = 50.0
PAIRS_PER_TRANSLATION = 25


def _words(*lines: str) -> list[str]:
    return " ".join(lines).split()


EN = _words("North Korea has sent troops to Russia the spy agency said on Saturday officials",
            "confirmed deployment of soldiers near the border minister told lawmakers in Seoul",
            "Pyongyang Moscow Ukraine war missile launch sanctions talks president government",
            "military drills alliance report week statement security council nuclear program",
            "satellite images showed training camps far eastern region special forces")
KO = _words("북한 러시아 군대 파병 국정원 토요일 당국자 확인 병력 배치 국경 근처",
            "장관 의원 서울 평양 모스크바 우크라이나 전쟁 미사일 발사 제재 회담",
            "대통령 정부 군사 훈련 동맹 보고서 성명 안보리 핵 위성 사진 훈련소",
            "극동 지역 특수부대 밝혔다 말했다 전했다")
JA = _words("北朝鮮 ロシア 部隊 派遣 情報機関 土曜日 当局者 確認 兵力 配置 国境 付近",
            "長官 議員 ソウル 平壌 モスクワ ウクライナ 戦争 ミサイル 発射 制裁 会談",
            "大統領 政府 軍事 訓練 同盟 報告書 声明 安保理 核 衛星 写真 訓練所",
            "極東 地域 特殊部隊 明らかにした 述べた 伝えた")
KINDS = ["title", "credit", "dateline"] + ["body"] * 19 + ["caption", "footer", "body"]
ENTRIES = [f"entry-{n:02d}" for n in range(60)]
REVIEWERS = [f"reviewer{n}" for n in range(12)]
RARE_WORD = "Zaporizhzhia"  # put in one pair in 10,000
NTREX = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "ntrex128"
# Searches for each text source: (common English, common ko/ja, a phrase, 3 chars + state).
QUERIES = {
    "ntrex": (["government", "police", "President"], ["대통령", "경찰은", "大統領", "北朝鮮"],
              "the United States", "said"),
    "synthetic": (["troops", "missile", "Pyongyang"], ["특수부대", "ウクライナ", "明らかにした"],
                  "sent troops to Russia", "sanctions"),
}


def _corpus(kind: str) -> tuple[list[str], list[str], list[str]] | None:
    """Real news sentences with their Korean and Japanese translations (NTREX-128,
    read from ../shared, never copied): realistic word and trigram frequencies."""
    if kind != "ntrex":
        return None
    files = [NTREX / f"newstest2019-{name}.txt" for name in ("src.eng", "ref.kor", "ref.jpn")]
    if not all(path.exists() for path in files):
        sys.exit(f"{NTREX} is absent: use --text synthetic")
    en, ko, ja = ([line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
                  for path in files)
    return en, ko, ja


def _sentence(rng: random.Random, words: list[str], n: int, sep: str = " ") -> str:
    return sep.join(rng.choice(words) for _ in range(n))


def fill(path: Path, total: int, text: str, seed: int = 7) -> None:
    """Write ``total`` pairs (ko and ja halves) with realistic states, flags and history."""
    rng = random.Random(seed)
    corpus = _corpus(text)
    path.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db = connect(path)
    db.execute("PRAGMA synchronous=OFF")
    trigger = db.execute("SELECT sql FROM sqlite_master WHERE name = 'pairs_ai'").fetchone()[0]
    db.execute("DROP TRIGGER pairs_ai")
    start = datetime(2026, 8, 1, tzinfo=UTC)
    articles = total // (2 * PAIRS_PER_TRANSLATION)
    pair_id = history_id = 0
    t0 = time.perf_counter()
    db.execute("BEGIN")
    for article in range(1, articles + 1):
        created = start + timedelta(minutes=article * 5)
        stamp = created.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        db.execute("INSERT INTO articles (id, content_hash, title, url, text, segments, "
                   "source_lang, created_at) VALUES (?, ?, ?, ?, '', '[]', 'en', ?)",
                   [article, f"h{article}", _sentence(rng, EN, 6),
                    f"https://example.test/{article}", stamp])
        picks = [rng.randrange(len(corpus[0])) for _ in range(PAIRS_PER_TRANSLATION)] \
            if corpus else []
        for lang_index, (lang, words, sep) in enumerate((("ko", KO, " "), ("ja", JA, ""))):
            translation = 2 * article - 1 + lang_index
            db.execute("INSERT INTO translations (id, article_id, lang, origin, engine, "
                       "engine_version, stand_in, created_at) VALUES (?, ?, ?, 'machine', "
                       "'bench', '0', 0, ?)", [translation, article, lang, stamp])
            rows, history = [], []
            for position in range(PAIRS_PER_TRANSLATION):
                pair_id += 1
                kind = KINDS[position]
                if corpus:
                    source = corpus[0][picks[position]]
                    target = corpus[1 + lang_index][picks[position]]
                else:
                    source = _sentence(rng, EN, rng.randint(8, 28)) + "."
                    target = _sentence(rng, words, rng.randint(5, 16), sep) + "."
                if rng.random() < 1e-4:
                    source = f"{RARE_WORD} {source}"
                flags: list[str] = []
                roll = rng.random()
                if kind in ("credit", "footer"):
                    status, target, origin = "source_only", None, "source"
                elif roll < 0.15:
                    status = "needs_review"
                    flags = rng.sample(["length_ratio", "untranslated_english",
                                        f"glossary_miss:{rng.choice(ENTRIES)}"], rng.randint(1, 2))
                    if rng.random() < 0.01:
                        flags = ["empty_output"]
                    origin = "machine"
                elif roll < 0.75:
                    status, origin = "machine", "memory" if rng.random() < 0.1 else "machine"
                else:
                    status = rng.choice(["approved"] * 5 + ["edited"] * 3 + ["rejected"])
                    origin = "machine"
                updated, by, version = stamp, None, 1
                if status in ("approved", "edited", "rejected"):
                    when = created + timedelta(hours=rng.randint(1, 24 * 20))
                    updated = when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
                    by, version = rng.choice(REVIEWERS), 2
                    history_id += 1
                    history.append((history_id, pair_id, updated, by, target, target,
                                    "machine", status, None))
                rows.append((pair_id, translation, article, lang, position, kind, source,
                             target, status, json.dumps(flags), "[]", origin, version, stamp,
                             updated, by))
            db.conn.executemany(
                "INSERT INTO pairs (id, translation_id, article_id, lang, position, kind, source,"
                " target, status, flags, terms, origin, version, created_at, updated_at,"
                " updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            db.conn.executemany(
                "INSERT INTO pair_history (id, pair_id, changed_at, changed_by, old_target,"
                " new_target, old_status, new_status, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                history)
        if article % 2000 == 0:
            db.execute("COMMIT")
            db.execute("BEGIN")
            print(f"  {pair_id:,} pairs  {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    db.execute("COMMIT")
    t1 = time.perf_counter()
    db.execute("INSERT INTO pairs_fts (pairs_fts) VALUES ('rebuild')")
    db.execute(trigger)
    t2 = time.perf_counter()
    db.execute("ANALYZE")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    print(f"filled {pair_id:,} pairs, {history_id:,} history rows: insert {t1 - t0:.0f} s, "
          f"FTS rebuild {t2 - t1:.0f} s, ANALYZE {time.perf_counter() - t2:.0f} s",
          file=sys.stderr)


Combination = tuple[str, Callable[[random.Random], dict[str, str]]]


def combinations(path: Path, text: str) -> list[Combination]:
    db = connect(path)
    max_id = db.execute("SELECT max(id) FROM pairs").fetchone()[0]
    articles = db.execute("SELECT max(id) FROM articles").fetchone()[0]
    latest = db.execute("SELECT max(updated_at) FROM pairs").fetchone()[0]
    db.close()
    recent = (datetime.fromisoformat(latest) - timedelta(days=3)).strftime("%Y-%m-%d")

    def deep(rng: random.Random) -> dict[str, str]:
        return {"lang": "ko", "state": "machine",
                "cursor": encode_cursor(rng.randint(max_id // 2, max_id - max_id // 20))}

    en_words, cjk_words, phrase, three = QUERIES[text]
    return [
        ("lang+state", lambda r: {"lang": r.choice(["ko", "ja"]), "state": "needs_review"}),
        ("lang+states (2)", lambda r: {"lang": r.choice(["ko", "ja"]),
                                       "state": "machine,edited"}),
        ("flag prefix", lambda r: {"flag": "glossary_miss"}),
        ("flag exact entry", lambda r: {"flag": f"glossary_miss:{r.choice(ENTRIES)}",
                                        "lang": "ko"}),
        ("flag rare (empty_output)", lambda r: {"flag": "empty_output"}),
        ("flag matching nothing", lambda r: {"flag": "no_such_flag"}),
        ("article", lambda r: {"article": str(r.randint(1, articles)), "limit": "200"}),
        ("article+lang+state", lambda r: {"article": str(r.randint(1, articles)),
                                          "lang": "ja", "state": "machine,needs_review"}),
        ("kind+lang", lambda r: {"kind": "caption", "lang": r.choice(["ko", "ja"])}),
        ("origin", lambda r: {"origin": "memory"}),
        ("changed_by", lambda r: {"changed_by": r.choice(REVIEWERS)}),
        ("changed_by+state", lambda r: {"changed_by": r.choice(REVIEWERS), "state": "rejected"}),
        ("changed_since (recent)", lambda r: {"changed_since": recent}),
        ("q common en", lambda r: {"q": r.choice(en_words)}),
        ("q common ko/ja", lambda r: {"q": r.choice(cjk_words)}),
        ("q rare", lambda r: {"q": RARE_WORD}),
        ("q rare+lang+state", lambda r: {"q": RARE_WORD.lower(), "lang": "ja",
                                         "state": "machine,needs_review"}),
        ("q phrase", lambda r: {"q": phrase}),
        ("q very common 3 chars", lambda r: {"q": three}),
        ("q 2 chars (LIKE)", lambda r: {"q": r.choice(["북한", "核", "ok"])}),
        ("q + lang+state", lambda r: {"q": r.choice(en_words), "lang": "ko",
                                      "state": "needs_review"}),
        ("cursor deep (page ~10,000)", deep),
        ("limit 200", lambda r: {"lang": "ja", "limit": "200"}),
    ]


def proposed_indexes(db_path: Path) -> None:
    """The index this script suggests for service/store/schema.py (as a new
    migration): ``changed_by`` looks pairs up through their history."""
    db = connect(db_path)
    db["pair_history"].create_index(["changed_by", "pair_id"], if_not_exists=True)
    db.execute("ANALYZE")
    db.close()


def measure(path: Path, runs: int, text: str) -> list[tuple[str, float, float, float, int]]:
    app = create_app({"DATABASE": str(path)})
    client = app.test_client()
    rng = random.Random(11)
    results = []
    for name, make in combinations(path, text):
        times, counts = [], []
        for run in range(runs + 2):
            params = make(rng)
            t0 = time.perf_counter()
            response = client.get("/api/pairs", query_string=params)
            elapsed = (time.perf_counter() - t0) * 1000
            assert response.status_code == 200, (params, response.get_json())
            if run >= 2:  # the first two warm the page cache
                times.append(elapsed)
                counts.append(len(response.get_json()["pairs"]))
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        results.append((name, statistics.median(times), p95, max(times),
                        round(statistics.mean(counts))))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/wirealign-review-bench.db"))
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--reuse", action="store_true", help="measure the existing --db")
    parser.add_argument("--text", choices=("ntrex", "synthetic"),
                        default="ntrex" if NTREX.exists() else "synthetic",
                        help="sentences: NTREX-128 from ../shared (real frequencies), or a "
                             "56-word synthetic vocabulary (every word very common)")
    parser.add_argument("--proposed-indexes", action="store_true",
                        help="add the index suggested for schema.py first")
    args = parser.parse_args()
    if not (args.reuse and args.db.exists()):
        fill(args.db, args.pairs, args.text)
    if args.proposed_indexes:
        proposed_indexes(args.db)
    db = connect(args.db)
    indexes = [row[0] for row in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        " AND tbl_name IN ('pairs', 'pair_history') ORDER BY name")]
    pairs = db.execute("SELECT count(*) FROM pairs").fetchone()[0]
    db.close()
    results = measure(args.db, args.runs, args.text)
    cpu = platform.processor() or platform.machine()
    print(f"GET /api/pairs on {pairs:,} pairs, {args.runs} requests per row "
          f"(Flask test client, new connection per request), "
          f"{args.text} text")
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {platform.node()} {cpu}, "
          f"Python {platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}")
    print(f"indexes: {', '.join(indexes)}")
    print()
    print(f"| {'filters':<28} | rows | median ms | p95 ms | max ms | p95 / goal |")
    print(f"|{'-' * 30}|-----:|----------:|-------:|-------:|-----------:|")
    for name, median, p95, worst, rows in results:
        mark = "" if p95 < GOAL_MS else " over"
        print(f"| {name:<28} | {rows:>4} | {median:>9.1f} | {p95:>6.1f} | {worst:>6.1f} | "
              f"{p95 / GOAL_MS:>9.2f}{mark} |")
    all_p95 = max(p95 for _n, _m, p95, _w, _r in results)
    print(f"\nworst p95 {all_p95:.1f} ms; goal p95 < {GOAL_MS:.0f} ms "
          f"({'met' if all_p95 < GOAL_MS else 'NOT met'} for every row)")


if __name__ == "__main__":
    main()
