"""The command line as a new user meets it: --version, a --help with only our
options, ``translate -`` from standard input, files that are not UTF-8 named
for what they are (UTF-16, Windows-1252) and Word files read; ``serve``
naming its models, shouting about stand-ins, one line for a port in use, and
its Prometheus numbers adding up across gunicorn workers."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

import docx
import pytest
import requests

from service.cli import cli

WIREALIGN_COMMAND = str(Path(sys.executable).parent / "wirealign")
ARTICLE = ("SEOUL, Nov. 5 (Yonhap) -- The defense ministers met in Seoul on Tuesday.\n"
           "They agreed to share missile warning data in real time, officials said.\n")


def run_cli(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([WIREALIGN_COMMAND, *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **(env or {})}, **kwargs)


def test_version_and_help_show_only_our_options():
    assert run_cli("--version").stdout.strip() == f"wirealign {version('wirealign')}"
    shown = run_cli("--help").stdout
    for flask_option in ("--app", "--env-file", "--debug"):
        assert flask_option not in shown
    assert "--version" in shown and "serve" in shown and "translate" in shown


def test_translate_reads_standard_input(runner):
    result = runner.invoke(cli, ["translate", "-", "--to", "ko", "--json"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    article = json.loads(result.stdout)[0]
    sources = [p["source"] for p in article["translations"][0]["pairs"]]
    assert "They agreed to share missile warning data in real time, officials said." in sources


@pytest.mark.parametrize(("content", "named", "advice"), [
    (ARTICLE.encode("utf-16"), "UTF-16 (LE)", "iconv -f UTF-16 -t UTF-8"),
    (ARTICLE.encode("utf-16-le"), "UTF-16 (LE)", "iconv -f UTF-16LE -t UTF-8"),
    (ARTICLE.encode("utf-16-be"), "UTF-16 (BE)", "iconv -f UTF-16BE -t UTF-8"),
    ("The caf\u00e9 in Z\u00fcrich opened, officials said on Saturday.\n".encode("cp1252"),
     "CP1252", "iconv -f CP1252 -t UTF-8"),
    (b"%PDF-1.7\n\xe2\xe3\xcf\xd3 binary", "a PDF document", "plain text"),
])
def test_files_that_are_not_utf8_are_named_with_fitting_advice(runner, tmp_path, content,
                                                              named, advice):
    path = tmp_path / "wire.txt"
    path.write_bytes(content)
    result = runner.invoke(cli, ["translate", str(path), "--to", "ko"])
    assert result.exit_code == 1
    assert named in result.output and advice in result.output
    assert "Traceback" not in result.output


def test_word_files_are_read(runner, tmp_path):
    document = docx.Document()
    for line in ARTICLE.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    path = tmp_path / "wire.docx"
    path.write_bytes(out.getvalue())
    result = runner.invoke(cli, ["translate", str(path), "--to", "ja", "--json"])
    assert result.exit_code == 0, result.output
    sources = [p["source"] for p in json.loads(result.stdout)[0]["translations"][0]["pairs"]]
    assert "The defense ministers met in Seoul on Tuesday." in " ".join(sources)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_says_a_port_in_use_in_one_line(tmp_path, standin_packages_dir):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--port", str(port), env={
            "WIREALIGN_DATABASE": str(tmp_path / "db.sqlite"),
            "WIREALIGN_PACKAGES_DIR": str(standin_packages_dir)})
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert errors == [f"Error: port {port} on 127.0.0.1 is in use by another program; "
                      f"choose another with --port (e.g. --port {port + 1})"]
    assert "Traceback" not in result.stderr


def _serve_and_scrape(command: list[str], env: dict[str, str], port: int
                      ) -> tuple[list[str], str, str]:
    """Start ``command``, send it 20 /health requests, scrape /metrics 4 times."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True, env={**os.environ, **env})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if requests.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.2)
        else:
            pytest.fail(f"{command[0]} did not answer within 30 s")
        for _ in range(19):
            assert requests.get(f"{base}/health", timeout=10).status_code == 200
        # Under gunicorn each scrape may be answered by either worker.
        scrapes = [requests.get(f"{base}/metrics", timeout=10).text for _ in range(4)]
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    return scrapes, out, err


def _health_counts(scrapes: list[str]) -> list[list[float]]:
    line = 'wirealign_http_requests_total{endpoint="health.health",method="GET",status="200"}'
    return [[float(row.split()[-1]) for row in scrape.splitlines() if row.startswith(line)]
            for scrape in scrapes]


def test_serve_names_models_warns_of_stand_ins_and_logs_each_request(tmp_path,
                                                                     standin_packages_dir):
    port = _free_port()
    scrapes, out, err = _serve_and_scrape(
        [WIREALIGN_COMMAND, "serve", "--port", str(port)], {
            "WIREALIGN_DATABASE": str(tmp_path / "db.sqlite"),
            "WIREALIGN_PACKAGES_DIR": str(standin_packages_dir)}, port)
    assert _health_counts(scrapes) == [[20.0]] * 4
    assert "en->ko" in out and "en->ja" in out
    assert "STAND-IN models for ja, ko" in err and "NOT a translation" in err
    logged = [json.loads(row) for row in err.splitlines() if row.startswith("{")]
    assert sum(1 for entry in logged if entry["endpoint"] == "health.health") == 20


def test_metrics_add_up_across_gunicorn_workers(tmp_path, standin_packages_dir):
    # `wirealign serve` is one waitress process; a site that runs several
    # processes under gunicorn uses our hooks, and /metrics sums every worker.
    port = _free_port()
    metrics_dir = tmp_path / "prometheus"
    metrics_dir.mkdir()
    scrapes, _, _ = _serve_and_scrape(
        [sys.executable, "-m", "gunicorn", "--workers", "2", "--threads", "2",
         "--bind", f"127.0.0.1:{port}", "-c", "python:service.cli.gunicorn_hooks",
         "service.app:create_app()"], {
            "WIREALIGN_DATABASE": str(tmp_path / "db.sqlite"),
            "WIREALIGN_PACKAGES_DIR": str(standin_packages_dir),
            "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}, port)
    assert _health_counts(scrapes) == [[20.0]] * 4
    assert len(list(metrics_dir.glob("*.db"))) >= 2  # one file set per worker process
