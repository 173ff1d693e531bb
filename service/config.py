"""Configuration: defaults, then ``WIREALIGN_*`` environment variables, then the
mapping given to :func:`service.app.create_app` (tests), in that order.

Every key here can be set as ``WIREALIGN_<KEY>`` (``WIREALIGN_BEAM_SIZE=2``).
Flask's ``from_prefixed_env`` parses numbers as JSON; yes/no settings are read
as people write them (true/false, yes/no, on/off, 1/0, any case), and any
other value stops the start. Engine settings are read here, and only here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from .engine import EngineError, EngineSettings
from .engine.settings import KEYS as ENGINE_ENV_KEYS
from .engine.translator import resolve_device

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"

DEFAULTS: dict[str, Any] = {
    # SQLite database file.
    "DATABASE": str(DATA_DIR / "wirealign.db"),
    # Where Argos packages live (installed from the index or from .argosmodel files).
    "PACKAGES_DIR": str(DATA_DIR / "packages"),
    # Engine settings: their defaults are the engine's own (service.engine.settings),
    # written once there (a copy here kept the batch size at 64 after the
    # engine's default became 16).
    **{f.name.upper(): f.default for f in fields(EngineSettings) if f.name != "packages_dir"},
    # Request limits: bytes of a request body and characters of an article.
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    "MAX_TEXT_CHARS": 100_000,
    # Reads (GET) need an API key too when true. Review and glossary writes
    # always need one; submitting articles and alignments needs one when
    # SUBMIT_NEEDS_KEY is true (open by default, as LibreTranslate is).
    "READS_NEED_KEY": False,
    "SUBMIT_NEEDS_KEY": False,
    # Glossary file(s); None means the repository's glossaries/ directory.
    "GLOSSARY_PATH": None,
    # LibreTranslate API: most alternatives a /translate may ask for
    # (alternatives=N), requests a minute per client (0: no limit, as
    # LibreTranslate's --req-limit; a Flask-Limiter limit in the same storage
    # as the rate limits below), browser origins allowed by CORS
    # (comma-separated; "*" any, "" none; never on /review pages).
    "MAX_ALTERNATIVES": 3,
    "REQ_LIMIT": 0,
    "CORS_ORIGINS": "*",
    # /translate_file: where translated files wait for /download_file, and for how long.
    "FILES_DIR": str(DATA_DIR / "files"),
    "FILES_KEEP_SECONDS": 3600,
    # /metrics needs "Authorization: Bearer <token>" when set (as LibreTranslate's).
    "METRICS_TOKEN": "",
    # Admission (service.api.admission): requests that may wait for the engine
    # or the alignment pool at once; alignment workers and tasks waiting.
    "WORK_SLOTS": 32,
    "ALIGN_WORKERS": 1,
    "ALIGN_QUEUE_LIMIT": 8,
    # /health is not ready when the database's disk has less free space (MB).
    "HEALTH_MIN_FREE_MB": 50,
    # Jobs (service.jobs): "inprocess" (embedded worker) or "celery" (engine
    # work on Celery workers through CELERY_BROKER_URL); articles in flight per
    # job; the largest JSONL upload and article count of one job.
    "JOBS_BACKEND": "inprocess",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    # In-process jobs: at most this many articles in flight, and only as many
    # as hold four engine calls' worth of segments per lane (jobs.worker).
    "JOB_PARALLEL_ARTICLES": 32,
    # With Celery: articles (or stale translations) in flight per job, so the
    # workers' queue stays stocked; segments per task (cut across articles),
    # and how long a chunk not yet full waits for more (service.jobs.remote).
    "CELERY_PARALLEL_ARTICLES": 64,
    "CELERY_CHUNK": 16,
    "CELERY_CHUNK_WAIT_MS": 50,
    "JOB_MAX_BYTES": 64 * 1024 * 1024,
    "JOB_MAX_ARTICLES": 10_000,
    # Rate limits on costly POSTs (service.api.limits), Flask-Limiter syntax.
    "RATELIMIT_ENABLED": True,
    # memory:// counts per process; redis://host:port/db shares counts between processes.
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATE_LIMIT_ADDRESS": "300/minute",
    "RATE_LIMIT_KEY": "3000/minute",
}

# The engine's own list of settings, so a new one cannot be left out here.
ENGINE_KEYS = tuple(key.removeprefix("WIREALIGN_") for key in ENGINE_ENV_KEYS)
_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0", "")


class ConfigError(EngineError):
    """A setting that cannot be used; the service does not start with it."""


def load(app: Flask, overrides: Mapping[str, Any] | None = None) -> None:
    """Defaults, then WIREALIGN_* variables, then ``overrides``; yes/no values checked."""
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("WIREALIGN")
    if overrides:
        app.config.from_mapping(overrides)
    for key, default in DEFAULTS.items():
        if isinstance(default, bool):
            app.config[key] = parse_bool(key, app.config.get(key))


def parse_bool(key: str, value: Any) -> bool:
    """A yes/no setting as people write it; anything else is refused."""
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ConfigError(f"WIREALIGN_{key} must be true or false (yes/no, on/off, 1/0), "
                      f"not {value!r}.")


def engine_mapping(config: Mapping[str, Any]) -> dict[str, Any]:
    """The engine's settings as ``WIREALIGN_*`` keys, the names the engine reads."""
    return {f"WIREALIGN_{key}": config[key] for key in ENGINE_KEYS if key in config}


def check_glossary_path(app: Flask) -> None:
    """Refuse to start when WIREALIGN_GLOSSARY_PATH names nothing usable: every
    translation would fail (or run without the glossary) while /health said ok."""
    from .glossary.files import load_glossary

    configured = app.config.get("GLOSSARY_PATH")
    if configured in (None, ""):
        return
    path = Path(configured)
    if not path.exists():
        raise ConfigError(f"WIREALIGN_GLOSSARY_PATH {path} does not exist: point it at a "
                          "glossary .tsv file or a folder of them.")
    if path.is_dir() and not any(path.glob("*.tsv")):
        raise ConfigError(f"WIREALIGN_GLOSSARY_PATH {path} holds no *.tsv glossary file.")
    try:
        load_glossary(path)
    except Exception as error:  # unreadable, not UTF-8, malformed rows
        raise ConfigError(f"WIREALIGN_GLOSSARY_PATH {path} cannot be loaded: "
                          f"{type(error).__name__}: {error}") from None


_SETTINGS_KEY = "wirealign.engine_settings"


def load_engine_settings(app: Flask) -> EngineSettings:
    """Parse and check the app's engine settings once; create_app calls this so
    a typo or device=cuda without a GPU stops the start with a clear message."""
    settings = EngineSettings.from_mapping(engine_mapping(app.config))
    resolve_device(settings.device)
    app.extensions[_SETTINGS_KEY] = settings
    return settings


def engine_settings() -> EngineSettings:
    """The current app's engine settings (parsed again after a test drops them)."""
    return current_app.extensions.get(_SETTINGS_KEY) or load_engine_settings(
        current_app._get_current_object())  # type: ignore[attr-defined]
