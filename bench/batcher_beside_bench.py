"""Benchmark: short requests beside a size-limit article, A/B of the engine
queue's settings for long articles, over real HTTP.

Services run side by side (``wirealign serve``, waitress, the argos-size
stand-in en->ko, beam 4), one per setting; only the one being measured has
traffic. Each round measures each setting in turn (the order turned every
round):

  alone    16 clients each sending single NTREX sentences to /translate for
           --seconds: their p95, s
  beside   the same 16 clients while one size-limit article (--big-chars) is
           posted to /api/articles, until it is stored: their p95, s, the
           ratio beside / alone (issue 11's goal: <= 3), the clients'
           sentences/s and the article's seg/s

Settings are ``WIREALIGN_LONG_FILL`` / ``WIREALIGN_LONG_CALL_BESIDE_SHORT``
pairs; "16/8" is how the queue behaved before the settings existed (the
article filled every call that held short requests, and took calls of half a
call while another lane served them).

    WIREALIGN_SHARED=/path/to/shared python bench/batcher_beside_bench.py [--rounds 5]
        [--settings 16/8,2/4] [--big-chars 99000]
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

CLIENTS = 16


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--settings", default="16/8,2/4",
                        help="LONG_FILL/LONG_CALL_BESIDE_SHORT pairs to compare")
    parser.add_argument("--big-chars", type=int, default=99_000)
    parser.add_argument("--seconds", type=float, default=5.0, help="the clients-alone row")
    args = parser.parse_args()
    if not sb.NTREX.exists():
        sys.exit(f"needs {sb.NTREX}: set WIREALIGN_SHARED to the shared folder")
    with tempfile.TemporaryDirectory(prefix="beside-bench-") as tmp:
        bench(args, Path(tmp))


def bench(args, tmp: Path) -> None:
    from service.engine import build_standin_package, install_from_file

    all_lines = (sb.NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    built = build_standin_package(tmp / "standin-en_ko-argos.argosmodel", "ko", size="argos",
                                  corpus=all_lines[1000:])
    install_from_file(built, tmp / "packages")
    docs = sb.ntrex_documents(128)
    singles = [line for doc in docs for line in doc if len(line) > 20]
    big_lines, size = [], 0
    for line in all_lines[128 + 200:]:  # as serving_bench.py builds its size-limit article
        if size + len(line) + 2 > args.big_chars:
            break
        big_lines.append(line)
        size += len(line) + 2
    big_article = "\n\n".join(big_lines)

    settings = [tuple(int(v) for v in pair.split("/")) for pair in args.settings.split(",")]
    services = {}
    for fill, call in settings:
        folder = tmp / f"fill{fill}-call{call}"
        folder.mkdir()
        services[(fill, call)] = sb.Service(folder, tmp / "packages", args.beam, {
            "WIREALIGN_LONG_FILL": str(fill), "WIREALIGN_LONG_CALL_BESIDE_SHORT": str(call)})
    rows: dict[tuple[int, int], dict[str, list[float]]] = {s: {} for s in settings}
    session_for = sb.sessions()

    def add(setting: tuple[int, int], name: str, value: float) -> None:
        rows[setting].setdefault(name, []).append(value)
        print(f"  {time.strftime('%H:%M:%S')} {setting[0]}/{setting[1]} {name}: {value:.3f}",
              flush=True)

    try:
        for service in services.values():  # warm-up: models loaded, first calls made
            sb.clients(CLIENTS, 2, sb.translate_one(service.base, session_for, singles))
        for r in range(args.rounds):
            order = settings if r % 2 == 0 else settings[::-1]
            for setting in order:
                service = services[setting]
                _, lat, _ = sb.clients(CLIENTS, args.seconds,
                                       sb.translate_one(service.base, session_for, singles))
                alone = sb.p95(lat)
                n, lat, elapsed, article_rate = sb.clients_beside_article(
                    CLIENTS, service.base,
                    sb.translate_one(service.base, session_for, singles),
                    sb.unique([big_article], f"r{r}-{setting[0]}-{setting[1]}")[0])
                beside = sb.p95(lat)
                add(setting, "16 clients alone p95 s", alone)
                add(setting, "16 clients beside article p95 s", beside)
                add(setting, "beside / alone", beside / alone)
                add(setting, "clients beside article sentences/s", n / elapsed)
                add(setting, "article seg/s", article_rate)
            print(f"round {r + 1}/{args.rounds} done", flush=True)
    finally:
        for service in services.values():
            service.stop()

    print(f"\n# beside-article A/B, {datetime.date.today()} on {platform.node()}: "
          f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
          f"load average at the end {os.getloadavg()[0]:.1f}; beam {args.beam}; "
          f"{args.rounds} rounds, interleaved; article {len(big_article)} characters")
    print(f"\n{'LONG_FILL/LONG_CALL':<20} {'row':<38} {'median':>9}  {'min-max':<17}")
    for setting in settings:
        for name, values in rows[setting].items():
            label = f"{setting[0]}/{setting[1]}"
            print(f"{label:<20} {name:<38} {statistics.median(values):>9.3f}  "
                  f"{min(values):.3f}-{max(values):.3f}")
    if len(settings) > 1:
        first, *others = settings
        print("\n## ratios of medians to the first setting")
        for setting in others:
            for name in ("16 clients beside article p95 s", "clients beside article sentences/s",
                         "article seg/s"):
                ratio = (statistics.median(rows[setting][name])
                         / statistics.median(rows[first][name]))
                print(f"{setting[0]}/{setting[1]} / {first[0]}/{first[1]}  {name:<38} {ratio:.2f}")


if __name__ == "__main__":
    main()
