"""The glossary: entries and files, finding terms, protecting and restoring them through
the engine, Korean particles, and `wirealign glossary check`."""

from .check import check_glossary
from .files import (
    export_amazon_csv,
    export_deepl_tsv,
    glossary_to_file,
    load_glossary,
    merge_terms,
    parse_amazon_csv,
    parse_deepl_tsv,
)
from .find import Mention, find_mentions
from .model import Entry, Glossary, entries_as_rows
from .protect import GlossaryOutcome, TermResult, translate_with_glossary

__all__ = [
    "Entry",
    "Glossary",
    "GlossaryOutcome",
    "Mention",
    "TermResult",
    "check_glossary",
    "entries_as_rows",
    "export_amazon_csv",
    "export_deepl_tsv",
    "find_mentions",
    "glossary_to_file",
    "load_glossary",
    "merge_terms",
    "parse_amazon_csv",
    "parse_deepl_tsv",
    "translate_with_glossary",
]
