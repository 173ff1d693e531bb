"""A Celery worker for tests/test_jobs_celery.py whose engine calls take a
moment (the stand-in copies text in microseconds), so that a test can kill it
while it holds a task. Run: python tests/celery_worker.py NAME."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.engine.translator import Translator

SECONDS_PER_CALL = 0.4
_original = Translator.translate_tokens


def _slow(self, tokens, max_batch_size):
    time.sleep(SECONDS_PER_CALL)
    return _original(self, tokens, max_batch_size)


Translator.translate_tokens = _slow

if __name__ == "__main__":
    from service.jobs.celery_app import app

    app.worker_main(["worker", "-P", "solo", "-c", "1", "-n", f"{sys.argv[1]}@%h",
                     "-Q", "wirealign", "--without-gossip", "--without-mingle",
                     "--without-heartbeat", "--loglevel", "INFO"])
