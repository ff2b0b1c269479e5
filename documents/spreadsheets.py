"""Reading and writing the spreadsheets accountants exchange: CSV and XLSX.

Reading answers rows of strings (the header first) for domain/commitment_import.py:
- CSV in UTF-8 (with or without a BOM) or Windows-1252 (Excel's "CSV" on Windows), the
  delimiter `,` or `;` (Excel in locales with a decimal comma) decided from the header row.
- XLSX with openpyxl in read-only mode, cell values as cached by the application that
  saved the file (formulas are never evaluated). Refused before openpyxl opens it: a file
  with macros (vbaProject.bin), more than MAX_UNPACKED_BYTES unpacked or any part
  compressed more than MAX_RATIO times (a zip bomb), an old binary .xls.

Cells are text, as typed: a name beginning with `=` stays that text (our own CSV exports
neutralise such cells when they write them).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal

CSV_TYPES = ("text/csv", "application/csv", "text/plain", "application/vnd.ms-excel")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_RATIO = 200  # plain XML compresses ~10-30x; a bomb thousands of times
MAX_COLUMNS = 100
MAX_ROWS = 50_000  # read no further; the import itself takes fewer (domain/commitment_import.py)
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class SpreadsheetRefused(Exception):
    """The file cannot be read as a spreadsheet we accept; the message says why."""


def kind_of(data: bytes, content_type: str = "", filename: str = "") -> str:
    """'xlsx' or 'csv' from the bytes themselves (a name or type can lie)."""
    if data.startswith(ZIP_MAGIC):
        return "xlsx"
    if data.startswith(OLE_MAGIC):
        raise SpreadsheetRefused("this is an old Excel .xls file: save it as .xlsx or .csv")
    if b"\x00" in data[:4096]:
        raise SpreadsheetRefused("the file is neither CSV nor XLSX")
    return "csv"


def read_rows(data: bytes, content_type: str = "", filename: str = "") -> list[list[str]]:
    if kind_of(data, content_type, filename) == "xlsx":
        return read_xlsx(data)
    return read_csv(data)


def decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Windows-1252 leaves five bytes undefined; those cannot be text from Excel.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise SpreadsheetRefused("the file is neither UTF-8 nor Windows-1252 text") from None


def read_csv(data: bytes) -> list[list[str]]:
    text = decode_text(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise SpreadsheetRefused(f"the file is not valid CSV ({exc})") from None
    if rows and len(rows[0]) > MAX_COLUMNS:
        raise SpreadsheetRefused(f"the file has more than {MAX_COLUMNS} columns")
    if len(rows) > MAX_ROWS:
        raise SpreadsheetRefused(f"the file has more than {MAX_ROWS} rows")
    return rows


def check_xlsx_archive(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise SpreadsheetRefused("the file is damaged: not a valid XLSX (zip) file") from None
    with archive:
        names = [info.filename.lower() for info in archive.infolist()]
        if any(name.endswith("vbaproject.bin") for name in names):
            raise SpreadsheetRefused("the workbook contains macros; save it as .xlsx "
                                     "without macros")
        if "xl/workbook.xml" not in names:
            raise SpreadsheetRefused("the file is a zip archive but not an Excel workbook")
        total = 0
        for info in archive.infolist():
            total += info.file_size
            if info.file_size > MAX_RATIO * max(info.compress_size, 1024) \
                    or total > MAX_UNPACKED_BYTES:
                raise SpreadsheetRefused("the workbook unpacks to far more than its size "
                                         "(a zip bomb?); it was not opened")


def read_xlsx(data: bytes) -> list[list[str]]:
    """The first worksheet's rows (cached values, never formulas)."""
    check_xlsx_archive(data)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_vba=False,
                             keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a malformed package
        raise SpreadsheetRefused(f"the workbook cannot be read ({type(exc).__name__})") from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for cells in sheet.iter_rows():
            row = [_cell_text(cell.value, getattr(cell, "number_format", "") or "")
                   for cell in cells[:MAX_COLUMNS]]
            while row and not row[-1]:
                row.pop()
            rows.append(row)
            if len(rows) > MAX_ROWS:
                raise SpreadsheetRefused(f"the worksheet has more than {MAX_ROWS} rows")
    finally:
        book.close()
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


def _cell_text(value: object, number_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if "%" in number_format:  # 10 % is stored as 0.1
            return f"{(number * 100).normalize():f}%"
        return f"{number:f}"
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def csv_bytes(rows: Sequence[Sequence[str]]) -> bytes:
    """UTF-8 with a BOM, so Excel opens accents right; CRLF as RFC 4180 says."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return b"\xef\xbb\xbf" + out.getvalue().encode()


def xlsx_bytes(rows: Sequence[Sequence[str]], sheet_title: str = "Commitments") -> bytes:
    """Every cell written as a string cell (never a formula), the header in bold."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title)
    bold = Font(bold=True)
    for index, row in enumerate(rows):
        cells = []
        for text in row:
            cell = WriteOnlyCell(sheet, value=str(text))
            cell.data_type = "s"  # openpyxl would take a leading `=` for a formula
            if index == 0:
                cell.font = bold
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
