"""Streaming writes: pieces of a file joined into byte chunks of about 64 KB,
small enough that an HTTP export starts sending at once and memory stays
flat, large enough that there are few writes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

FLUSH_CHARS = 1 << 16


def in_chunks(pieces: Iterable[str]) -> Iterator[bytes]:
    """UTF-8 chunks of the concatenated ``pieces`` (each piece stays whole)."""
    parts: list[str] = []
    size = 0
    for piece in pieces:
        parts.append(piece)
        size += len(piece)
        if size >= FLUSH_CHARS:
            yield "".join(parts).encode("utf-8")
            parts, size = [], 0
    if parts:
        yield "".join(parts).encode("utf-8")
