"""Glossary entries and the Glossary object (rows in, rows out, a content version)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields

from ..constants import SOURCE_LANG, TARGET_LANGS

LANGS = (SOURCE_LANG, *TARGET_LANGS)
TARGETS = TARGET_LANGS
KINDS = ("person", "organisation", "place", "term")
STATUSES = ("verified", "unverified")
CASES = ("exact", "tolerant")

# Column order of the glossary file and of entries_as_rows(); list-valued columns are
# joined with "|" in files and rows.
COLUMNS = (
    "id", "kind", "en", "ko", "ja", "en_variants", "en_surname", "en_title",
    "ko_title", "ja_title", "ko_short", "ja_short", "case", "status", "source", "note",
)
LIST_COLUMNS = ("en_variants", "en_surname", "en_title")
SEP = "|"


@dataclass(frozen=True)
class Entry:
    """One glossary entry: an English name with its Korean and Japanese renderings.

    ``ko``/``ja`` are the names as written on first mention (Japanese renderings of
    Korean names carry the katakana reading in full-width parentheses); the titles are
    kept apart and added on a first mention that names the title in English;
    ``ko_short``/``ja_short`` are the later-mention forms.
    """

    id: str
    kind: str
    en: str
    ko: str
    ja: str
    en_variants: tuple[str, ...] = ()
    en_surname: tuple[str, ...] = ()
    en_title: tuple[str, ...] = ()
    ko_title: str = ""
    ja_title: str = ""
    ko_short: str = ""
    ja_short: str = ""
    case: str = "tolerant"
    status: str = "unverified"
    source: str = ""
    note: str = ""

    @property
    def english_forms(self) -> tuple[str, ...]:
        """The canonical English name followed by its variants."""
        return (self.en, *self.en_variants)

    def bare_name(self, lang: str, full: bool = True) -> str:
        """The name without title or reading, for "the Biden administration" (바이든
        행정부, バイデン政権): the whole name when the English used it or when it is a
        Korean or Chinese name (윤석열, 尹錫悦), else the surname of the short form."""
        name = getattr(self, lang)
        plain = re.sub(r"（[^）]*）", "", name)
        if full or plain != name or (lang == "ko" and " " not in name):
            return plain
        short = getattr(self, f"{lang}_short")
        if lang == "ko":
            return short.split()[0] if " " in short else name.split()[-1]
        title = self.ja_title
        if title and short.endswith(title) and len(short) > len(title):
            return short[: -len(title)]
        return plain.split("・")[-1]

    def render(self, lang: str, first: bool, titled: bool = False, form: str = "",
               full: bool = True) -> str:
        """The target text for one mention: full (with title when the English had one)
        on first mention, the short form afterwards; "the X administration" and "X's
        government" (``form``) as the bare name with 행정부/정부 or 政権, "the X Cabinet" with
        내각/内閣, never a title."""
        name = getattr(self, lang)
        if form:
            bare = self.bare_name(lang, full)
            if form == "cabinet":  # "the Kishida Cabinet": 기시다 내각 / 岸田内閣
                return f"{bare}内閣" if lang == "ja" else f"{bare} 내각"
            if lang == "ja":
                return f"{bare}政権"
            return f"{bare} {'행정부' if form == 'administration' else '정부'}"
        if not first:
            return getattr(self, f"{lang}_short") or name
        title = getattr(self, f"{lang}_title")
        if titled and title:
            # Korean separates name and title with a space; Japanese writes them together.
            return f"{name} {title}" if lang == "ko" else f"{name}{title}"
        return name

    def to_row(self) -> dict[str, str]:
        row = {}
        for f in fields(self):
            value = getattr(self, f.name)
            row[f.name] = SEP.join(value) if f.name in LIST_COLUMNS else value
        return row

    @classmethod
    def from_row(cls, row: Mapping[str, object]) -> Entry:
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = row.get(f.name)
            if f.name in LIST_COLUMNS:
                if isinstance(raw, (list, tuple)):
                    items = [str(x).strip() for x in raw]
                else:
                    items = [x.strip() for x in str(raw or "").split(SEP)]
                values[f.name] = tuple(x for x in items if x)
            elif raw is not None:
                values[f.name] = str(raw).strip()
        values.setdefault("case", "tolerant")
        values.setdefault("status", "unverified")
        for required in ("id", "kind", "en", "ko", "ja"):
            values.setdefault(required, "")
        return cls(**values)  # type: ignore[arg-type]


@dataclass
class Glossary:
    """An ordered set of entries with a content hash as its version."""

    entries: list[Entry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_id = {e.id: e for e in self.entries}
        self._version: str | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def __getitem__(self, entry_id: str) -> Entry:
        return self._by_id[entry_id]

    @property
    def version(self) -> str:
        """A hash of the content, independent of entry order: stored with each pair so
        that pairs made with an older glossary can be found.

        Computed once: entries are not changed after construction (a changed
        glossary is a new Glossary), and hashing 400 entries on every article
        cost more than the glossary matching itself."""
        if self._version is None:
            rows = sorted((e.to_row() for e in self.entries), key=lambda r: r["id"])
            blob = json.dumps(rows, ensure_ascii=False, sort_keys=True).encode("utf-8")
            self._version = hashlib.sha256(blob).hexdigest()[:16]
        return self._version

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, object]]) -> Glossary:
        """Build from dict rows (a glossary file, or SQLite rows edited by reviewers)."""
        return cls([Entry.from_row(r) for r in rows])

    def to_rows(self) -> list[dict[str, str]]:
        return [e.to_row() for e in self.entries]


def entries_as_rows(glossary: Glossary) -> list[dict[str, str]]:
    """Entries as flat dicts (columns as in COLUMNS, lists joined by "|") for SQLite."""
    return glossary.to_rows()
