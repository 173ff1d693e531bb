"""``wirealign serve``: the HTTP service under waitress.

Why waitress and not gunicorn's sync threads: waitress reads each request
whole (headers and body) and buffers each response in its own I/O loop, and
only then hands the request to an app thread. A client that sends one byte
every 15 s, leaves its headers unfinished or stops reading a large export
holds a connection (bounded by ``--connection-limit``), never an app thread,
so ``/health`` and reads keep answering. Engine work waits in the engine
queue (service.engine.batcher), and at most WORK_SLOTS requests may wait
there (service.api.admission), so some threads are always free for reads.
"""

from __future__ import annotations

import logging
from typing import Any

import click
from flask import Flask

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
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=None, type=click.IntRange(2, 1024),
              help="App threads (default: WORK_SLOTS + 8); the model is shared by all.")
@click.option("--connection-limit", default=1000, show_default=True,
              type=click.IntRange(1, 100_000), help="Open connections at most.")
@click.option("--channel-timeout", default=60, show_default=True, type=click.IntRange(1),
              help="Seconds an idle connection is kept open.")
def serve(host: str, port: int, threads: int | None, connection_limit: int,
          channel_timeout: int) -> None:
    """Run the HTTP service with waitress (one process: the model loads once)."""
    from ..app import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = create_app()
    server = make_front(app, host=host, port=port, threads=threads,
                        connection_limit=connection_limit, channel_timeout=channel_timeout)
    from ..jobs.worker import job_worker

    job_worker(app)  # the embedded job worker: resumes jobs a stopped service left
    click.echo(f"wirealign serving on http://{host}:{server.effective_port}", err=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
