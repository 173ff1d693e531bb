"""Values more than one layer needs, written once: languages, limits, formats."""

from __future__ import annotations

# wirealign translates and aligns English into these languages, in this order.
SOURCE_LANG = "en"
TARGET_LANGS: tuple[str, ...] = ("ko", "ja")
LANGUAGE_NAMES = {"en": "English", "ko": "Korean", "ja": "Japanese"}

# SQLite's largest integer: ids and numbers past it are refused, never overflowed.
MAX_SQLITE_INT = 2**63 - 1

# Every stored time: UTC, ISO 8601, microseconds and a Z (sorts as text).
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

# Review states of a pair, and which of them a person may set (machine and
# source_only come only from the pipeline).
STATES = ("machine", "needs_review", "edited", "approved", "rejected", "source_only")
REVIEW_STATES = ("needs_review", "edited", "approved", "rejected")
# Where a pair's target came from.
ORIGINS = ("machine", "memory", "human", "source")
