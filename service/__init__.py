"""wirealign: English news-wire articles in, aligned Korean and Japanese
sentence pairs out, reviewed and exported as a bilingual corpus.

Kept light on purpose: importing a leaf (``service.align.numbers``) must not
load Flask or the engine. The app factory is :func:`service.app.create_app`.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("wirealign")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
