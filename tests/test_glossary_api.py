"""The glossary over HTTP: reading and filtering, corrections (reviewers'
approved by an admin) that survive restarts and are logged, and
re-translation of stale pairs. Governance rules: test_glossary_governance.py."""

from __future__ import annotations

import pytest

from service.app import create_app
from service.cli import cli
from service.store import connect

NEW_ENTRY = {
    "id": "test-ministry", "kind": "organisation", "en": "Ministry of Unification",
    "ko": "통일부", "ja": "統一省", "ko_short": "통일부", "ja_short": "統一省",
    # verified: unverified entries are only suggested, never enforced (issue 9)
    "case": "tolerant", "status": "verified", "source": "test", "note": "added in a test",
}
ARTICLE = """Seoul reviews inter-Korean policy

SEOUL, Nov. 9 (Yonhap) -- The Ministry of Unification said Monday it would review its policy.
Jake Sullivan met officials in Washington.
"""


@pytest.fixture
def app(seed_glossary_app):
    return seed_glossary_app


def test_list_and_filter(client):
    body = client.get("/api/glossary").json
    assert body["count"] == len(body["entries"]) > 20 and body["version"]
    people = client.get("/api/glossary?kind=person").json["entries"]
    assert people and all(e["kind"] == "person" for e in people)
    sullivan = client.get("/api/glossary?q=sullivan").json["entries"]
    assert [e["id"] for e in sullivan] == ["jake-sullivan"]
    korean = client.get("/api/glossary?lang=ko&q=설리번").json["entries"]
    assert [e["id"] for e in korean] == ["jake-sullivan"]
    assert client.get("/api/glossary?kind=planet").status_code == 400


def test_reviewer_adds_and_corrects_entries_logged_and_kept(client, app, keys, tmp_path):
    refused = client.post("/api/glossary", json=NEW_ENTRY)
    assert refused.status_code == 401
    before = client.get("/api/glossary").json["version"]
    proposed = client.post("/api/glossary", json=NEW_ENTRY,
                           headers={"X-API-Key": keys["reviewer"]})
    # A reviewer's addition waits for an admin.
    assert proposed.status_code == 202, proposed.json
    assert client.get("/api/glossary").json["version"] == before
    approved = client.post(f"/api/glossary/proposals/{proposed.json['proposal']['id']}/approve",
                           headers={"X-API-Key": keys["admin"]})
    assert approved.status_code == 200, approved.json
    assert approved.json["version"] != before
    again = client.post("/api/glossary", json=NEW_ENTRY, headers={"X-API-Key": keys["reviewer"]})
    assert again.status_code == 409
    fixed = client.put("/api/glossary/test-ministry", json={**NEW_ENTRY, "ja": "統一部"},
                       headers={"X-API-Key": keys["admin"]})
    assert fixed.status_code == 200
    changes = client.get("/api/glossary/changes").json["changes"]
    assert [c["changed_by"] for c in changes[:2]] == ["ada", "rita (approved by ada)"]
    assert (changes[0]["old"]["ja"], changes[0]["new"]["ja"]) == ("統一省", "統一部")
    assert changes[1]["old"] is None and changes[1]["new"]["id"] == "test-ministry"

    # A new app on the same database (a restart) still has the correction.
    restarted = create_app({"TESTING": True, "DATABASE": app.config["DATABASE"],
                            "PACKAGES_DIR": app.config["PACKAGES_DIR"]})
    entries = restarted.test_client().get("/api/glossary?q=unification").json["entries"]
    assert [e["ja"] for e in entries if e["id"] == "test-ministry"] == ["統一部"]
    exported = client.get("/api/glossary/export?format=file").get_data(as_text=True)
    assert "test-ministry\torganisation\tMinistry of Unification\t통일부\t統一部" in exported
    deepl = client.get("/api/glossary/export?format=deepl-tsv&to=ko").get_data(as_text=True)
    assert "Ministry of Unification\t통일부" in deepl


def test_entries_that_break_the_check_are_refused(client, keys):
    clash = {**NEW_ENTRY, "id": "clash", "en": "Jake Sullivan"}
    response = client.post("/api/glossary", json=clash, headers={"X-API-Key": keys["reviewer"]})
    assert response.status_code == 422 and "check" in response.json["error"]
    missing = client.post("/api/glossary", json={"id": "x", "kind": "term", "en": "X"},
                          headers={"X-API-Key": keys["reviewer"]})
    assert missing.status_code == 400
    assert client.put("/api/glossary/nope", json={**NEW_ENTRY, "id": "nope"},
                      headers={"X-API-Key": keys["reviewer"]}).status_code == 404


def test_new_entry_is_used_and_stale_pairs_are_retranslated(client, app, keys, runner):
    first = client.post("/api/articles", json={"text": ARTICLE, "targets": ["ko"]}).json
    pairs = first["translations"][0]["pairs"]
    ministry = next(p for p in pairs if "Ministry of Unification" in p["source"])
    assert "통일부" not in ministry["target"]
    sullivan = next(p for p in pairs if "Sullivan" in p["source"])
    assert "설리번" in sullivan["target"]
    db = connect(app.config["DATABASE"])
    db.execute("UPDATE pairs SET status = 'approved' WHERE id = ?", [sullivan["id"]])
    title = next(p for p in pairs if p["kind"] == "title")
    db.execute("UPDATE pairs SET status = 'edited', target = 'edited by a person' WHERE id = ?",
               [title["id"]])
    db.close()

    assert client.post("/api/glossary", json=NEW_ENTRY,
                       headers={"X-API-Key": keys["admin"]}).status_code == 201
    result = runner.invoke(cli, ["retranslate", "--stale"])
    assert result.exit_code == 0, result.output
    assert "1 translations brought" in result.output

    after = {p["id"]: p for p in client.get(f"/api/articles/{first['id']}").json[
        "translations"][0]["pairs"]}
    assert "통일부" in after[ministry["id"]]["target"]
    assert after[sullivan["id"]] == {**after[sullivan["id"]], "status": "approved",
                                     "version": 1}
    assert after[title["id"]]["target"] == "edited by a person"
    nothing = runner.invoke(cli, ["retranslate", "--stale"])
    assert "nothing is stale" in nothing.output


def test_glossary_can_be_turned_off_per_request(client):
    body = client.post("/api/articles", json={"text": ARTICLE, "targets": ["ja"],
                                              "glossary": False}).json
    assert all(p["terms"] == [] for p in body["translations"][0]["pairs"])
    on = client.post("/translate", json={"q": "Jake Sullivan said so.", "source": "en",
                                         "target": "ja"}).json
    assert "サリバン" in on["translatedText"]
    assert on["appliedTerminologies"][0][0]["entry"] == "jake-sullivan"
    off = client.post("/translate", json={"q": "Jake Sullivan said so.", "source": "en",
                                          "target": "ja",
                                          "glossary": False}).json
    assert off["translatedText"] == "Jake Sullivan said so."
