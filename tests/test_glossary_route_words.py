"""/api/glossary/<entry_id> sits beside /api/glossary/changes, /export, ...:
an entry whose id is one of those words could not be told from the route, so
the glossary check refuses such ids, through the API as well."""

from __future__ import annotations

import pytest
from werkzeug.routing import Rule

from service.glossary.check import ROUTE_WORDS
from tests.test_glossary_api import NEW_ENTRY

PREFIX = "/api/glossary/"


def _route_words(rules: list[Rule]) -> set[str]:
    """The fixed words right after /api/glossary/ in the app's routes."""
    words = set()
    for rule in rules:
        if rule.rule.startswith(PREFIX):
            first = rule.rule[len(PREFIX):].split("/")[0]
            if first and "<" not in first:
                words.add(first)
    return words


def test_every_route_word_beside_an_entry_id_is_refused_as_an_id(app):
    words = _route_words(list(app.url_map.iter_rules()))
    assert "changes" in words  # the check below reads the real routes
    assert words == ROUTE_WORDS, f"ROUTE_WORDS should be {sorted(words)}"


@pytest.mark.parametrize("word", sorted(ROUTE_WORDS))
def test_an_entry_named_like_a_route_is_refused_and_nothing_changes(
        seed_glossary_app, keys, word):
    client = seed_glossary_app.test_client()
    before = client.get("/api/glossary").json
    reply = client.post("/api/glossary", json={**NEW_ENTRY, "id": word},
                        headers={"X-API-Key": keys["admin"]})
    assert reply.status_code == 422
    assert f"id '{word}' is a word of the glossary's routes" in reply.json["error"]
    assert client.get("/api/glossary").json == before
    # An id that merely contains the word is fine.
    fine = client.post("/api/glossary", json={**NEW_ENTRY, "id": f"{word}-office"},
                       headers={"X-API-Key": keys["admin"]})
    assert fine.status_code == 201
