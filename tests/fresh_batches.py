"""What every batch of bilingual pages not in the set must be: big enough, from
outlets (English and target pages) in neither half, and dev pages with gold once
scored (tests of each round's batch share this)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from service.align.bilingual import load


def host(url: str) -> str:
    return urlsplit(url.split()[0]).netloc.lower().removeprefix("www.")


def assert_fresh_batch(path: Path, *, ko: int, ja: int, comparable: int) -> None:
    """The batch in ``path`` holds at least so many en-ko and en-ja translations and
    comparable stories, none from an outlet of any other page, all dev pages with gold."""
    fresh = load([path])
    ids = {d.doc_id for d in fresh}
    older = [d for d in load() if d.doc_id not in ids]
    assert sum(d.kind == "translation" and d.lang == "ko" for d in fresh) >= ko
    assert sum(d.kind == "translation" and d.lang == "ja" for d in fresh) >= ja
    assert sum(d.kind == "comparable" for d in fresh) >= comparable
    assert not {d.source for d in fresh} & {d.source for d in older}
    older_hosts = {host(u) for d in older for u in (d.en_url, d.target_url)}
    for doc in fresh:
        assert host(doc.target_url) not in older_hosts, doc.doc_id
        assert host(doc.en_url) not in older_hosts, doc.doc_id
    # Scored once before any change, then part of the dev half (never unseen).
    assert all(d.half == "dev" and d.gold for d in fresh)
