"""CORS headers for browser clients on other origins (flask-cors, as
LibreTranslate does): every API path, never the review desk, whose pages and
cookies are for the desk's own origin. CORS_ORIGINS is a comma-separated list
("*" for any origin, empty for none)."""

from __future__ import annotations

from flask import Flask
from flask_cors import CORS

# Everything except /review and /review/... pages.
API_PATHS = r"^/(?!review(?:/|$)).*"


def init_app(app: Flask) -> None:
    setting = str(app.config.get("CORS_ORIGINS") or "").strip()
    if not setting:
        return
    origins: str | list[str] = "*" if setting == "*" else [
        origin.strip() for origin in setting.split(",") if origin.strip()]
    CORS(app, resources={API_PATHS: {"origins": origins}},
         expose_headers=["X-Request-Id"], max_age=600)
