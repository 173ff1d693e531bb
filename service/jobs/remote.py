"""The API host's side of Celery jobs: a translator whose engine work runs on
Celery workers. It looks like a local Translator to the translation use case
(``package``, ``describe()``, ``batcher().translate``), so jobs take the same
path whichever backend runs the engine.

A long article is sent as chunks of CHUNK segments, so its work spreads over
every worker and its progress moves chunk by chunk. Results are polled from
the result backend (plain Redis reads: safe from many threads, unlike the
result consumer behind ``AsyncResult.get``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from celery import Celery

from ..engine import EngineError

CHUNK = 16
POLL_SECONDS = 0.02


@dataclass(frozen=True)
class RemotePackage:
    """What a worker said about its model (the fields the use case reads)."""

    name: str
    version: str
    stand_in: bool


class RemoteTranslator:
    def __init__(self, celery: Celery, target: str, *, chunk: int = CHUNK,
                 timeout: float = 3600) -> None:
        self.celery, self.target = celery, target
        self.chunk, self.timeout = chunk, timeout
        self._described: dict[str, Any] | None = None

    def batcher(self) -> RemoteTranslator:
        return self  # the workers batch; here each chunk is one task

    def translate(self, texts: list[str],
                  progress: Callable[[int], None] | None = None) -> list[str]:
        from .celery_app import TRANSLATE_TASK

        todo = [i for i, text in enumerate(texts) if text.strip()]
        out = list(texts)
        chunks = [todo[at:at + self.chunk] for at in range(0, len(todo), self.chunk)]
        sent = [(chunk, self.celery.send_task(TRANSLATE_TASK,
                                              args=[self.target, [texts[i] for i in chunk]]))
                for chunk in chunks]
        for chunk, result in sent:
            reply = self._wait(result.id)
            self._described = self._described or reply["describe"]
            for i, translated in zip(chunk, reply["translations"], strict=True):
                out[i] = translated
            if progress is not None:
                progress(len(chunk))
        return out

    def _wait(self, task_id: str) -> Any:
        deadline = time.monotonic() + self.timeout
        backend = self.celery.backend
        while True:
            meta = backend.get_task_meta(task_id)
            if meta["status"] == "SUCCESS":
                return meta["result"]
            if meta["status"] in ("FAILURE", "REVOKED"):
                raise EngineError(f"a translation worker failed: {meta.get('result')}")
            if time.monotonic() > deadline:
                raise EngineError(f"no translation worker answered within {self.timeout:.0f} s "
                                  "(are workers running and reaching the broker?)")
            time.sleep(POLL_SECONDS)

    def describe(self) -> dict[str, Any]:
        if self._described is None:
            from .celery_app import DESCRIBE_TASK

            self._described = self._wait(self.celery.send_task(DESCRIBE_TASK,
                                                               args=[self.target]).id)
        return self._described

    @property
    def package(self) -> RemotePackage:
        info = self.describe()
        return RemotePackage(info["package"], info["version"], bool(info["stand_in"]))


_lock = threading.Lock()
_apps: dict[str, Celery] = {}


def remote_engine(config: Mapping[str, Any]) -> Callable[[str], RemoteTranslator]:
    """Translators by target, on the Celery broker at CELERY_BROKER_URL."""
    from .celery_app import make_celery

    url = str(config["CELERY_BROKER_URL"])
    with _lock:
        if url not in _apps:
            _apps[url] = make_celery(url)
        celery = _apps[url]
    timeout = float(config.get("CELERY_TASK_TIMEOUT", 3600))
    return lambda target: RemoteTranslator(celery, target, timeout=timeout)
