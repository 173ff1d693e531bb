"""One vocabulary: ``state`` everywhere, the old names kept one release with a
Deprecation header, unknown fields refused on every endpoint, and yes/no
values read as people write them."""

from __future__ import annotations

import json

import pytest

from service.store import connect
from service.store.keys import add_key
from tests.test_review_api import env, find, seed  # noqa: F401 (env is a fixture)


def test_pairs_carry_state_and_the_old_status_for_now(env):  # noqa: F811
    page = env.client.get("/api/pairs").get_json()
    assert page["pairs"] and all(p["state"] == p["status"] for p in page["pairs"])
    pair = page["pairs"][0]
    edited = env.client.patch(f"/api/pairs/{pair['id']}",
                              headers={"X-API-Key": env.keys["reviewer"]},
                              json={"state": "rejected", "version": pair["version"]}).get_json()
    assert edited["state"] == "rejected"
    [row] = edited["history"]
    assert (row["old_state"], row["new_state"]) == (pair["state"], "rejected")


@pytest.mark.parametrize("path", ["/api/pairs", "/api/stats", "/api/export"])
def test_old_plural_filter_names_work_with_a_deprecation_header(env, path):  # noqa: F811
    new = env.client.get(path, query_string={"state": "machine", "format": "jsonl"}
                         if path == "/api/export" else {"state": "machine"})
    old = env.client.get(path, query_string={"states": "machine", "format": "jsonl"}
                         if path == "/api/export" else {"states": "machine"})
    assert new.status_code == old.status_code == 200

    def content(response):  # a page's as_of is the time it was read
        data = response.get_json(silent=True)
        return {k: v for k, v in data.items() if k != "as_of"} if isinstance(
            data, dict) else response.get_data()

    assert content(new) == content(old)
    assert "Deprecation" not in new.headers
    assert old.headers["Deprecation"] == "true"
    assert "states (use state)" in old.headers["X-Deprecated-Names"]


@pytest.mark.parametrize("method, path, body", [
    ("post", "/api/articles", {"text": "Seoul said on Monday it would talk.", "target": "ko"}),
    ("post", "/api/alignments", {"source_text": "x", "target_text": "y", "target": "ko",
                                 "lang": "ko"}),
    ("post", "/api/articles/1/alignments", {"target_text": "y", "target": "ko", "x": 1}),
    ("patch", "/api/pairs/1", {"state": "approved", "version": 1, "status": "approved"}),
    ("post", "/api/pairs/bulk", {"action": "approve", "ids": [{"id": 1, "version": 1}],
                                 "force": True}),
    ("post", "/api/glossary", {"id": "x", "kind": "person", "en": "X", "ko": "엑스",
                               "ja": "エックス", "colour": "red"}),
    ("post", "/api/keys", {"name": "bob", "role": "reviewer", "admin": True}),
])
def test_unknown_body_fields_are_refused_on_every_endpoint(env, method, path, body):  # noqa: F811
    headers = {"X-API-Key": env.keys["admin"]}
    response = getattr(env.client, method)(path, json=body, headers=headers)
    assert response.status_code == 400, response.get_json()
    assert "unknown field" in response.get_json()["error"]


@pytest.mark.parametrize("path", ["/api/pairs?colour=red", "/api/pairs/1?colour=red",
                                  "/api/pairs/1/suggestions?colour=red",
                                  "/api/export?colour=red",
                                  "/api/stats?colour=red", "/api/articles?colour=red",
                                  "/api/glossary?colour=red", "/api/glossary/export?colour=red"])
def test_unknown_query_parameters_are_refused(env, path):  # noqa: F811
    response = env.client.get(path)
    assert response.status_code == 400 and "colour" in response.get_json()["error"]


@pytest.mark.parametrize("value, on", [("yes", True), ("No", False), ("ON", True),
                                       ("off", False), ("TRUE", True), ("false", False),
                                       ("1", True), ("0", False)])
def test_query_booleans_as_people_write_them(env, value, on):  # noqa: F811
    db = env.db()
    db.execute("UPDATE pairs SET status = 'approved', flags = '[\"stand_in\"]' WHERE id = 3")
    db.close()
    response = env.client.get(f"/api/export?format=jsonl&state=approved&include_stand_in={value}")
    assert response.status_code == 200
    ids = [json.loads(line)["id"] for line in response.get_data(as_text=True).splitlines()]
    assert (3 in ids) is on


@pytest.mark.parametrize("value, applied", [("no", False), ("Off", False), ("0", False),
                                            ("yes", True), (True, True), (0, False)])
def test_body_booleans_as_people_write_them(client, value, applied):
    text = ("SEOUL, Nov. 5 (Yonhap) -- North Korean leader Kim Jong Un met Russian President "
            "Vladimir Putin in Moscow on Tuesday, state media said.")
    body = client.post("/api/articles", json={"text": text, "targets": ["ko"],
                                              "glossary": value}).get_json()
    assert body["translations"][0]["glossary_version"] is not None if applied else (
        body["translations"][0]["glossary_version"] is None)


def test_plural_cli_options_still_work(tmp_path):
    from service.app import create_app
    from service.cli.export import export_command
    app = create_app({"DATABASE": str(tmp_path / "t.db"), "TESTING": True})
    db = connect(app.config["DATABASE"])
    seed(db)
    add_key(db, "x", "reviewer")
    db.close()
    runner = app.test_cli_runner()
    outputs = []
    for option in ("--state", "--states"):
        result = runner.invoke(export_command, ["--format", "jsonl", option, "machine"],
                               catch_exceptions=False)
        assert result.exit_code == 0
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] and outputs[0].count("\n") >= 3
