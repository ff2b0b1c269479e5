"""documents/spreadsheets.py: CSV as Excel writes it, XLSX values as cached, hostile files,
and the templates."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from app.use_cases.document_words import document_words
from app.use_cases.imports.templates import (
    headers_in_every_language,
    template_file,
    template_rows,
)
from documents.spreadsheets import SpreadsheetRefused, read_rows
from domain.commitment_import import parse_import
from domain.model import AccountingMethod
from mailer.i18n import LOCALES
from tests.support.imports import with_macros, xlsx_file, zip_bomb

ROWS = [["Commitment Number", "Contract Company", "Amount"],
        ["SC-1", "Société Générale Béton", "1250.50"]]


@pytest.mark.parametrize(("encoding", "bom", "delimiter"), [
    ("utf-8", b"", ","), ("utf-8", b"\xef\xbb\xbf", ","), ("utf-8", b"\xef\xbb\xbf", ";"),
    ("cp1252", b"", ";"), ("cp1252", b"", ",")])
def test_csv_in_the_encodings_and_delimiters_excel_writes(encoding: str, bom: bytes,
                                                          delimiter: str) -> None:
    text = "\r\n".join(delimiter.join(cells) for cells in ROWS) + "\r\n"
    assert read_rows(bom + text.encode(encoding)) == ROWS


def test_quoted_csv_cells_keep_delimiters_and_line_breaks() -> None:
    data = b'Commitment Number,Title\r\nSC-1,"Walls, ceilings"\r\nSC-2,"two\r\nlines"\r\n'
    assert read_rows(data)[1:] == [["SC-1", "Walls, ceilings"], ["SC-2", "two\r\nlines"]]


def test_xlsx_values_are_the_cached_ones_and_percent_cells_read_as_percentages() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Commitment Number", "Retainage %", "Scheduled Value", "Total"])
    sheet.append(["SC-1", 0.1, 1250.5, "=C2*2"])
    sheet["B2"].number_format = "0%"
    out = io.BytesIO()
    book.save(out)
    rows = read_rows(out.getvalue())
    # openpyxl saves no cached value for a formula: it reads as empty, never as a formula.
    assert rows == [["Commitment Number", "Retainage %", "Scheduled Value", "Total"],
                    ["SC-1", "10%", "1250.5"]]


def test_an_xlsx_with_macros_a_zip_bomb_and_an_old_xls_are_refused() -> None:
    workbook = xlsx_file([["SC-1"]], header=["Commitment Number"])
    with pytest.raises(SpreadsheetRefused, match="macros"):
        read_rows(with_macros(workbook))
    with pytest.raises(SpreadsheetRefused, match="zip bomb"):
        read_rows(zip_bomb(workbook))
    with pytest.raises(SpreadsheetRefused, match=r"\.xls"):
        read_rows(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(SpreadsheetRefused, match="neither CSV nor XLSX"):
        read_rows(b"%PDF\x00\x01")
    with pytest.raises(SpreadsheetRefused, match="damaged"):
        read_rows(b"PK\x03\x04 not really a zip")


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_templates_import_cleanly_and_hold_no_formula(kind: str, locale: str) -> None:
    words = document_words(locale)
    data = template_file(kind, words)
    rows = read_rows(data)
    header, example = template_rows(words)
    assert rows[0] == header
    assert rows[1] == example[:len(rows[1])] and not any(example[len(rows[1]):])
    parsed = parse_import(rows, AccountingMethod.AMOUNT, headers=headers_in_every_language())
    assert parsed.errors == () and len(parsed.commitments) == 1
    assert parsed.ignored_columns == ()
    # The same commitment as the English template gives.
    english = parse_import(read_rows(template_file(kind, document_words("en-US"))),
                           AccountingMethod.AMOUNT)
    assert parsed.commitments == english.commitments
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r"))
                   for row in template_rows(words) for cell in row)
    if kind == "xlsx":
        sheet = load_workbook(io.BytesIO(data)).active
        assert sheet is not None
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_the_french_template_is_french_and_its_headers_are_not_english() -> None:
    header, _ = template_rows(document_words("fr-CA"))
    assert header[:2] == ["Numéro de l'engagement", "Titre de l'engagement"]
    assert "Contact 1 courriel" in header and "Quantité" in header
    # Without the other languages' headers, the French file is missing its columns.
    rows = read_rows(template_file("csv", document_words("fr-CA")))
    assert parse_import(rows, AccountingMethod.AMOUNT).errors
    # Accents are optional: "Numero de l'engagement" reads as the same column.
    unaccented = [["Numero de l'engagement", *rows[0][1:]], rows[1]]
    assert parse_import(unaccented, AccountingMethod.AMOUNT,
                        headers=headers_in_every_language()).errors == ()
