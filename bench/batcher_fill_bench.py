"""Benchmark: the engine queue's fill wait, A/B over real HTTP, against the limit.

Two services run side by side (``wirealign serve``, waitress, the argos-size
stand-in en->ko, beam 4), one per ``WIREALIGN_FILL_WAIT_MS`` setting; only the
one being measured has traffic. Each round measures the limit (the swept best
plain CTranslate2 configuration, one offline call over the same pieces), then
each setting in turn (the order turned every round):

  8 clients   8 clients posting the short articles at once (each waits for its
              answer before posting the next): seg/s, and the ratio to the limit
  one job     the same articles as one job: seg/s
  1 client    one client sending single sentences to an idle service: p95, s
              (a lone request must not pay the fill wait)
  one article the sample article posted alone: seg/s, and the ratio to the limit
              on its pieces (its two lanes' shares must not wait for each other)

    WIREALIGN_SHARED=/path/to/shared python bench/batcher_fill_bench.py [--rounds 5]
        [--waits 0,100] [--articles 100 --article-lines 2]
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import serving_bench as sb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--waits", default="0,100", help="fill waits to compare, ms")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--article-lines", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=4.0, help="the 1-client row")
    args = parser.parse_args()
    if not sb.NTREX.exists() or not sb.SAMPLE.exists():
        sys.exit(f"needs {sb.NTREX} and {sb.SAMPLE}: set WIREALIGN_SHARED to the shared folder")
    with tempfile.TemporaryDirectory(prefix="fill-bench-") as tmp:
        bench(args, Path(tmp))


def bench(args, tmp: Path) -> None:
    import sentencepiece as spm

    from service.engine import build_standin_package, install_from_file
    from service.glossary.files import load_glossary

    waits = [int(w) for w in args.waits.split(",")]
    all_lines = (sb.NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    packages = tmp / "packages"
    built = build_standin_package(tmp / "standin-en_ko-argos.argosmodel", "ko", size="argos",
                                  corpus=all_lines[1000:])
    package = install_from_file(built, packages)
    sp = spm.SentencePieceProcessor(model_file=str(package.path / "sentencepiece.model"))
    limit = sb.Limit(package.path / "model", sp, args.beam)
    docs = sb.ntrex_documents(10**9)[:args.articles]
    texts = ["\n\n".join(doc[:args.article_lines]) for doc in docs]
    singles = [line for doc in docs for line in doc[args.article_lines:] if len(line) > 20]
    glossary = load_glossary()
    pieces = sb.service_pieces([sb.article_segments(t) for t in texts], glossary)
    sample = sb.SAMPLE.read_text(encoding="utf-8")
    sample_pieces = sb.service_pieces([sb.article_segments(sample)], glossary)
    print(f"{len(texts)} articles, {len(pieces)} pieces; fill waits {waits} ms", flush=True)
    sweep_rows, best = sb.sweep(limit, pieces, args.rounds)
    print(f"sweep done; best {best}", flush=True)

    services = {}
    for wait in waits:
        home = tmp / f"fill-{wait}"
        home.mkdir()
        services[wait] = sb.Service(home, packages, args.beam,
                                    {"WIREALIGN_FILL_WAIT_MS": str(wait)})
    rows: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        rows.setdefault(name, []).append(value)
        print(f"  {time.strftime('%H:%M:%S')} {name}: {value:.3f}", flush=True)

    try:
        session_for = sb.sessions()
        for r in range(args.rounds):
            add("limit seg/s", len(pieces) / limit.seconds(pieces, *best))
            add("limit sample seg/s", len(sample_pieces) / limit.seconds(sample_pieces, *best))
            for wait in (waits if r % 2 == 0 else waits[::-1]):
                base = services[wait].base
                seconds, _ = sb.post_articles(base, sb.unique(texts, f"c{r}"), 8)
                add(f"fill {wait} ms: 8 clients seg/s", len(pieces) / seconds)
                seconds, _ = sb.run_job(base, sb.unique(texts, f"j{r}"))
                add(f"fill {wait} ms: one job seg/s", len(pieces) / seconds)
                _, latencies, _ = sb.clients(1, args.seconds, sb.translate_one(
                    base, session_for, singles))
                add(f"fill {wait} ms: 1 client p95 s", sb.p95(latencies))
                seconds, _ = sb.post_articles(base, sb.unique([sample], f"s{r}"), 1)
                add(f"fill {wait} ms: one article seg/s", len(sample_pieces) / seconds)
            print(f"round {r + 1}/{args.rounds} done", flush=True)
    finally:
        for service in services.values():
            service.stop()

    med = {name: statistics.median(values) for name, values in rows.items()}
    print(f"\n# fill-wait benchmark, {datetime.date.today()} on {platform.node()}: "
          f"{os.cpu_count()} cores, {platform.machine()}, load average at the end "
          f"{os.getloadavg()[0]:.1f}; beam {args.beam}; {args.rounds} rounds, interleaved")
    print("\n## sweep (seg/s; median, min-max)")
    for (threads, batch), values in sorted(sweep_rows, key=lambda r: -statistics.median(r[1])):
        print(f"{threads[0]} x {threads[1]:<3} {batch[0]} {batch[1]:<6} "
              f"{statistics.median(values):8.2f}  {min(values):.2f}-{max(values):.2f}")
    print("\n## rows (median, min-max)")
    for name, values in rows.items():
        print(f"{name:<34} {statistics.median(values):9.3f}  {min(values):.3f}-{max(values):.3f}")
    print("\n## ratios to the limit (of medians)")
    for wait in waits:
        clients = med[f"fill {wait} ms: 8 clients seg/s"] / med["limit seg/s"]
        job = med[f"fill {wait} ms: one job seg/s"] / med["limit seg/s"]
        single = med[f"fill {wait} ms: one article seg/s"] / med["limit sample seg/s"]
        print(f"fill {wait} ms: 8 clients {clients:.3f}, one job {job:.3f}, "
              f"one article {single:.3f}")


if __name__ == "__main__":
    main()
