"""``wirealign export``: the CLI writes the same corpus as the API."""

from __future__ import annotations

import json
import zipfile

import pytest
from translate.storage import tmx

from service.cli.export import export_command
from tests.export_fixtures import expected, moses_line, xml_safe


@pytest.fixture
def cli(export_app, export_corpus):
    runner = export_app.test_cli_runner()

    def invoke(*args: str):
        return runner.invoke(export_command, list(args), catch_exceptions=False)

    return invoke


def test_tmx_to_a_file_with_progress(cli, export_corpus, tmp_path):
    out = tmp_path / "corpus.tmx"
    result = cli("--format", "tmx", "--lang", "ko", "--progress", "-o", str(out))
    assert result.exit_code == 0, result.output
    store = tmx.tmxfile.parsestring(out.read_bytes())
    want = expected(export_corpus, lang="ko")
    assert [(int(u.getid()), u.source, u.target) for u in store.units] == [
        (p.id, xml_safe(p.source), xml_safe(p.target)) for p in want]
    assert "pair" in result.stderr and "100%" in result.stderr  # the tqdm bar
    assert f"exported {len(want)} pairs as tmx" in result.stderr
    assert "characters XML 1.0 forbids" in result.stderr


def test_same_bytes_as_the_api_for_jsonl_on_stdout(cli, export_app, export_corpus):
    result = cli("--format", "jsonl", "--lang", "ja", "--states", "approved",
                 "--kinds", "title,body", "--dedupe")
    assert result.exit_code == 0, result.output
    api = export_app.test_client().get(
        "/api/export?format=jsonl&lang=ja&states=approved&kinds=title,body&dedupe=1")
    assert result.stdout_bytes == api.get_data()
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == [p.id for p in expected(export_corpus, lang="ja", states=("approved",))]


def test_filters_reach_the_query(cli, export_corpus, tmp_path):
    out = tmp_path / "corpus.zip"
    result = cli("--format", "moses", "--lang", "ko", "--origin", "machine",
                 "--since", "2024-10-01", "--until", "2024-10-27", "-o", str(out))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        english = archive.read("corpus.en").decode().split("\n")[:-1]
    want = expected(export_corpus, lang="ko", origins=("machine",), since="2024-10-01",
                    until="2024-10-28")
    assert want and english == [moses_line(p.source) for p in want]


@pytest.mark.parametrize("args, named", [
    (["--lang", "fr"], "'fr'"),
    (["--states", "approved,done"], "'done'"),
    (["--since", "soon"], "'soon'"),
    (["--format", "moses"], "lang"),
    (["--format", "docx"], "docx"),
])
def test_bad_values_fail_clearly(cli, args, named, tmp_path):
    out = tmp_path / "never"
    result = cli(*args, "-o", str(out))
    assert result.exit_code != 0
    assert named in result.output
    assert not out.exists()


def test_wirealign_export_is_wired(export_app, export_corpus, tmp_path):
    from click.testing import CliRunner

    from service.cli import cli as wirealign

    out = tmp_path / "c.tsv"
    result = CliRunner(env={"WIREALIGN_DATABASE": export_app.config["DATABASE"]}).invoke(
        wirealign, ["export", "--format", "tsv", "--lang", "ko", "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").split("\n")[1:-1]
    assert [int(line.split("\t")[0]) for line in lines] == [
        p.id for p in expected(export_corpus, lang="ko")]
