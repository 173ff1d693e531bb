"""``wirealign serve``: the HTTP service under waitress.

Why waitress and not gunicorn's sync threads: waitress reads each request
whole (headers and body) and buffers each response in its own I/O loop, and
only then hands the request to an app thread. A client that sends one byte
every 15 s, leaves its headers unfinished or stops reading a large export
holds a connection (bounded by ``--connection-limit``), never an app thread,
so ``/health`` and reads keep answering. Engine work waits in the engine
queue (service.engine.batcher), and at most WORK_SLOTS requests may wait
there (service.api.admission), so some threads are always free for reads.

Before it starts it says which models it will serve (and shouts when a
stand-in copy model is among them) and checks the address can be bound (a
port in use is one clear line, not a traceback).
"""

from __future__ import annotations

import errno
import logging
import socket
import sys
from typing import Any

import click
from flask import Flask
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


# Threads kept free of engine work for /health and reads (admission control
# lets at most WORK_SLOTS requests wait for the engine or the alignment pool).
READ_THREADS = 8
# Bytes of a response buffered per connection before the app thread waits for
# the client: above the size of a large export page, spilled to a temp file.
OUTBUF_HIGH_WATERMARK = 256 * 1024 * 1024


def make_front(app: Flask, *, host: str, port: int, threads: int | None = None,
               connection_limit: int = 1000, channel_timeout: int = 60) -> Any:
    """A waitress server for ``app`` (not yet running: call ``.run()``; ``.close()``)."""
    from waitress.server import create_server

    if threads is None:
        threads = int(app.config.get("WORK_SLOTS", 32)) + READ_THREADS
    return create_server(
        app, host=host, port=port, threads=threads,
        connection_limit=connection_limit,
        # A connection idle this long (no request in progress) is closed.
        channel_timeout=channel_timeout,
        outbuf_high_watermark=OUTBUF_HIGH_WATERMARK,
        # The app's own MAX_CONTENT_LENGTH answers 413 in JSON; waitress's
        # limit is the outer guard against bodies far past it.
        max_request_body_size=max(int(app.config.get("MAX_CONTENT_LENGTH") or 0) * 2,
                                  int(app.config.get("JOB_MAX_BYTES") or 0), 1024 * 1024),
        ident="wirealign", clear_untrusted_proxy_headers=True)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=None, type=click.IntRange(2, 1024),
              help="App threads (default: WORK_SLOTS + 8); the model is shared by all.")
@click.option("--connection-limit", default=1000, show_default=True,
              type=click.IntRange(1, 100_000), help="Open connections at most.")
@click.option("--channel-timeout", default=60, show_default=True, type=click.IntRange(1),
              help="Seconds an idle connection is kept open.")
@with_appcontext
def serve(host: str, port: int, threads: int | None, connection_limit: int,
          channel_timeout: int) -> None:
    """Run the HTTP service with waitress (one process: the model loads once)."""
    from ..app import create_app

    for line in describe_models():
        click.echo(line, err=line.startswith("!!") or "MISSING" in line)
    problem = address_problem(host, port)
    if problem:
        click.echo(f"Error: {problem}", err=True)
        sys.exit(1)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = create_app()
    server = make_front(app, host=host, port=port, threads=threads,
                        connection_limit=connection_limit, channel_timeout=channel_timeout)
    from ..jobs.worker import job_worker

    job_worker(app)  # the embedded job worker: resumes jobs a stopped service left
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"wirealign serving on http://{shown}:{server.effective_port}/ "
               "(API docs at /docs)", err=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
