"""Prometheus metrics at ``/metrics`` and one JSON log line per request.

Metrics (prometheus_client): requests by endpoint, method and status; request
latency by endpoint; segments translated by target and origin (engine,
memory); engine batch sizes and seconds by target, and the wait for the
engine (sent by a queue in front of it); glossary misses by entry;
review actions by the state they set. Under gunicorn set
PROMETHEUS_MULTIPROC_DIR (``wirealign serve`` does): every worker writes its
numbers there and ``/metrics`` adds them up (prometheus_client's multiprocess
mode). With METRICS_TOKEN set, ``/metrics`` needs ``Authorization: Bearer
<token>``, as LibreTranslate's does.

Every answer carries ``X-Request-Id`` (the client's, when it sent a sane one)
and is logged on the ``wirealign.requests`` logger as one JSON object: id,
method, path, endpoint, status, key name, duration.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import re
import sys
import time
import uuid
from typing import Any

from flask import Blueprint, Flask, Response, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

from .. import events
from ..errors import ApiError
from .auth import identify, key_from_request

bp = Blueprint("metrics", __name__)

REQUESTS = Counter("wirealign_http_requests", "HTTP requests answered",
                   ["endpoint", "method", "status"])
LATENCY = Histogram("wirealign_http_request_duration_seconds",
                    "Time to answer a request (until the body starts)", ["endpoint"])
SEGMENTS = Counter("wirealign_segments_translated", "Segments given a target",
                   ["target", "origin"])
BATCH_SIZE = Histogram("wirealign_engine_batch_size", "Segments in one engine call",
                       ["target"], buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256, 512))
BATCH_SECONDS = Histogram("wirealign_engine_batch_seconds", "Seconds of one engine call",
                          ["target"])
QUEUE_WAIT = Histogram("wirealign_engine_queue_wait_seconds",
                       "Seconds a request waited for the engine", ["target"])
GLOSSARY_MISSES = Counter("wirealign_glossary_misses",
                          "Glossary terms the translation could not carry", ["entry", "target"])
REVIEW_ACTIONS = Counter("wirealign_review_actions", "Pairs set to a state by a person",
                         ["state"])

REQUEST_LOG = logging.getLogger("wirealign.requests")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def _on_engine_batch(_sender: Any, *, target: str, size: int, seconds: float) -> None:
    BATCH_SIZE.labels(target).observe(size)
    BATCH_SECONDS.labels(target).observe(seconds)


def _on_queue_wait(_sender: Any, *, target: str, seconds: float) -> None:
    QUEUE_WAIT.labels(target).observe(seconds)


def _on_segments(_sender: Any, *, target: str, origin: str, count: int) -> None:
    if count:
        SEGMENTS.labels(target, origin).inc(count)


def _on_glossary(_sender: Any, *, target: str, outcomes: list[Any]) -> None:
    for outcome in outcomes:
        for term in outcome.terms:
            if not term.enforced:
                GLOSSARY_MISSES.labels(term.entry_id, target).inc()


events.engine_batch.connect(_on_engine_batch, weak=False)
events.engine_queue_wait.connect(_on_queue_wait, weak=False)
events.segments_translated.connect(_on_segments, weak=False)
events.glossary_outcomes.connect(_on_glossary, weak=False)


def _start() -> None:
    g.request_started = time.perf_counter()
    sent = request.headers.get("X-Request-Id", "")
    g.request_id = sent if _REQUEST_ID.match(sent) else uuid.uuid4().hex


def _key_name() -> str | None:
    if getattr(g, "user", None):
        return g.user
    key = key_from_request()
    if not key:
        return None
    who = identify(key)
    return who["name"] if who else "(unknown key)"


def _count_review(response: Response) -> None:
    if response.status_code != 200 or request.endpoint not in ("pairs.patch_pair",
                                                                "pairs.bulk"):
        return
    body = response.get_json(silent=True) or {}
    if request.endpoint == "pairs.patch_pair":  # the pair as it is now
        if body.get("status"):
            REVIEW_ACTIONS.labels(body["status"]).inc()
    elif body.get("state") and body.get("changed"):
        REVIEW_ACTIONS.labels(body["state"]).inc(int(body["changed"]))


def _finish(response: Response) -> Response:
    started = getattr(g, "request_started", None)
    seconds = time.perf_counter() - started if started is not None else 0.0
    endpoint = request.endpoint or "(no route)"  # never the raw path: bounded labels
    REQUESTS.labels(endpoint, request.method, str(response.status_code)).inc()
    LATENCY.labels(endpoint).observe(seconds)
    _count_review(response)
    request_id = getattr(g, "request_id", None) or uuid.uuid4().hex
    response.headers["X-Request-Id"] = request_id
    try:
        key_name = _key_name()
    except Exception:  # a log line must never turn an answer into an error
        key_name = None
    REQUEST_LOG.info(json.dumps({
        "id": request_id, "method": request.method, "path": request.path,
        "endpoint": endpoint, "status": response.status_code, "key": key_name,
        "duration_ms": round(seconds * 1000, 2),
    }, ensure_ascii=False))
    return response


def _registry() -> CollectorRegistry:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


@bp.get("/metrics")
def metrics() -> Any:
    """Prometheus metrics (a bearer token when METRICS_TOKEN is set)."""
    token = str(current_app.config.get("METRICS_TOKEN") or "")
    if token:
        sent = request.headers.get("Authorization", "")
        if not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
            raise ApiError(401, "this needs the metrics token (Authorization: Bearer ...)")
    return Response(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)


def init_app(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_finish)
    if not REQUEST_LOG.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        REQUEST_LOG.addHandler(handler)
        REQUEST_LOG.setLevel(logging.INFO)
        REQUEST_LOG.propagate = False
