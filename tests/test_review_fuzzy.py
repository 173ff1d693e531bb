"""Fuzzy memory: while editing, approved pairs with a similar source are offered
with their differences; the saving on real story versions is pinned."""

from __future__ import annotations

import pytest

from bench.fuzzy_memory_eval import evaluate
from service import fuzzy
from service.store.articles import PairRecord, TranslationRecord, save_article
from tests.test_review_api import env  # noqa: F401 (a fixture)

REMEMBERED = [
    # (source, target, state, flags)
    ("North Korea fired a ballistic missile toward the East Sea on Tuesday, the JCS said.",
     "북한은 화요일 동해상으로 탄도미사일을 발사했다고 합참이 밝혔다.", "approved", []),
    ("North Korea fired a cruise missile toward the Yellow Sea on Tuesday, the JCS said.",
     "North Korea fired a cruise missile toward the Yellow Sea on Tuesday, the JCS said.",
     "approved", ["stand_in"]),
    ("North Korea fired a ballistic missile toward the East Sea on Monday, the JCS said.",
     "북한은 월요일 동해상으로 탄도미사일을 발사했다고 합참이 밝혔다.", "machine", []),
    ("The price of rice rose sharply in Tokyo supermarkets last month.",
     "지난달 도쿄 슈퍼마켓의 쌀값이 급등했다.", "approved", []),
]
NEW = "North Korea fired two ballistic missiles toward the East Sea on Wednesday, the JCS said."


@pytest.fixture
def remembered(env):  # noqa: F811
    db = env.db()
    pairs = [PairRecord(position=i, kind="body", source=s, target=t, status=st,
                        origin="machine", flags=f) for i, (s, t, st, f) in enumerate(REMEMBERED)]
    pairs.append(PairRecord(position=len(pairs), kind="body", source=NEW, target=NEW,
                            status="machine", origin="machine", flags=["stand_in"]))
    save_article(db, text="remembered", segments=[], translations=[TranslationRecord(
        lang="ko", origin="machine", engine="t", engine_version="0", stand_in=False,
        pairs=pairs)])
    new_id = db.execute("SELECT id FROM pairs WHERE source = ?", [NEW]).fetchone()[0]
    db.close()
    return new_id


def test_suggestions_are_approved_real_and_similar(env, remembered):  # noqa: F811
    response = env.client.get(f"/api/pairs/{remembered}/suggestions")
    assert response.status_code == 200, response.get_json()
    found = response.get_json()["suggestions"]
    # Only the approved, non-stand-in, similar one: not the stand-in copy, not the
    # unreviewed machine pair, not the unrelated sentence, not the pair itself.
    assert [s["source"] for s in found] == [REMEMBERED[0][0]]
    best = found[0]
    assert best["target"] == REMEMBERED[0][1]
    assert 75 <= best["score"] < 100
    assert best["score"] == pytest.approx(fuzzy.similarity(REMEMBERED[0][0], NEW), abs=0.1)
    diff = best["source_diff"]
    assert "".join(p["text"] for p in diff if p["op"] != "new") == REMEMBERED[0][0]
    assert "".join(p["text"] for p in diff if p["op"] != "old") == NEW
    assert {p["text"] for p in diff if p["op"] == "old"} == {"a", "missile", "Tuesday"}
    assert {p["text"] for p in diff if p["op"] == "new"} == {"two", "missiles", "Wednesday"}


def test_suggestions_bad_requests(env, remembered):  # noqa: F811
    assert env.client.get("/api/pairs/999999/suggestions").status_code == 404
    assert env.client.get(f"/api/pairs/{remembered}/suggestions?limit=0").status_code == 400
    assert env.client.get(f"/api/pairs/{remembered}/suggestions?x=1").status_code == 400


def test_below_75_is_not_offered():
    candidates = [{"id": 1, "source": "Kim met Putin in Moscow.", "target": "x"},
                  {"id": 2, "source": "Rice prices rose in Tokyo.", "target": "y"}]
    assert [s["id"] for s in fuzzy.suggestions("Kim met Putin in Vladivostok.", candidates,
                                               limit=5)] == [1]
    assert fuzzy.similarity("Kim met Putin in Moscow.", "Kim met Putin in Vladivostok.") >= 75
    assert fuzzy.similarity("Rice prices rose in Tokyo.", "Kim met Putin in Vladivostok.") < 75


def test_word_diff_joins_back_to_both_texts():
    old, new = "Yoon declared martial law on Tuesday.", "Yoon lifted martial law on Wednesday!"
    pieces = fuzzy.word_diff(old, new)
    assert "".join(p.text for p in pieces if p.op != "new") == old
    assert "".join(p.text for p in pieces if p.op != "old") == new
    assert fuzzy.word_edits(old, new) == 3


# Reported in README.md (bench/fuzzy_memory_eval.py); unseen half.
REPORTED_UNSEEN_SAVED_SHARE = 0.093


def test_saving_on_real_story_versions_is_pinned():
    halves = evaluate()
    unseen = halves["unseen"]
    assert unseen.sentences >= 12 and unseen.suggested >= 1
    assert unseen.saved_share >= REPORTED_UNSEEN_SAVED_SHARE - 0.01
