"""Export throughput and peak memory on a database of a million pairs.

    python bench/export_bench.py                 # 1,000,000 pairs in a temp dir
    python bench/export_bench.py --pairs 200000 --db /tmp/b.db --keep

Fills a fresh wirealign database with synthetic pairs by bulk insert (not the
pipeline: the engine is not what is measured), then runs each export in its
own process, as ``wirealign export`` does (same ``export_chunks`` code path),
writing to a file, and reports pairs/s and the process's peak RSS. Goals from
issue 4: TMX above 50,000 pairs/s, peak memory under 200 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_RATE = 50_000
GOAL_RSS_MB = 200
PAIRS_PER_ARTICLE = 25


def _words(text: str) -> list[str]:
    return text.split()


EN_WORDS = _words("the North Korean troops Russia Kursk region Pyongyang Seoul said on Saturday "
            "officials defence minister intelligence agency deployment thousands soldiers "
            "according to report missile launch Kim Jong Un Putin talks border frontline "
            "a an of in to and with for from by as that was were has have")
KO_WORDS = _words("북한군 러시아 쿠르스크 지역 평양 서울 토요일 당국자 국방부 장관 정보기관 파병 "
            "수천 명 병사 보도 따르면 미사일 발사 김정은 푸틴 회담 국경 전선 은 는 이 가 을 를 "
            "에 에서 했다 밝혔다 말했다")
JA_WORDS = _words("北朝鮮軍 ロシア クルスク 地域 平壌 ソウル 土曜日 当局者 国防相 情報機関 派遣 "
            "数千人 兵士 報道 によると ミサイル 発射 金正恩 プーチン 会談 国境 前線 は が を に "
            "で と した 述べた 明らかにした")
STATES = ["approved"] * 60 + ["edited"] * 15 + ["machine"] * 15 + ["needs_review"] * 5 \
    + ["rejected"] * 5
KINDS = ["title"] * 4 + ["body"] * 84 + ["caption"] * 6 + ["credit"] * 3 + ["dateline"] * 3
ORIGINS = ["machine"] * 70 + ["memory"] * 10 + ["human"] * 20


def _sentence(rng: random.Random, words: list[str], low: int, high: int, sep: str) -> str:
    return sep.join(rng.choices(words, k=rng.randint(low, high)))


def fill(path: Path, pairs: int, seed: int = 4) -> float:
    """Bulk-insert ``pairs`` pairs (and their articles and translations); seconds taken."""
    from service.store import connect

    started = time.perf_counter()
    db = connect(path)
    db.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    # The full-text triggers would index every row as it goes in; drop them for
    # the fill and rebuild the index once at the end (what a restore would do).
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'pairs'"
    ).fetchall()
    for name, _sql in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    rng = random.Random(seed)
    stamp = "2024-10-26T00:00:00.000000Z"
    articles = (pairs + PAIRS_PER_ARTICLE - 1) // PAIRS_PER_ARTICLE
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO articles (id, content_hash, title, url, text, segments, source_lang,"
        " created_at) VALUES (?, ?, ?, ?, '', '[]', 'en', ?)",
        ((i, f"{i:064x}", f"Story {i} <b>&</b>", f"https://example.com/story?id={i}&p=1",
          stamp) for i in range(1, articles + 1)))
    conn.executemany(
        "INSERT INTO translations (id, article_id, lang, origin, engine, created_at)"
        " VALUES (?, ?, ?, 'machine', 'bench', ?)",
        ((i, i, "ko" if i % 3 else "ja", stamp) for i in range(1, articles + 1)))

    def rows():
        recent: list[tuple[str, str]] = []
        for n in range(pairs):
            article = n // PAIRS_PER_ARTICLE + 1
            lang = "ko" if article % 3 else "ja"
            if recent and rng.random() < 0.05:  # wire copy repeats itself: dedupe has work
                source, target = rng.choice(recent)
            else:
                source = _sentence(rng, EN_WORDS, 12, 30, " ") + "."
                target = _sentence(rng, KO_WORDS if lang == "ko" else JA_WORDS, 8, 20,
                                   " " if lang == "ko" else "") + "."
                if rng.random() < 0.001:  # a control character now and then
                    source += "\x0b"
                recent = [*recent[-49:], (source, target)]
            day = 1 + n * 28 // pairs
            when = f"2024-10-{day:02d}T{n % 24:02d}:00:00.000000Z"
            yield (n + 1, article, article, lang, n % PAIRS_PER_ARTICLE, rng.choice(KINDS),
                   source, target, rng.choice(STATES), rng.choice(ORIGINS), "1-1", 0.9,
                   when, when, "reviewer-" + str(n % 7))

    conn.executemany(
        "INSERT INTO pairs (id, translation_id, article_id, lang, position, kind, source,"
        " target, status, origin, bead, score, created_at, updated_at, updated_by, flags,"
        " terms, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', '[]', 1)",
        rows())
    conn.execute("COMMIT")
    for _name, sql in triggers:
        conn.execute(sql)
    conn.execute("INSERT INTO pairs_fts (pairs_fts) VALUES ('rebuild')")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return time.perf_counter() - started


def child(db_path: str, fmt: str, query: str, out: str) -> None:
    """One export in this process; prints a JSON line with what it measured."""
    from urllib.parse import parse_qsl

    from service import __version__
    from service.api.filters import export_filter as parse_filter
    from service.export import check_format, export_chunks
    from service.store import connect
    from service.store.export import ExportCounters

    flt = parse_filter(dict(parse_qsl(query)))
    form = check_format(fmt, flt)
    db = connect(db_path)
    counters = ExportCounters()
    first_byte = None
    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime
    started = time.perf_counter()
    with open(out, "wb") as handle:
        for chunk in export_chunks(db, flt, form, counters, version=__version__):
            if first_byte is None:
                first_byte = time.perf_counter() - started
            handle.write(chunk)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    rss_kb = usage.ru_maxrss  # kilobytes on Linux
    print(json.dumps({"pairs": counters.pairs, "duplicates": counters.duplicates,
                      "seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime - cpu_before,
                      "first_byte": first_byte, "rss_mb": rss_kb / 1024,
                      "bytes": os.path.getsize(out)}))


SERVER = """
import logging
import sys
logging.getLogger("werkzeug").setLevel(logging.ERROR)
from werkzeug.serving import make_server
from service.app import create_app
server = make_server("127.0.0.1", 0, create_app({"DATABASE": sys.argv[1]}))
print(server.server_port, flush=True)
server.serve_forever()
"""


def _proc_status(pid: int) -> tuple[float, float]:
    """(peak RSS in MB, CPU seconds) of a running process, from /proc."""
    status = Path(f"/proc/{pid}/status").read_text()
    hwm_kb = int(next(line for line in status.splitlines()
                      if line.startswith("VmHWM")).split()[1])
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return hwm_kb / 1024, (int(fields[11]) + int(fields[12])) / ticks


def http_run(db_path: Path, fmt: str, query: str, out: Path) -> dict[str, float]:
    """The same export through GET /api/export from a server in its own process;
    the server's peak RSS and CPU come from /proc before it is stopped."""
    import requests

    from service.api.filters import export_filter as parse_filter
    from service.store import connect
    from service.store.export import count_pairs

    db = connect(db_path)
    pairs = count_pairs(db, parse_filter(dict(p.split("=") for p in query.split("&"))))
    db.close()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(db_path)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline())
        started = time.perf_counter()
        first_byte = None
        with requests.get(f"http://127.0.0.1:{port}/api/export?format={fmt}&{query}",
                          stream=True, timeout=600) as response, open(out, "wb") as handle:
            response.raise_for_status()
            for chunk in response.iter_content(chunk_size=1 << 16):
                if first_byte is None:
                    first_byte = time.perf_counter() - started
                handle.write(chunk)
        seconds = time.perf_counter() - started
        rss_mb, cpu = _proc_status(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"pairs": pairs, "seconds": seconds, "cpu": cpu, "first_byte": first_byte,
            "rss_mb": rss_mb, "bytes": out.stat().st_size}


def baseline_rss_mb() -> float:
    """Peak RSS of a process that only imports the service: the floor under every export."""
    code = ("import resource, service.export, service.store; "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    return int(out) / 1024


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{model}, {os.cpu_count()} cores, {mem_gb:.0f} GiB; Python "
            f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
            f"{platform.system()} {platform.release()}")


# (format, filter[, "http"]): CLI path in a child process, or GET /api/export.
RUNS: list[tuple[str, ...]] = [
    ("tmx", "lang=ko"),
    ("tmx", "lang=ko&dedupe=1"),
    ("tmx", "states=approved,edited,machine,needs_review,rejected,source_only"
            "&kinds=title,credit,dateline,body,caption,footer,debris"),
    ("tsv", "lang=ko"),
    ("jsonl", "lang=ko"),
    ("moses", "lang=ko"),
    ("tmx", "lang=ko", "http"),
    ("moses", "lang=ko", "http"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="database file (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep an existing --db as it is")
    parser.add_argument("--child", nargs=4, metavar=("DB", "FORMAT", "QUERY", "OUT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    workdir = Path(tempfile.mkdtemp(prefix="wirealign-bench-"))
    db_path = args.db or workdir / "bench.db"
    if args.keep and db_path.exists():
        fill_seconds = None
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        print(f"filling {db_path} with {args.pairs:,} pairs ...", file=sys.stderr)
        fill_seconds = fill(db_path, args.pairs)
    total = sqlite3.connect(db_path).execute("SELECT count(*) FROM pairs").fetchone()[0]

    print(f"\nwirealign export benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {machine()}")
    print(f"database: {total:,} pairs, {db_path.stat().st_size / 2**20:,.0f} MB"
          + (f", filled in {fill_seconds:.0f} s" if fill_seconds else ""))
    print(f"baseline: a process that imports the service peaks at {baseline_rss_mb():.0f} MB\n")
    header = (f"| {'format':6} | {'filter':30} | {'pairs':>9} | {'s':>6} | {'pairs/s':>8} | "
              f"{'x goal':>6} | {'pairs/cpu-s':>11} | {'1st byte':>8} | {'MB out':>6} | "
              f"{'peak RSS':>8} | {'of 200':>6} |")
    print(header)
    print("|" + "|".join("-" * (len(cell) + 0) for cell in header.split("|")[1:-1]) + "|")
    for fmt, query, *how in RUNS:
        out = workdir / f"out.{fmt}"
        if how:  # over HTTP: the server process is the export process
            measured = http_run(db_path, fmt, query, out)
        else:
            result = subprocess.run(
                [sys.executable, __file__, "--child", str(db_path), fmt, query, str(out)],
                cwd=ROOT, capture_output=True, text=True, check=True)
            measured = json.loads(result.stdout.strip().splitlines()[-1])
        out.unlink(missing_ok=True)
        rate = measured["pairs"] / measured["seconds"]
        label = query if len(query) <= 30 else "all states, all kinds, ko+ja"
        label = f"{label}, over HTTP" if how else label
        print(f"| {fmt:6} | {label:30} | {measured['pairs']:>9,} | "
              f"{measured['seconds']:>6.1f} | {rate:>8,.0f} | {rate / GOAL_RATE:>6.2f} | "
              f"{measured['pairs'] / measured['cpu']:>11,.0f} | "
              f"{measured['first_byte'] * 1000:>6.0f}ms | {measured['bytes'] / 2**20:>6.0f} | "
              f"{measured['rss_mb']:>5.0f} MB | {measured['rss_mb'] / GOAL_RSS_MB:>6.2f} |")
    from service.store import connect
    from service.store.stats import corpus_stats

    db = connect(db_path)
    started = time.perf_counter()
    corpus_stats(db)
    db.close()
    print(f"\nGET /api/stats: counts computed in {time.perf_counter() - started:.2f} s")
    print("\nx goal = pairs/s / 50,000; of 200 = peak RSS / 200 MB (both goals from issue 4);")
    print("CLI rows: export_chunks in a child process writing a file (what `wirealign export`")
    print("runs); HTTP rows: GET /api/export from a werkzeug server in its own process, read")
    print("with requests; its peak RSS (VmHWM) and CPU time come from /proc.")
    print("pairs/cpu-s = pairs per second of the export process's own CPU time (user+sys),")
    print("the rate on an idle core; pairs/s is wall-clock and includes waiting for the CPU.")
    if not args.db:
        for path in workdir.iterdir():
            path.unlink()
        workdir.rmdir()


if __name__ == "__main__":
    main()
