"""The file to rows to commitments; run in a thread (5,000 rows take a noticeable moment
of CPU, which the event loop should not wait out)."""

from __future__ import annotations

from app.use_cases.imports.templates import headers_in_every_language
from documents.spreadsheets import SpreadsheetRefused, read_rows
from domain.commitment_import import ParsedImport, file_error, parse_import
from domain.import_problems import problem
from domain.model import AccountingMethod


def parsed_file(data: bytes, method: AccountingMethod) -> ParsedImport:
    """An unreadable file is one error about the whole file, like a missing column."""
    try:
        rows = read_rows(data)
    except SpreadsheetRefused as exc:
        return ParsedImport((), (file_error(problem("unreadable", reason=str(exc))),), 0)
    return parse_import(rows, method, headers=headers_in_every_language())
