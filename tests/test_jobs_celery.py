"""Jobs on Celery with a real redis-server and two worker processes: the
engine work spreads over both (article jobs and retranslate --stale jobs), a
worker killed with kill -9 mid-task has its task run again by the other, and
nothing is stored twice or lost."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from service.store import connect
from service.store import jobs as store

ROOT = Path(__file__).resolve().parent.parent
REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(
    REDIS is None, reason="redis-server is not installed (scripts/setup.sh --test installs "
                          "Debian's redis-server as root)")
VISIBILITY_TIMEOUT = 4  # seconds before an unacknowledged task goes back to the queue


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    port = _free_port()
    server = subprocess.Popen(
        [REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            time.sleep(0.1)
    else:
        server.kill()
        pytest.fail("redis-server did not start")
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


class Workers:
    def __init__(self, redis_url: str, packages: Path, logs: Path) -> None:
        self.env = {**os.environ, "WIREALIGN_CELERY_BROKER_URL": redis_url,
                    "WIREALIGN_PACKAGES_DIR": str(packages), "WIREALIGN_BEAM_SIZE": "1",
                    "WIREALIGN_INTER_THREADS": "1", "WIREALIGN_INTRA_THREADS": "1",
                    "WIREALIGN_CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
                    "WIREALIGN_CELERY_RESTORE_INTERVAL": "1"}
        self.logs = logs
        self.procs: dict[str, subprocess.Popen] = {}

    def start(self, name: str) -> None:
        log = (self.logs / f"{name}.log").open("wb")
        self.procs[name] = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "celery_worker.py"), name],
            env=self.env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def wait_ready(self, name: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while "ready." not in self.log(name):
            assert self.procs[name].poll() is None, self.log(name)
            assert time.monotonic() < deadline, self.log(name)
            time.sleep(0.1)

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture
def workers(redis_url, standin_packages_dir, tmp_path):
    pool = Workers(redis_url, standin_packages_dir, tmp_path)
    yield pool
    pool.stop()


def _articles(count: int) -> list[dict]:
    return [{"text": f"SEOUL, Nov. {n % 28 + 1} -- Officials met {n} times this week, the "
                     f"ministry said. Talks number {n} ended without a deal. Both sides "
                     f"will meet again in {n + 1} days."}
            for n in range(count)]


def _celery_app(app, redis_url):
    # Small chunks: a few articles' segments make several tasks, for both workers.
    app.config.update(JOBS_BACKEND="celery", CELERY_BROKER_URL=redis_url,
                      CELERY_TASK_TIMEOUT=120, CELERY_PARALLEL_ARTICLES=4, CELERY_CHUNK=4)
    return app


def _tasks_done(log: str) -> list[str]:
    return re.findall(r"Task wirealign\.translate\[([0-9a-f-]+)\] succeeded", log)


def test_a_killed_worker_loses_nothing_and_nothing_is_stored_twice(app, redis_url, workers):
    from service.jobs.worker import JobWorker

    _celery_app(app, redis_url)
    workers.start("alpha")
    workers.start("beta")
    workers.wait_ready("alpha")
    workers.wait_ready("beta")
    articles = _articles(12)
    db = connect(app.config["DATABASE"])
    job_id = store.create_job(db, "articles", {"targets": ["ko"], "glossary": False},
                              articles, backend="celery")
    import threading

    box: dict = {}
    runner = threading.Thread(target=lambda: box.update(state=JobWorker(app).run(job_id)))
    runner.start()
    # Kill alpha with kill -9 while it holds a task it has not acknowledged.
    deadline = time.monotonic() + 60
    while not (held := re.findall(r"Task wirealign\.translate\[([0-9a-f-]+)\] received",
                                  workers.log("alpha"))):
        assert time.monotonic() < deadline, workers.log("alpha")
        time.sleep(0.02)
    os.kill(workers.procs["alpha"].pid, signal.SIGKILL)
    workers.procs["alpha"].wait(timeout=10)
    runner.join(timeout=180)
    assert box.get("state") == "done", store.get_job(db, job_id)

    job = store.get_job(db, job_id)
    assert [item["state"] for item in job["items"]] == ["done"] * 12
    # Every article stored once, each with one ko translation holding every sentence.
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 12
    assert db.execute("SELECT count(*) FROM translations").fetchone()[0] == 12
    for item in job["items"]:
        pairs = db.execute("SELECT source, target FROM pairs WHERE article_id = ? AND "
                           "target IS NOT NULL", [item["article_id"]]).fetchall()
        assert pairs and all(source == target for source, target in pairs)  # stand-in copies
    # beta ran the task alpha died holding (alpha never finished it).
    assert f"Task wirealign.translate[{held[0]}] succeeded" in workers.log("beta")
    assert f"[{held[0]}] succeeded" not in workers.log("alpha")


def test_two_workers_share_one_job(app, redis_url, workers):
    from service.jobs.worker import JobWorker

    _celery_app(app, redis_url)
    workers.start("alpha")
    workers.start("beta")
    workers.wait_ready("alpha")
    workers.wait_ready("beta")
    db = connect(app.config["DATABASE"])
    job_id = store.create_job(db, "articles", {"targets": ["ko", "ja"], "glossary": True},
                              _articles(6), backend="celery")
    assert JobWorker(app).run(job_id) == "done"
    assert "succeeded" in workers.log("alpha") and "succeeded" in workers.log("beta")
    job = store.get_job(db, job_id)
    assert job["progress"]["segments_done"] == job["progress"]["segments_total"] > 0
    translations = db.execute("SELECT engine, stand_in FROM translations").fetchall()
    assert len(translations) == 12 and all(stand_in == 1 for _, stand_in in translations)


def test_a_retranslate_job_sends_its_engine_work_to_the_workers(
        seed_glossary_app, keys, redis_url, workers, monkeypatch):
    from service.engine.translator import Translator
    from service.glossary.in_force import glossary_in_force
    from service.jobs.worker import JobWorker
    from service.store.articles import stale_translations
    from tests.test_glossary_api import NEW_ENTRY

    app = seed_glossary_app
    workers.start("alpha")
    workers.start("beta")
    client = app.test_client()
    for n in range(3):  # stored with this process's engine, before the new entry
        text = (f"SEOUL, Nov. {n + 1} (Yonhap) -- The Ministry of Unification said on day {n} "
                f"it would review its policy. Talks number {n} ended without a deal.")
        assert client.post("/api/articles", json={"text": text, "targets": ["ko", "ja"]}
                           ).status_code == 201
    assert client.post("/api/glossary", json=NEW_ENTRY,
                       headers={"X-API-Key": keys["admin"]}).status_code == 201
    db = connect(app.config["DATABASE"])

    def stale() -> list:
        with app.app_context():
            return stale_translations(db, glossary_in_force(db).version)

    assert len(stale()) == 6
    pairs_before = db.execute("SELECT count(*) FROM pairs").fetchone()[0]
    # From here on this process's engine must not run: the workers translate.
    local_calls: list[int] = []
    original = Translator.translate_tokens

    def counted(self, tokens, max_batch_size):
        local_calls.append(len(tokens))
        return original(self, tokens, max_batch_size)

    monkeypatch.setattr(Translator, "translate_tokens", counted)
    _celery_app(app, redis_url)
    workers.wait_ready("alpha")
    workers.wait_ready("beta")
    job_id = store.create_job(db, "retranslate", {"stale": True}, [{"retranslate": "stale"}],
                              backend="celery")
    assert JobWorker(app).run(job_id) == "done", store.get_job(db, job_id)
    assert local_calls == []
    assert _tasks_done(workers.log("alpha")) and _tasks_done(workers.log("beta"))
    job = store.get_job(db, job_id)
    assert job["items"][0]["error"].startswith("6 translations redone")
    # The API host applied the glossary and stored: every ministry sentence now
    # carries the new rendering, each pair once, nothing stale left.
    ministry = db.execute("SELECT t.lang, p.target FROM pairs p JOIN translations t ON "
                          "t.id = p.translation_id WHERE p.source LIKE '%Ministry of "
                          "Unification%'").fetchall()
    assert len(ministry) == 6
    assert all(("통일부" if lang == "ko" else "統一省") in target for lang, target in ministry)
    assert db.execute("SELECT count(*) FROM pairs").fetchone()[0] == pairs_before
    assert stale() == []
