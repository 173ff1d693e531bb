"""Plain text translated line by line: blank lines, indentation and line ends
stay where they were; all non-blank lines go to the engine in one batch."""

from __future__ import annotations

import re

from . import TranslateBatch

_LINE = re.compile(r"^(\s*)(.*?)(\s*)$", re.S)


def translate_lines(text: str, translate: TranslateBatch) -> str:
    """``text`` with each non-blank line translated, its surrounding spaces kept."""
    lines = text.splitlines(keepends=True)
    parts = [_LINE.match(line).groups() for line in lines]  # type: ignore[union-attr]
    todo = [i for i, (_, words, _) in enumerate(parts) if words]
    translated = translate([parts[i][1] for i in todo]) if todo else []
    out = [line for line in lines]
    for i, words in zip(todo, translated, strict=True):
        lead, _, trail = parts[i]
        out[i] = lead + words + trail
    return "".join(out)
