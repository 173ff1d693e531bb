"""What the README and the Dockerfile name must exist: commands, endpoints,
files. (A newcomer runs them as written.)"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from service.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def cli_lines() -> list[str]:
    block = README.split("### Command line", 1)[1].split("```", 2)[1]
    return [line.split("  ")[0].strip() for line in block.splitlines()
            if line.startswith("wirealign ")]


@pytest.mark.parametrize("line", cli_lines())
def test_every_cli_command_in_the_readme_exists(runner, line):
    for variant in line.split(" | "):
        words = [w for w in shlex.split(variant.replace("wirealign ", "", 1))
                 if not w.startswith(("[", "-")) and w.isidentifier() and w.islower()]
        command = cli.commands.get(words[0])
        assert command is not None, variant
        path = words[:2] if isinstance(command, click.Group) else words[:1]
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, (variant, result.output)
        for option in re.findall(r"--[a-z][a-z-]+", variant):
            assert option in result.output, (variant, option)


def test_every_endpoint_in_the_readme_is_routed(app):
    table = README.split("### HTTP API (JSON)", 1)[1].split("\n\n", 2)[1]
    named = set(re.findall(r"`(?:GET|POST|PUT|PATCH|DELETE) (/[^ `?]*)", table))
    routes = {re.sub(r"<[^>]+>", "<id>", rule.rule) for rule in app.url_map.iter_rules()}
    for path in named:
        assert re.sub(r"<[^>]+>", "<id>", path) in routes, path
    assert len(named) >= 15


def test_quick_start_scripts_and_dockerfile_paths_exist():
    for script in ("scripts/serve.sh", "scripts/test.sh", "scripts/setup.sh", ".ci/run"):
        assert (ROOT / script).is_file(), script
    assert "bash scripts/test.sh" in (ROOT / ".ci/run").read_text()
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    for source in re.findall(r"^COPY (.+) \S+$", dockerfile, flags=re.M):
        for part in source.split():
            assert list(ROOT.glob(part)), f"Dockerfile copies {part}, which is not in the repo"
    # The image serves through `wirealign serve` (waitress), the same front as scripts/serve.sh.
    assert "\"wirealign\", \"serve\"" in dockerfile and "/health" in dockerfile


def test_every_path_of_the_data_flow_exists():
    block = README.split("## How an article travels", 1)[1].split("```", 2)[1]
    paths = re.findall(r"(service/[\w/.]+)", block)
    assert len(paths) >= 15
    for path in paths:
        assert (ROOT / path.rstrip(".")).exists(), path
