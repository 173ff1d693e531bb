"""Moses: a zip of two plain-text files, ``corpus.en`` and ``corpus.<lang>``,
line N of one the translation of line N of the other (UTF-8, ``\\n`` endings).

A segment must stay on one line: every character Python's ``str.splitlines``
treats as a line break (``\\n``, ``\\r``, VT, FF, FS, GS, RS, NEL, U+2028,
U+2029) becomes a space, and the other C0 controls and DEL are removed.

The zip is streamed: English lines go straight into the first member while
the target lines wait in a temporary file on disk, then become the second
member, so memory stays flat and the two files come from one read.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator

from ..store.export import ExportRow

_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f]")
FLUSH_BYTES = 1 << 16
COMPRESS_LEVEL = 1  # deflate level 1: most of the size gain at a fraction of the time


def one_line(text: str) -> str:
    return _CONTROLS.sub("", _BREAKS.sub(" ", text))


class _Sink:
    """A non-seekable file for zipfile; the generator takes its bytes."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts, self.size = [], 0
        return data


def moses_chunks(rows: Iterable[ExportRow], lang: str) -> Iterator[bytes]:
    sink = _Sink()
    with tempfile.TemporaryFile() as targets, \
            zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as zf:
        with zf.open("corpus.en", "w", force_zip64=True) as english:
            yield sink.take()  # the zip's first local header: the client sees bytes at once
            lines: list[str] = []
            for row in rows:
                lines.append(one_line(row.source))
                targets.write((one_line(row.target) + "\n").encode("utf-8"))
                if len(lines) >= 500:
                    english.write(("\n".join(lines) + "\n").encode("utf-8"))
                    lines = []
                    if sink.size >= FLUSH_BYTES:
                        yield sink.take()
            if lines:
                english.write(("\n".join(lines) + "\n").encode("utf-8"))
        yield sink.take()
        targets.seek(0)
        with zf.open(f"corpus.{lang}", "w", force_zip64=True) as target_member:
            while block := targets.read(FLUSH_BYTES):
                target_member.write(block)
                if sink.size >= FLUSH_BYTES:
                    yield sink.take()
    yield sink.take()
