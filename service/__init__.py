"""wirealign: English news-wire articles in, aligned Korean and Japanese
sentence pairs out, reviewed and exported as a bilingual corpus."""

from __future__ import annotations

from typing import Any

from flask import Flask

from . import config as config_module

__version__ = "0.1.0"


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """The application factory: configuration, database, blueprints."""
    app = Flask(__name__)
    app.config.from_mapping(config_module.DEFAULTS)
    app.config.from_prefixed_env("WIREALIGN")
    if config:
        app.config.from_mapping(config)
    app.json.ensure_ascii = False  # Korean and Japanese stay readable in responses

    from . import errors, store

    # Bad engine settings (a typo, device=cuda without a GPU) stop the start
    # with a clear message instead of failing the first request.
    config_module.load_engine_settings(app)

    store.init_app(app)
    errors.init_app(app)
    app.url_map.converters["int"] = errors.SqliteIntConverter

    from .api import BLUEPRINTS
    from .review import bp as review_bp

    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.register_blueprint(review_bp)
    return app
