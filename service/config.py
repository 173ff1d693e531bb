"""Configuration: defaults, then ``WIREALIGN_*`` environment variables, then the
mapping given to :func:`service.create_app` (tests), in that order.

Every key here can be set as ``WIREALIGN_<KEY>`` (``WIREALIGN_BEAM_SIZE=2``);
Flask's ``from_prefixed_env`` parses numbers and booleans as JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from .engine import EngineSettings
from .engine.translator import resolve_device

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"

DEFAULTS: dict[str, Any] = {
    # SQLite database file.
    "DATABASE": str(DATA_DIR / "wirealign.db"),
    # Where Argos packages live (installed from the index or from .argosmodel files).
    "PACKAGES_DIR": str(DATA_DIR / "packages"),
    # Engine settings (see service.engine.settings).
    "BEAM_SIZE": 4,
    "COMPUTE_TYPE": "int8",
    "INTER_THREADS": 0,
    "INTRA_THREADS": 0,
    "DEVICE": "auto",
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
}

ENGINE_KEYS = ("PACKAGES_DIR", "BEAM_SIZE", "COMPUTE_TYPE", "INTER_THREADS", "INTRA_THREADS",
               "DEVICE")


def engine_mapping(config: Mapping[str, Any]) -> dict[str, Any]:
    """The engine's settings as ``WIREALIGN_*`` keys, the names the engine reads."""
    return {f"WIREALIGN_{key}": config[key] for key in ENGINE_KEYS if key in config}


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
