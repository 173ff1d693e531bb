"""Benchmark: one job of many articles through one Celery worker against two.

A real redis-server on a loopback port, Celery translation workers started as
``wirealign jobs worker`` (argos-size stand-in en->ko, 1 inter x 1 intra
thread each), and the job run on the API host's side by the same runner the
service uses (JOBS_BACKEND=celery). Rows alternate one worker / two workers
for ``--rounds`` rounds (>= 5); medians, spread and the ratio.

    WIREALIGN_SHARED=../shared python bench/serving_celery_bench.py [--articles 1000]
        [--rounds 5] [--beam 4]
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.serving_bench import NTREX, free_port  # noqa: E402


def start_redis(tmp: Path) -> tuple[subprocess.Popen, str]:
    redis = shutil.which("redis-server")
    if redis is None:
        sys.exit("needs Debian's redis-server (scripts/setup.sh --test installs it as root)")
    port = free_port()
    proc = subprocess.Popen([redis, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(tmp)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    return proc, f"redis://127.0.0.1:{port}/0"


def start_workers(count: int, env: dict, tmp: Path) -> list[subprocess.Popen]:
    procs = []
    for i in range(count):
        log = (tmp / f"worker-{i}.log").open("wb")
        procs.append(subprocess.Popen(
            [sys.executable, "-c", "from service.cli import main; main()", "jobs", "worker",
             "-n", f"bench{i}@%h", "--loglevel", "WARNING"],
            env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT))
    return procs


def stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        proc.terminate()
    for proc in procs:
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--beam", type=int, default=4)
    args = parser.parse_args()
    if not NTREX.exists():
        sys.exit(f"needs {NTREX}: set WIREALIGN_SHARED to the shared folder")
    lines = (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    with tempfile.TemporaryDirectory(prefix="celery-bench-") as tmp_name:
        tmp = Path(tmp_name)
        from service.engine import build_standin_package, install_from_file

        packages = tmp / "packages"
        install_from_file(build_standin_package(tmp / "standin.argosmodel", "ko", size="argos",
                                                corpus=lines[1000:]), packages)
        redis, url = start_redis(tmp)
        env = {**os.environ, "WIREALIGN_CELERY_BROKER_URL": url,
               "WIREALIGN_PACKAGES_DIR": str(packages), "WIREALIGN_BEAM_SIZE": str(args.beam),
               "WIREALIGN_INTER_THREADS": "1", "WIREALIGN_INTRA_THREADS": "1"}
        try:
            rates = run(args, tmp, url, packages, env, lines)
        finally:
            redis.terminate()
    report(args, rates)


def run(args, tmp: Path, url: str, packages: Path, env: dict, lines: list[str]) -> dict:
    from service.app import create_app
    from service.jobs.worker import JobWorker
    from service.store import connect
    from service.store import jobs as store

    rates: dict[int, list[float]] = {1: [], 2: []}
    for r in range(args.rounds):
        for workers in (1, 2):
            app = create_app({"DATABASE": str(tmp / f"db-{r}-{workers}.sqlite"),
                              "PACKAGES_DIR": str(packages), "JOBS_BACKEND": "celery",
                              "CELERY_BROKER_URL": url, "JOB_PARALLEL_ARTICLES": 8})
            # Two-sentence articles from NTREX lines, new for every row.
            articles = [{"text": f"{lines[(2 * i) % 1900]} {lines[(2 * i + 1) % 1900]} "
                                 f"(Bench {r}-{workers}-{i}.)"} for i in range(args.articles)]
            db = connect(app.config["DATABASE"])
            job_id = store.create_job(db, "articles", {"targets": ["ko"], "glossary": False},
                                      articles, backend="celery")
            procs = start_workers(workers, env, tmp)
            try:
                time.sleep(3)  # workers connect and load the model
                started = time.perf_counter()
                state = JobWorker(app).run(job_id)
                seconds = time.perf_counter() - started
            finally:
                stop(procs)
            job = store.get_job(db, job_id, with_items=False)
            if state != "done":
                raise RuntimeError(f"job {state}: {job}")
            rates[workers].append(job["progress"]["segments_total"] / seconds)
            print(f"  {time.strftime('%H:%M:%S')} round {r + 1}, {workers} worker(s): "
                  f"{rates[workers][-1]:.2f} seg/s", flush=True)
    return rates


def report(args, rates: dict) -> None:
    print(f"\n# Celery job benchmark, {datetime.date.today()} on {platform.node()}: "
          f"{os.cpu_count()} cores, {platform.machine()}, load average at the end "
          f"{os.getloadavg()[0]:.1f}; {args.articles} two-sentence articles, beam {args.beam}, "
          f"{args.rounds} rounds interleaved")
    for workers, values in rates.items():
        print(f"{workers} worker(s): median {statistics.median(values):.2f} seg/s, "
              f"min-max {min(values):.2f}-{max(values):.2f}")
    print(f"ratio two / one (goal >= 1.8): "
          f"{statistics.median(rates[2]) / statistics.median(rates[1]):.2f}")


if __name__ == "__main__":
    main()
