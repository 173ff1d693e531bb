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
from lxml import html as lxml_html

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


def _figure_captions(html: str) -> dict[str, str]:
    """Each image's <figcaption> by the image's src: trafilatura keeps an
    image's alt text, and the caption is what the page prints under it."""
    try:
        tree = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return {}
    captions: dict[str, str] = {}
    for figure in tree.iter("figure"):
        caption = figure.find(".//figcaption")
        image = figure.find(".//img")
        if caption is not None and image is not None and image.get("src"):
            text = _clean(caption.text_content())
            if text:
                captions[image.get("src")] = text
    return captions


def _blocks(main: etree._Element, captions: dict[str, str]) -> list[str]:
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
            text = captions.get(element.get("src", "")) or _clean(
                element.get("title") or element.get("alt")
            )
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
    blocks = _blocks(main, _figure_captions(html)) if main is not None else []
    headline = _headline(doc.get("title", ""), doc.get("sitename", ""))
    if headline and headline not in blocks[:3]:
        blocks.insert(0, headline)
    byline = _byline(doc.get("author"))
    if byline and not any(byline.casefold() == b.casefold() for b in blocks[:5]):
        after = blocks.index(headline) + 1 if headline in blocks[:3] else 0
        blocks.insert(after, byline)
    return "\n\n".join(blocks)
