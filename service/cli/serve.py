"""``wirealign serve``: the HTTP service under gunicorn.

Before gunicorn starts it says which models it will serve (and shouts when a
stand-in copy model is among them), checks the address can be bound (a port
in use is one clear line, not a gunicorn traceback) and prepares the folder
Prometheus metrics are gathered in across workers."""

from __future__ import annotations

import errno
import os
import socket
import sys
import tempfile
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..config import engine_settings
from ..constants import TARGET_LANGS
from ..engine import EngineError, installed_packages

STAND_IN_BANNER = "!" * 72


def describe_models() -> list[str]:
    """Lines saying which models the service has, loudly for stand-ins."""
    settings = engine_settings()
    try:
        packages = [p for p in installed_packages(settings.packages_dir) if p.from_code == "en"]
    except EngineError as error:
        return [f"models: cannot read {settings.packages_dir}: {error}"]
    lines = [f"models in {settings.packages_dir}:"]
    for package in sorted(packages, key=lambda p: p.to_code):
        mark = "  STAND-IN: copies its input, NOT a translation" if package.stand_in else ""
        lines.append(f"  en->{package.to_code}  {package.name} {package.version}{mark}")
    have = {p.to_code for p in packages}
    for missing in [t for t in TARGET_LANGS if t not in have]:
        lines.append(f"  en->{missing}  MISSING: run `wirealign models install {missing}`")
    stand_ins = sorted(p.to_code for p in packages if p.stand_in)
    if stand_ins:
        lines += [STAND_IN_BANNER,
                  f"!! WARNING: STAND-IN models for {', '.join(stand_ins)}: every answer in "
                  "these languages", "!! is the English input copied back, NOT a translation. "
                  "Install real models:", "!!   wirealign models install ko ja",
                  STAND_IN_BANNER]
    return lines


def address_problem(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be served on, in one line (None when it can)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        return f"cannot serve on {host}:{port}: unknown host ({error.strerror})"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return (f"port {port} on {host} is in use by another program; choose another "
                        f"with --port (e.g. --port {port + 1 if port < 65535 else 8000})")
            if error.errno == errno.EACCES:
                return (f"no permission to serve on port {port} (ports below 1024 need root); "
                        "use --port 5000 or above")
            if error.errno == errno.EADDRNOTAVAIL:
                return f"{host} is not an address of this machine; use --host 127.0.0.1"
            return f"cannot serve on {host}:{port}: {error.strerror or error}"
    return None


def metrics_folder() -> str:
    """PROMETHEUS_MULTIPROC_DIR, emptied of an earlier run's numbers (or a new one)."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not folder:
        return tempfile.mkdtemp(prefix="wirealign-metrics-")
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    for old in path.glob("*.db"):
        old.unlink()
    return str(path)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Request threads; the model is shared by all of them.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes; each loads its own models (memory grows with each).")
@with_appcontext
def serve(host: str, port: int, threads: int, workers: int) -> None:
    """Run the HTTP service with gunicorn."""
    for line in describe_models():
        click.echo(line, err=line.startswith("!!") or "MISSING" in line)
    problem = address_problem(host, port)
    if problem:
        click.echo(f"Error: {problem}", err=True)
        sys.exit(1)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_folder()
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"wirealign serving on http://{shown}:{port}/ "
               f"({workers} worker(s), {threads} threads; API docs at /docs)")
    sys.stdout.flush()
    os.execv(sys.executable, [sys.executable, "-m", "gunicorn", "--workers", str(workers),
                              "--threads", str(threads), "--bind", f"{shown}:{port}",
                              "-c", "python:service.cli.gunicorn_hooks",
                              "service.app:create_app()"])
