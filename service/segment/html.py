"""A whole HTML news page -> the article as text laid out for the segmenter.

The article is found by ``trafilatura`` (navigation, related links, comments
and tables left out) and written one block a line, blocks separated by blank
lines, in the order the segmenter expects of wire copy:

    headline
    By <authors>                  (when the page names them)
    paragraph, paragraph, ...     (the dateline stays where the page has it)
    <figure caption>              (each image's caption, where it stands)

The text keeps the page's own words; ``segment_english`` then types the lines.
Not wired into the API or the CLI yet.
"""

from __future__ import annotations

import re

import trafilatura
from lxml import etree

# " | Yonhap News Agency", " - CNN.com": the site's name after a headline.
_SITE_SUFFIX = re.compile(r"\s+[|\-–—]\s+[^|\-–—]{2,40}$")
_SPACES = re.compile(r"\s+")


def _clean(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def _headline(title: str, site: str) -> str:
    """The page title without the site's name tacked on."""
    title = _clean(title)
    suffix = _SITE_SUFFIX.search(title)
    if suffix and (not site or site.lower() in suffix.group().lower() or len(title) > 60):
        title = title[: suffix.start()]
    return title


def _byline(authors: str) -> str:
    names = [_clean(n) for n in (authors or "").split(";") if _clean(n)]
    if not names:
        return ""
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"By {joined}"


def _blocks(main: etree._Element) -> list[str]:
    """The article's blocks in page order: paragraphs, subheads, list items,
    quotes and the captions of its images."""
    blocks: list[str] = []
    for element in main.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if (tag in {"p", "head", "quote"} and element.getparent() is not None and (
            element.getparent().tag not in {"p", "quote", "item"}
        )) or tag == "item":
            text = _clean("".join(element.itertext()))
        elif tag == "graphic":
            text = _clean(element.get("title") or element.get("alt"))
        else:
            continue
        if text and (not blocks or blocks[-1] != text):
            blocks.append(text)
    return blocks


def article_text(html: str) -> str:
    """The article of a news page as plain text, one block a line, blocks
    separated by blank lines; empty when no article is found."""
    extracted = trafilatura.extract(
        html,
        output_format="xml",
        include_comments=False,
        include_tables=False,
        include_images=True,
        include_links=False,
        with_metadata=True,
    )
    if not extracted:
        return ""
    doc = etree.fromstring(extracted.encode("utf-8"))
    main = doc.find("main")
    blocks = _blocks(main) if main is not None else []
    head = [_headline(doc.get("title", ""), doc.get("sitename", "")), _byline(doc.get("author"))]
    head = [line for line in head if line and line not in blocks[:2]]
    return "\n\n".join(head + blocks)
