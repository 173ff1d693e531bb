"""Each export format read back by a reader we did not write."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

from lxml import etree
from translate.storage import tmx

from service import __version__
from service.export.tsv import COLUMNS
from tests.export_fixtures import HOSTILE_EN, expected, moses_line, xml_safe

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _get(client, query: str) -> bytes:
    response = client.get(f"/api/export?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data()


def test_tmx_reads_back_with_translate_toolkit(export_client, export_corpus):
    data = _get(export_client, "format=tmx&lang=ko")
    store = tmx.tmxfile.parsestring(data)
    want = expected(export_corpus, lang="ko")
    assert len(want) >= 4
    got = [(int(unit.getid()), unit.source, unit.target) for unit in store.units]
    assert got == [(p.id, xml_safe(p.source), xml_safe(p.target)) for p in want]


def test_tmx_header_units_and_props(export_client, export_corpus):
    data = _get(export_client, "format=tmx&lang=ko")
    root = etree.fromstring(data)
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header.get("creationtool") == "wirealign"
    assert header.get("creationtoolversion") == __version__
    for name, value in [("segtype", "sentence"), ("o-tmf", "wirealign"), ("adminlang", "en"),
                        ("srclang", "en"), ("datatype", "plaintext")]:
        assert header.get(name) == value
    assert re.fullmatch(r"\d{8}T\d{6}Z", header.get("creationdate"))
    by_id = {p.id: p for p in export_corpus}
    units = root.find("body").findall("tu")
    assert units
    for tu in units:
        pair = by_id[int(tu.get("tuid"))]
        stamp = pair.updated_at
        assert tu.get("changedate") == (stamp[:4] + stamp[5:7] + stamp[8:10] + "T"
                                        + stamp[11:13] + stamp[14:16] + stamp[17:19] + "Z")
        assert re.fullmatch(r"\d{8}T\d{6}Z", tu.get("creationdate"))
        props = {prop.get("type"): prop.text for prop in tu.findall("prop")}
        assert props["x-article"] == str(pair.article_id)
        assert props["x-kind"] == pair.kind
        assert props["x-state"] == pair.state
        assert props["x-origin"] == pair.origin
        assert props["x-reviewer"] == pair.reviewer
        assert props.get("x-url") == pair.url
        assert props.get("x-title") == pair.title
        langs = [tuv.get(XML_LANG) for tuv in tu.findall("tuv")]
        assert langs == ["en", "ko"]


def test_tmx_strips_forbidden_characters_and_says_so(export_client, export_corpus):
    data = _get(export_client, "format=tmx&lang=ko")
    text = data.decode("utf-8")
    # No forbidden character, raw or as a character reference, reaches the file.
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", text)
    for ref in re.findall(r"&#(x[0-9a-fA-F]+|[0-9]+);", text):
        code = int(ref[1:], 16) if ref[0] == "x" else int(ref)
        assert code in (0x9, 0xA, 0xD) or 0x20 <= code < 0xFFFE, ref
    # <script> and & arrive as text, escaped.
    assert "<script>" not in text and "&lt;script&gt;" in text
    hostile = [p for p in expected(export_corpus, lang="ko") if p.source == HOSTILE_EN]
    removed = sum(len(p.source) - len(xml_safe(p.source)) + len(p.target)
                  - len(xml_safe(p.target)) for p in hostile)
    assert removed > 0
    comment = etree.fromstring(data).xpath("//comment()")[-1].text
    assert f" {removed} characters XML 1.0 forbids removed" in comment


def test_tmx_both_languages_when_lang_is_omitted(export_client, export_corpus):
    root = etree.fromstring(_get(export_client, "format=tmx"))
    got = [(int(tu.get("tuid")), tu.findall("tuv")[1].get(XML_LANG))
           for tu in root.iter("tu")]
    assert got == [(p.id, p.lang) for p in expected(export_corpus, lang=None)]
    assert {lang for _, lang in got} == {"ko", "ja"}


def _unescape(field: str) -> str:
    # Written from the documented rule, independently of service.export.tsv.
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and i + 1 < len(field):
            out.append({"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}[field[i + 1]])
            i += 2
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def test_tsv_round_trips_with_the_csv_module(export_client, export_corpus):
    data = _get(export_client, "format=tsv&lang=ko")
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter="\t",
                        quoting=csv.QUOTE_NONE)
    header, *rows = list(reader)
    assert tuple(header) == COLUMNS
    records = [dict(zip(header, map(_unescape, row), strict=True)) for row in rows]
    want = expected(export_corpus, lang="ko")
    assert [(int(r["id"]), r["source"], r["target"], r["state"], r["reviewer"], r["kind"])
            for r in records] == [(p.id, p.source, p.target, p.state, p.reviewer or "", p.kind)
                                  for p in want]
    # One line per pair plus the header: no raw newline escaped into a field.
    assert data.count(b"\n") == len(want) + 1


def test_jsonl_one_pair_a_line_with_metadata(export_client, export_corpus):
    data = _get(export_client, "format=jsonl&lang=ja")
    lines = data.decode("utf-8").splitlines()  # splits on U+2028 etc. too: must still parse
    records = [json.loads(line) for line in lines]
    want = expected(export_corpus, lang="ja")
    assert [(r["id"], r["source"], r["target"]) for r in records] == [
        (p.id, p.source, p.target) for p in want]
    for record, pair in zip(records, want, strict=True):
        assert record["article_id"] == pair.article_id
        assert record["url"] == pair.url
        assert record["kind"] == pair.kind
        assert record["state"] == pair.state
        assert record["origin"] == pair.origin
        assert record["reviewer"] == pair.reviewer
        assert record["updated_at"] == pair.updated_at
        assert record["flags"] == [] and record["terms"] == []
        assert {"bead", "score", "created_at", "lang", "position"} <= record.keys()


def test_moses_zip_has_two_files_of_equal_lines(export_client, export_corpus):
    data = _get(export_client, "format=moses&lang=ko")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert sorted(archive.namelist()) == ["corpus.en", "corpus.ko"]
        english = archive.read("corpus.en").decode("utf-8")
        korean = archive.read("corpus.ko").decode("utf-8")
    want = expected(export_corpus, lang="ko")
    assert english.count("\n") == korean.count("\n") == len(want)
    assert len(english.splitlines()) == len(korean.splitlines()) == len(want)
    # Line breaks inside a segment become spaces; other controls go.
    assert english.split("\n")[:-1] == [moses_line(p.source) for p in want]
    assert korean.split("\n")[:-1] == [moses_line(p.target) for p in want]


def test_moses_needs_one_language(export_client):
    response = export_client.get("/api/export?format=moses")
    assert response.status_code == 400
    assert "lang" in response.get_json()["error"]


def test_tmx_metadata_with_forbidden_characters_stays_well_formed(export_app, tmp_path):
    from service.store import connect
    from service.store.articles import PairRecord, TranslationRecord, save_article

    db = connect(export_app.config["DATABASE"])
    record = TranslationRecord(lang="ja", origin="machine", engine="t", engine_version="0",
                               stand_in=True, pairs=[PairRecord(
                                   position=0, kind="title", source="Title\x01 & more",
                                   target="題名\x02", status="approved", origin="machine")])
    save_article(db, text="x", segments=[], translations=[record],
                 title="Bad\x07 <title>", url="https://e.com/\x1b?a=1&b=2")
    db.execute("UPDATE pairs SET updated_by = ?", ["eve\x08 \"the\" <reviewer>"])
    db.close()
    data = _get(export_app.test_client(), "format=tmx&lang=ja")
    root = etree.fromstring(data)
    tu = root.find("body/tu")
    props = {prop.get("type"): prop.text for prop in tu.findall("prop")}
    assert props["x-title"] == "Bad <title>"
    assert props["x-url"] == "https://e.com/?a=1&b=2"
    assert props["x-reviewer"] == tu.get("changeid") == "eve \"the\" <reviewer>"
    unit = tmx.tmxfile.parsestring(data).units[0]
    assert (unit.source, unit.target) == ("Title & more", "題名")
    assert " 6 characters XML 1.0 forbids removed" in root.xpath("//comment()")[-1].text
