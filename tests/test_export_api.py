"""GET /api/export filters, errors, streaming and access; GET /api/stats."""

from __future__ import annotations

import json
import threading
from collections import Counter

import pytest
import requests
from translate.storage import tmx
from werkzeug.serving import make_server

import service.export as export_module
from service.api.filters import export_filter as parse_filter
from service.store import connect
from service.store.articles import PairRecord, TranslationRecord, save_article
from service.store.export import export_sql
from service.store.keys import add_key
from tests.export_fixtures import expected


def _ids(client, query: str) -> list[int]:
    response = client.get(f"/api/export?format=jsonl&{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return [json.loads(line)["id"] for line in response.get_data(as_text=True).splitlines()]


def test_defaults_are_approved_and_edited_titles_and_bodies(export_client, export_corpus):
    got = _ids(export_client, "lang=ko")
    assert got == [p.id for p in expected(export_corpus, lang="ko")]
    states = {p.state for p in export_corpus if p.id in got}
    assert states == {"approved", "edited"}
    # Machine, rejected, caption, credit and target-less pairs exist but stay out.
    left_out = {(p.state, p.kind) for p in export_corpus if p.lang == "ko" and p.id not in got}
    assert {("machine", "body"), ("rejected", "body"), ("approved", "caption"),
            ("source_only", "credit"), ("approved", "body")} <= left_out


@pytest.mark.parametrize("query, filters", [
    ("lang=ja", {"lang": "ja"}),
    ("lang=ko&states=machine,rejected", {"states": ("machine", "rejected")}),
    ("lang=ko&kinds=caption,body", {"kinds": ("caption", "body")}),
    ("lang=ko&origin=memory,human", {"origins": ("memory", "human")}),
    ("lang=ko&since=2024-10-27", {"since": "2024-10-27"}),
    ("lang=ko&until=2024-10-26", {"until": "2024-10-27"}),
    ("lang=ko&since=2024-10-27T12:30:00Z&until=2024-10-29T08:00:00Z",
     {"since": "2024-10-27T12:30:00", "until": "2024-10-29T08:00:00.000001"}),
    # An unescaped + in a query string arrives as a space: still read as an offset.
    ("lang=ko&since=2024-10-27T21:30:00+09:00", {"since": "2024-10-27T12:30:00"}),
    ("lang=ko&states=machine&states=rejected", {"states": ("machine", "rejected")}),
    ("states=approved&kinds=title", {"lang": None, "states": ("approved",),
                                      "kinds": ("title",)}),
])
def test_filters(export_client, export_corpus, query, filters):
    want = [p.id for p in expected(export_corpus, **{"lang": "ko", **filters})]
    assert want, "each case should select something"
    assert _ids(export_client, query) == want


def test_article_filter(export_client, export_corpus):
    second = max(p.article_id for p in export_corpus)
    assert _ids(export_client, f"lang=ko&articles={second}") == [
        p.id for p in expected(export_corpus, lang="ko", articles={second})]
    assert _ids(export_client, "lang=ko&articles=999") == []


def test_dedupe_keeps_the_first_of_repeated_pairs(export_client, export_corpus):
    plain = _ids(export_client, "lang=ko")
    deduped = _ids(export_client, "lang=ko&dedupe=1")
    pairs = {p.id: p for p in export_corpus}
    repeats = Counter((pairs[i].source, pairs[i].target) for i in plain)
    assert max(repeats.values()) > 1
    assert len(deduped) == len(repeats)
    assert deduped == sorted(deduped)
    first_of_each = {}
    for pair_id in plain:
        first_of_each.setdefault((pairs[pair_id].source, pairs[pair_id].target), pair_id)
    assert set(deduped) == set(first_of_each.values())


@pytest.mark.parametrize("query, named", [
    ("format=pdf", "'pdf'"),
    ("lang=fr", "'fr'"),
    ("states=approved,finished", "'finished'"),
    ("kinds=body,poem", "'poem'"),
    ("origin=robot", "'robot'"),
    ("articles=1,two", "'two'"),
    ("articles=\u00b2", "'\u00b2'"),
    ("articles=" + ",".join(map(str, range(1, 1100))), "1099"),
    ("since=yesterday", "'yesterday'"),
    ("until=2024-13-01", "'2024-13-01'"),
    ("since=2024-02-01&until=2024-01-01", "'2024-02-01'"),
    ("dedupe=maybe", "'maybe'"),
    ("colour=blue", "'colour'"),
])
def test_bad_values_are_named_in_a_400(export_client, query, named):
    response = export_client.get(f"/api/export?{query}")
    assert response.status_code == 400
    assert named in response.get_json()["error"]


def test_download_headers(export_client, export_corpus):
    response = export_client.get("/api/export?format=tmx&lang=ko")
    assert response.mimetype == "application/x-tmx+xml"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and ".tmx" in disposition
    response = export_client.get("/api/export?format=moses&lang=ja")
    assert response.mimetype == "application/zip"


def _many_pairs(app, count: int) -> None:
    db = connect(app.config["DATABASE"])
    pairs = [PairRecord(position=i, kind="body", source=f"Sentence number {i} " + "x" * 80,
                        target=f"문장 {i} " + "가" * 40, status="approved", origin="machine")
             for i in range(count)]
    save_article(db, text="a long article", segments=[], translations=[TranslationRecord(
        lang="ko", origin="machine", engine="test", engine_version="0", stand_in=True,
        pairs=pairs)])
    db.close()


@pytest.mark.parametrize("fmt, opening", [
    ("tmx", b"<tmx"), ("tsv", b"id\tarticle_id"), ("jsonl", b"{"), ("moses", b"PK\x03\x04"),
])
def test_export_starts_sending_before_reading_everything(export_app, monkeypatch, fmt, opening):
    _many_pairs(export_app, 3000)
    read = []  # rows the export has taken from the store so far
    original = export_module.iter_pairs

    def counting(*args, **kwargs):
        for row in original(*args, **kwargs):
            read.append(row.id)
            yield row

    monkeypatch.setattr(export_module, "iter_pairs", counting)
    response = export_app.test_client().get(f"/api/export?format={fmt}&lang=ko")
    assert response.status_code == 200
    chunks = iter(response.response)
    first = next(chunks)
    assert opening in first
    rows_before_first_chunk = len(read)
    rest = list(chunks)
    assert len(read) == 3000
    assert rows_before_first_chunk < 3000 / 2
    if fmt == "tmx":  # the header goes out before the first row is read
        assert rows_before_first_chunk == 0
    assert len(rest) >= 2
    whole = first + b"".join(rest)
    assert len(first) < len(whole) / 10


def test_export_over_real_http(export_app, export_corpus):
    server = make_server("127.0.0.1", 0, export_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/api/export?format=tmx&lang=ko"
        with requests.get(url, stream=True, timeout=30) as response:
            assert response.status_code == 200
            assert "Content-Length" not in response.headers  # streamed, length unknown
            data = b"".join(response.iter_content(chunk_size=None))
    finally:
        server.shutdown()
        thread.join(timeout=10)
    units = tmx.tmxfile.parsestring(data).units
    assert [int(unit.getid()) for unit in units] == [
        p.id for p in expected(export_corpus, lang="ko")]


def test_reads_may_need_a_key(tmp_path):
    from service.app import create_app

    app = create_app({"DATABASE": str(tmp_path / "k.db"), "TESTING": True,
                      "READS_NEED_KEY": True})
    db = connect(app.config["DATABASE"])
    key = add_key(db, "reader", "reviewer")
    db.close()
    client = app.test_client()
    for path in ("/api/export?format=tsv", "/api/stats"):
        assert client.get(path).status_code == 401
        assert client.get(path, headers={"X-API-Key": "wrong"}).status_code == 401
        assert client.get(path, headers={"X-API-Key": key}).status_code == 200


def test_stats_counts_by_language_state_origin_and_kind(export_client, export_corpus):
    response = export_client.get("/api/stats")
    assert response.status_code == 200
    stats = response.get_json()
    assert stats["pairs"] == len(export_corpus)
    assert stats["articles"] == len({p.article_id for p in export_corpus})
    for key, attribute in [("by_lang", "lang"), ("by_state", "state"),
                           ("by_origin", "origin"), ("by_kind", "kind")]:
        assert stats[key] == dict(Counter(getattr(p, attribute) for p in export_corpus))
    for lang in ("ko", "ja"):
        mine = [p for p in export_corpus if p.lang == lang]
        assert stats["langs"][lang]["pairs"] == len(mine)
        for name in ("state", "origin", "kind"):
            assert stats["langs"][lang][f"by_{name}"] == dict(
                Counter(getattr(p, name) for p in mine))


def test_stats_of_an_empty_store(export_app):
    stats = export_app.test_client().get("/api/stats").get_json()
    assert stats["pairs"] == 0 and stats["by_lang"] == {} and stats["langs"] == {}


@pytest.mark.parametrize("query", ["lang=ko", "lang=ja&since=2024-10-01&origin=human",
                                   "states=approved&kinds=title,body,caption"])
def test_export_query_needs_no_sort_before_its_first_row(export_app, query):
    # A temporary b-tree would sort every match before the first byte could go out.
    db = connect(export_app.config["DATABASE"])
    sql, params = export_sql(parse_filter(dict(pair.split("=") for pair in query.split("&"))))
    plan = " ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    db.close()
    assert "TEMP B-TREE" not in plan, plan


def test_content_types_name_the_charset_once(export_client):
    for fmt in ("tmx", "tsv", "jsonl"):
        content_type = export_client.get(f"/api/export?format={fmt}&lang=ko").headers[
            "Content-Type"]
        assert content_type.count("charset") == 1, content_type
