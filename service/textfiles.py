"""Reading and writing the files the CLI is given: UTF-8 text in (a BOM is
dropped), whole files out (written beside the target, then renamed, so a
failed run never leaves half a file), and one-line errors instead of
tracebacks."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import click


def read_utf8(path: Path) -> str:
    """The file's text; a clear error when it is not UTF-8 (Latin-1, UTF-16, binary)."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise click.ClickException(
            f"{path}: not UTF-8 text (byte {error.object[error.start]:#04x} at offset "
            f"{error.start}); convert it, e.g. iconv -f LATIN1 -t UTF-8") from None
    except OSError as error:
        raise click.ClickException(f"{path}: {error.strerror or error}") from None


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
