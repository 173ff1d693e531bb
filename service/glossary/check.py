"""check_glossary: what `wirealign glossary check` reports about a glossary file."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .files import _glossary_files, read_table
from .model import CASES, COLUMNS, KINDS, LANGS, LIST_COLUMNS, SEP, STATUSES, TARGETS

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The words of the routes beside /api/glossary/<id> (GET /api/glossary/changes,
# ...): an entry with one of these ids could not be told from the route, so the
# check refuses them (tests/test_glossary_route_words.py compares it with the routes).
ROUTE_WORDS = frozenset({"candidates", "changes", "export", "proposals", "retired"})
_ODD_SPACE = re.compile(r"[\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u2060\ufeff]")
# Forms the conventions rule out in Japanese output (Korean outlets' Japanese usage).
_JA_AVOID = ("北韓", "韓半島", "韓日米", "韓米日")
_KO_AVOID = ("일미한", "미일한")


# Longer values are mistakes (a pasted paragraph), not names or titles.
MAX_VALUE_CHARS = 500


def _bad_chars(value: str) -> str | None:
    for ch in value:
        cat = unicodedata.category(ch)
        if ch == "\t" or cat == "Cc":
            return f"control character U+{ord(ch):04X}"
        if cat == "Co":
            return f"private-use character U+{ord(ch):04X} (reserved for term slots)"
    if _ODD_SPACE.search(value):
        return f"odd whitespace U+{ord(_ODD_SPACE.search(value).group(0)):04X}"
    if "<" in value or ">" in value:
        return "markup characters < > (plain text only)"
    if len(value) > MAX_VALUE_CHARS:
        return f"longer than {MAX_VALUE_CHARS} characters"
    if value != value.strip():
        return "leading or trailing whitespace"
    if "  " in value:
        return "double space"
    return None


def _check_file(path: Path) -> tuple[list[str], list[tuple[str, dict[str, str]]]]:
    problems: list[str] = []
    header, body = read_table(path)
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        problems.append(f"{path.name}: header lacks column(s) {', '.join(missing)}")
        return problems, []
    rows = []
    for n, values in enumerate(body, 2):
        where = f"{path.name}:{n}"
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            problems.append(f"{where}: {len(values)} fields, header has {len(header)} "
                            "(a tab inside a value?)")
            continue
        row = dict(zip(header, values, strict=True))
        for col, value in row.items():
            bad = _bad_chars(value)
            if bad:
                problems.append(f"{where}: {col}: {bad}")
        rows.append((where, row))
    return problems, rows


def _check_row(where: str, row: dict[str, str]) -> list[str]:
    problems = []
    if not _ID.match(row["id"]):
        problems.append(f"{where}: id {row['id']!r} is not lower-case-with-hyphens")
    elif row["id"] in ROUTE_WORDS:
        problems.append(f"{where}: id {row['id']!r} is a word of the glossary's routes "
                        f"(/api/glossary/{row['id']}); choose another id")
    for lang in LANGS:
        if not row[lang].strip():
            problems.append(f"{where}: {row['id']}: missing language {lang}")
    for col, allowed in (("kind", KINDS), ("status", STATUSES), ("case", CASES)):
        if row[col] not in allowed:
            problems.append(f"{where}: {row['id']}: {col} {row[col]!r} not one of {allowed}")
    for col in LIST_COLUMNS:
        items = row[col].split(SEP) if row[col] else []
        if any(not i.strip() for i in items):
            problems.append(f"{where}: {row['id']}: empty item in {col}")
        if len({i.casefold() for i in items}) != len(items):
            problems.append(f"{where}: {row['id']}: repeated item in {col}")
    own = [row["en"], *(v for v in row["en_variants"].split(SEP) if v)]
    for form in own:
        # A single lower-case word ("the", "us") would replace an ordinary word
        # in every article; names carry a capital or a digit ("DPRK", "U.N."),
        # and lower-case terms are phrases ("trilateral summit").
        if " " not in form and not any(ch.isupper() or ch.isdigit() for ch in form):
            problems.append(f"{where}: {row['id']}: English form {form!r} is one lower-case "
                            "word; it would match an ordinary word everywhere")
    if len({f.casefold() for f in own}) != len(own):
        problems.append(f"{where}: {row['id']}: an English form is repeated (case aside)")
    if "(" in row["ja"] or ")" in row["ja"]:
        problems.append(f"{where}: {row['id']}: ja uses ASCII parentheses, write （ ）")
    for word in _JA_AVOID:
        if any(word in row[c] for c in ("ja", "ja_short", "ja_title")):
            problems.append(f"{where}: {row['id']}: ja contains {word} (conventions)")
    for word in _KO_AVOID:
        if any(word in row[c] for c in ("ko", "ko_short", "ko_title")):
            problems.append(f"{where}: {row['id']}: ko contains {word} (write 한미일)")
    if row["kind"] == "person" and not row["en_surname"]:
        problems.append(f"{where}: {row['id']}: person without en_surname")
    return problems


def check_glossary(path: Path) -> list[str]:
    """Problems in a glossary file (or every *.tsv in a directory): duplicates,
    conflicting entries, a variant claimed by two entries, a missing language, bad
    characters, unknown kind/status/case values. An empty list means it passes."""
    path = Path(path)
    if not path.exists():
        return [f"{path}: no such file or directory"]
    problems: list[str] = []
    rows: list[tuple[str, dict[str, str]]] = []
    files = _glossary_files(path)
    if not files:
        return [f"{path}: no *.tsv glossary file"]
    for f in files:
        p, r = _check_file(f)
        problems += p
        rows += r
    ids: dict[str, str] = {}
    forms: dict[str, tuple[str, str]] = {}
    for where, row in rows:
        problems += _check_row(where, row)
        if row["id"] in ids:
            problems.append(f"{where}: duplicate id {row['id']} (first at {ids[row['id']]})")
        ids.setdefault(row["id"], where)
        own = [row["en"], *(v for v in row["en_variants"].split(SEP) if v)]
        for form in {f.strip().casefold() for f in own if f.strip()}:
            if form in forms and forms[form][0] != row["id"]:
                other_id, other_where = forms[form]
                other = dict(rows)[other_where]
                kind = ("duplicate entry" if all(other[c] == row[c] for c in TARGETS)
                        else "conflicting entries")
                problems.append(f"{where}: {kind}: English form {form!r} claimed by "
                                f"{row['id']} and {other_id} ({other_where})")
            forms.setdefault(form, (row["id"], where))
    return problems
