"""Glossary governance (issue 9): the seed file plus the database's changes are
one glossary (API, check, export); entries are retired and changes reverted;
a reviewer's change is a proposal an admin approves, shown with the stored
pairs it would alter; a case-blind entry for a common English word is refused
for everyone."""

from __future__ import annotations

import pytest

from service.cli import cli
from service.store import connect
from service.store.keys import add_key
from tests.conftest import SEED_GLOSSARY

ENTRY = {
    "id": "unification-ministry", "kind": "organisation", "en": "Ministry of Unification",
    "en_variants": "Unification Ministry", "ko": "통일부", "ja": "統一省",
    "case": "tolerant", "status": "unverified", "source": "test", "note": "",
}
ARTICLE = """Seoul reviews inter-Korean policy

SEOUL, Nov. 9 (Yonhap) -- The Ministry of Unification said Monday it would review its policy.
Jake Sullivan met officials in Washington.
The Unification Ministry declined to comment further.
"""


@pytest.fixture
def app(seed_glossary_app):
    return seed_glossary_app


def _as(keys, role):
    return {"X-API-Key": keys[role]}


def _ids(client):
    return {e["id"] for e in client.get("/api/glossary").json["entries"]}


def test_a_reviewers_change_waits_for_an_admin_with_the_pairs_it_would_alter(client, keys):
    article = client.post("/api/articles", json={"text": ARTICLE, "targets": ["ko", "ja"]})
    assert article.status_code == 201
    before = client.get("/api/glossary").json["version"]
    proposed = client.post("/api/glossary", json=ENTRY, headers=_as(keys, "reviewer"))
    assert proposed.status_code == 202
    proposal = proposed.json["proposal"]
    # Two sentences name the ministry, in two target languages: four pairs.
    assert (proposal["state"], proposal["affected_pairs"]) == ("pending", 4)
    assert proposal["before"] is None and proposal["after"]["ko"] == "통일부"
    assert "unification-ministry" not in _ids(client)
    assert client.get("/api/glossary").json["version"] == before

    listed = client.get("/api/glossary/proposals").json["proposals"]
    assert [p["id"] for p in listed] == [proposal["id"]]
    approve = f"/api/glossary/proposals/{proposal['id']}/approve"
    assert client.post(approve, headers=_as(keys, "reviewer")).status_code == 403
    done = client.post(approve, headers=_as(keys, "admin"))
    assert done.status_code == 200 and done.json["proposal"]["state"] == "approved"
    assert done.json["proposal"]["change_id"]
    assert "unification-ministry" in _ids(client)
    assert client.post(approve, headers=_as(keys, "admin")).status_code == 409
    assert client.get("/api/glossary/proposals").json["count"] == 0


def test_a_rejected_proposal_changes_nothing(client, keys):
    proposed = client.post("/api/glossary/jake-sullivan/retire", headers=_as(keys, "reviewer"))
    assert proposed.status_code == 202
    assert proposed.json["proposal"]["action"] == "retire"
    rejected = client.post(f"/api/glossary/proposals/{proposed.json['proposal']['id']}/reject",
                           headers=_as(keys, "admin"))
    assert rejected.status_code == 200 and rejected.json["proposal"]["state"] == "rejected"
    assert "jake-sullivan" in _ids(client)
    assert client.get("/api/glossary/proposals?state=rejected").json["count"] == 1
    assert client.get("/api/glossary/proposals?state=maybe").status_code == 400
    assert client.post("/api/glossary/proposals/999/approve",
                       headers=_as(keys, "admin")).status_code == 404


def test_approval_checks_the_glossary_as_it_is_then(client, keys):
    first = client.post("/api/glossary", json=ENTRY, headers=_as(keys, "reviewer")).json
    clash = {**ENTRY, "id": "unification-ministry-2", "ja": "統一部"}
    second = client.post("/api/glossary", json=clash, headers=_as(keys, "reviewer")).json
    assert client.post(f"/api/glossary/proposals/{first['proposal']['id']}/approve",
                       headers=_as(keys, "admin")).status_code == 200
    blocked = client.get(f"/api/glossary/proposals/{second['proposal']['id']}").json
    assert "check" in blocked["blocked"]
    refused = client.post(f"/api/glossary/proposals/{second['proposal']['id']}/approve",
                          headers=_as(keys, "admin"))
    assert refused.status_code == 422
    assert client.get(f"/api/glossary/proposals/{second['proposal']['id']}").json[
        "state"] == "pending"


@pytest.mark.parametrize("form", ["The", "State", "House", "The One"])
@pytest.mark.parametrize("role", ["reviewer", "admin"])
def test_a_tolerant_entry_for_a_common_word_is_refused_whoever_sends_it(client, keys, form,
                                                                       role):
    entry = {**ENTRY, "id": "common", "en": form, "en_variants": ""}
    refused = client.post("/api/glossary", json=entry, headers=_as(keys, role))
    assert refused.status_code == 422
    assert "common" in refused.json["error"] or "stop words" in refused.json["error"]
    as_variant = {**ENTRY, "en_variants": form}
    assert client.post("/api/glossary", json=as_variant,
                       headers=_as(keys, role)).status_code == 422
    assert "common" not in _ids(client)


def test_names_and_exact_entries_are_not_common_words(client, keys):
    for entry in ({**ENTRY, "id": "house-exact", "en": "House", "en_variants": "",
                   "case": "exact"},
                  {**ENTRY, "id": "rodong", "en": "Rodong Sinmun", "en_variants": ""},
                  {**ENTRY, "id": "jcs", "en": "JCS", "en_variants": ""}):
        added = client.post("/api/glossary", json=entry, headers=_as(keys, "admin"))
        assert added.status_code == 201, added.json
    # Correcting a seed entry keeps its forms: only new forms are judged.
    washington = next(e for e in client.get("/api/glossary?q=washington").json["entries"]
                      if e["id"] == "washington")
    fixed = client.put("/api/glossary/washington", json={**washington, "note": "checked"},
                       headers=_as(keys, "admin"))
    assert fixed.status_code == 200, fixed.json


def test_retire_stops_applying_an_entry_and_revert_brings_it_back(client, keys):
    said = {"q": "Jake Sullivan said so.", "source": "en", "target": "ja"}
    assert "サリバン" in client.post("/translate", json=said).json["translatedText"]
    retired = client.post("/api/glossary/jake-sullivan/retire", headers=_as(keys, "admin"))
    assert retired.status_code == 200 and retired.json["change"]["new"] is None
    assert "jake-sullivan" not in _ids(client)
    assert [e["id"] for e in client.get("/api/glossary/retired").json["entries"]] == [
        "jake-sullivan"]
    assert "サリバン" not in client.post("/translate", json=said).json["translatedText"]
    assert client.post("/api/glossary/jake-sullivan/retire",
                       headers=_as(keys, "admin")).status_code == 404
    # A retired id is not silently re-used by an addition.
    again = client.post("/api/glossary", json={**ENTRY, "id": "jake-sullivan"},
                        headers=_as(keys, "admin"))
    assert again.status_code == 409

    change = retired.json["change"]["id"]
    back = client.post(f"/api/glossary/changes/{change}/revert", headers=_as(keys, "admin"))
    assert back.status_code == 200, back.json
    assert "jake-sullivan" in _ids(client)
    assert client.get("/api/glossary/retired").json["count"] == 0
    assert "サリバン" in client.post("/translate", json=said).json["translatedText"]


def test_any_change_can_be_reverted_latest_first(client, keys):
    seed = next(e for e in client.get("/api/glossary?q=sullivan").json["entries"])
    version = client.get("/api/glossary").json["version"]
    first = client.put("/api/glossary/jake-sullivan", json={**seed, "ja": "サリヴァン"},
                       headers=_as(keys, "admin")).json["change"]["id"]
    second = client.put("/api/glossary/jake-sullivan", json={**seed, "ja": "サリバン氏"},
                        headers=_as(keys, "admin")).json["change"]["id"]
    early = client.post(f"/api/glossary/changes/{first}/revert", headers=_as(keys, "admin"))
    assert early.status_code == 409 and str(second) in early.json["error"]
    assert client.post(f"/api/glossary/changes/{second}/revert",
                       headers=_as(keys, "admin")).status_code == 200
    assert client.get("/api/glossary?q=sullivan").json["entries"][0]["ja"] == "サリヴァン"
    # The first change's result stands again, so it can be undone: back to the seed.
    assert client.post(f"/api/glossary/changes/{first}/revert",
                       headers=_as(keys, "admin")).status_code == 200
    assert client.get("/api/glossary?q=sullivan").json["entries"][0] == seed
    assert client.get("/api/glossary").json["version"] == version
    db = connect(client.application.config["DATABASE"])
    # The file governs the entry again: no database form is left to mask it.
    assert db.execute("SELECT count(*) FROM glossary_entries").fetchone()[0] == 0
    db.close()


def test_reverting_an_addition_retires_it_and_a_reviewers_revert_is_a_proposal(client, keys):
    added = client.post("/api/glossary", json=ENTRY, headers=_as(keys, "admin")).json
    change = added["change"]["id"]
    proposed = client.post(f"/api/glossary/changes/{change}/revert",
                           headers=_as(keys, "reviewer"))
    assert proposed.status_code == 202
    assert proposed.json["proposal"]["after"] is None
    assert "unification-ministry" in _ids(client)
    assert client.post(f"/api/glossary/proposals/{proposed.json['proposal']['id']}/approve",
                       headers=_as(keys, "admin")).status_code == 200
    assert "unification-ministry" not in _ids(client)
    assert client.post("/api/glossary/changes/9999/revert",
                       headers=_as(keys, "admin")).status_code == 404


def test_cli_check_and_export_read_the_glossary_in_force(client, keys, runner):
    assert client.post("/api/glossary", json=ENTRY, headers=_as(keys, "admin")).status_code == 201
    exported = runner.invoke(cli, ["glossary", "export", "--format", "deepl-tsv", "--to", "ko"])
    assert exported.exit_code == 0, exported.output
    assert "Ministry of Unification\t통일부" in exported.output
    checked = runner.invoke(cli, ["glossary", "check"])
    assert checked.exit_code == 0, checked.output
    count = client.get("/api/glossary").json["count"]
    assert f"{count} entries" in checked.output and "wirealign.db" in checked.output
    # A named file is checked alone.
    seed = runner.invoke(cli, ["glossary", "check", SEED_GLOSSARY])
    assert f"{count - 1} entries" in seed.output


def test_cli_retires_reverts_and_decides_proposals(client, keys, runner):
    retired = runner.invoke(cli, ["glossary", "retire", "jake-sullivan", "--by", "ops"])
    assert retired.exit_code == 0, retired.output
    assert "jake-sullivan" not in _ids(client)
    exported = runner.invoke(cli, ["glossary", "export", "--format", "wirealign-tsv"])
    assert "jake-sullivan" not in exported.output
    changes = runner.invoke(cli, ["glossary", "changes"])
    change_id = changes.output.split("\t")[0]
    assert "ops\tjake-sullivan\tretired" in changes.output
    reverted = runner.invoke(cli, ["glossary", "revert", change_id])
    assert reverted.exit_code == 0, reverted.output
    assert "jake-sullivan" in _ids(client)
    assert runner.invoke(cli, ["glossary", "revert", "424242"]).exit_code == 1

    proposal = client.post("/api/glossary", json=ENTRY, headers=_as(keys, "reviewer")).json[
        "proposal"]
    listed = runner.invoke(cli, ["glossary", "proposals"])
    assert f"{proposal['id']}\trita\tadd\tunification-ministry" in listed.output
    approved = runner.invoke(cli, ["glossary", "approve", str(proposal["id"])])
    assert approved.exit_code == 0 and "approved" in approved.output
    assert "unification-ministry" in _ids(client)
    assert runner.invoke(cli, ["glossary", "reject", str(proposal["id"])]).exit_code == 1


def test_two_admins_approving_at_once_apply_a_proposal_once(app, keys):
    from concurrent.futures import ThreadPoolExecutor

    db = connect(app.config["DATABASE"])
    second_admin = add_key(db, "bo", "admin")
    db.close()
    client = app.test_client()
    proposal = client.post("/api/glossary", json=ENTRY, headers=_as(keys, "reviewer")).json[
        "proposal"]
    url = f"/api/glossary/proposals/{proposal['id']}/approve"

    def approve(key):
        return app.test_client().post(url, headers={"X-API-Key": key}).status_code

    with ThreadPoolExecutor(2) as pool:
        codes = sorted(pool.map(approve, [keys["admin"], second_admin]))
    assert codes == [200, 409]
    changes = client.get("/api/glossary/changes").json["changes"]
    assert [c["entry_id"] for c in changes] == ["unification-ministry"]
