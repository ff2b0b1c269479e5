"""The downloadable import template: the headers (in the project's language) and one example
row, as CSV and XLSX; and every language's headers, which an import accepts besides the
English spellings of domain/import_columns.py."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from app.use_cases.document_words import document_words
from documents.spreadsheets import csv_bytes, xlsx_bytes
from documents.words import DocumentWords
from domain.import_columns import ALIASES, COLUMNS, TEMPLATE_COLUMNS, Column, normalise_header
from mailer.i18n import DICTIONARIES, LOCALES

TEMPLATE_NAME = "commitments-import-template"


def header_of(column: Column, words: DocumentWords) -> str:
    """The column's header in `words`' language: "Contact 1 Email", "Contact 1 courriel"."""
    if column.key.startswith("contact"):
        number, _, part = column.key.removeprefix("contact").partition("_")
        return words(f"import_template.contact_{part}", n=number)
    return words(f"import_template.{column.key}")


def template_rows(words: DocumentWords) -> list[list[str]]:
    return [[header_of(column, words) for column in TEMPLATE_COLUMNS],
            [column.example for column in TEMPLATE_COLUMNS]]


def template_file(kind: str, words: DocumentWords) -> bytes:
    """`kind` is 'csv' or 'xlsx'. Every cell is plain text (never a formula)."""
    rows = template_rows(words)
    return xlsx_bytes(rows) if kind == "xlsx" else csv_bytes(rows)


@cache
def headers_in_every_language() -> Mapping[str, str]:
    """Header -> column key for the template's words in every locale and dictionary. An
    English spelling keeps its own meaning: a translation that reads like another column's
    English header is left out rather than change what that header means."""
    found: dict[str, str] = {}
    for locale in LOCALES:
        for dictionary in DICTIONARIES:
            words = document_words(locale, dictionary)
            for column in COLUMNS:
                header = header_of(column, words)
                if ALIASES.get(normalise_header(header), column.key) == column.key:
                    found[header] = column.key
    return MappingProxyType(found)
