"""Glossary files: format, version, rows, exports/imports, check and the CLI."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli.glossary import glossary_cli
from service.glossary import (
    Glossary,
    check_glossary,
    entries_as_rows,
    export_amazon_csv,
    export_deepl_tsv,
    glossary_to_file,
    load_glossary,
    merge_terms,
    parse_amazon_csv,
    parse_deepl_tsv,
)
from service.glossary.files import GLOSSARY_DIR, glossary_to_text
from service.glossary.model import COLUMNS


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def test_repo_glossary_passes_its_check():
    assert check_glossary(GLOSSARY_DIR) == []


def test_repo_glossary_follows_the_conventions(glossary):
    assert glossary["dprk"].ko == "북한" and glossary["dprk"].ja == "北朝鮮"
    assert glossary["korea-us-japan"].ko == "한미일"
    assert glossary["korea-us-japan"].ja == "日米韓"
    shin = glossary["shin-won-sik"]
    assert shin.render("ja", first=True, titled=True) == "申源湜（シン・ウォンシク）国家安保室長"
    assert shin.render("ko", first=True, titled=True) == "신원식 국가안보실장"
    assert shin.render("ko", first=False) == "신 실장"
    assert glossary["kim-jong-gyu"].status == "unverified"
    assert "金" not in glossary["kim-jong-gyu"].ja  # kanji unknown: not invented
    # Japanese pages write only ラブロフ外相, never the full name: the entry carries what
    # was seen (verified), not the unseen セルゲイ・ラブロフ.
    assert glossary["sergei-lavrov"].ja == "ラブロフ"
    assert glossary["sergei-lavrov"].render("ja", first=True, titled=True) == "ラブロフ外相"
    for e in glossary:
        assert e.kind in ("person", "organisation", "place", "term")
        if e.kind == "person":
            assert e.en_surname and e.ko_short and e.ja_short


def test_rows_round_trip_and_version(glossary):
    rows = entries_as_rows(glossary)
    assert set(rows[0]) == set(COLUMNS)
    assert all(isinstance(v, str) for r in rows for v in r.values())
    again = Glossary.from_rows(rows)
    assert again.version == glossary.version
    assert Glossary.from_rows(list(reversed(rows))).version == glossary.version
    # SQLite rows may carry lists for the list columns.
    listed = [{**r, "en_variants": r["en_variants"].split("|") if r["en_variants"] else []}
              for r in rows]
    assert Glossary.from_rows(listed).version == glossary.version
    rows[0] = {**rows[0], "ko_short": "신 안보실장"}
    assert Glossary.from_rows(rows).version != glossary.version


def test_file_round_trip(glossary, tmp_path):
    path = tmp_path / "g.tsv"
    glossary_to_file(glossary, path)
    # One file with every entry, in load order (the glossaries/*.tsv files by name).
    files = sorted(GLOSSARY_DIR.glob("*.tsv"))
    expected = files[0].read_text(encoding="utf-8").splitlines()[:1] + [
        line for f in files for line in f.read_text(encoding="utf-8").splitlines()[1:]]
    assert path.read_text(encoding="utf-8") == "\n".join(expected) + "\n"
    assert load_glossary(path).version == glossary.version


def test_deepl_and_amazon_exports(glossary):
    deepl = export_deepl_tsv(glossary, "ja").splitlines()
    assert "Shin Wonsik\t申源湜（シン・ウォンシク）" in deepl
    assert all(line.count("\t") == 1 for line in deepl)
    rows = list(csv.reader(io.StringIO(export_amazon_csv(glossary))))
    assert rows[0] == ["en", "ko", "ja"]
    assert ["DPRK", "북한", "北朝鮮"] in rows
    # Every English form once: a terminology file must not map one source twice.
    assert len({r[0].casefold() for r in rows[1:]}) == len(rows) - 1


def test_imports_merge_without_overwriting(glossary):
    terms = parse_deepl_tsv("DPRK\t조선\nCTBTO\t포괄적핵실험금지조약기구\n", "ko")
    merged, report = merge_terms(glossary, terms, "import:test")
    assert merged["dprk"].ko == "북한"
    assert any("conflict dprk ko" in r for r in report)
    assert merged["ctbto"].ko == "포괄적핵실험금지조약기구"
    assert merged["ctbto"].status == "unverified"
    assert merged["ctbto"].ja == ""  # a missing language, which check reports
    amazon = parse_amazon_csv("en,ja\nCTBTO,包括的核実験禁止条約機関\n")
    merged2, _ = merge_terms(merged, amazon, "import:test")
    assert merged2["ctbto"].ja == "包括的核実験禁止条約機関"
    with pytest.raises(ValueError):
        parse_deepl_tsv("one column only\n", "ko")


HEADER = "\t".join(COLUMNS)


def _row(**kw) -> str:
    base = {"id": "x", "kind": "term", "en": "Xland", "ko": "엑스", "ja": "エックス",
            "case": "tolerant", "status": "verified"}
    base.update(kw)
    return "\t".join(base.get(c, "") for c in COLUMNS)


@pytest.mark.parametrize(("rows", "problem"), [
    ([_row(), _row()], "duplicate id x"),
    ([_row(), _row(id="y")], "duplicate entry: English form 'xland'"),
    ([_row(), _row(id="y", ko="다른")], "conflicting entries: English form 'xland'"),
    ([_row(en_variants="XL"), _row(id="y", en="Yland", en_variants="XL")],
     "English form 'xl' claimed by y and x"),
    ([_row(ja="")], "missing language ja"),
    ([_row(en_variants="XLAND")], "English form is repeated"),
    ([_row(ko="엑\x07스")], "control character U+0007"),
    ([_row(en="X\u00a0land")], "odd whitespace U+00A0"),
    ([_row(en="Xland ")], "leading or trailing whitespace"),
    ([_row(ko="엑스\ue000")], "private-use character"),
    ([_row() + "\textra"], "fields, header has"),
    ([_row(kind="thing")], "kind 'thing' not one of"),
    ([_row(ja="エックス(X)")], "ASCII parentheses"),
    ([_row(ja="北韓")], "ja contains 北韓"),
    ([_row(kind="person")], "person without en_surname"),
    ([_row(id="Bad Id")], "not lower-case-with-hyphens"),
])
def test_check_finds_problems(tmp_path, rows, problem):
    path = tmp_path / "g.tsv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    problems = check_glossary(path)
    assert any(problem in p for p in problems), problems


def test_check_passes_a_clean_file(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("\n".join([HEADER, _row(), _row(id="y", en="Yland")]) + "\n",
                    encoding="utf-8")
    assert check_glossary(path) == []
    assert check_glossary(tmp_path / "absent.tsv")


def test_cli_check_exit_codes(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(glossary_cli, ["check"])
    assert ok.exit_code == 0, ok.output
    assert "no problems" in ok.output
    bad = tmp_path / "bad.tsv"
    bad.write_text("\n".join([HEADER, _row(ja="")]) + "\n", encoding="utf-8")
    res = runner.invoke(glossary_cli, ["check", str(bad)])
    assert res.exit_code == 1
    assert "missing language ja" in res.output


def test_cli_export_and_import(tmp_path):
    runner = CliRunner()
    res = runner.invoke(glossary_cli, ["export", "--format", "deepl-tsv", "--to", "ko"])
    assert res.exit_code == 0 and "Jake Sullivan\t제이크 설리번" in res.output
    res = runner.invoke(glossary_cli, ["export", "--format", "deepl-tsv"])
    assert res.exit_code != 0  # DeepL glossaries are one direction: --to is needed
    out = tmp_path / "t.csv"
    res = runner.invoke(glossary_cli, ["export", "--format", "amazon-csv", "-o", str(out)])
    assert res.exit_code == 0 and out.read_text(encoding="utf-8").startswith("en,ko,ja\n")

    into = tmp_path / "g.tsv"
    into.write_text(glossary_to_text(load_glossary()), encoding="utf-8")
    new = tmp_path / "new.csv"
    new.write_text("en,ko,ja\nCTBTO,포괄적핵실험금지조약기구,包括的核実験禁止条約機関\n",
                   encoding="utf-8")
    res = runner.invoke(glossary_cli, ["import", str(new), "--into", str(into)])
    assert res.exit_code == 0, res.output
    assert "added ctbto" in res.output
    merged = load_glossary(into)
    assert merged["ctbto"].ja == "包括的核実験禁止条約機関"
    assert len(merged) == len(load_glossary()) + 1
    tsv = tmp_path / "ko.tsv"
    tsv.write_text("Rubio\t루비오\n", encoding="utf-8")
    res = runner.invoke(glossary_cli, ["import", str(tsv), "--into", str(into)])
    assert res.exit_code != 0 and "--to" in res.output
    res = runner.invoke(glossary_cli, ["import", str(tsv), "--to", "ko", "--into", str(into)])
    assert res.exit_code == 0
    assert check_glossary(Path(into))  # rubio lacks ja: the check says so


def test_entries_verified_in_round_four_cite_a_korean_and_a_japanese_page():
    # Branch gloss4 verified 32 unverified entries and added 4, each only with both
    # renderings seen on newsroom pages; the note says which and where.
    round4 = [e for e in load_glossary() if "(gloss4)" in e.note]
    assert len(round4) >= 36
    for entry in round4:
        assert entry.status == "verified", entry.id
        assert "(ko)" in entry.source and "(ja)" in entry.source, entry.id
