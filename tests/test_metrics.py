"""/metrics counts what the service did (requests, latency, segments by origin,
engine batches, glossary misses, review actions), can be locked with a token,
and every answer carries a request id that is also in its JSON log line."""

from __future__ import annotations

import json
import logging

import pytest
from prometheus_client.parser import text_string_to_metric_families

from service import events
from service.api.metrics import REQUEST_LOG
from service.engine import EngineSettings
from service.engine.settings import resolved_inter_threads
from service.glossary import GlossaryOutcome, TermResult
from service.store import connect
from service.store.keys import add_key

ARTICLE = ("SEOUL, Nov. 5 (Yonhap) -- The defense ministers met in Seoul on Tuesday.\n"
           "They agreed to share missile warning data in real time, officials said.\n")
SECOND = ("SEOUL, Nov. 6 (Yonhap) -- They agreed to share missile warning data in real "
          "time, officials said.\nThe talks will resume next month in Tokyo.\n")


def scrape(client, **headers) -> dict[tuple[str, tuple], float]:
    """Every sample of /metrics as {(name, sorted labels): value}."""
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 200
    assert response.content_type.startswith("text/plain")
    samples = {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.fixture
def reviewer(app) -> dict[str, str]:
    db = connect(app.config["DATABASE"])
    key = add_key(db, "rita", "reviewer")
    db.close()
    return {"X-API-Key": key}


def test_requests_and_latency_are_counted_by_endpoint_and_status(client):
    before = scrape(client)
    for _ in range(3):
        assert client.get("/health").status_code == 200
    assert client.get("/api/articles/12345").status_code == 404
    after = scrape(client)
    ok = dict(endpoint="health.health", method="GET", status="200")
    assert value(after, "wirealign_http_requests_total", **ok) - value(
        before, "wirealign_http_requests_total", **ok) == 3
    missing = dict(endpoint="articles.article", method="GET", status="404")
    assert value(after, "wirealign_http_requests_total", **missing) - value(
        before, "wirealign_http_requests_total", **missing) == 1
    count = "wirealign_http_request_duration_seconds_count"
    assert value(after, count, endpoint="health.health") - value(
        before, count, endpoint="health.health") == 3


def test_segments_by_origin_batches_and_review_actions(client, reviewer):
    before = scrape(client)
    first = client.post("/api/articles", json={"text": ARTICLE, "targets": ["ko"],
                                               "glossary": False})
    assert first.status_code == 201
    pairs = [p for p in first.json["translations"][0]["pairs"] if p["target"]]
    shared = next(p for p in pairs if p["source"].startswith("They agreed"))
    approved = client.get(f"/api/pairs/{shared['id']}").json
    # A reviewer's own words (a stand-in copy is never reused by memory).
    patched = client.patch(f"/api/pairs/{shared['id']}", headers=reviewer,
                           json={"target": "그들은 합의했다.", "state": "approved",
                                 "version": approved["version"]})
    assert patched.status_code == 200
    second = client.post("/api/articles", json={"text": SECOND, "targets": ["ko"],
                                                "glossary": False})
    assert second.status_code == 201
    after = scrape(client)

    def grew(name: str, **labels) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    engine_first = sum(1 for p in pairs if p["origin"] == "machine")
    engine_second = sum(1 for p in second.json["translations"][0]["pairs"]
                        if p["origin"] == "machine")
    assert grew("wirealign_segments_translated_total", target="ko",
                origin="engine") == engine_first + engine_second
    assert grew("wirealign_segments_translated_total", target="ko", origin="memory") == 1
    # One batch per article, spread over the engine queue's replica lanes.
    lanes = resolved_inter_threads(EngineSettings(packages_dir="."))
    assert 2 <= grew("wirealign_engine_batch_size_count", target="ko") <= 2 * lanes
    assert grew("wirealign_engine_batch_size_sum", target="ko") == engine_first + engine_second
    assert grew("wirealign_review_actions_total", state="approved") == 1


def test_glossary_misses_are_counted_by_entry(client):
    before = scrape(client)
    missed = TermResult("jake-sullivan", (0, 13), "Jake Sullivan", "サリバン", None, False,
                        "missing")
    kept = TermResult("shin-won-sik", (0, 12), "Shin Won-sik", "申源湜", (0, 3), True,
                      "placeholder")
    events.glossary_outcomes.send(target="ja", outcomes=[GlossaryOutcome("x", [missed, kept])])
    after = scrape(client)
    name = "wirealign_glossary_misses_total"
    assert value(after, name, entry="jake-sullivan", target="ja") - value(
        before, name, entry="jake-sullivan", target="ja") == 1
    assert value(after, name, entry="shin-won-sik", target="ja") == value(
        before, name, entry="shin-won-sik", target="ja")


def test_queue_wait_is_observed_when_a_queue_reports_it(client):
    before = scrape(client)
    events.engine_queue_wait.send(target="ko", seconds=0.25)
    after = scrape(client)
    name = "wirealign_engine_queue_wait_seconds"
    assert value(after, f"{name}_count", target="ko") - value(
        before, f"{name}_count", target="ko") == 1
    assert value(after, f"{name}_sum", target="ko") - value(
        before, f"{name}_sum", target="ko") == pytest.approx(0.25)


def test_metrics_token_locks_the_endpoint(app, client):
    app.config["METRICS_TOKEN"] = "s3cret"
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert scrape(client, Authorization="Bearer s3cret")


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_request_ids_and_one_json_log_line_per_request(client, reviewer):
    lines = _Lines()
    REQUEST_LOG.addHandler(lines)
    try:
        sent = client.get("/api/keys/me", headers={**reviewer, "X-Request-Id": "desk-42"})
        made = client.get("/health", headers={"X-Request-Id": "bad id; <script>"})
        refused = client.post("/translate", json={"q": "Hi.", "source": "en", "target": "ko",
                                                  "api_key": "nope"})
    finally:
        REQUEST_LOG.removeHandler(lines)
    assert sent.headers["X-Request-Id"] == "desk-42"
    assert made.headers["X-Request-Id"] not in ("", "bad id; <script>")
    assert len(made.headers["X-Request-Id"]) == 32
    logged = [json.loads(line) for line in lines.lines]
    assert [entry["id"] for entry in logged] == [
        "desk-42", made.headers["X-Request-Id"], refused.headers["X-Request-Id"]]
    assert logged[0]["key"] == "rita" and logged[0]["status"] == 200
    assert logged[2]["key"] == "(unknown key)" and logged[2]["status"] == 403
    assert all(entry["duration_ms"] >= 0 for entry in logged)
    assert {entry["endpoint"] for entry in logged} == {"keys.me", "health.health",
                                                       "libretranslate.translate"}


def test_the_engine_queue_reports_how_long_requests_waited(client):
    before = scrape(client)
    reply = client.post("/translate", json={"q": "Officials met on Monday.", "source": "en",
                                            "target": "ko", "glossary": False})
    assert reply.status_code == 200
    after = scrape(client)
    waited = (value(after, "wirealign_engine_queue_wait_seconds_count", target="ko")
              - value(before, "wirealign_engine_queue_wait_seconds_count", target="ko"))
    assert waited == 1
