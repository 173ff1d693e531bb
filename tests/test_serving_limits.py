"""Admission control and limits: rate limits per address and per key (a key
may carry its own), LibreTranslate's REQ_LIMIT in the same limiter and
storage, 503 + Retry-After when the work slots or the engine queue are full,
and duplicate alignments found before any alignment work."""

from __future__ import annotations

import threading

import pytest

from service import align_article
from service.app import create_app
from service.cli import cli
from service.engine.translator import Translator
from service.store import connect
from service.store.keys import add_key, set_rate_limit
from tests.test_alignments_api import ENGLISH, KOREAN
from tests.test_jobs_celery import REDIS, redis_url  # noqa: F401 (a fixture)


@pytest.fixture
def limited_app(tmp_path, standin_packages_dir):
    return create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite"),
                       "PACKAGES_DIR": str(standin_packages_dir), "BEAM_SIZE": 1,
                       "RATE_LIMIT_ADDRESS": "3/minute", "RATE_LIMIT_KEY": "5/minute"})


def _translate(client, headers=None):
    return client.post("/translate", json={"q": "Talks ended.", "source": "en", "target": "ko"},
                       headers=headers or {})


def test_an_address_past_its_limit_gets_429_json_with_retry_after(limited_app):
    client = limited_app.test_client()
    assert [_translate(client).status_code for _ in range(3)] == [200, 200, 200]
    refused = _translate(client)
    assert refused.status_code == 429
    assert refused.json["error"] and int(refused.headers["Retry-After"]) >= 1
    # Reads and /health are not counted or refused.
    assert client.get("/health").status_code == 200
    assert client.get("/api/articles").status_code == 200


def test_keys_have_their_own_counters_and_may_carry_their_own_limit(limited_app):
    db = connect(limited_app.config["DATABASE"])
    plain = add_key(db, "newsroom", "reviewer")
    tight = add_key(db, "tms", "reviewer")
    assert set_rate_limit(db, "tms", "1/minute")
    db.close()
    client = limited_app.test_client()
    assert [_translate(client).status_code for _ in range(3)] == [200, 200, 200]
    assert _translate(client).status_code == 429  # the address is spent...
    # ...but a key is counted on its own, with the key default of 5/minute,
    statuses = [_translate(client, {"X-API-Key": plain}).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    # and a key with its own limit gets that one.
    assert [_translate(client, {"X-API-Key": tight}).status_code for _ in range(2)] == [200, 429]


def test_a_bad_limit_setting_stops_the_start(tmp_path, standin_packages_dir):
    with pytest.raises(ValueError, match="not a rate limit"):
        create_app({"DATABASE": str(tmp_path / "db.sqlite"),
                    "PACKAGES_DIR": str(standin_packages_dir),
                    "RATE_LIMIT_ADDRESS": "lots"})


def _req_limited_app(tmp_path, packages, **config):
    tmp_path.mkdir(exist_ok=True)
    return create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite"),
                       "PACKAGES_DIR": str(packages), "BEAM_SIZE": 1, "REQ_LIMIT": 2,
                       **config})


def test_req_limit_counts_every_libretranslate_endpoint_per_client(
        tmp_path, standin_packages_dir):
    app = _req_limited_app(tmp_path, standin_packages_dir)
    client = app.test_client()
    assert _translate(client).status_code == 200
    assert client.post("/detect", json={"q": "Talks ended."}).status_code == 200
    refused = _translate(client)
    # LibreTranslate's words, with the Retry-After every 429 here carries.
    assert refused.status_code == 429
    assert refused.json == {"error": "Slowdown: 2 per 1 minute"}
    assert 1 <= int(refused.headers["Retry-After"]) <= 61  # the window, in whole seconds
    assert client.post("/detect", json={"q": "Talks ended."}).status_code == 429
    # Not the other routes, and not another address.
    assert client.get("/languages").status_code == 200
    assert client.post("/api/articles", json={"text": "Talks ended without a deal on "
                                                      "Tuesday, officials said."}
                       ).status_code == 201
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.0.0.2"
    assert _translate(other).status_code == 200


def test_a_keys_own_limit_replaces_req_limit_as_libretranslate_keys_do(
        tmp_path, standin_packages_dir):
    app = _req_limited_app(tmp_path, standin_packages_dir, REQ_LIMIT=1)
    db = connect(app.config["DATABASE"])
    roomy = add_key(db, "tms", "reviewer")
    assert set_rate_limit(db, "tms", "3/minute")
    plain = add_key(db, "desk", "reviewer")
    db.close()
    client = app.test_client()
    detect = [client.post("/detect", json={"q": "Talks ended.", "api_key": roomy}).status_code
              for _ in range(4)]
    assert detect == [200, 200, 200, 429]
    refused = client.post("/detect", json={"q": "Talks ended.", "api_key": roomy})
    assert refused.json == {"error": "Slowdown: 3 per 1 minute"}
    # A key without its own limit gets REQ_LIMIT, counted apart from the address.
    assert [_translate(client, {"X-API-Key": plain}).status_code for _ in range(2)] == [200, 429]
    assert _translate(client).status_code == 200


def test_a_bad_req_limit_stops_the_start(tmp_path, standin_packages_dir):
    with pytest.raises(ValueError, match="REQ_LIMIT"):
        _req_limited_app(tmp_path, standin_packages_dir, REQ_LIMIT="many")


@pytest.mark.skipif(REDIS is None, reason="redis-server is not installed (scripts/setup.sh "
                                          "--test installs Debian's redis-server as root)")
def test_req_limit_is_shared_between_processes_through_the_storage(
        tmp_path, standin_packages_dir, redis_url):  # noqa: F811
    storage = redis_url.rsplit("/", 1)[0] + "/1"
    # Two apps stand for two worker processes: one count in Redis, not one each.
    first, second = (_req_limited_app(tmp_path / name, standin_packages_dir,
                                      RATELIMIT_STORAGE_URI=storage)
                     for name in ("a", "b"))
    assert _translate(first.test_client()).status_code == 200
    assert _translate(second.test_client()).status_code == 200
    assert _translate(first.test_client()).status_code == 429
    assert _translate(second.test_client()).json == {"error": "Slowdown: 2 per 1 minute"}


@pytest.fixture
def held_engine(monkeypatch):
    """Engine calls wait until the test releases them."""
    release = threading.Event()
    started = threading.Event()
    original = Translator.translate_tokens

    def held(self, tokens, max_batch_size):
        started.set()
        release.wait(timeout=60)
        return original(self, tokens, max_batch_size)

    monkeypatch.setattr(Translator, "translate_tokens", held)
    yield started, release
    release.set()


def _in_thread(app, path, body):
    box: dict = {}

    def run() -> None:
        with app.test_client() as client:
            box["reply"] = client.post(path, json=body)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, box


def test_full_work_slots_answer_503_with_retry_after_and_health_still_answers(
        app, held_engine):
    started, release = held_engine
    app.config["WORK_SLOTS"] = 1
    slow_app = create_app({**app.config, "WORK_SLOTS": 1})
    thread, box = _in_thread(slow_app, "/translate",
                             {"q": "First.", "source": "en", "target": "ko"})
    assert started.wait(timeout=30)
    client = slow_app.test_client()
    refused = _translate(client)
    assert refused.status_code == 503 and refused.headers["Retry-After"] == "1"
    assert "busy" in refused.json["error"]
    assert client.get("/health").status_code == 200
    release.set()
    thread.join(timeout=30)
    assert box["reply"].status_code == 200
    assert _translate(client).status_code == 200  # the slot came back


def test_a_full_engine_queue_answers_503_with_retry_after(app, held_engine):
    started, release = held_engine
    queued_app = create_app({**app.config, "QUEUE_LIMIT": 4, "BATCH_WAIT_MS": 0,
                             "MAX_BATCH_SIZE": 1, "INTER_THREADS": 1})
    first = _in_thread(queued_app, "/translate", {"q": [f"Sentence {i}." for i in range(4)],
                                                  "source": "en", "target": "ko"})
    assert started.wait(timeout=30)
    refused = queued_app.test_client().post("/translate", json={
        "q": ["One more.", "And another.", "And a third."], "source": "en", "target": "ko"})
    assert refused.status_code == 503 and int(refused.headers["Retry-After"]) >= 1
    assert "queue is full" in refused.json["error"]
    release.set()
    first[0].join(timeout=30)
    assert first[1]["reply"].status_code == 200


def test_a_resent_alignment_returns_at_once_without_aligning_again(client, monkeypatch):
    body = {"source_text": ENGLISH, "target_text": KOREAN, "target": "ko"}
    first = client.post("/api/alignments", json=body)
    assert first.status_code == 201
    calls = []
    monkeypatch.setattr(align_article, "human_translation",
                        lambda *args, **kwargs: calls.append(args) or pytest.fail("aligned"))
    again = client.post("/api/alignments", json=body)
    assert again.status_code == 200 and calls == []
    assert again.json["translations"][0]["id"] == first.json["translations"][0]["id"]
    attach = client.post(f"/api/articles/{first.json['id']}/alignments",
                         json={"target_text": KOREAN, "target": "ko"})
    assert attach.status_code == 200 and calls == []


def test_keys_limit_command_sets_and_checks_a_key_limit(app, runner):
    db = connect(app.config["DATABASE"])
    add_key(db, "desk", "reviewer")
    db.close()
    done = runner.invoke(cli, ["keys", "limit", "desk", "10/minute"])
    assert done.exit_code == 0, done.output
    assert runner.invoke(cli, ["keys", "limit", "desk", "often"]).exit_code == 2
    assert runner.invoke(cli, ["keys", "limit", "nobody", "1/minute"]).exit_code == 1
    db = connect(app.config["DATABASE"])
    assert db.execute("SELECT rate_limit FROM api_keys").fetchone()[0] == "10/minute"
