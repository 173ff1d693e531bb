"""Reading and writing the files the CLI is given: UTF-8 text in (a BOM is
dropped; a .docx is read; ``-`` is standard input), whole files out (written
beside the target, then renamed, so a failed run never leaves half a file), and
one-line errors that say what a file is and how to convert it."""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import click


def read_utf8(path: Path | str) -> str:
    """The file's text (``-`` is standard input). UTF-8, a BOM dropped; a Word
    document (.docx) is read as its paragraphs, one a line. Anything else gets a
    one-line error naming what the file is and how to convert it: UTF-16,
    another encoding (guessed by charset-normalizer), PDF, other binaries."""
    name = str(path)
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(path).read_bytes()
    except OSError as error:
        raise click.ClickException(f"{path}: {error.strerror or error}") from None
    label = "standard input" if name == "-" else name
    if _is_docx(data):
        from .documents.docx import read_docx_text  # python-docx only when needed

        try:
            return read_docx_text(data)
        except Exception as error:  # python-docx/lxml raise many types for a damaged file
            raise click.ClickException(f"{label}: a damaged Word document ({error})") from None
    try:
        if _utf16_order(data):  # ASCII in UTF-16 is valid UTF-8 (with NULs): ask first
            raise UnicodeDecodeError("utf-8", data, 0, 1, "UTF-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise click.ClickException(f"{label}: {_what_it_is(data, error)}") from None


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _utf16_order(data: bytes) -> str | None:
    """"LE"/"BE" when the bytes are UTF-16 (a BOM, or NULs every other byte)."""
    if data[:2] == b"\xff\xfe":
        return "LE"
    if data[:2] == b"\xfe\xff":
        return "BE"
    sample = data[:4000]
    if len(sample) >= 4:
        odd_nuls = sample[1::2].count(0) / len(sample[1::2])
        even_nuls = sample[0::2].count(0) / len(sample[0::2])
        if odd_nuls > 0.3 and even_nuls < 0.05:
            return "LE"
        if even_nuls > 0.3 and odd_nuls < 0.05:
            return "BE"
    return None


def _what_it_is(data: bytes, error: UnicodeDecodeError) -> str:
    """Conversion advice that fits the file."""
    order = _utf16_order(data)
    if order:
        # With a BOM iconv finds the byte order itself; without one it must be told.
        source = "UTF-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else f"UTF-16{order}"
        return (f"UTF-16 ({order}) text, not UTF-8; convert it: "
                f"iconv -f {source} -t UTF-8 FILE > FILE.utf8.txt")
    if data.startswith(b"%PDF"):
        return "a PDF document, not text; save it as plain text (UTF-8) first"
    if data.startswith(b"PK\x03\x04"):
        return "a zip archive (not a Word .docx); unpack it or save the text as UTF-8"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Word .doc file; save it as .docx or as plain text (UTF-8)"
    where = f"byte {error.object[error.start]:#04x} at offset {error.start}"
    from charset_normalizer import from_bytes  # comes with requests

    matches = from_bytes(data[:200_000])
    best = matches.best()
    if best is None or b"\x00" in data[:4000]:
        return f"not text ({where}): a binary file"
    # Short Western text fits many single-byte code pages; Windows-1252 (a
    # superset of Latin-1) is by far the likeliest of them in a newsroom.
    plausible = {name for match in matches for name in match.could_be_from_charset}
    encoding = ("CP1252" if plausible & {"cp1252", "latin_1", "iso8859_15"}
                else best.encoding.upper().replace("_", "-"))
    return (f"not UTF-8 text ({where}); it looks like {encoding}: convert it, e.g. "
            f"iconv -f {encoding} -t UTF-8 FILE > FILE.utf8.txt")


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[IO[bytes]]:
    """A binary file that appears at ``path`` only when the block succeeds."""
    target = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial",
                                             dir=target.parent)
    except OSError as error:
        raise click.ClickException(f"cannot write {target}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
