"""What the desk accepts as an article: pasted or uploaded text, or a whole
HTML page, whose article ``service.segment.html`` extracts (trafilatura)."""

from __future__ import annotations

import re

from ..segment.html import article_text

_LOOKS_LIKE_HTML = re.compile(r"^\s*(<!doctype html|<html\b|<head\b|<body\b|<article\b|<div\b"
                              r"|<p\b)", re.IGNORECASE)


class IntakeError(ValueError):
    """An upload the desk cannot turn into article text; the message says why."""


def looks_like_html(text: str, filename: str = "", content_type: str = "") -> bool:
    return (filename.lower().endswith((".html", ".htm")) or "html" in content_type.lower()
            or bool(_LOOKS_LIKE_HTML.match(text)))


def article_from_upload(data: bytes, filename: str = "", content_type: str = ""
                        ) -> tuple[str, str | None]:
    """An uploaded file as (article text, title from the page or None)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IntakeError("the file is not UTF-8 text; save it as UTF-8 and upload it "
                          "again") from None
    return article_from_text(text, html=looks_like_html(text, filename, content_type))


def article_from_text(text: str, *, html: bool | None = None) -> tuple[str, str | None]:
    """Pasted text (or HTML) as (article text, title or None)."""
    # Browsers send a textarea's line breaks as CRLF (HTML's form encoding).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if html is None:
        html = looks_like_html(text)
    if not html:
        return text, None
    extracted = article_text(text)
    if not extracted.strip():
        raise IntakeError("no article was found in this HTML page; paste the article's text "
                          "instead (select the story on the page and copy it)")
    # The headline is the extracted text's first block; segmentation types it.
    return extracted, None
