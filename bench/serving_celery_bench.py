"""Benchmark: one job of many articles through one Celery worker against two.

A real redis-server on a loopback port, Celery translation workers started as
``wirealign jobs worker`` (argos-size stand-in en->ko, beam 4), each limited to
one engine thread (inter 1 x intra 1: what a one-core machine would run),
and the job run on the API host's side by the same runner the service uses
(JOBS_BACKEND=celery): it segments, sends the segments in chunks cut across
articles, and stores.

What makes the comparison fair:

- every row translates the same articles into a fresh database, with workers
  started afresh that have loaded their model (they answer a ping only once
  it is loaded) before the clock starts;
- rows alternate (1, 2 workers, then 2, 1, ...) for ``--rounds`` rounds;
- the API host's own work is measured, not hidden: its CPU seconds per row
  (this process: segmenting, the language check, chunking, storing), the
  broker's (redis-server), and how busy the workers were (their CPU seconds
  over the row's wall time: near 1.0 means they never waited for the API
  host; on a machine shared with other work it also drops when they wait for
  a core);
- with ``--pin auto`` and at least workers + 1 cores, the API host is pinned
  to core 0 and worker i to core i + 1, so the workers do not share cores
  with it or each other; on fewer cores nothing is pinned (said in the
  report);
- every row checks that nothing was lost or stored twice: one article and
  one translation per input, and as many translated pairs as segments
  planned, the same in every row.

    WIREALIGN_SHARED=../shared python bench/serving_celery_bench.py [--articles 1000]
        [--rounds 5] [--beam 4] [--chunk 16] [--parallel 64] [--pin auto|off]

Check it works at a tiny size: ``--articles 20 --rounds 1``.
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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.serving_bench import NTREX, free_port  # noqa: E402

WORKER_COUNTS = (1, 2)


@dataclass
class Row:
    workers: int
    seconds: float
    segments: int
    host_cpu: float  # the API host's (this process's) CPU seconds during the row
    broker_cpu: float | None  # redis-server's CPU seconds during the row
    worker_busy: float | None  # workers' CPU seconds / (wall seconds x workers)
    tasks: int

    @property
    def rate(self) -> float:
        return self.segments / self.seconds


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


def plan_cores(pin: str) -> tuple[int | None, list[int | None]]:
    """(the API host's core, each worker's core), or Nones when not pinning."""
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if pin == "off" or len(cores) < max(WORKER_COUNTS) + 1:
        return None, [None] * max(WORKER_COUNTS)
    return cores[0], cores[1:max(WORKER_COUNTS) + 1]


def start_workers(count: int, env: dict, tmp: Path, cores: list[int | None]
                  ) -> list[subprocess.Popen]:
    procs = []
    for i in range(count):
        log = (tmp / f"worker-{i}.log").open("ab")
        core = cores[i]
        procs.append(subprocess.Popen(
            [sys.executable, "-c", "from service.cli import main; main()", "jobs", "worker",
             "-n", f"bench{i}@%h", "--loglevel", "WARNING"],
            env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
            preexec_fn=(lambda core=core: os.sched_setaffinity(0, {core}))
            if core is not None else None))
    return procs


def wait_ready(celery, count: int, procs: list[subprocess.Popen], seconds: float = 120) -> None:
    """Until ``count`` workers answer a ping: they answer once their model is
    loaded (it loads when the worker is ready, before the first task)."""
    deadline = time.monotonic() + seconds
    while len(celery.control.ping(timeout=0.5)) < count:
        if any(proc.poll() is not None for proc in procs) or time.monotonic() > deadline:
            raise RuntimeError("the workers did not start; see their logs")


def stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a process so far (Linux /proc), or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def make_articles(lines: list[str], count: int, sentences: int) -> list[dict]:
    """``count`` distinct articles of ``sentences`` NTREX lines each."""
    return [{"text": " ".join(lines[(sentences * i + k) % len(lines)]
                              for k in range(sentences))} for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sentences", type=int, default=2, help="NTREX lines per article")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--chunk", type=int, default=16, help="segments per Celery task")
    parser.add_argument("--parallel", type=int, default=64,
                        help="articles in flight on the API host")
    parser.add_argument("--wait-ms", type=int, default=50,
                        help="how long a chunk not yet full waits for more")
    parser.add_argument("--pin", choices=("auto", "off"), default="auto")
    args = parser.parse_args()
    if not NTREX.exists():
        sys.exit(f"needs {NTREX}: set WIREALIGN_SHARED to the shared folder")
    lines = (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    host_core, worker_cores = plan_cores(args.pin)
    if host_core is not None:
        os.sched_setaffinity(0, {host_core})
    with tempfile.TemporaryDirectory(prefix="celery-bench-") as tmp_name:
        tmp = Path(tmp_name)
        from service.engine import build_standin_package, install_from_file

        packages = tmp / "packages"
        install_from_file(build_standin_package(tmp / "standin.argosmodel", "ko", size="argos",
                                                corpus=lines[1000:]), packages)
        redis, url = start_redis(tmp)
        env = {**os.environ, "WIREALIGN_CELERY_BROKER_URL": url,
               "WIREALIGN_PACKAGES_DIR": str(packages), "WIREALIGN_BEAM_SIZE": str(args.beam),
               "WIREALIGN_INTER_THREADS": "1", "WIREALIGN_INTRA_THREADS": "1",
               "WIREALIGN_CELERY_PRELOAD": "true"}
        try:
            rows = run(args, tmp, url, redis.pid, packages, env, make_articles(
                lines, args.articles, args.sentences), worker_cores)
        finally:
            redis.terminate()
            redis.wait(timeout=30)
    report(args, rows, host_core, worker_cores)


def run(args: argparse.Namespace, tmp: Path, url: str, redis_pid: int, packages: Path,
        env: dict, articles: list[dict], worker_cores: list[int | None]) -> list[Row]:
    from service.app import create_app
    from service.jobs.remote import remote_queue
    from service.jobs.worker import JobWorker
    from service.store import connect
    from service.store import jobs as store

    rows: list[Row] = []
    segments_seen: set[int] = set()
    for r in range(args.rounds):
        # Interleaved, and the order turned every round.
        for workers in WORKER_COUNTS if r % 2 == 0 else WORKER_COUNTS[::-1]:
            app = create_app({"DATABASE": str(tmp / f"db-{r}-{workers}.sqlite"),
                              "PACKAGES_DIR": str(packages), "JOBS_BACKEND": "celery",
                              "CELERY_BROKER_URL": url, "CELERY_CHUNK": args.chunk,
                              "CELERY_CHUNK_WAIT_MS": args.wait_ms,
                              "CELERY_PARALLEL_ARTICLES": args.parallel})
            queue = remote_queue(app.config, "ko")
            db = connect(app.config["DATABASE"])
            job_id = store.create_job(db, "articles", {"targets": ["ko"], "glossary": False},
                                      articles, backend="celery")
            procs = start_workers(workers, env, tmp, worker_cores)
            try:
                wait_ready(queue.celery, workers, procs)
                worker_cpu = [cpu_seconds(proc.pid) for proc in procs]
                tasks_before, broker_before = queue.tasks_sent, cpu_seconds(redis_pid)
                cpu, started = time.process_time(), time.perf_counter()
                state = JobWorker(app).run(job_id)
                seconds = time.perf_counter() - started
                host_cpu = time.process_time() - cpu
                worker_after = [cpu_seconds(proc.pid) for proc in procs]
                broker_after = cpu_seconds(redis_pid)
            finally:
                stop(procs)
            job = store.get_job(db, job_id, with_items=False)
            if state != "done":
                raise RuntimeError(f"job {state}: {job}")
            segments = job["progress"]["segments_total"]
            check_stored(db, len(articles), segments)
            segments_seen.add(segments)
            busy = None
            if None not in worker_cpu + worker_after:
                busy = sum(a - b for a, b in zip(worker_after, worker_cpu, strict=True)) / (
                    seconds * workers)
            broker = (broker_after - broker_before
                      if broker_after is not None and broker_before is not None else None)
            rows.append(Row(workers, seconds, segments, host_cpu, broker, busy,
                            queue.tasks_sent - tasks_before))
            db.close()
            print(f"  {time.strftime('%H:%M:%S')} round {r + 1}, {workers} worker(s): "
                  f"{rows[-1].rate:.2f} seg/s ({segments} segments in {seconds:.1f} s, "
                  f"{rows[-1].tasks} tasks); API host CPU {host_cpu:.1f} s, broker "
                  f"{'?' if broker is None else f'{broker:.1f}'} s; workers busy "
                  f"{'?' if busy is None else f'{busy:.2f}'}", flush=True)
    if len(segments_seen) != 1:
        raise RuntimeError(f"rows planned different segment counts: {sorted(segments_seen)}")
    return rows


def check_stored(db, articles: int, segments: int) -> None:
    """Nothing lost, nothing stored twice: one article and one translation per
    input, and a translated pair for every planned segment."""
    counts = {
        "articles": db.execute("SELECT count(*) FROM articles").fetchone()[0],
        "translations": db.execute("SELECT count(*) FROM translations").fetchone()[0],
        "translated_pairs": db.execute("SELECT count(*) FROM pairs WHERE origin = 'machine' "
                                       "AND target IS NOT NULL").fetchone()[0],
    }
    expected = {"articles": articles, "translations": articles, "translated_pairs": segments}
    if counts != expected:
        raise RuntimeError(f"stored {counts}, expected {expected}")


def report(args: argparse.Namespace, rows: list[Row], host_core: int | None,
           worker_cores: list[int | None]) -> None:
    pinned = (f"API host pinned to core {host_core}, workers to cores "
              f"{', '.join(map(str, worker_cores))}" if host_core is not None else
              "nothing pinned (fewer cores than workers + 1): workers share the cores with "
              "the API host")
    print(f"\n# Celery job benchmark, {datetime.date.today()} on {platform.node()}: "
          f"{os.cpu_count()} cores, {platform.machine()}, load average at the end "
          f"{os.getloadavg()[0]:.1f}; {args.articles} articles of {args.sentences} NTREX "
          f"lines, beam {args.beam}, 1 inter x 1 intra thread per worker, chunks of "
          f"{args.chunk}, {args.parallel} articles in flight, {args.rounds} rounds "
          f"interleaved; {pinned}")
    print(f"segments per row: {rows[0].segments} (stored once each in every row: checked)")
    print("| workers | median seg/s | min-max | API host CPU s per row (median) | "
          "per article, ms | broker CPU s | workers busy (median) | tasks per row |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    medians = {}
    for workers in WORKER_COUNTS:
        mine = [row for row in rows if row.workers == workers]
        rates = [row.rate for row in mine]
        medians[workers] = statistics.median(rates)
        host = statistics.median(row.host_cpu for row in mine)
        busy = [row.worker_busy for row in mine if row.worker_busy is not None]
        broker = [row.broker_cpu for row in mine if row.broker_cpu is not None]
        print(f"| {workers} | {medians[workers]:.2f} | {min(rates):.2f}-{max(rates):.2f} | "
              f"{host:.1f} | {1000 * host / args.articles:.1f} | "
              f"{statistics.median(broker) if broker else float('nan'):.1f} | "
              f"{statistics.median(busy) if busy else float('nan'):.2f} | "
              f"{statistics.median(row.tasks for row in mine):.0f} |")
    print(f"ratio two / one (goal >= 1.8): {medians[2] / medians[1]:.2f}")


if __name__ == "__main__":
    main()
