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
        beads,
        candidates,
        export,
        files,
        glossary,
        health,
        jobs,
        keys,
        libretranslate,
        metrics,
        openapi,
        pairs,
    )

    return [articles.bp, libretranslate.bp, health.bp, pairs.bp, glossary.bp, alignments.bp,
            export.bp, keys.bp, beads.bp, candidates.bp, files.bp, openapi.bp, metrics.bp,
            jobs.bp]
