"""Translation memory: approved pairs are reused for the same source sentence
instead of calling the engine."""

from __future__ import annotations

from service.store import connect
from service.store.memory import memory_key

FIRST = """North Korea fires missile

SEOUL, Nov. 5 (Yonhap) -- North Korea fired a ballistic missile on Tuesday, the military said.
The missile flew about 1,000 kilometers before landing in the sea.
"""
UPDATE = """North Korea fires missile (2nd LD)

SEOUL, Nov. 5 (Yonhap) -- North Korea fired a ballistic missile on Tuesday, the military said.
The missile flew  about 1,000 kilometers before landing in the sea.
Japan’s government lodged a protest.
"""


def approve_all(app, target: str) -> None:
    """What review does when a person writes every target and approves it (a
    person's target is no stand-in copy any more: the flag goes)."""
    db = connect(app.config["DATABASE"])
    db.execute("UPDATE pairs SET status = 'approved', target = '승인: ' || source, flags = '[]' "
               "WHERE lang = ? AND target IS NOT NULL", [target])
    db.close()


def test_approved_sentences_come_from_memory_not_the_engine(client, app, engine_calls):
    assert client.post("/api/articles", json={"text": FIRST, "targets": ["ko"]}).status_code == 201
    approve_all(app, "ko")

    calls = engine_calls
    calls.clear()  # count only the second article's calls
    body = client.post("/api/articles", json={"text": UPDATE, "targets": ["ko", "ja"]}).json
    by_lang = {t["target"]: t for t in body["translations"]}
    ko = {memory_key(p["source"]): p for p in by_lang["ko"]["pairs"]}
    # Same sentence after whitespace normalisation: reused, marked as memory.
    spaced = memory_key("The missile flew about 1,000 kilometers before landing in the sea.")
    assert ko[spaced]["origin"] == "memory"
    assert ko[spaced]["target"].startswith("승인: The missile flew about")
    dateline_body = next(p for p in ko.values() if p["kind"] == "dateline")
    assert dateline_body["origin"] == "memory"
    # New and changed sentences still go to the engine: title and the protest.
    assert ko[memory_key("Japan’s government lodged a protest.")]["origin"] == "machine"
    assert by_lang["ko"]["timings"]["segments_from_memory"] >= 3
    # ja has no approved pairs: everything goes to the engine.
    assert all(p["origin"] != "memory" for p in by_lang["ja"]["pairs"])
    ko_engine = by_lang["ko"]["timings"]["segments_to_engine"]
    ja_engine = by_lang["ja"]["timings"]["segments_to_engine"]
    assert sum(calls) == ko_engine + ja_engine and ko_engine < len(by_lang["ja"]["pairs"])


def test_memory_key_normalises_quotes_and_space():
    assert memory_key("Japan’s  “firm”\tresponse ") == 'Japan\'s "firm" response'


def test_stand_in_output_is_never_reused_even_when_approved(client, app, engine_calls):
    assert client.post("/api/articles", json={"text": FIRST, "targets": ["ko"]}).status_code == 201
    db = connect(app.config["DATABASE"])
    # Approved as it is: the words are still the stand-in's copy of the source.
    db.execute("UPDATE pairs SET status = 'approved' WHERE lang = 'ko' AND target IS NOT NULL")
    flags = [row[0] for row in db.execute("SELECT flags FROM pairs WHERE lang = 'ko' "
                                          "AND target IS NOT NULL")]
    db.close()
    assert flags and all('"stand_in"' in f for f in flags)  # approval keeps the mark
    body = client.post("/api/articles", json={"text": UPDATE, "targets": ["ko"]}).json
    pairs = body["translations"][0]["pairs"]
    assert all(p["origin"] != "memory" for p in pairs)
    assert body["translations"][0]["timings"]["segments_from_memory"] == 0


def test_a_reviewers_new_target_is_reusable(client, app):
    assert client.post("/api/articles", json={"text": FIRST, "targets": ["ko"]}).status_code == 201
    from service.store.keys import add_key
    db = connect(app.config["DATABASE"])
    key = add_key(db, "rita", "reviewer")
    pair = db.execute("SELECT id, version FROM pairs WHERE lang = 'ko' AND kind = 'body' "
                      "AND source LIKE 'The missile%'").fetchone()
    db.close()
    response = client.patch(f"/api/pairs/{pair[0]}", headers={"X-API-Key": key},
                            json={"target": "미사일은 약 1,000km를 비행했다.", "state": "approved",
                                  "version": pair[1]})
    assert response.status_code == 200, response.json
    assert "stand_in" not in response.json["flags"]
    body = client.post("/api/articles", json={"text": UPDATE, "targets": ["ko"]}).json
    reused = [p for p in body["translations"][0]["pairs"] if p["origin"] == "memory"]
    assert [p["target"] for p in reused] == ["미사일은 약 1,000km를 비행했다."]
