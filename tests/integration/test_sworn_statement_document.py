"""The sworn statement's PDF read back with poppler: a worked example's figures line by
line, a long statement with the header and column heads on every page and "Page n of m",
the totals once after the last row, the oath and signature, accents, the same bytes twice."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from documents.sworn_statement import ROWS_PER_PAGE, StatementDocument, render_sworn_statement
from documents.waiver_pdf import Signature
from domain.sworn_statement import BilledInvoice, ListedSubTier, statement
from tests.support.pdf_reading import figures, first_page_pixels, line_with, pages_text

D = Decimal
FACTS = (("Owner", "Summit Builders"), ("Project", "Lansing Library (LL-1)"),
         ("Contractor", "Électricité Marchand"), ("Commitment", "SC-100"),
         ("Invoice", "INV-3"), ("Period to", "December 31, 2030"))
BODY = "The table lists every subcontractor and supplier.\n\nUnder oath, I state that it is true."


def _document(lines: int, *, signed: bool = True) -> StatementDocument:
    listed = [ListedSubTier(number, f"Company {number:03d} Hélène", "supplier" if number % 2
                            else "subcontractor", "Drywall", D("10000.00"))
              for number in range(1, lines + 1)]
    history = [BilledInvoice(1, True, {tier.sub_tier_id: D("1500.00") for tier in listed}),
               BilledInvoice(2, False, {tier.sub_tier_id: D("700.00") for tier in listed}),
               BilledInvoice(3, False, {tier.sub_tier_id: D("250.25") for tier in listed})]
    return StatementDocument(
        "W-TESTCODE23", FACTS, statement(3, history, listed), BODY,
        Signature("Dana Watts", "President", "January 3, 2031 09:15 EST") if signed else None,
        (("January 3, 2031 09:15 EST", "Signed by Dana Watts, President; address 192.0.2.7"),),
        "Check this document at /w/verify with the code W-TESTCODE23.")


def test_a_worked_example_line_by_line(tmp_path: Path) -> None:
    listed = [ListedSubTier(1, "Great Lakes Electric", "subcontractor", "Wiring", D("50000.00")),
              ListedSubTier(2, "Huron Conduit Supply", "supplier", "Conduit", None),
              ListedSubTier(3, "Saginaw Steel", "subcontractor", "Steel", D("80000.00"))]
    history = [BilledInvoice(10, True, {1: D("12000.00"), 2: D("800.00"), 3: D("20000.00")}),
               BilledInvoice(11, False, {1: D("5000.00"), 3: D("1000.00")}),
               BilledInvoice(12, False, {1: D("9000.00"), 2: D("0.00"), 3: D("61000.50")})]
    document = StatementDocument("W-WORKED2345", FACTS, statement(12, history, listed), BODY)
    [first, *rest] = pages_text(render_sworn_statement(document), tmp_path)
    assert figures(line_with(first, "Great", "Lakes")) == [
        "50,000.00", "12,000.00", "9,000.00", "29,000.00"]
    assert line_with(first, "Great", "Lakes")[3:5] == ["Subcontractor", "Wiring"]
    assert figures(line_with(first, "Huron", "Conduit")) == ["0.00", "800.00", "0.00", "-800.00"]
    assert "*" in line_with(first, "Huron", "Conduit")
    assert figures(line_with(first, "Saginaw", "Steel")) == [
        "80,000.00", "20,000.00", "61,000.50", "-1,000.50"]
    assert figures(line_with(first, "Totals")) == [
        "130,000.00", "32,800.00", "70,000.50", "27,199.50"]
    assert "Statement code W-WORKED2345" in first
    assert "Owner: Summit Builders" in first and "Period to: December 31, 2030" in first
    assert "Contractor: Électricité Marchand" in first
    assert "Under oath, I state that it is true." in first
    assert "Not signed yet." in first
    assert "Audit trail" in rest[-1] and "Nothing recorded yet." in rest[-1]


def test_a_long_statement_repeats_its_header_on_every_page(tmp_path: Path) -> None:
    count = 3 * ROWS_PER_PAGE + 5
    data = render_sworn_statement(_document(count))
    assert render_sworn_statement(_document(count)) == data
    pages = pages_text(data, tmp_path)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "SWORN STATEMENT" in page and "Statement code W-TESTCODE23" in page
        assert "Invoice: INV-3" in page and "Project: Lansing Library (LL-1)" in page
    seen = []
    for page in pages[:4]:
        assert "Subcontractor or supplier" in page and "Paid to date" in page
        for text in page.splitlines():
            words = text.split()
            if words[:1] == ["Company"]:
                seen.append(words[1])
                assert figures(words) == ["10,000.00", "1,500.00", "250.25", "8,249.75"]
    assert seen == [f"{number:03d}" for number in range(1, count + 1)]
    assert "Totals" not in "".join(pages[:3])
    assert figures(line_with(pages[3], "Totals")) == [
        f"{10000 * count:,}.00", f"{1500 * count:,}.00", f"{Decimal('250.25') * count:,}",
        f"{Decimal('8249.75') * count:,}"]
    text = "".join(pages)
    assert text.count("Under oath, I state that it is true.") == 1
    assert "/s/ Dana Watts" in text and "President" in text
    assert "Signed by Dana Watts, President; address 192.0.2.7" in pages[-1]
    assert "Check this document at /w/verify with the code W-TESTCODE23." in pages[-1]


def test_a_full_last_page_puts_the_oath_on_a_page_of_its_own(tmp_path: Path) -> None:
    pages = pages_text(render_sworn_statement(_document(ROWS_PER_PAGE)), tmp_path)
    assert len(pages) == 3
    assert "Totals" in pages[0] and "Under oath" not in pages[0]
    assert "Under oath, I state that it is true." in pages[1]
    assert "Subcontractor or supplier" not in pages[1]  # no table heads on the oath's page


def test_the_first_page_is_drawn(tmp_path: Path) -> None:
    pixels = first_page_pixels(render_sworn_statement(_document(3, signed=False)), tmp_path)
    dark = sum(1 for value in pixels if value < 128)
    assert dark > 1000
