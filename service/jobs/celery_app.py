"""Scale-out: the engine work of jobs on Celery workers, with a Redis broker.

A worker needs only the models and the broker, never the store:

    WIREALIGN_CELERY_BROKER_URL=redis://api-host:6379/0 \\
    WIREALIGN_PACKAGES_DIR=/models \\
    celery -A service.jobs.celery_app worker -Q wirealign -P solo -c 1

(or ``wirealign jobs worker``). The API host (JOBS_BACKEND=celery) still
segments, protects glossary terms and stores; it sends the segments to
translate here in chunks (service.jobs.remote).

Why a killed worker loses nothing and stores nothing twice: tasks are
acknowledged only after they finish (``acks_late``), so a task whose worker
died (``kill -9``) goes back to the queue when Redis's visibility timeout
passes (``reject_on_worker_lost`` puts it back at once when only the pool
child died) and another worker runs it again; a task only translates text,
so running it twice changes nothing, and the API host stores each article
once.

A worker loads its installed models when it starts, before it takes a
task (WIREALIGN_CELERY_PRELOAD=false: on first use), so the first chunks of
a job do not wait for a model load.

Settings, from the environment: WIREALIGN_CELERY_BROKER_URL (also the result
backend), WIREALIGN_CELERY_VISIBILITY_TIMEOUT (seconds, default 600: longer
than any chunk takes), WIREALIGN_CELERY_RESTORE_INTERVAL (seconds between
scans for such tasks, default 10), WIREALIGN_CELERY_PRELOAD, and the
engine's WIREALIGN_* settings.
"""

from __future__ import annotations

import os
from typing import Any

from celery import Celery
from celery.signals import worker_ready

from ..constants import SOURCE_LANG, TARGET_LANGS
from ..engine import EngineSettings, get_translator, installed_packages

QUEUE = "wirealign"
TRANSLATE_TASK = "wirealign.translate"
DESCRIBE_TASK = "wirealign.describe"
DEFAULT_BROKER = "redis://127.0.0.1:6379/0"


def make_celery(broker_url: str, visibility_timeout: int = 600,
                restore_interval: int = 10) -> Celery:
    """A Celery app for this broker, configured for at-least-once engine tasks.

    Workers look for tasks past the visibility timeout every
    ``restore_interval`` seconds (kombu's default scans only every 100 s:
    interval 10 x throttle 10), so a killed worker's task runs again within
    visibility_timeout + restore_interval."""
    celery = Celery("wirealign", broker=broker_url, backend=broker_url)
    transport = {"visibility_timeout": visibility_timeout,
                 "unacked_restore_interval": restore_interval,
                 "unacked_restore_throttle": 1}
    celery.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,  # a worker holds one chunk; the rest stay for others
        task_default_queue=QUEUE,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        result_expires=24 * 3600,
        broker_transport_options=transport,
        result_backend_transport_options={"visibility_timeout": visibility_timeout},
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    return celery


def _worker_settings() -> EngineSettings:
    env = {key: value for key, value in os.environ.items() if key.startswith("WIREALIGN_")}
    return EngineSettings.from_mapping(env)


app = make_celery(os.environ.get("WIREALIGN_CELERY_BROKER_URL", DEFAULT_BROKER),
                  int(os.environ.get("WIREALIGN_CELERY_VISIBILITY_TIMEOUT", "600")),
                  int(os.environ.get("WIREALIGN_CELERY_RESTORE_INTERVAL", "10")))


@worker_ready.connect
def _load_models(**_kwargs: Any) -> None:
    """Load every installed model before the first task (a model load takes
    seconds; the first chunks of a job would wait for it)."""
    if os.environ.get("WIREALIGN_CELERY_PRELOAD", "true").strip().lower() in (
            "false", "no", "off", "0"):
        return
    settings = _worker_settings()
    for package in installed_packages(settings.packages_dir):
        if package.from_code == SOURCE_LANG and package.to_code in TARGET_LANGS:
            get_translator(settings, package.to_code)


@app.task(name=TRANSLATE_TASK)
def translate_texts(target: str, texts: list[str]) -> dict[str, Any]:
    """Translate ``texts`` with this worker's model (one engine queue, batched)."""
    translator = get_translator(_worker_settings(), target)
    return {"translations": translator.batcher().translate(texts),
            "describe": translator.describe()}


@app.task(name=DESCRIBE_TASK)
def describe(target: str) -> dict[str, Any]:
    """Which model this worker translates ``target`` with."""
    return get_translator(_worker_settings(), target).describe()
