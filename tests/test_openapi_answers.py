"""The contracts describe what the views really answer: the operations merged
lately (link fixes, glossary proposals and candidates, bulk review with what
the reviewer saw, aligned translations with their judgement) are driven
through real flows and every answer is checked against the served document,
its documented statuses included (202 proposals, 409 conflicts)."""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator

from tests.test_beads import Env
from tests.test_glossary_candidates import EN, KO
from tests.test_glossary_governance import ENTRY


def check(document: dict[str, Any], path: str, method: str, response: Any,
          status: int) -> dict[str, Any]:
    """The answer has ``status``, which the operation documents, and matches its schema."""
    assert response.status_code == status, response.get_json()
    answers = document["paths"][path][method]["responses"]
    assert str(status) in answers, f"{method} {path} does not document {status}"
    schema = answers[str(status)]["content"]["application/json"]["schema"]
    body = response.get_json()
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(body)]
    assert errors == [], f"{method} {path} {status}: {errors}"
    return body


def test_link_fixes_answer_as_documented(tmp_path):
    ko = Env(tmp_path, "ko")
    document = ko.client.get("/openapi.json").json
    first, second = ko.at(3), ko.at(4)
    check(document, "/api/pairs/{pair_id}/sentences", "get",
          ko.client.get(f"/api/pairs/{first['id']}/sentences"), 200)
    stale = ko.post(f"/api/pairs/{first['id']}/merge", {
        "with": second["id"], "versions": {str(first["id"]): first["version"] + 1,
                                           str(second["id"]): second["version"]}})
    check(document, "/api/pairs/{pair_id}/merge", "post", stale, 409)
    merged = check(document, "/api/pairs/{pair_id}/merge", "post", ko.merge(3, 4), 200)
    changes = check(document, "/api/articles/{article_id}/link-changes", "get",
                    ko.client.get(f"/api/articles/{ko.article}/link-changes?lang=ko"), 200)
    assert changes["changes"][0]["id"] == merged["change"]["id"]
    check(document, "/api/link-changes/{change_id}/undo", "post",
          ko.post(f"/api/link-changes/{merged['change']['id']}/undo", {}), 200)
    check(document, "/api/pairs/{pair_id}/split", "post", ko.split(3, 1, 1), 200)


def test_glossary_changes_and_proposals_answer_as_documented(seed_glossary_app, keys):
    client = seed_glossary_app.test_client()
    document = client.get("/openapi.json").json
    reviewer, admin = {"X-API-Key": keys["reviewer"]}, {"X-API-Key": keys["admin"]}
    proposed = check(document, "/api/glossary", "post",
                     client.post("/api/glossary", json=ENTRY, headers=reviewer), 202)
    proposal_id = proposed["proposal"]["id"]
    check(document, "/api/glossary/proposals", "get", client.get("/api/glossary/proposals"),
          200)
    check(document, "/api/glossary/proposals/{proposal_id}", "get",
          client.get(f"/api/glossary/proposals/{proposal_id}"), 200)
    check(document, "/api/glossary/proposals/{proposal_id}/approve", "post",
          client.post(f"/api/glossary/proposals/{proposal_id}/approve", headers=admin), 200)
    corrected = check(document, "/api/glossary/{entry_id}", "put",
                      client.put(f"/api/glossary/{ENTRY['id']}",
                                 json={**ENTRY, "note": "checked"}, headers=admin), 200)
    check(document, "/api/glossary/changes/{change_id}/revert", "post",
          client.post(f"/api/glossary/changes/{corrected['change']['id']}/revert",
                      headers=admin), 200)
    check(document, "/api/glossary/{entry_id}/retire", "post",
          client.post(f"/api/glossary/{ENTRY['id']}/retire", headers=reviewer), 202)
    check(document, "/api/glossary/{entry_id}/retire", "post",
          client.post(f"/api/glossary/{ENTRY['id']}/retire", headers=admin), 200)
    retired = check(document, "/api/glossary/retired", "get",
                    client.get("/api/glossary/retired"), 200)
    assert ENTRY["id"] in {row["id"] for row in retired["entries"]}
    check(document, "/api/glossary/changes", "get", client.get("/api/glossary/changes"), 200)


def test_candidates_and_alignments_answer_as_documented(seed_glossary_app, keys):
    client = seed_glossary_app.test_client()
    document = client.get("/openapi.json").json
    aligned = check(document, "/api/alignments", "post", client.post(
        "/api/alignments", json={"source_text": EN, "target_text": KO, "target": "ko"}), 201)
    [human] = aligned["translations"]
    assert 0 <= human["translation_probability"] <= 1 and human["is_translation"] is True
    listed = check(document, "/api/glossary/candidates", "get",
                   client.get("/api/glossary/candidates?lang=ko"), 200)
    first, second = listed["candidates"][:2]
    check(document, "/api/glossary/candidates/{candidate_id}", "get",
          client.get(f"/api/glossary/candidates/{first['id']}"), 200)
    other = "釜山" if first["en"] == "Busan" else "テスト"
    check(document, "/api/glossary/candidates/{candidate_id}/accept", "post",
          client.post(f"/api/glossary/candidates/{first['id']}/accept",
                      json={"ja": other, "kind": "place"},
                      headers={"X-API-Key": keys["reviewer"]}), 202)
    check(document, "/api/glossary/candidates/{candidate_id}/dismiss", "post",
          client.post(f"/api/glossary/candidates/{second['id']}/dismiss",
                      headers={"X-API-Key": keys["reviewer"]}), 200)


def test_bulk_review_answers_as_documented(app, client, keys):
    document = client.get("/openapi.json").json
    reviewer = {"X-API-Key": keys["reviewer"]}
    check(document, "/api/articles", "post", client.post("/api/articles", json={
        "text": "Troops moved north on Monday. The talks ended.", "targets": ["ko"]}), 201)
    page = check(document, "/api/pairs", "get", client.get("/api/pairs?lang=ko"), 200)
    seen = [{"id": pair["id"], "version": pair["version"]} for pair in page["pairs"]]
    check(document, "/api/pairs/bulk", "post", client.post("/api/pairs/bulk", json={
        "action": "approve", "ids": seen[:1]}, headers=reviewer), 200)
    check(document, "/api/pairs/bulk", "post", client.post("/api/pairs/bulk", json={
        "action": "reject", "filters": {"lang": "ko"}, "as_of": page["as_of"]},
        headers=reviewer), 200)
    pair = page["pairs"][-1]
    check(document, "/api/pairs/{pair_id}", "patch", client.patch(
        f"/api/pairs/{pair['id']}", json={"note": "late", "version": pair["version"]},
        headers=reviewer), 409)
    check(document, "/api/pairs/{pair_id}/suggestions", "get",
          client.get(f"/api/pairs/{pair['id']}/suggestions"), 200)
