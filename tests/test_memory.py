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
    db = connect(app.config["DATABASE"])
    db.execute("UPDATE pairs SET status = 'approved', target = '승인: ' || source "
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
