"""Fixing alignment links by hand over the API: merge, split, move a sentence
to the neighbouring pair, undo; on real bilingual excerpts stored with the
wrong links an aligner makes (tests/beads_material.py)."""

from __future__ import annotations

import pytest

from service.app import create_app
from service.store import connect
from service.store.keys import add_key

from .beads_material import JA, JA_EN, KO, KO_EN, seed_human


class Env:
    def __init__(self, tmp_path, lang: str, **seed_options) -> None:
        self.path = tmp_path / f"beads-{lang}.db"
        db = connect(self.path)
        self.article = seed_human(db, lang, **seed_options)
        self.key = add_key(db, "rita", "reviewer")
        db.close()
        self.lang = lang
        self.client = create_app({"DATABASE": str(self.path), "TESTING": True}).test_client()

    def post(self, url: str, body: dict, key: str | None = "default"):
        headers = {"X-API-Key": self.key if key == "default" else key} if key else {}
        return self.client.post(url, json=body, headers=headers)

    def pairs(self, lang: str | None = None) -> list[dict]:
        db = connect(self.path)
        rows = list(db.query(
            "SELECT * FROM pairs WHERE article_id = ? AND lang = ? ORDER BY position",
            [self.article, lang or self.lang]))
        db.close()
        return rows

    def history(self, pair_id: int) -> list[dict]:
        db = connect(self.path)
        rows = list(db.query("SELECT * FROM pair_history WHERE pair_id = ? ORDER BY id",
                             [pair_id]))
        db.close()
        return rows

    def at(self, position: int) -> dict:
        return self.pairs()[position]

    def versions(self, *rows: dict) -> dict[str, int]:
        return {str(row["id"]): row["version"] for row in rows}

    def merge(self, first: int, second: int, **extra):
        a, b = self.at(first), self.at(second)
        return self.post(f"/api/pairs/{a['id']}/merge",
                         {"with": b["id"], "versions": self.versions(a, b), **extra})

    def split(self, position: int, source_at: int, target_at: int):
        row = self.at(position)
        return self.post(f"/api/pairs/{row['id']}/split", {
            "source_at": source_at, "target_at": target_at, "version": row["version"]})

    def move(self, position: int, side: str, direction: str):
        row = self.at(position)
        other = self.at(position + (1 if direction == "down" else -1))
        return self.post(f"/api/pairs/{row['id']}/repair", {
            "side": side, "direction": direction, "versions": self.versions(row, other)})


@pytest.fixture()
def ko(tmp_path):
    return Env(tmp_path, "ko")


@pytest.fixture()
def ja(tmp_path):
    return Env(tmp_path, "ja", with_machine=True)


def links(rows: list[dict]) -> list[tuple[str, str | None]]:
    return [(row["source"], row["target"]) for row in rows]


def test_moving_sentences_to_the_neighbour_fixes_a_shift_by_one(ko):
    """The issue's case: the last sentences shifted by one; three moves and a
    split give every English sentence its own Korean sentence."""
    before = ko.pairs()
    assert [row["bead"] for row in before] == ["1-1", "1-1", "1-1", "1-2", "1-1", "1-1", "2-1"]
    for position in (3, 4, 5):  # give the extra Korean sentence to the next pair
        response = ko.move(position, "target", "down")
        assert response.status_code == 200, response.json
    response = ko.split(6, 1, 1)
    assert response.status_code == 200, response.json
    after = ko.pairs()
    assert links(after) == list(zip(KO_EN, KO, strict=True))
    assert [row["position"] for row in after] == list(range(8))
    assert all(row["bead"] == "1-1" for row in after)
    # The untouched pairs are as they were; each fixed one is the reviewer's.
    assert after[:3] == before[:3]
    for row in after[3:]:
        assert (row["status"], row["updated_by"], row["score"]) == ("edited", "rita", None)
        assert "weak_alignment" not in row["flags"]
    # The split kept the pair's id for the first part and made one new pair.
    assert after[6]["id"] == before[6]["id"] and after[7]["id"] > max(r["id"] for r in before)
    notes = [h["note"] for h in ko.history(after[4]["id"])]
    assert len(notes) == 2 and all("link change" in n and "moved a target sentence" in n
                                   for n in notes)
    changes = ko.client.get(f"/api/articles/{ko.article}/link-changes?lang=ko").json["changes"]
    assert [c["operation"] for c in changes] == ["split", "repair", "repair", "repair"]
    # The old links are kept: the first move replaced 1-2 + 1-1.
    assert [(p["id"], p["bead"]) for p in changes[-1]["before"]] == [
        (before[3]["id"], "1-2"), (before[4]["id"], "1-1")]


def test_merge_a_one_sided_pair_with_its_partner_and_split_a_2_2(ja):
    before = ja.pairs()
    assert [row["bead"] for row in before] == ["1-1", "1-0", "0-1", "2-2", "1-1"]
    response = ja.merge(1, 2, note="the 0-1 is the translation of the 1-0")
    assert response.status_code == 200, response.json
    body = response.json
    assert body["removed"] == [before[2]["id"]]
    [merged] = body["pairs"]
    assert (merged["id"], merged["bead"], merged["source"], merged["target"]) == (
        before[1]["id"], "1-1", JA_EN[1], JA[1])
    assert merged["flags"] == [] and merged["status"] == "edited"
    assert merged["version"] == before[1]["version"] + 1
    assert merged["history"][-1]["note"].endswith("the 0-1 is the translation of the 1-0")
    assert body["change"]["operation"] == "merge"
    response = ja.split(2, 1, 1)
    assert response.status_code == 200, response.json
    assert [p["bead"] for p in response.json["pairs"]] == ["1-1", "1-1"]
    assert links(ja.pairs()) == list(zip(JA_EN, JA, strict=True))
    # The machine translation of the same article is untouched.
    assert all(row["status"] == "machine" for row in ja.pairs("ko"))


def test_merged_sides_are_joined_as_each_language_writes(ja, ko):
    response = ja.merge(0, 1)
    assert response.json["pairs"][0]["target"] == JA[0]  # the 1-0 adds no Japanese
    response = ja.merge(0, 1)
    merged = response.json["pairs"][0]
    assert merged["source"] == " ".join(JA_EN[:2])
    assert merged["target"] == JA[0] + JA[1]  # Japanese: no space between sentences
    assert merged["bead"] == "2-2"
    merged = ko.merge(1, 2).json["pairs"][0]
    assert merged["target"] == f"{KO[1]} {KO[2]}" and merged["bead"] == "2-2"
    sentences = ko.client.get(f"/api/pairs/{merged['id']}/sentences").json
    assert sentences["source"] == KO_EN[1:3] and sentences["target"] == KO[1:3]
    assert sentences["previous"]["id"] == ko.at(0)["id"]
    assert sentences["next"]["id"] == ko.at(2)["id"]


def test_undo_puts_back_the_old_links_with_their_history(ja):
    before = ja.pairs()
    # The 0-1 pair has a history of its own before it is merged away.
    patched = ja.client.patch(f"/api/pairs/{before[2]['id']}", json={
        "state": "approved", "version": before[2]["version"]},
        headers={"X-API-Key": ja.key})
    assert patched.status_code == 200
    before = ja.pairs()
    old_history = ja.history(before[2]["id"])
    change = ja.merge(1, 2).json["change"]
    assert len(ja.pairs()) == 4 and ja.history(before[2]["id"]) == []
    response = ja.post(f"/api/link-changes/{change['id']}/undo", {"note": "wrong merge"})
    assert response.status_code == 200, response.json
    after = ja.pairs()
    fields = ("id", "position", "source", "target", "bead", "status", "flags", "score",
              "sentences", "kind")
    assert [{k: r[k] for k in fields} for r in after] == [
        {k: r[k] for k in fields} for r in before]
    restored = ja.history(before[2]["id"])
    assert [(h["old_status"], h["new_status"]) for h in restored[:-1]] == [
        (h["old_status"], h["new_status"]) for h in old_history]
    assert "undo of link change" in restored[-1]["note"]
    assert "wrong merge" in restored[-1]["note"]
    # The merged pair keeps the merge and the undo in its history.
    notes = [h["note"] for h in ja.history(before[1]["id"])]
    assert "merged" in notes[-2] and "undo of link change" in notes[-1]
    # An undo is done once.
    again = ja.post(f"/api/link-changes/{change['id']}/undo", {})
    assert again.status_code == 409 and "already undone" in again.json["error"]
    changes = ja.client.get(f"/api/articles/{ja.article}/link-changes?lang=ja").json["changes"]
    assert [(c["operation"], c["undo_of"], c["undone_by"]) for c in changes] == [
        ("undo", change["id"], None), ("merge", None, changes[0]["id"])]


def test_undo_of_a_split_removes_the_new_pair(ko):
    before = ko.pairs()
    response = ko.split(6, 1, 0)
    assert [p["bead"] for p in response.json["pairs"]] == ["1-0", "1-1"]
    new_id = response.json["pairs"][1]["id"]
    undone = ko.post(f"/api/link-changes/{response.json['change']['id']}/undo", {})
    assert undone.status_code == 200 and undone.json["removed"] == [new_id]
    assert links(ko.pairs()) == links(before)
    assert [r["position"] for r in ko.pairs()] == list(range(len(before)))


def test_undo_is_refused_once_the_pairs_changed_again(ko):
    change = ko.merge(1, 2).json["change"]
    merged = ko.at(1)
    edit = ko.client.patch(f"/api/pairs/{merged['id']}", json={
        "target": "네드 프라이스 대변인은 다음과 같이 밝혔다.", "version": merged["version"]},
        headers={"X-API-Key": ko.key})
    assert edit.status_code == 200
    refused = ko.post(f"/api/link-changes/{change['id']}/undo", {})
    assert refused.status_code == 409
    assert refused.json["current"][0]["target"].startswith("네드 프라이스 대변인은")
    assert ko.at(1)["target"].startswith("네드 프라이스 대변인은")  # nothing lost


def test_machine_pairs_have_no_links_to_fix(ja):
    machine = ja.pairs("ko")
    response = ja.post(f"/api/pairs/{machine[0]['id']}/merge", {
        "with": machine[1]["id"], "versions": ja.versions(machine[0], machine[1])})
    assert response.status_code == 400 and "not an aligned human" in response.json["error"]
    response = ja.post(f"/api/pairs/{machine[0]['id']}/split", {
        "source_at": 0, "target_at": 0, "version": 1})
    assert response.status_code == 400 and "not an aligned human" in response.json["error"]
    assert ja.pairs("ko") == machine


def test_a_stale_version_is_a_conflict_and_changes_nothing(ko):
    before = ko.pairs()
    a, b = before[3], before[4]
    response = ko.post(f"/api/pairs/{a['id']}/merge", {
        "with": b["id"], "versions": {str(a["id"]): a["version"], str(b["id"]): 7}})
    assert response.status_code == 409
    assert {p["id"] for p in response.json["current"]} == {a["id"], b["id"]}
    response = ko.post(f"/api/pairs/{a['id']}/split", {
        "source_at": 1, "target_at": 1, "version": a["version"] + 1})
    assert response.status_code == 409
    response = ko.post(f"/api/pairs/{a['id']}/repair", {
        "side": "target", "direction": "down",
        "versions": {str(a["id"]): a["version"], str(b["id"]): b["version"] - 1}})
    assert response.status_code == 409
    assert ko.pairs() == before


@pytest.mark.parametrize(("url", "body", "status", "words"), [
    ("/api/pairs/{p3}/merge", {"with": "{p5}", "versions": "{v35}"}, 400, "not neighbours"),
    ("/api/pairs/{p3}/merge", {"with": "{p3}", "versions": "{v3}"}, 400, "itself"),
    ("/api/pairs/{p3}/merge", {"with": "{p4}", "versions": "{v3}"}, 400, "missing pair"),
    ("/api/pairs/{p3}/merge", {"with": "{p4}", "versions": [1, 2]}, 400, "versions"),
    ("/api/pairs/{p3}/merge", {"with": "x", "versions": "{v34}"}, 400, "'with'"),
    ("/api/pairs/{p3}/merge", {"with": "{p4}", "versions": "{v34}", "force": True}, 400,
     "unknown field"),
    ("/api/pairs/999999/merge", {"with": "{p4}", "versions": {"999999": 1, "{p4}": 1}},
     404, "no pair"),
    ("/api/pairs/{p3}/split", {"source_at": 1, "target_at": 3, "version": 1}, 400,
     "target_at must be a sentence index from 0 to 2"),
    ("/api/pairs/{p3}/split", {"source_at": 1, "target_at": 2, "version": 1}, 400,
     "both parts"),
    ("/api/pairs/{p3}/split", {"source_at": 0, "target_at": 0, "version": 1}, 400,
     "both parts"),
    ("/api/pairs/{p3}/split", {"source_at": True, "target_at": 1, "version": 1}, 400,
     "source_at"),
    ("/api/pairs/{p3}/split", {"target_at": 1, "version": 1}, 400, "missing field"),
    ("/api/pairs/{p3}/split", {"source_at": 1, "target_at": 1}, 400, "'version'"),
    ("/api/pairs/{p0}/repair", {"side": "target", "direction": "up", "versions": "{v3}"},
     400, "no previous pair"),
    ("/api/pairs/{p3}/repair", {"side": "both", "direction": "up", "versions": "{v34}"},
     400, "'side'"),
    ("/api/pairs/{p3}/repair", {"side": "target", "direction": "left", "versions": "{v34}"},
     400, "'direction'"),
    ("/api/link-changes/77/undo", {}, 404, "no link change"),
    ("/api/link-changes/77/undo", {"note": "x" * 20_001}, 400, "note is longer"),
    ("/api/pairs/{p3}/merge", {"with": "{p4}", "versions": {"²": 1}}, 400, "'versions'"),
    ("/api/pairs/{p3}/merge", {"with": "{p4}", "versions": {"99999999999999999999": 1}}, 400,
     "not a pair id"),
    ("/api/pairs/{p3}/split", {"source_at": 1, "target_at": 1, "version": 1,
                               "note": "x" * 20_001}, 400, "note is longer"),
    ("/api/pairs/{p3}/split", {"source_at": 1, "target_at": 1, "version": 1, "note": 5},
     400, "'note': must be a string"),
])
def test_bad_fixes_get_a_clear_error(ko, url, body, status, words):
    rows = ko.pairs()
    values = {f"p{i}": rows[i]["id"] for i in range(len(rows))}

    def fill(value):
        if isinstance(value, str) and value.startswith("{v"):
            return {str(rows[int(i)]["id"]): rows[int(i)]["version"] for i in value[2:-1]}
        if isinstance(value, str) and value.startswith("{p"):
            return values[value[1:-1]]
        if isinstance(value, dict):
            return {str(fill(k) if k.startswith("{") else k): fill(v) for k, v in value.items()}
        return value

    response = ko.post(url.format(**values), {k: fill(v) for k, v in body.items()})
    assert response.status_code == status, response.json
    assert words in response.json["error"]
    assert ko.pairs() == rows


def test_fixes_need_a_reviewer_key_and_a_json_body(ko):
    rows = ko.pairs()
    url = f"/api/pairs/{rows[3]['id']}/split"
    body = {"source_at": 1, "target_at": 1, "version": 1}
    assert ko.post(url, body, key=None).status_code == 401
    assert ko.post(url, body, key="wa_not_a_key").status_code == 401
    response = ko.client.post(url, data="source_at=1", headers={"X-API-Key": ko.key})
    assert response.status_code == 415
    listed = ko.client.get(f"/api/articles/{ko.article}/link-changes")
    assert listed.status_code == 400 and "lang" in listed.json["error"]
    assert ko.pairs() == rows


def test_a_moved_away_last_sentence_removes_the_empty_pair(ja):
    before = ja.pairs()
    # The 0-1 pair gives its only sentence to the 1-0 pair above it.
    response = ja.move(2, "target", "up")
    assert response.status_code == 200, response.json
    assert response.json["removed"] == [before[2]["id"]]
    after = ja.pairs()
    assert [r["bead"] for r in after] == ["1-1", "1-1", "2-2", "1-1"]
    assert links(after)[1] == (JA_EN[1], JA[1])
    assert [r["position"] for r in after] == [0, 1, 2, 3]


def test_pairs_without_sentence_lists_are_cut_by_the_segmenter(tmp_path):
    env = Env(tmp_path, "ko", keep_sentences=False)
    sentences = env.client.get(f"/api/pairs/{env.at(6)['id']}/sentences").json
    assert sentences["source"] == KO_EN[6:8] and sentences["target"] == KO[7:8]
    response = env.split(6, 1, 0)
    assert response.status_code == 200, response.json
    assert [p["source"] for p in response.json["pairs"]] == KO_EN[6:8]


def test_a_target_rewritten_in_review_is_cut_afresh(ko):
    row = ko.at(3)
    rewritten = f"{KO[3]} 블링컨 장관은 미국의 철통 같은 의지를 재확인했다."
    assert ko.client.patch(f"/api/pairs/{row['id']}", json={
        "target": rewritten, "version": row["version"]},
        headers={"X-API-Key": ko.key}).status_code == 200
    response = ko.split(3, 1, 1)
    assert response.status_code == 200, response.json
    assert [p["target"] for p in response.json["pairs"]] == [
        KO[3], "블링컨 장관은 미국의 철통 같은 의지를 재확인했다."]


def test_aligned_articles_keep_their_sentences_for_fixing(client):
    """Through the real alignment use case: what a merge joins, a split at the
    same sentences takes apart again."""
    from .beads_material import KO_URLS

    response = client.post("/api/alignments", json={
        "source_text": "\n\n".join(KO_EN), "target_text": "\n\n".join(KO), "target": "ko",
        "url": KO_URLS[0], "glossary": False})
    assert response.status_code == 201, response.json
    pairs = response.json["translations"][0]["pairs"]
    app = client.application
    db = connect(app.config["DATABASE"])
    key = add_key(db, "rita", "reviewer")
    db.close()
    a, b = pairs[2], pairs[3]
    first = client.get(f"/api/pairs/{a['id']}/sentences").json
    second = client.get(f"/api/pairs/{b['id']}/sentences").json
    assert " ".join(first["source"]) == a["source"] and first["target"]
    assert " ".join(second["source"]) == b["source"]
    merged = client.post(f"/api/pairs/{a['id']}/merge", headers={"X-API-Key": key}, json={
        "with": b["id"], "versions": {str(a["id"]): a["version"], str(b["id"]): b["version"]}})
    assert merged.status_code == 200, merged.json
    pair = merged.json["pairs"][0]
    split = client.post(f"/api/pairs/{pair['id']}/split", headers={"X-API-Key": key}, json={
        "source_at": len(first["source"]), "target_at": len(first["target"]),
        "version": pair["version"]})
    assert split.status_code == 200, split.json
    assert [(p["source"], p["target"]) for p in split.json["pairs"]] == [
        (a["source"], a["target"]), (b["source"], b["target"])]


def test_an_older_database_gains_sentence_lists_and_link_changes(tmp_path):
    """A file made before this migration: its human pairs have no sentence
    lists, yet a split still falls between sentences."""
    import sqlite3

    import sqlite_utils

    from service.store.schema import MIGRATIONS

    path = tmp_path / "old.db"
    old = sqlite_utils.Database(sqlite3.connect(path, isolation_level=None))
    done = MIGRATIONS.index(next(m for m in MIGRATIONS if m.__name__ == "_link_fixes"))
    for step in MIGRATIONS[:done]:
        step(old)
    old.execute(f"PRAGMA user_version = {done}")
    assert "sentences" not in old["pairs"].columns_dict
    stamp = "2026-11-01T00:00:00.000000Z"
    old["articles"].insert({"id": 1, "content_hash": "x", "text": "x", "source_lang": "en",
                            "created_at": stamp})
    old["translations"].insert({"id": 1, "article_id": 1, "lang": "ko", "origin": "human",
                                "created_at": stamp})
    old["pairs"].insert({"id": 1, "translation_id": 1, "article_id": 1, "lang": "ko",
                         "position": 0, "kind": "body", "source": " ".join(KO_EN[6:8]),
                         "target": " ".join(KO[6:8]), "status": "machine", "origin": "human",
                         "bead": "2-2", "version": 1, "created_at": stamp,
                         "updated_at": stamp})
    old.close()
    db = connect(path)
    assert "sentences" in db["pairs"].columns_dict and db["link_changes"].exists()
    key = add_key(db, "rita", "reviewer")
    db.close()
    client = create_app({"DATABASE": str(path), "TESTING": True}).test_client()
    response = client.post("/api/pairs/1/split", headers={"X-API-Key": key},
                           json={"source_at": 1, "target_at": 1, "version": 1})
    assert response.status_code == 200, response.json
    assert [(p["source"], p["target"]) for p in response.json["pairs"]] == list(
        zip(KO_EN[6:8], KO[6:8], strict=True))


def test_undo_brings_back_a_removed_pair_whose_id_was_taken_since(ko):
    """SQLite may give the id of a deleted last row to the next insert: the
    removed pair then comes back under a new id, with its history."""
    rows = ko.pairs()
    last = rows[-1]
    assert last["id"] == max(r["id"] for r in rows)
    ko.client.patch(f"/api/pairs/{last['id']}", json={"note": "checked", "version": 1},
                    headers={"X-API-Key": ko.key})
    change = ko.merge(5, 6).json["change"]
    db = connect(ko.path)
    seed_human(db, "ja")  # a new article's pairs take the freed id
    assert db.execute("SELECT lang FROM pairs WHERE id = ?", [last["id"]]).fetchone()[0] == "ja"
    db.close()
    response = ko.post(f"/api/link-changes/{change['id']}/undo", {})
    assert response.status_code == 200, response.json
    after = ko.pairs()
    assert links(after) == links(rows)
    back = after[-1]
    assert back["id"] != last["id"] and back["bead"] == last["bead"]
    notes = [h["note"] for h in ko.history(back["id"])]
    assert notes[0] == "checked" and "undo of link change" in notes[-1]


def test_search_finds_fixed_pairs_by_their_new_text(ko):
    """The search index follows the text of merged, split and shifted pairs
    (it is re-indexed on text changes only)."""
    merged = ko.merge(2, 3).json["pairs"][0]
    found = ko.client.get("/api/pairs", query_string={"q": "낙탄하는 미사일"}).json["pairs"]
    assert [p["id"] for p in found] == [merged["id"]]
    split = ko.split(2, 1, 1).json["pairs"]
    found = ko.client.get("/api/pairs", query_string={"q": "낙탄하는 미사일"}).json["pairs"]
    assert [p["id"] for p in found] == [split[1]["id"]]
    # A pair only moved to a new position is found as before.
    last = ko.at(6)
    found = ko.client.get("/api/pairs", query_string={"q": "이태원"}).json["pairs"]
    assert [p["id"] for p in found] == [last["id"]]
    approve = ko.client.patch(f"/api/pairs/{last['id']}", json={
        "state": "approved", "version": last["version"]}, headers={"X-API-Key": ko.key})
    assert approve.status_code == 200
    found = ko.client.get("/api/pairs", query_string={"q": "이태원"}).json["pairs"]
    assert [p["id"] for p in found] == [last["id"]]


def test_undo_of_an_earlier_change_after_later_fixes_elsewhere(ko):
    """Later fixes further down move the merged pair's neighbours, not the
    merged pair: the merge can still be undone and positions stay whole."""
    before = ko.pairs()
    change = ko.merge(1, 2).json["change"]
    for position in (2, 3, 4):  # now the 1-2 pair and the shifted ones below it
        assert ko.move(position, "target", "down").status_code == 200
    assert ko.split(5, 1, 1).status_code == 200
    fixed = links(ko.pairs())
    response = ko.post(f"/api/link-changes/{change['id']}/undo", {})
    assert response.status_code == 200, response.json
    after = ko.pairs()
    assert [r["position"] for r in after] == list(range(len(after)))
    assert links(after)[1:3] == links(before)[1:3]
    assert links(after)[3:] == fixed[2:]


def test_two_reviewers_fixing_the_same_pair_at_once_one_wins(ko):
    """Each fix takes the write lock first and checks versions under it: of
    two merges that share a pair, exactly one is applied."""
    import threading

    from service.store import beads

    rows = ko.pairs()
    a, b, c = rows[3], rows[4], rows[5]
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def fix(first: dict, second: dict, who: str) -> None:
        db = connect(ko.path)
        start.wait()
        try:
            beads.merge(db, first["id"], second["id"], {first["id"]: first["version"],
                                                        second["id"]: second["version"]}, who)
            outcomes.append("merged")
        except beads.LinkConflict:
            outcomes.append("conflict")
        except beads.NotFound:
            outcomes.append("gone")
        finally:
            db.close()

    threads = [threading.Thread(target=fix, args=(a, b, "rita")),
               threading.Thread(target=fix, args=(b, c, "ada"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) in (["conflict", "merged"], ["gone", "merged"])
    after = ko.pairs()
    assert len(after) == len(rows) - 1
    assert [r["position"] for r in after] == list(range(len(after)))
    assert sum(r["bead"] == "2-3" or r["bead"] == "2-2" for r in after) == 1
