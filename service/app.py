"""The application factory: configuration, database, error answers, blueprints."""

from __future__ import annotations

from typing import Any

from flask import Flask

from . import config, errors, store
from .api import admission, blueprints, cors, metrics, openapi
from .review import bp as review_bp


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then ``WIREALIGN_*`` variables, then ``overrides``."""
    app = Flask(__name__)
    config.load(app, overrides)
    app.json.ensure_ascii = False  # Korean and Japanese stay readable in responses

    # Bad engine settings (a typo, device=cuda without a GPU) stop the start
    # with a clear message instead of failing the first request.
    config.load_engine_settings(app)
    config.check_glossary_path(app)  # a bad glossary path stops the start too

    store.init_app(app)
    metrics.init_app(app)  # first: every request is timed, logged and given an id
    errors.init_app(app)
    openapi.init_app(app)  # after errors: bodies are read safely first
    app.url_map.converters["int"] = errors.SqliteIntConverter
    for blueprint in (*blueprints(), review_bp):
        app.register_blueprint(blueprint)
    cors.init_app(app)
    admission.init_app(app)  # work slots, rate limits, 503 + Retry-After when full
    return app
