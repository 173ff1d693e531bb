"""``wirealign serve``: the HTTP service under gunicorn."""

from __future__ import annotations

import os
import sys

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=4, show_default=True, type=int,
              help="Request threads; the model is shared by all of them.")
def serve(host: str, port: int, threads: int) -> None:
    """Run the HTTP service with gunicorn (one process: the model loads once)."""
    os.execv(sys.executable, [sys.executable, "-m", "gunicorn", "--workers", "1",
                              "--threads", str(threads), "--bind", f"{host}:{port}",
                              "--access-logfile", "-", "service.app:create_app()"])


