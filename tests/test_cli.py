"""The ``wirealign`` command: translate files, models, database stats."""

from __future__ import annotations

import json
import zipfile

from service.cli import cli

ARTICLE = """Officials meet over drills

TOKYO, Nov. 4 (Kyodo) -- Japan and South Korea agreed on Monday to share radar data.
Officials said the talks would continue next month.
"""


def test_translate_files_stores_and_prints_pairs(runner, tmp_path, app):
    first = tmp_path / "a.txt"
    second = tmp_path / "b.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    second.write_text(ARTICLE.replace("next month", "next week"), encoding="utf-8")
    result = runner.invoke(cli, ["translate", str(first), str(second), "--to", "ko",
                                 "--json"])
    assert result.exit_code == 0, result.output
    articles = json.loads(result.stdout)
    assert len(articles) == 2
    pairs = articles[0]["translations"][0]["pairs"]
    assert [p["kind"] for p in pairs][:2] == ["title", "dateline"]
    assert articles[0]["translations"][0]["engine"]["stand_in"] is True

    plain = runner.invoke(cli, ["translate", str(first), "--to", "ja"])
    assert plain.exit_code == 0
    assert "STAND-IN: not a translation" in plain.output
    assert "Officials said the talks would continue next month." in plain.output

    stats = runner.invoke(cli, ["db", "stats"])
    assert "articles       2" in stats.output
    assert "ko machine" in stats.output or "ko needs_review" in stats.output


def test_translate_refuses_non_english_and_bad_targets(runner, tmp_path):
    korean = tmp_path / "ko.txt"
    korean.write_text("북한이 러시아에 병력을 보냈다고 정부 관계자들이 밝혔다.", encoding="utf-8")
    result = runner.invoke(cli, ["translate", str(korean), "--to", "ko"])
    assert result.exit_code == 1 and "not English" in result.output
    bad = runner.invoke(cli, ["translate", str(korean), "--to", "fr"])
    assert bad.exit_code == 2 and "choose from ko, ja" in bad.output


def test_models_list_marks_stand_ins(runner):
    result = runner.invoke(cli, ["models", "list"])
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if line.startswith("en->")]
    assert len(lines) == 2 and all("(copies its input; not a translation)" in ln for ln in lines)
    assert "en->ko" in result.output and "en->ja" in result.output


def test_models_install_from_broken_file_is_a_clear_error(runner, tmp_path, app):
    broken = tmp_path / "broken.argosmodel"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("pkg/metadata.json", "{not json")
    app.config["PACKAGES_DIR"] = str(tmp_path / "packages")
    app.extensions.pop("wirealign.engine_settings", None)
    result = runner.invoke(cli, ["models", "install", "--file", str(broken)])
    assert result.exit_code == 1
    assert "Error:" in result.output
    assert not any((tmp_path / "packages").glob("*/metadata.json"))


def test_models_install_stand_in_then_list(runner, tmp_path, app):
    app.config["PACKAGES_DIR"] = str(tmp_path / "packages")
    app.extensions.pop("wirealign.engine_settings", None)
    result = runner.invoke(cli, ["models", "install", "ko", "--stand-in"])
    assert result.exit_code == 0, result.output
    assert "STAND-IN" in result.output and "NOT a translation" in result.output
    listed = runner.invoke(cli, ["models", "list"]).output
    assert "en->ko" in listed and "missing: `wirealign models install ja`" in listed


def test_models_install_offline_says_what_to_do(runner, tmp_path, app, monkeypatch):
    # A closed port on this machine stands in for the unreachable Argos index.
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/index.json")
    app.config["PACKAGES_DIR"] = str(tmp_path / "packages")
    app.extensions.pop("wirealign.engine_settings", None)
    result = runner.invoke(cli, ["models", "install", "ko"])
    assert result.exit_code == 1
    assert "--file" in result.output and "--stand-in" in result.output


def test_models_install_file_for_another_target_is_refused(runner, tmp_path, app,
                                                          standin_package_files):
    app.config["PACKAGES_DIR"] = str(tmp_path / "packages")
    app.extensions.pop("wirealign.engine_settings", None)
    result = runner.invoke(cli, ["models", "install", "ko", "--file",
                                 str(standin_package_files["ja"])])
    assert result.exit_code == 1 and "not en->ko" in result.output
    assert not (tmp_path / "packages").exists() or not any((tmp_path / "packages").iterdir())
    ok = runner.invoke(cli, ["models", "install", "ja", "--file", str(standin_package_files["ja"])])
    assert ok.exit_code == 0 and "en->ja" in ok.output
