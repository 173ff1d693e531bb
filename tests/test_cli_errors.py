"""The CLI answers bad files and paths with one line and a non-zero exit,
never a traceback, and never leaves half a file behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from service.cli import cli

GOOD = "Officials meet\n\nSEOUL, Nov. 5 (Yonhap) -- Officials met on Monday to discuss drills.\n"


def test_translate_skips_files_that_are_not_utf8_and_goes_on(runner, tmp_path):
    first, latin1, last = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    first.write_text(GOOD, encoding="utf-8")
    latin1.write_bytes("Café owners in Seoul protested on Monday.".encode("latin-1"))
    last.write_text(GOOD.replace("Monday", "Tuesday"), encoding="utf-8")
    result = runner.invoke(cli, ["translate", str(first), str(latin1), str(last), "--to", "ko",
                                 "--json"])
    assert result.exit_code == 1
    assert "not UTF-8" in result.stderr and "Traceback" not in result.output
    assert len(json.loads(result.stdout)) == 2


def test_a_bom_does_not_make_another_article(runner, tmp_path):
    plain, bom = tmp_path / "plain.txt", tmp_path / "bom.txt"
    plain.write_text(GOOD, encoding="utf-8")
    bom.write_text(GOOD, encoding="utf-8-sig")
    ids = [json.loads(runner.invoke(cli, ["translate", str(p), "--to", "ko", "--json"]).stdout)
           [0]["id"] for p in (plain, bom)]
    assert ids[0] == ids[1]


def test_align_with_a_utf16_file_is_a_clear_error(runner, tmp_path):
    en, ko = tmp_path / "en.txt", tmp_path / "ko.txt"
    en.write_text(GOOD, encoding="utf-8")
    ko.write_text("관계자들은 월요일 훈련을 논의했다.", encoding="utf-16")
    result = runner.invoke(cli, ["align", str(en), str(ko), "--to", "ko"])
    assert result.exit_code == 1 and "not UTF-8" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_export_to_a_missing_folder_is_a_clear_error(runner, tmp_path):
    target = tmp_path / "missing" / "corpus.tmx"
    result = runner.invoke(cli, ["export", "--format", "tmx", "--lang", "ko", "-o", str(target)])
    assert result.exit_code == 1 and "cannot write" in result.output
    assert not target.parent.exists()


def test_glossary_import_needs_into_and_refuses_bad_rows(runner, tmp_path):
    into = tmp_path / "g.tsv"
    good = tmp_path / "good.csv"
    good.write_text("en,ko,ja\nMinistry of Unification,통일부,統一省\n", encoding="utf-8")
    missing_into = runner.invoke(cli, ["glossary", "import", str(good)])
    assert missing_into.exit_code == 2 and "--into" in missing_into.output
    for bad in ("en\tko\nFoo Bar\n\tbaz\n", "en,ko\nA,B,C\n", "en,ko\nOnly English,\n"):
        path = tmp_path / "bad.tsv"
        path.write_text(bad, encoding="utf-8")
        result = runner.invoke(cli, ["glossary", "import", str(path), "--to", "ko",
                                     "--into", str(into)])
        assert result.exit_code == 1 and "line" in result.output, bad
        assert not into.exists()
    ok = runner.invoke(cli, ["glossary", "import", str(good), "--into", str(into)])
    assert ok.exit_code == 0 and "통일부" in into.read_text(encoding="utf-8")


def test_serve_refuses_a_port_out_of_range(runner):
    result = runner.invoke(cli, ["serve", "--port", "99999"])
    assert result.exit_code == 2 and "99999" in result.output


def test_a_database_path_that_is_a_folder_is_one_line(tmp_path, standin_packages_dir):
    env = {**os.environ, "WIREALIGN_DATABASE": str(tmp_path),
           "WIREALIGN_PACKAGES_DIR": str(standin_packages_dir)}
    result = subprocess.run([sys.executable, "-c", "from service.cli import main; main()",
                             "db", "stats"], capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.returncode == 1
    assert "cannot be used" in result.stderr and "Traceback" not in result.stderr
