"""``wirealign keys``: keys made on the command line open the review API, are
stored only as hashes, and stop working when revoked."""

from __future__ import annotations

import pytest

from service.app import create_app
from service.cli.keys import keys_cli
from service.store import connect
from service.store.articles import PairRecord, TranslationRecord, save_article


@pytest.fixture()
def setup(tmp_path):
    path = tmp_path / "keys.db"
    db = connect(path)
    pair = PairRecord(position=0, kind="body", source="Seoul said.", target="서울은 말했다.",
                      status="machine", origin="machine")
    save_article(db, text="a", segments=[], translations=[TranslationRecord(
        lang="ko", origin="machine", engine="test", engine_version="0", stand_in=False,
        pairs=[pair])])
    pair_id = db.execute("SELECT id FROM pairs").fetchone()[0]
    db.close()
    app = create_app({"DATABASE": str(path), "TESTING": True})
    return app, path, pair_id


def approve(app, pair_id: int, key: str, version: int = 1):
    return app.test_client().patch(f"/api/pairs/{pair_id}", headers={"X-API-Key": key},
                                   json={"state": "approved", "version": version})


def test_add_prints_a_working_key_once_and_stores_its_hash(setup):
    app, path, pair_id = setup
    runner = app.test_cli_runner()
    result = runner.invoke(keys_cli, ["add", "rita", "--role", "reviewer"])
    assert result.exit_code == 0, result.output
    key = result.stdout.strip()
    assert key.startswith("wa_") and len(key) > 20
    db = connect(path)
    stored = [row[0] for row in db.execute("SELECT key_hash FROM api_keys")]
    raw = db.execute("SELECT count(*) FROM api_keys WHERE key_hash = ? OR name = ?",
                     [key, key]).fetchone()[0]
    db.close()
    assert len(stored) == 1 and key not in stored[0] and raw == 0
    response = approve(app, pair_id, key)
    assert response.status_code == 200 and response.get_json()["updated_by"] == "rita"
    listing = runner.invoke(keys_cli, ["list"])
    assert listing.exit_code == 0 and "rita" in listing.output and "reviewer" in listing.output
    assert key not in listing.output and "live" in listing.output


def test_revoke_stops_the_key(setup):
    app, _path, pair_id = setup
    runner = app.test_cli_runner()
    key = runner.invoke(keys_cli, ["add", "ada", "--role", "admin"]).stdout.strip()
    revoked = runner.invoke(keys_cli, ["revoke", "ada"])
    assert revoked.exit_code == 0, revoked.output
    response = approve(app, pair_id, key)
    assert response.status_code == 401
    assert app.test_client().get(f"/api/pairs/{pair_id}").get_json()["status"] == "machine"
    listing = runner.invoke(keys_cli, ["list"]).output
    assert "ada" in listing and "revoked" in listing
    again = runner.invoke(keys_cli, ["revoke", "ada"])
    assert again.exit_code != 0 and "no live key" in again.output


@pytest.mark.parametrize("args, message", [
    (["add", "rita", "--role", "owner"], "owner"),
    (["revoke", "nobody"], "no live key"),
])
def test_bad_commands_fail_clearly(setup, args, message):
    app, _path, _pair_id = setup
    result = app.test_cli_runner().invoke(keys_cli, args)
    assert result.exit_code != 0 and message in result.output


def test_duplicate_name_is_refused(setup):
    app, _path, _pair_id = setup
    runner = app.test_cli_runner()
    assert runner.invoke(keys_cli, ["add", "rita"]).exit_code == 0
    second = runner.invoke(keys_cli, ["add", "rita", "--role", "admin"])
    assert second.exit_code != 0 and "exists already" in second.output


def test_keys_me_names_the_holder(tmp_path):
    from service.app import create_app
    from service.store import connect
    from service.store.keys import add_key, revoke_key

    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "k.db")})
    db = connect(app.config["DATABASE"])
    key = add_key(db, "rita", "reviewer")
    client = app.test_client()
    assert client.get("/api/keys/me", headers={"X-API-Key": key}).json == {
        "name": "rita", "role": "reviewer"}
    assert client.get("/api/keys/me", headers={"X-API-Key": "wa_wrong"}).status_code == 401
    assert client.get("/api/keys/me").status_code == 401
    revoke_key(db, "rita")
    db.close()
    assert client.get("/api/keys/me", headers={"X-API-Key": key}).status_code == 401


def _http_keys(setup):
    app = setup[0]
    runner = app.test_cli_runner()
    admin = runner.invoke(keys_cli, ["add", "ada", "--role", "admin"]).stdout.strip()
    reviewer = runner.invoke(keys_cli, ["add", "rita"]).stdout.strip()
    return app.test_client(), {"X-API-Key": admin}, {"X-API-Key": reviewer}


def test_admins_manage_keys_over_http(setup):
    client, admin, _ = _http_keys(setup)
    made = client.post("/api/keys", headers=admin, json={"name": "kim", "role": "reviewer"})
    assert made.status_code == 201 and made.json["key"].startswith("wa_")
    assert client.get("/api/keys/me", headers={"X-API-Key": made.json["key"]}).json == {
        "name": "kim", "role": "reviewer"}
    names = [row["name"] for row in client.get("/api/keys", headers=admin).json["keys"]]
    assert names == ["ada", "kim", "rita"]
    assert all("key" not in row and "key_hash" not in row
               for row in client.get("/api/keys", headers=admin).json["keys"])
    assert client.post("/api/keys", headers=admin, json={"name": "kim"}).status_code == 409
    assert client.delete("/api/keys/kim", headers=admin).status_code == 200
    assert client.get("/api/keys/me", headers={"X-API-Key": made.json["key"]}).status_code == 401
    assert client.delete("/api/keys/kim", headers=admin).status_code == 404


def test_reviewers_cannot_manage_keys(setup):
    client, _, reviewer = _http_keys(setup)
    assert client.get("/api/keys", headers=reviewer).status_code == 403
    assert client.post("/api/keys", headers=reviewer, json={"name": "x"}).status_code == 403
    assert client.delete("/api/keys/rita", headers=reviewer).status_code == 403
    assert client.get("/api/keys").status_code == 401


@pytest.mark.parametrize("body", [{"name": ""}, {"name": 3}, {"name": "x", "role": "boss"},
                                  {"name": "x", "colour": "red"}])
def test_bad_key_requests_are_400(setup, body):
    client, admin, _ = _http_keys(setup)
    assert client.post("/api/keys", headers=admin, json=body).status_code == 400
