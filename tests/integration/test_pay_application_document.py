"""The G702/G703 PDF read back: poppler's text of every page and the first page's pixels.

A 400-line continuation sheet: the header on every page, each page's totals, the grand
totals, "Page n of m"; the same bytes twice; accents round-trip; unit columns."""

from __future__ import annotations

from pathlib import Path

from documents.pay_application import ROWS_PER_PAGE
from tests.support.pay_applications import (
    FRENCH_COMPANY,
    long_application,
    render,
    unit_application,
)
from tests.support.pdf_reading import figures, first_page_pixels, line_with, pages_text


def test_a_400_line_sheet_repeats_its_header_on_every_page_and_numbers_the_pages(
        tmp_path: Path) -> None:
    document = long_application(400)
    pages = pages_text(render(document), tmp_path)
    sheets = -(-400 // ROWS_PER_PAGE)
    assert len(pages) == 1 + sheets == document.page_count
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    seen: list[str] = []
    for page in pages[1:]:
        assert "CONTINUATION SHEET" in page
        assert line_with(page, "Project:")[:4] == ["Project:", "Riverside", "Clinic", "(RC-1)"]
        assert "Application no.: INV-7" in page and "Period to: November 30, 2026" in page
        assert line_with(page, "A", "B", "C") == list("ABCDEFGHI")
        rows = [line.split() for line in page.splitlines()
                if line.split()[:1] and line.split()[0].isdigit()]
        seen += [row[0] for row in rows]
        for row in rows:
            assert figures(row) == ["1,000.00", "100.00", "250.00", "0.00", "350.00",
                                    "35.00%", "650.00", "35.00"]
        count = len(rows)
        assert figures(line_with(page, "Page", "totals")) == [
            f"{1000 * count:,}.00", f"{100 * count:,}.00", f"{250 * count:,}.00", "0.00",
            f"{350 * count:,}.00", "35.00%", f"{650 * count:,}.00", f"{35 * count:,}.00"]
    assert seen == [str(number) for number in range(1, 401)]
    assert "Grand totals" not in "".join(pages[:-1])
    assert figures(line_with(pages[-1], "Grand", "totals")) == [
        "400,000.00", "40,000.00", "100,000.00", "0.00", "140,000.00", "35.00%",
        "260,000.00", "14,000.00"]


def test_the_same_application_gives_the_same_bytes_and_accents_round_trip(
        tmp_path: Path) -> None:
    document = long_application(3)
    data = render(document)
    assert render(document) == data
    pages = pages_text(data, tmp_path)
    assert f"From contractor: {FRENCH_COMPANY}" in pages[0]
    assert "Via architect: Atelier Hélène Marchand" in pages[0]
    assert f"Contractor: {FRENCH_COMPANY}" in pages[1]
    assert "Coulage de béton, travée 1" in pages[1]


def test_the_first_page_is_drawn(tmp_path: Path) -> None:
    pixels = first_page_pixels(render(long_application(3)), tmp_path)
    mean = sum(pixels) / len(pixels)
    variance = sum((pixel - mean) ** 2 for pixel in pixels) / len(pixels)
    dark = sum(pixel < 128 for pixel in pixels)
    # A blank page is all 255 (variance 0); text and rules darken a few percent of it.
    assert variance > 100 and 0.005 < dark / len(pixels) < 0.5


def test_a_unit_based_project_shows_the_quantity_columns(tmp_path: Path) -> None:
    pages = pages_text(render(unit_application()), tmp_path)
    assert "Quantity" in pages[1] and "Unit" in pages[1]
    # 120 units at 45.50; 20 before (910.00), 30 now (1,365.00), 50 to date.
    assert figures(line_with(pages[1], "U-1")) == [
        "120.00", "45.50", "30.00", "50.00", "5,460.00", "910.00", "1,365.00", "0.00",
        "2,275.00", "41.67%", "3,185.00", "227.50"]
