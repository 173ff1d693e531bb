"""GET /health names the installed pairs and says when a stand-in is active."""

from __future__ import annotations

from service.app import create_app


def test_health_lists_pairs_and_flags_stand_ins(client):
    body = client.get("/health").json
    assert body["status"] == "ok"
    assert sorted(lang["target"] for lang in body["languages"]) == ["ja", "ko"]
    assert all(lang["stand_in"] for lang in body["languages"])
    assert all(lang["version"] for lang in body["languages"])
    assert body["stand_in"] is True and "STAND-IN" in body["warning"]


def test_health_without_models_is_degraded_and_says_what_is_missing(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite"),
                      "PACKAGES_DIR": str(tmp_path / "none")})
    body = app.test_client().get("/health").json
    assert body["status"] == "degraded"
    assert body["missing"] == ["ko", "ja"]
    assert body["stand_in"] is False and "warning" not in body


def test_unknown_route_and_method_are_json(client):
    assert client.get("/api/nothing").json["error"]
    response = client.delete("/health")
    assert response.status_code == 405 and response.json["error"]
