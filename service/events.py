"""What happened, announced for whoever counts it (``api.metrics``): the
engine, the use cases and the API send these blinker signals; nothing here
knows of Prometheus, and a signal nobody listens to costs nothing.

- ``engine_batch``: one CTranslate2 call (``target``, ``size``, ``seconds``)
- ``segments_translated``: segments given a target (``target``, ``origin``
  "engine" or "memory", ``count``)
- ``glossary_outcomes``: a batch's glossary results (``target``, ``outcomes``)
- ``engine_queue_wait``: time a request waited for the engine (``target``,
  ``seconds``); for a batching queue in front of the translator to send
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

engine_batch = _signals.signal("engine-batch")
segments_translated = _signals.signal("segments-translated")
glossary_outcomes = _signals.signal("glossary-outcomes")
engine_queue_wait = _signals.signal("engine-queue-wait")
