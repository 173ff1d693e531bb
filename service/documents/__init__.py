"""Documents translated with their structure kept: HTML markup, plain-text
lines, DOCX paragraphs. Each module takes a batch function (texts in, one
translation per text out) and calls it ONCE for a whole document (or for all
documents of a request), so the engine sees one batch."""

from __future__ import annotations

from collections.abc import Callable

# Texts in, one translation per text out, in order (the engine, glossary applied).
TranslateBatch = Callable[[list[str]], list[str]]
