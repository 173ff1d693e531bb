"""What happened, announced for whoever counts it (``api.metrics``): the
engine, the use cases and the API send these blinker signals; nothing here
knows of Prometheus, and a signal nobody listens to costs nothing.

- ``engine_batch``: one CTranslate2 call (``target``, ``size``, ``seconds``)
- ``segments_translated``: segments given a target (``target``, ``origin``
  "engine" or "memory", ``count``)
- ``glossary_outcomes``: a batch's glossary results (``target``, ``outcomes``)
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

engine_batch = _signals.signal("engine-batch")
segments_translated = _signals.signal("segments-translated")
glossary_outcomes = _signals.signal("glossary-outcomes")
