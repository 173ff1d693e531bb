"""Jobs in the embedded worker: 202 with an id, progress and results, cancel,
JSONL uploads, nothing stored twice, and the CLI's progress bar."""

from __future__ import annotations

import json
import threading
import time

import pytest

from service.cli import cli
from service.engine.translator import Translator
from service.jobs.worker import JobWorker
from service.store import connect
from service.store import jobs as store

ARTICLES = [
    {"text": f"SEOUL, Nov. {n} -- North Korea fired {n} ballistic missiles on Tuesday, "
             f"officials said. The missiles flew about {n * 100} kilometers before landing "
             f"in the sea. Japan lodged a protest.", "title": f"Missiles {n}"}
    for n in range(1, 6)
]


@pytest.fixture
def jobs_app(app):
    yield app
    worker = app.extensions.get("wirealign.job_worker")
    if worker is not None:
        worker.stop()


def wait_for(client, job_id: str, states=("done", "failed", "cancelled"), seconds=90) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json
        if job["state"] in states:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} still {job['state']}")


def test_a_job_of_short_articles_keeps_enough_in_flight_to_fill_engine_calls(
        jobs_app, monkeypatch):
    # Two articles in flight fed the engine 4 segments a call when a job holds
    # two-sentence briefs; in flight by planned segments, they share full calls.
    # The engine is slowed (0.3 s a call) so the articles queue as they would
    # behind a real model, whatever this machine's speed.
    sizes: list[int] = []
    original = Translator.translate_tokens

    def slow(self, tokens, max_batch_size):
        sizes.append(len(tokens))
        time.sleep(0.3)
        return original(self, tokens, max_batch_size)

    monkeypatch.setattr(Translator, "translate_tokens", slow)
    articles = [{"text": f"Talks number {n} ended on Monday without a deal. "
                         f"Officials said they would meet again in round {n}."}
                for n in range(24)]
    client = jobs_app.test_client()
    job = wait_for(client, client.post("/api/jobs", json={
        "articles": articles, "targets": ["ko"]}).json["id"])
    assert job["state"] == "done" and job["progress"]["segments_total"] == 48
    assert sum(sizes) >= 48
    # 4 at most with 2 articles in flight. Not "== 16": how full a call gets
    # also depends on how fast the job cuts its next articles, and a machine
    # busy with other work cut 10-14 segments' worth in one call's time.
    assert max(sizes) > 4, sizes


def test_a_late_progress_write_never_takes_a_job_backwards(jobs_app):
    # An engine lane can still be writing an early count after the last item
    # finished; it must not overwrite the final count.
    from service.jobs.runner import _ProgressCounter

    client = jobs_app.test_client()
    job_id = client.post("/api/jobs", json={"articles": ARTICLES[:1], "targets": ["ko"]}
                         ).json["id"]
    wait_for(client, job_id)
    counter = _ProgressCounter(jobs_app.config["DATABASE"], job_id, 0, None)
    counter.add(25)
    counter.write()
    counter.write(2)  # the late one
    assert client.get(f"/api/jobs/{job_id}").json["progress"]["segments_done"] == 25


def test_the_segment_budget_holds_items_until_their_segments_fit():
    from service.jobs.runner import _SegmentBudget

    budget = _SegmentBudget(10)
    assert budget.acquire(6) == 6 and budget.acquire(4) == 4
    got: list[int] = []
    waiter = threading.Thread(target=lambda: got.append(budget.acquire(3)))
    waiter.start()
    time.sleep(0.1)
    assert got == []  # 10 of 10 in flight: the next item waits
    budget.release(4)
    waiter.join(timeout=10)
    assert got == [3]
    budget.release(6)
    budget.release(3)
    assert budget.acquire(500) == 10  # an item bigger than the budget runs alone


def test_a_job_of_articles_answers_202_and_runs_to_the_end(jobs_app):
    client = jobs_app.test_client()
    reply = client.post("/api/jobs", json={"articles": ARTICLES, "targets": ["ko"]})
    assert reply.status_code == 202
    job_id = reply.json["id"]
    assert reply.headers["Location"].endswith(f"/api/jobs/{job_id}")
    job = wait_for(client, job_id)
    assert job["state"] == "done"
    assert [item["state"] for item in job["items"]] == ["done"] * 5
    progress = job["progress"]
    assert progress["items_done"] == 5 and progress["segments_total"] > 0
    assert progress["segments_done"] == progress["segments_total"]
    stored = {item["article_id"] for item in job["items"]}
    assert len(stored) == 5
    for item, article in zip(job["items"], ARTICLES, strict=True):
        got = client.get(f"/api/articles/{item['article_id']}").json
        assert got["title"] == article["title"] and got["translations"][0]["target"] == "ko"

    # The same articles again: found, not stored twice.
    again = wait_for(client, client.post("/api/jobs", json={
        "articles": ARTICLES, "targets": ["ko"]}).json["id"])
    assert {item["article_id"] for item in again["items"]} == stored
    assert all(item["created"] is False for item in again["items"])
    assert len(client.get("/api/articles?limit=50").json["articles"]) == 5


def test_a_jsonl_upload_runs_each_line_and_names_the_lines_that_fail(jobs_app):
    client = jobs_app.test_client()
    lines = [json.dumps(ARTICLES[0]), "",
             json.dumps({"text": "북한이 탄도미사일을 발사했다고 당국자들이 밝혔다."}),
             json.dumps(ARTICLES[1])]
    reply = client.post("/api/jobs?targets=ja", data="\n".join(lines).encode(),
                        content_type="application/x-ndjson")
    assert reply.status_code == 202
    job = wait_for(client, reply.json["id"])
    assert [item["state"] for item in job["items"]] == ["done", "failed", "done"]
    assert "English" in job["items"][1]["error"] or "english" in job["items"][1]["error"]
    assert job["params"]["targets"] == ["ja"]


@pytest.mark.parametrize("body, content_type, status, words", [
    (b'{"text": "fine"}\n{"text": ', "application/x-ndjson", 400, "line 2"),
    (b'{"texts": "x"}', "application/x-ndjson", 400, "unknown field"),
    (json.dumps({"articles": []}).encode(), "application/json", 400, "non-empty"),
    (json.dumps({"articles": ARTICLES, "article": ARTICLES[0]}).encode(), "application/json",
     400, "'articles'"),
    (json.dumps({"article": ARTICLES[0], "targets": ["fr"]}).encode(), "application/json",
     422, "unsupported"),
    (json.dumps({"retranslate": "everything"}).encode(), "application/json", 400, "stale"),
])
def test_bad_jobs_are_refused_before_anything_is_queued(jobs_app, body, content_type,
                                                        status, words):
    client = jobs_app.test_client()
    reply = client.post("/api/jobs", data=body, content_type=content_type)
    assert reply.status_code == status and words in reply.json["error"]
    assert client.get("/api/jobs").json["jobs"] == []


def test_unknown_jobs_are_404(jobs_app):
    client = jobs_app.test_client()
    assert client.get("/api/jobs/" + "0" * 32).status_code == 404
    assert client.get("/api/jobs/not-an-id").status_code == 404
    assert client.delete("/api/jobs/" + "0" * 32).status_code == 404


def test_cancel_skips_the_articles_not_yet_started(jobs_app, monkeypatch):
    release, started = threading.Event(), threading.Event()
    original = Translator.translate_tokens

    def held(self, tokens, max_batch_size):
        started.set()
        release.wait(timeout=60)
        return original(self, tokens, max_batch_size)

    monkeypatch.setattr(Translator, "translate_tokens", held)
    jobs_app.config["JOB_PARALLEL_ARTICLES"] = 1
    client = jobs_app.test_client()
    job_id = client.post("/api/jobs", json={"articles": ARTICLES, "targets": ["ko"]}).json["id"]
    assert started.wait(timeout=60)  # the first article is in the engine
    cancelled = client.delete(f"/api/jobs/{job_id}")
    assert cancelled.status_code == 202 and cancelled.json["cancel_requested"] is True
    release.set()
    job = wait_for(client, job_id)
    assert job["state"] == "cancelled"
    states = [item["state"] for item in job["items"]]
    assert states[0] == "done" and "skipped" in states and states.count("done") < 5


def test_a_retranslate_stale_job(jobs_app):
    client = jobs_app.test_client()
    job_id = client.post("/api/jobs", json={"retranslate": "stale"}).json["id"]
    job = wait_for(client, job_id)
    assert job["state"] == "done" and job["kind"] == "retranslate"


def test_progress_moves_inside_one_long_article(app):
    app.config["MAX_BATCH_SIZE"] = 4
    app.extensions.pop("wirealign.engine_settings", None)
    text = " ".join(f"Officials said talks number {i} would resume in Seoul." for i in range(40))
    db = connect(app.config["DATABASE"])
    job_id = store.create_job(db, "articles", {"targets": ["ko"], "glossary": False},
                              [{"text": text}])
    db.close()
    steps: list[int] = []
    assert JobWorker(app).run(job_id, progress=steps.append) == "done"
    db = connect(app.config["DATABASE"])
    total = store.get_job(db, job_id)["progress"]["segments_total"]
    assert total == 40 and sum(steps) == 40
    assert len(steps) >= 10  # one step per engine call of 4, not one per article


def test_cli_submit_runs_the_job_with_a_progress_bar(app, runner, tmp_path):
    files = []
    for n, article in enumerate(ARTICLES[:2]):
        path = tmp_path / f"wire-{n}.txt"
        path.write_text(article["text"], encoding="utf-8")
        files.append(str(path))
    done = runner.invoke(cli, ["jobs", "submit", *files, "--to", "ko"])
    assert done.exit_code == 0, done.output
    job_id = done.stdout.strip().splitlines()[0]
    assert "segments" in done.stderr  # the tqdm bar
    status = runner.invoke(cli, ["jobs", "status", job_id, "--json"])
    job = json.loads(status.stdout)
    assert job["state"] == "done" and job["progress"]["items_done"] == 2
    queued = runner.invoke(cli, ["jobs", "submit", files[0], "--no-wait"])
    queued_id = queued.stdout.strip().splitlines()[0]
    assert runner.invoke(cli, ["jobs", "cancel", queued_id]).exit_code == 0
    listed = runner.invoke(cli, ["jobs", "list"]).stdout
    assert queued_id in listed and "cancelled" in listed


def test_a_retranslate_job_redoes_stale_translations_several_at_a_time(
        seed_glossary_app, keys, jobs_app):
    from tests.test_glossary_api import NEW_ENTRY

    app = seed_glossary_app
    app.config["JOB_PARALLEL_ARTICLES"] = 2
    client = app.test_client()
    for n in range(3):
        text = (f"SEOUL, Nov. {n + 1} -- The Ministry of Unification said on day {n} it "
                f"would review its policy. Talks number {n} ended without a deal.")
        assert client.post("/api/articles", json={"text": text, "targets": ["ko"]}
                           ).status_code == 201
    assert client.post("/api/glossary", json=NEW_ENTRY,
                       headers={"X-API-Key": keys["admin"]}).status_code == 201
    job = wait_for(client, client.post("/api/jobs", json={"retranslate": "stale"}).json["id"])
    assert job["state"] == "done"
    assert job["items"][0]["error"].startswith("3 translations redone, 3 pairs changed")
    assert job["progress"]["segments_done"] == job["progress"]["segments_total"] == 3
    db = connect(app.config["DATABASE"])
    targets = [row[0] for row in db.execute(
        "SELECT target FROM pairs WHERE source LIKE '%Ministry of Unification%'")]
    assert len(targets) == 3 and all("통일부" in target for target in targets)


class _FakeBackend:
    """A result backend answering at once (what Redis holds after a worker ran)."""

    def __init__(self) -> None:
        self.results: dict[str, dict] = {}

    def get_key_for_task(self, task_id: str) -> str:
        return task_id

    def mget(self, keys: list[str]) -> list[dict | None]:
        return [self.results.get(key) for key in keys]

    def decode_result(self, value: dict) -> dict:
        return value

    def forget(self, task_id: str) -> None:
        self.results.pop(task_id)


class _FakeCelery:
    """Sends tasks to nobody: each is "translated" (upper-cased) or failed at once."""

    def __init__(self, fail: bool = False) -> None:
        self.backend = _FakeBackend()
        self.sent: list[list[str]] = []
        self.fail = fail

    def send_task(self, name: str, args: list) -> object:
        import types
        import uuid

        task_id = uuid.uuid4().hex
        texts = args[1]
        self.sent.append(texts)
        self.backend.results[task_id] = (
            {"status": "FAILURE", "result": "model missing"} if self.fail else
            {"status": "SUCCESS", "result": {"translations": [t.upper() for t in texts],
                                             "describe": {"package": "fake"}}})
        return types.SimpleNamespace(id=task_id)


def test_the_remote_queue_cuts_chunks_across_articles_and_answers_each_its_own():
    from service.jobs.remote import RemoteQueue

    celery = _FakeCelery()
    queue = RemoteQueue(celery, "ko", chunk=8, wait=5.0)
    start = threading.Barrier(12)
    answers: dict[int, list[str]] = {}
    progress: dict[int, int] = {}

    def article(n: int) -> None:
        start.wait()
        answers[n] = queue.translate([f"first {n}.", " ", f"second {n}."],
                                     progress=lambda k, n=n: progress.__setitem__(
                                         n, progress.get(n, 0) + k))

    threads = [threading.Thread(target=article, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    # 24 segments of 12 articles: three full tasks, none waiting out the 5 s.
    assert [len(texts) for texts in celery.sent] == [8, 8, 8]
    assert answers == {n: [f"FIRST {n}.", " ", f"SECOND {n}."] for n in range(12)}
    assert progress == {n: 2 for n in range(12)}
    assert queue.describe() == {"package": "fake"} and celery.backend.results == {}


def test_a_chunk_not_yet_full_goes_after_the_wait_and_a_failed_task_fails_its_caller():
    from service.engine import EngineError
    from service.jobs.remote import RemoteQueue

    celery = _FakeCelery()
    queue = RemoteQueue(celery, "ja", chunk=16, wait=0.05)
    assert queue.translate(["one.", "two."]) == ["ONE.", "TWO."]
    assert celery.sent == [["one.", "two."]]
    failing = RemoteQueue(_FakeCelery(fail=True), "ja", chunk=16, wait=0.05)
    with pytest.raises(EngineError, match="model missing"):
        failing.translate(["one."])


def test_polling_a_job_without_its_items(jobs_app):
    client = jobs_app.test_client()
    job_id = client.post("/api/jobs", json={"articles": ARTICLES, "targets": ["ko"]}).json["id"]
    wait_for(client, job_id)
    short = client.get(f"/api/jobs/{job_id}?items=false")
    assert short.status_code == 200
    assert "items" not in short.json
    assert short.json["state"] == "done" and short.json["progress"]["items_done"] == 5
    assert len(client.get(f"/api/jobs/{job_id}?items=true").json["items"]) == 5
    bad = client.get(f"/api/jobs/{job_id}?items=maybe")
    assert bad.status_code == 400 and "items" in bad.json["error"]
