"""Reading an import's rows into commitments, or row errors in plain words (pure)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.commitment_import import parse_import
from domain.import_columns import normalise_header, read_decimal, read_percent
from domain.import_plan import Outcome, change_for
from domain.model import AccountingMethod, Commitment, CommitmentKind, Contact, SovLine

AMOUNT = AccountingMethod.AMOUNT
HEADER = ["Commitment Number", "Commitment Title", "Contract Company", "Item Number",
          "Description", "Scheduled Value", "Contact 1 Name", "Contact 1 Email"]


def rows(*data: list[str], header: list[str] = HEADER) -> list[list[str]]:
    return [header, *data]


def line(number: str = "SC-1", item: str = "001", value: str = "100.00", *,
         title: str = "Concrete", company: str = "Granite",
         contact: tuple[str, str] = ("Gina", "gina@granite.example")) -> list[str]:
    return [number, title, company, item, "Footings", value, *contact]


@pytest.mark.parametrize("spelling", ["Commitment #", "COMMITMENT_NO", "commitment number",
                                      " Commitment No. ", "PO #", "Contract Number"])
def test_header_spellings_name_the_same_column(spelling: str) -> None:
    parsed = parse_import(rows(line(), header=[spelling, *HEADER[1:]]), AMOUNT)
    assert parsed.errors == ()
    assert parsed.commitments[0].command.number == "SC-1"


def test_rows_of_one_commitment_are_grouped_with_repeated_columns() -> None:
    parsed = parse_import(rows(line(item="001"), line(item="002", value="1,250.50"),
                               line("SC-2", company="Other", contact=("Al", "al@o.example"))),
                          AMOUNT)
    assert parsed.errors == () and parsed.rows == 3
    first, second = (imported.command for imported in parsed.commitments)
    assert [(sov.item_number, sov.scheduled_value) for sov in first.sov_lines] == [
        ("001", Decimal("100.00")), ("002", Decimal("1250.50"))]
    assert first.kind is CommitmentKind.SUBCONTRACT
    assert first.retainage_percent_work == first.retainage_percent_stored == Decimal("0.00")
    assert [c.email for c in first.invoice_contacts] == ["gina@granite.example"]
    assert parsed.commitments[0].rows == (2, 3)
    assert second.contract_company == "Other"


def test_each_error_names_its_row_in_plain_words() -> None:
    parsed = parse_import(rows(line(), line(item="002", value="abc"),
                               line(item="003", title="Something else"),
                               line("", item="004"), line("SC-3", contact=("Bo", "bo@"))),
                          AMOUNT)
    assert [error.message for error in parsed.errors] == [
        "Row 3: scheduled value 'abc' is not an amount",
        "Row 4: commitment title 'Something else' differs from 'Concrete' on row 2 for "
        "commitment SC-1",
        "Row 5: the commitment number is empty",
        "Row 6: contact 1 email 'bo@' is not an address",
    ]
    assert [error.row for error in parsed.errors] == [3, 4, 5, 6]


def test_an_empty_file_is_an_error_about_the_file() -> None:
    assert "no header row" in parse_import([], AMOUNT).errors[0].message
    empty = parse_import(rows(["", " "]), AMOUNT)
    assert [(e.row, e.message) for e in empty.errors] == [
        (None, "The file has a header but no rows to import")]


def test_a_missing_required_column_is_named() -> None:
    header = [name for name in HEADER if name != "Contract Company"]
    data = [cell for index, cell in enumerate(line()) if index != 2]
    parsed = parse_import(rows(data, header=header), AMOUNT)
    assert [e.message for e in parsed.errors] == [
        "The column 'contract company' is missing (the template shows every column)"]


def test_amounts_and_codes_the_database_cannot_hold_are_row_errors() -> None:
    header = [*HEADER, "Cost Code"]
    parsed = parse_import(rows([*line(value="1234567890123.00"), "x"],
                               [*line("SC-2", value="10.005"), "x"],
                               [*line("SC-3"), "c" * 51], header=header), AMOUNT)
    assert [e.message for e in parsed.errors] == [
        "Row 2: scheduled value '1234567890123.00' is too large (at most 12 digits before "
        "the decimal point)",
        "Row 3: scheduled value '10.005' has more than 2 decimal places",
        "Row 4: cost code is longer than 50 characters"]
    assert parse_import(rows([*line(value="10.500"), "x"], header=header), AMOUNT).errors == ()


def test_control_characters_in_a_cell_are_refused_and_formulas_kept_as_text() -> None:
    parsed = parse_import(rows(line(company="Gran\x00ite"),
                               line("SC-2", company="=HYPERLINK(\"x\")")), AMOUNT)
    assert [e.message for e in parsed.errors] == [
        "Row 2: contract company must not contain control characters (found U+0000 (NUL))"]
    assert parsed.commitments[0].command.contract_company == '=HYPERLINK("x")'


def test_unit_based_lines_need_quantity_unit_and_price() -> None:
    header = [*HEADER[:5], "Quantity", "UOM", "Unit Price", *HEADER[6:]]
    good = ["SC-1", "Rebar", "Granite", "001", "Bars", "10", "t", "1,200.00", "G", "g@g.example"]
    bad = ["SC-2", "Rebar", "Granite", "001", "Bars", "", "t", "5", "G", "g@g.example"]
    parsed = parse_import(rows(good, bad, header=header), AccountingMethod.UNIT)
    assert parsed.commitments[0].command.sov_lines[0].scheduled_value == Decimal("12000.00")
    assert [e.message for e in parsed.errors] == [
        "Row 3: SOV line 001: a unit-based line needs quantity, unit and unit_price"]


@pytest.mark.parametrize(("text", "value"), [
    ("1250", "1250"), ("1,250.50", "1250.50"), ("$ 1 250,50", "1250.50"),
    ("1.250,50", "1250.50"), ("12,5", "12.5"), ("(500.00)", "-500.00"), ("-3", "-3"),
    ("abc", None), ("1e5", None), ("", None), ("١٢", None)])
def test_amounts_are_read_as_accountants_write_them(text: str, value: str | None) -> None:
    assert read_decimal(text) == (None if value is None else Decimal(value))


def test_percentages_and_headers() -> None:
    assert read_percent("10 %") == Decimal("10")
    assert normalise_header("Retainage %") == "retainage percent"
    assert normalise_header("Commitment_No.") == "commitment number"


def test_an_existing_commitment_is_unchanged_updated_or_refused_once_invoiced() -> None:
    parsed = parse_import(rows(line()), AMOUNT).commitments[0]
    command = parsed.command
    same = Commitment(7, 1, "SC-1", "Concrete", CommitmentKind.SUBCONTRACT, "Granite",
                      Decimal("0.00"), Decimal("0.00"), True,
                      (SovLine(3, "001", None, "Footings", Decimal("100.00")),),
                      (Contact(4, "Gina", "gina@granite.example"),))
    assert change_for(parsed, None, False).outcome is Outcome.CREATED  # type: ignore[union-attr]
    assert change_for(parsed, same, True).outcome is Outcome.UNCHANGED  # type: ignore[union-attr]
    renamed = Commitment(**{**same.__dict__, "title": "Old title"})
    assert change_for(parsed, renamed, True).outcome is Outcome.UPDATED  # type: ignore[union-attr]
    other_value = Commitment(**{**same.__dict__, "sov_lines": (
        SovLine(3, "001", None, "Footings", Decimal("90.00")),)})
    refused = change_for(parsed, other_value, True)
    assert refused.message.startswith(  # type: ignore[union-attr]
        "Row 2: commitment SC-1 already has an invoice")
    assert change_for(parsed, other_value, False).sov_changed  # type: ignore[union-attr]
    no_contacts = parse_import(rows(line(contact=("", ""))), AMOUNT).commitments[0]
    assert change_for(no_contacts, same, True).outcome is Outcome.UNCHANGED  # type: ignore[union-attr]
    assert command.sov_lines[0].scheduled_value == Decimal("100.00")
