"""gunicorn settings ``wirealign serve`` loads (``-c python:service.cli.gunicorn_hooks``):
a worker that exits has its Prometheus numbers marked dead, as
prometheus_client's multiprocess mode asks."""

from __future__ import annotations

from typing import Any


def child_exit(server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
