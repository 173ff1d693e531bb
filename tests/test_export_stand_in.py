"""Nothing fake in the corpus: a stand-in copy model's output stays out of every
export unless asked for, and is then marked in every format that can carry a
mark (Moses, which cannot, refuses)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from lxml import etree
from translate.storage import tmx

from service.cli.export import export_command
from service.store import connect
from service.store.keys import add_key

ARTICLE = """Seoul and Tokyo agree to meet

SEOUL, Nov. 5 (Yonhap) -- South Korea and Japan agreed on Tuesday to hold talks next month.
The foreign ministers will meet in Tokyo, officials said.
Both sides called the talks a chance to improve ties.
"""


@pytest.fixture
def stand_in_corpus(app, client):
    """An article translated by the stand-in into both languages, every pair
    approved as it is (what a hurried trial leaves behind), plus one pair a
    reviewer rewrote: the only real translation in the store."""
    response = client.post("/api/articles", json={"text": ARTICLE})
    assert response.status_code == 201, response.json
    assert response.json["stand_in"] is True
    db = connect(app.config["DATABASE"])
    key = add_key(db, "rita", "reviewer")
    db.execute("UPDATE pairs SET status = 'approved' WHERE target IS NOT NULL")
    total = db.execute("SELECT count(*) FROM pairs WHERE status = 'approved'").fetchone()[0]
    pair_id, version = db.execute(
        "SELECT id, version FROM pairs WHERE lang = 'ko' AND source LIKE 'The foreign%'"
    ).fetchone()
    db.close()
    edit = client.patch(f"/api/pairs/{pair_id}", headers={"X-API-Key": key},
                        json={"target": "외교장관들은 도쿄에서 만날 예정이라고 관리들이 말했다.",
                              "state": "approved", "version": version})
    assert edit.status_code == 200, edit.json
    assert total >= 6
    return {"real": pair_id, "approved": total}


def _export(client, query: str) -> bytes:
    response = client.get(f"/api/export?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data()


def test_every_format_leaves_stand_in_pairs_out(client, stand_in_corpus):
    real = stand_in_corpus["real"]
    units = tmx.tmxfile.parsestring(_export(client, "format=tmx")).units
    assert [int(unit.getid()) for unit in units] == [real]
    rows = list(csv.DictReader(io.StringIO(_export(client, "format=tsv").decode()),
                               delimiter="\t", quoting=csv.QUOTE_NONE))
    assert [(int(r["id"]), r["stand_in"]) for r in rows] == [(real, "no")]
    lines = [json.loads(line) for line in _export(client, "format=jsonl").splitlines()]
    assert [(r["id"], r["stand_in"]) for r in lines] == [(real, False)]
    # No exported target is a copy of its source (what a stand-in makes).
    assert all(r["source"] != r["target"] for r in lines)
    import zipfile
    with zipfile.ZipFile(io.BytesIO(_export(client, "format=moses&lang=ko"))) as zf:
        assert zf.read("corpus.ko").decode().splitlines() == [
            "외교장관들은 도쿄에서 만날 예정이라고 관리들이 말했다."]


def test_asked_for_they_come_marked(client, stand_in_corpus):
    real, total = stand_in_corpus["real"], stand_in_corpus["approved"]
    root = etree.fromstring(_export(client, "format=tmx&include_stand_in=yes"))
    marks = {int(tu.get("tuid")): {p.get("type"): p.text for p in tu.findall("prop")}
             .get("x-stand-in") for tu in root.iter("tu")}
    # Titles and bodies of both languages (datelines are not exported by default).
    assert len(marks) >= 4 and marks[real] is None
    assert {mark for pid, mark in marks.items() if pid != real} == {"yes"}
    rows = list(csv.DictReader(io.StringIO(
        _export(client, "format=tsv&include_stand_in=TRUE").decode()),
        delimiter="\t", quoting=csv.QUOTE_NONE))
    assert {int(r["id"]): r["stand_in"] for r in rows} == {
        pid: "no" if pid == real else "yes" for pid in marks}
    lines = [json.loads(line) for line in
             _export(client, "format=jsonl&include_stand_in=on&kind=title,body,dateline")
             .splitlines()]
    assert len(lines) == total
    assert {r["id"]: r["stand_in"] for r in lines if r["id"] in marks} == {
        pid: pid != real for pid in marks}


def test_moses_refuses_stand_in_pairs(client, stand_in_corpus):
    response = client.get("/api/export?format=moses&lang=ko&include_stand_in=1")
    assert response.status_code == 400
    assert "stand-in" in response.json["error"]


@pytest.mark.parametrize("value", ["maybe", "2", "ja"])
def test_include_stand_in_takes_only_yes_or_no(client, value):
    response = client.get(f"/api/export?include_stand_in={value}")
    assert response.status_code == 400 and "include_stand_in" in response.json["error"]


def test_cli_flag(app, stand_in_corpus, tmp_path):
    runner = app.test_cli_runner()
    plain, marked = tmp_path / "plain.jsonl", tmp_path / "marked.jsonl"
    for args, out in (([], plain), (["--include-stand-in"], marked)):
        result = runner.invoke(export_command, ["--format", "jsonl", *args, "-o", str(out)],
                               catch_exceptions=False)
        assert result.exit_code == 0, result.output
    assert [json.loads(x)["id"] for x in plain.read_text().splitlines()] == [
        stand_in_corpus["real"]]
    marked_rows = [json.loads(x) for x in marked.read_text().splitlines()]
    assert len(marked_rows) > 1 and sum(r["stand_in"] for r in marked_rows) == len(marked_rows) - 1
    refused = runner.invoke(export_command, ["--format", "moses", "--lang", "ko",
                                             "--include-stand-in"])
    assert refused.exit_code != 0 and "stand-in" in refused.output


def test_xliff_leaves_them_out_or_notes_them(client, stand_in_corpus):
    from translate.storage import xliff
    plain = xliff.xlifffile.parsestring(_export(client, "format=xliff&lang=ko"))
    assert [int(u.xmlelement.get("id")) for u in plain.units] == [stand_in_corpus["real"]]
    marked = xliff.xlifffile.parsestring(
        _export(client, "format=xliff&lang=ko&include_stand_in=yes"))
    notes = {int(u.xmlelement.get("id")): u.getnotes() for u in marked.units}
    assert len(notes) > 1 and notes[stand_in_corpus["real"]] == ""
    assert all("STAND-IN" in note for pid, note in notes.items()
               if pid != stand_in_corpus["real"])
