"""Jobs for big work: many articles, a JSONL file, a size-limit article,
retranslate --stale. Queued in the store (service.store.jobs), run by
:mod:`.runner` on the API host, which keeps the store.

- ``runner``  runs one job: plans its segments, translates and stores each
              item, reports progress, honours cancel
- ``worker``  the embedded default: a background thread in the service process
- ``celery_app``  scale-out: the engine work of jobs on Celery workers (Redis
              broker) that need only the models; ``remote`` is the API host's
              side of it
"""
