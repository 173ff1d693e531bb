"""A sick host answers clearly: a full disk 507 and a read-only database 503,
as JSON with the cause (exports too); /health says not ready and why; a bad
glossary path stops the start."""

from __future__ import annotations

import shutil
from collections import namedtuple

import pytest

import service.store
from service.app import create_app
from service.config import ConfigError
from service.store import health as store_health

ARTICLE = ("North Korea fired a ballistic missile on Tuesday, officials said. "
           "The missile flew about 1,000 kilometers before landing in the sea.")


@pytest.fixture
def sick_connections(monkeypatch):
    """Make every new request connection sick in the way the test names."""
    real_connect = service.store.connect
    state = {"sickness": None}

    def connect(path):
        db = real_connect(path)
        if state["sickness"] == "full":
            # No page may be added: SQLite answers SQLITE_FULL, as on a full disk.
            pages = db.execute("PRAGMA page_count").fetchone()[0]
            db.execute(f"PRAGMA max_page_count = {pages}")
        elif state["sickness"] == "read-only":
            db.execute("PRAGMA query_only = 1")  # SQLITE_READONLY on any write
        return db

    monkeypatch.setattr(service.store, "connect", connect)
    return state


def test_a_full_disk_answers_507_json_with_the_cause(client, sick_connections):
    assert client.get("/health").status_code == 200  # migrated while healthy
    sick_connections["sickness"] = "full"
    # Longer than a page: it needs pages the "disk" no longer has.
    long_article = " ".join(f"{ARTICLE} Talks number {i} ended." for i in range(40))
    reply = client.post("/api/articles", json={"text": long_article, "targets": ["ko"]})
    assert reply.status_code == 507
    assert "disk" in reply.json["error"] and "full" in reply.json["error"]
    sick_connections["sickness"] = None
    assert client.get("/api/articles").json["articles"] == []  # nothing half-stored


def test_a_read_only_database_answers_503_json_and_health_says_why(client, sick_connections):
    assert client.get("/health").status_code == 200
    sick_connections["sickness"] = "read-only"
    reply = client.post("/api/articles", json={"text": ARTICLE, "targets": ["ko"]})
    assert reply.status_code == 503 and "read-only" in reply.json["error"]
    assert reply.headers["Retry-After"]
    health = client.get("/health")
    assert health.status_code == 503 and health.json["status"] == "not ready"
    assert health.json["ready"] is False
    assert any("read-only" in problem for problem in health.json["problems"])


def test_an_export_from_a_database_that_cannot_be_opened_is_json(app, tmp_path):
    app.config["DATABASE"] = str(tmp_path)  # a folder: SQLite cannot open it
    reply = app.test_client().get("/api/export?format=tmx")
    assert reply.status_code == 503
    assert reply.mimetype == "application/json" and "cannot be read" in reply.json["error"]


def test_health_is_not_ready_when_the_disk_is_nearly_full(client, monkeypatch):
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(store_health.shutil, "disk_usage",
                        lambda path: usage(10**10, 10**10 - 10**6, 10**6))
    health = client.get("/health")
    assert health.status_code == 503
    assert any("nearly full" in problem for problem in health.json["problems"])


def test_health_is_not_ready_when_the_glossary_cannot_be_loaded(tmp_path, standin_packages_dir):
    glossary = tmp_path / "glossary.tsv"
    shutil.copy(service.config.PROJECT_ROOT / "glossaries" / "wirealign.tsv", glossary)
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite"),
                      "PACKAGES_DIR": str(standin_packages_dir),
                      "GLOSSARY_PATH": str(glossary)})
    glossary.unlink()  # gone after the start: every translation would now fail
    health = app.test_client().get("/health")
    assert health.status_code == 503
    assert any(problem.startswith("glossary:") for problem in health.json["problems"])


def test_health_is_not_ready_when_a_model_cannot_be_loaded(tmp_path, standin_packages_dir):
    packages = tmp_path / "packages"
    shutil.copytree(standin_packages_dir, packages)
    [model] = [p for p in packages.glob("*/model/model.bin") if "ja" in p.parent.parent.name]
    model.write_bytes(b"not a model")
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite"),
                      "PACKAGES_DIR": str(packages)})
    health = app.test_client().get("/health")
    assert health.status_code == 503
    assert any(problem.startswith("model en->ja") for problem in health.json["problems"])


@pytest.mark.parametrize("bad", ["missing.tsv", "empty-folder"])
def test_the_service_refuses_to_start_on_a_bad_glossary_path(tmp_path, standin_packages_dir,
                                                             bad):
    (tmp_path / "empty-folder").mkdir()
    with pytest.raises(ConfigError, match="WIREALIGN_GLOSSARY_PATH"):
        create_app({"DATABASE": str(tmp_path / "db.sqlite"),
                    "PACKAGES_DIR": str(standin_packages_dir),
                    "GLOSSARY_PATH": str(tmp_path / bad)})
