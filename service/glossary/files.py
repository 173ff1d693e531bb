"""Glossary files: the repo's TSV format, DeepL-style TSV and Amazon-style CSV."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from .model import COLUMNS, LANGS, TARGETS, Entry, Glossary

GLOSSARY_DIR = Path(__file__).resolve().parents[2] / "glossaries"


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a glossary TSV (plain tab-separated, no quoting)."""
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows:
        return [], []
    return rows[0], rows[1:]


def _glossary_files(path: Path) -> list[Path]:
    return sorted(path.glob("*.tsv")) if path.is_dir() else [path]


def load_glossary(path: Path | None = None) -> Glossary:
    """Load a glossary file, or every *.tsv in a directory (default: the repo's
    glossaries/). Blank lines are skipped; run check_glossary() for validation."""
    path = Path(path) if path is not None else GLOSSARY_DIR
    rows: list[dict[str, str]] = []
    for file in _glossary_files(path):
        header, body = read_table(file)
        for values in body:
            if not any(v.strip() for v in values):
                continue
            rows.append(dict(zip(header, values, strict=False)))
    return Glossary.from_rows(rows)


def glossary_to_text(glossary: Glossary) -> str:
    out = ["\t".join(COLUMNS)]
    for row in glossary.to_rows():
        out.append("\t".join(row[c] for c in COLUMNS))
    return "\n".join(out) + "\n"


def glossary_to_file(glossary: Glossary, path: Path) -> None:
    """Write the glossary in the repo's file format (e.g. after reviewers' edits)."""
    Path(path).write_text(glossary_to_text(glossary), encoding="utf-8")


def export_deepl_tsv(glossary: Glossary, target: str) -> str:
    """DeepL glossary entries: "source<TAB>target" per English form (no header)."""
    _check_target(target)
    lines = []
    for e in glossary:
        rendering = getattr(e, target)
        for form in e.english_forms:
            lines.append(f"{form}\t{rendering}")
    return "\n".join(lines) + "\n"


def export_amazon_csv(glossary: Glossary, targets: tuple[str, ...] = TARGETS) -> str:
    """Amazon Translate custom terminology: header of language codes, one row per
    English form."""
    for t in targets:
        _check_target(t)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["en", *targets])
    for e in glossary:
        for form in e.english_forms:
            writer.writerow([form, *(getattr(e, t) for t in targets)])
    return buf.getvalue()


def _check_target(target: str) -> None:
    if target not in TARGETS:
        raise ValueError(f"unknown target language {target!r}; expected one of {TARGETS}")


def parse_deepl_tsv(text: str, target: str) -> list[dict[str, str]]:
    """Term pairs from a DeepL-style two-column TSV: [{"en": ..., target: ...}]."""
    _check_target(target)
    pairs = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 2:
            raise ValueError(f"line {n}: expected 2 tab-separated columns, got {len(cols)}")
        if not cols[0].strip() or not cols[1].strip():
            raise ValueError(f"line {n}: both the English term and its rendering are needed")
        pairs.append({"en": cols[0].strip(), target: cols[1].strip()})
    return pairs


def parse_amazon_csv(text: str) -> list[dict[str, str]]:
    """Term rows from an Amazon-style CSV/TSV whose header row holds language codes."""
    dialect = "excel-tab" if "\t" in text.splitlines()[0] else "excel"
    reader = csv.reader(io.StringIO(text), dialect=dialect)
    header = [h.strip().lower() for h in next(reader)]
    if "en" not in header:
        raise ValueError("the header row has no 'en' column")
    out = []
    for n, values in enumerate(reader, 2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise ValueError(f"line {n}: {len(values)} columns, the header has {len(header)}")
        row = {h: v.strip() for h, v in zip(header, values, strict=True) if h in LANGS}
        if not row.get("en") or not any(row.get(t) for t in TARGETS):
            raise ValueError(f"line {n}: needs the English term and at least one rendering")
        out.append(row)
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "term"


def merge_terms(
    glossary: Glossary, terms: list[dict[str, str]], source: str
) -> tuple[Glossary, list[str]]:
    """Merge imported term rows into a glossary: fill empty renderings of entries whose
    English form matches, add new (unverified) entries, and report conflicts instead
    of overwriting a reviewed rendering."""
    entries = list(glossary.entries)
    index = {f.casefold(): i for i, e in enumerate(entries) for f in e.english_forms}
    ids = {e.id for e in entries}
    report: list[str] = []
    for term in terms:
        en = term.get("en", "")
        if not en:
            report.append(f"skipped a row without English: {term}")
            continue
        updates = {t: term[t] for t in TARGETS if term.get(t)}
        i = index.get(en.casefold())
        if i is None:
            new_id = _slug(en)
            while new_id in ids:
                new_id += "-x"
            ids.add(new_id)
            row = {"id": new_id, "kind": "term", "en": en, "status": "unverified",
                   "source": source, **updates}
            entries.append(Entry.from_row(row))
            index[en.casefold()] = len(entries) - 1
            report.append(f"added {new_id}")
            continue
        entry = entries[i]
        row = entry.to_row()
        changed = False
        for lang, value in updates.items():
            if not row[lang]:
                row[lang] = value
                changed = True
            elif row[lang] != value:
                report.append(f"conflict {entry.id} {lang}: kept {row[lang]!r}, "
                              f"import has {value!r}")
        if changed:
            entries[i] = Entry.from_row(row)
            report.append(f"updated {entry.id}")
    return Glossary(entries), report
