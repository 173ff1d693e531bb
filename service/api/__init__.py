"""The JSON API, one blueprint per area. Routes parse and validate the request
(``filters`` and ``common``), call one function of a use case or the store
with plain values, and shape the reply."""

from __future__ import annotations

from flask import Blueprint


def blueprints() -> list[Blueprint]:
    """Every API blueprint (imported here so that ``service.api.filters`` stays light)."""
    from . import (
        alignments,
        articles,
        export,
        glossary,
        health,
        jobs,
        keys,
        libretranslate,
        pairs,
    )

    return [articles.bp, libretranslate.bp, health.bp, pairs.bp, glossary.bp, alignments.bp,
            export.bp, keys.bp, jobs.bp]
