"""Settings come from WIREALIGN_* environment variables and Flask config alike,
and reach the engine; a bad value is a clear error, not a guess."""

from __future__ import annotations

from dataclasses import fields

import pytest

from service.app import create_app
from service.config import engine_settings
from service.engine import EngineError, EngineSettings
from service.engine.settings import KEYS as ENGINE_ENV_KEYS


def test_environment_then_config(tmp_path, standin_packages_dir, monkeypatch):
    monkeypatch.setenv("WIREALIGN_BEAM_SIZE", "3")
    monkeypatch.setenv("WIREALIGN_PACKAGES_DIR", str(standin_packages_dir))
    monkeypatch.setenv("WIREALIGN_DATABASE", str(tmp_path / "env.db"))
    app = create_app({"TESTING": True, "INTRA_THREADS": 1})
    body = app.test_client().post("/api/articles", json={
        "text": "Officials met in Seoul on Monday to discuss the drills.", "targets": ["ko"]}).json
    used = body["translations"][0]["engine"]["settings"]
    assert (used["beam_size"], used["intra_threads"], used["compute_type"]) == (3, 1, "int8")
    assert (tmp_path / "env.db").exists()
    overridden = create_app({"TESTING": True, "BEAM_SIZE": 5})
    with overridden.app_context():
        assert engine_settings().beam_size == 5


@pytest.mark.parametrize(("key", "value", "words"), [
    ("WIREALIGN_DEVICE", "tpu", "device"),
    ("WIREALIGN_BEAM_SIZE", "many", "WIREALIGN_BEAM_SIZE"),
    ("WIREALIGN_COMPUTE_TYPE", "int3", "compute_type"),
])
def test_bad_settings_stop_the_start_with_a_clear_error(tmp_path, monkeypatch, key, value,
                                                         words):
    monkeypatch.setenv(key, value)
    with pytest.raises(EngineError, match=words):
        create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite")})


@pytest.mark.skipif(__import__("ctranslate2").get_cuda_device_count() > 0,
                    reason="this machine has a GPU")
def test_cuda_without_a_gpu_is_refused_at_start(tmp_path):
    with pytest.raises(EngineError, match="WIREALIGN_DEVICE=cpu"):
        create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite"), "DEVICE": "cuda"})
    auto = create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite"), "DEVICE": "auto"})
    assert auto.extensions["wirealign.engine_settings"].device == "auto"


def test_max_batch_size_reaches_the_engine(tmp_path, monkeypatch):
    # Every engine setting the engine knows is read from the app's config.
    monkeypatch.setenv("WIREALIGN_MAX_BATCH_SIZE", "8")
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite")})
    with app.app_context():
        assert engine_settings().max_batch_size == 8


def test_unset_engine_settings_are_the_engines_own_defaults(tmp_path, monkeypatch):
    # A second copy of the defaults in the config once kept the served batch
    # size at 64 after the engine's own default became 16.
    for name in ENGINE_ENV_KEYS:
        monkeypatch.delenv(name, raising=False)
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite")})
    with app.app_context():
        served = engine_settings()
    own = EngineSettings(packages_dir=served.packages_dir)
    for field in fields(EngineSettings):
        assert getattr(served, field.name) == getattr(own, field.name), field.name


@pytest.mark.parametrize(("value", "expected"), [
    ("False", False), ("no", False), ("OFF", False), ("0", False), ("", False),
    ("TRUE", True), ("Yes", True), ("on", True), ("1", True),
])
def test_yes_no_settings_are_read_as_people_write_them(tmp_path, monkeypatch, value, expected):
    monkeypatch.setenv("WIREALIGN_READS_NEED_KEY", value)
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite")})
    assert app.config["READS_NEED_KEY"] is expected
    assert (app.test_client().get("/api/pairs").status_code == 401) is expected


def test_a_yes_no_setting_that_is_neither_stops_the_start(tmp_path, monkeypatch):
    monkeypatch.setenv("WIREALIGN_SUBMIT_NEEDS_KEY", "sometimes")
    with pytest.raises(EngineError, match="WIREALIGN_SUBMIT_NEEDS_KEY"):
        create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite")})
