"""Which translator a file takes, by its extension, and what its words are."""

from __future__ import annotations

import zipfile

from . import TranslateBatch
from .docx import read_docx_text, translate_docx
from .html import plain_text, translate_html
from .plain import translate_lines
from .sentences import by_sentences

SUFFIXES = (".txt", ".html", ".htm", ".docx")


class UnreadableFile(ValueError):
    """The file is not what its extension says (or not text we can read)."""


def decode_text(data: bytes) -> str:
    """UTF-8 (a BOM is dropped) or UTF-16 with a BOM; anything else is refused."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise UnreadableFile(f"broken UTF-16 text: {error.reason}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(f"not UTF-8 text (byte {data[error.start]:#04x} at offset "
                             f"{error.start})") from None


def file_words(suffix: str, data: bytes) -> str:
    """The words of the file, for the language check."""
    if suffix == ".docx":
        return read_docx_text(_docx_data(data))
    text = decode_text(data)
    return plain_text(text) if suffix in (".html", ".htm") else text


def _docx_data(data: bytes) -> bytes:
    if not data.startswith(b"PK"):
        raise UnreadableFile("not a .docx file (a .docx is a zip archive)")
    try:
        read_docx_text(data)
    except zipfile.BadZipFile as error:
        raise UnreadableFile(f"not a readable .docx file: {error}") from None
    except Exception as error:  # python-docx and lxml raise many types for a damaged file
        raise UnreadableFile(f"not a readable .docx file ({type(error).__name__})") from None
    return data


def translate_file_data(suffix: str, data: bytes, translate: TranslateBatch,
                        target: str | None = None) -> bytes:
    """The translated file, same type and structure; one ``translate`` call."""
    if suffix == ".docx":
        return translate_docx(_docx_data(data), by_sentences(translate, target))
    text = decode_text(data)
    if suffix in (".html", ".htm"):  # cuts its runs into sentences itself
        return translate_html([text], translate, target)[0].encode("utf-8")
    return translate_lines(text, by_sentences(translate, target)).encode("utf-8")
