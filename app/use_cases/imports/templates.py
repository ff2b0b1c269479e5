"""The downloadable import template: the headers and one example row, as CSV and XLSX."""

from __future__ import annotations

from documents.spreadsheets import csv_bytes, xlsx_bytes
from domain.import_columns import TEMPLATE_COLUMNS

TEMPLATE_NAME = "commitments-import-template"


def template_rows() -> list[list[str]]:
    return [[column.header for column in TEMPLATE_COLUMNS],
            [column.example for column in TEMPLATE_COLUMNS]]


def template_file(kind: str) -> bytes:
    """`kind` is 'csv' or 'xlsx'. Every cell is plain text (never a formula)."""
    return xlsx_bytes(template_rows()) if kind == "xlsx" else csv_bytes(template_rows())
