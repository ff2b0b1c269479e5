"""The continuation sheet (G703 layout): columns A to I, the unit columns of a unit-based
project, the header repeated on each page, each page's totals, the grand totals last.

Every figure is given (domain.pay_application); this module only places and formats them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from documents._drawing import (
    fitted,
    labelled,
    money_text,
    page_number,
    percent_text,
    quantity_text,
    text_width,
)
from documents.fonts import FontFamily
from domain.g703 import LineResult
from domain.pay_application import ColumnTotals, PayApplication

PAGE = landscape(letter)
MARGIN = 30
ROW_HEIGHT = 11
FIRST_ROW_Y = 476
# With the page totals and grand totals below the last row, this fills a page.
ROWS_PER_PAGE = 38

Text = Callable[[LineResult], str]
TotalText = Callable[[ColumnTotals], str]


@dataclass(frozen=True)
class Column:
    letter: str
    label: tuple[str, ...]     # the heading, one string per printed line
    width: float               # nominal; scaled to the page
    row: Text
    total: TotalText | None = None
    right: bool = True


def _units(row: LineResult, pick: Callable[..., Decimal]) -> str:
    return "" if row.units is None else quantity_text(pick(row.units))


_LEAD = [
    Column("A", ("Item", "no."), 38, lambda r: r.item_number, right=False),
    Column("B", ("Description of work",), 170, lambda r: r.description, right=False),
]
_UNITS = [
    Column("", ("Quantity",), 44, lambda r: _units(r, lambda u: u.quantity)),
    Column("", ("Unit", "price"), 46,
           lambda r: _units(r, lambda u: u.unit_price)),
    Column("", ("Quantity", "this period"), 46,
           lambda r: _units(r, lambda u: u.quantity_this_period)),
    Column("", ("Quantity", "to date"), 46, lambda r: _units(r, lambda u: u.quantity_to_date)),
]
_MONEY = [
    Column("C", ("Scheduled", "value"), 70, lambda r: money_text(r.scheduled_value),
           lambda t: money_text(t.scheduled_value)),
    Column("D", ("From previous", "application", "(D + E)"), 70,
           lambda r: money_text(r.work_completed_previous),
           lambda t: money_text(t.work_completed_previous)),
    Column("E", ("Work completed", "this period"), 70,
           lambda r: money_text(r.work_completed_this_period),
           lambda t: money_text(t.work_completed_this_period)),
    Column("F", ("Materials", "presently stored", "(not in D or E)"), 68,
           lambda r: money_text(r.materials_presently_stored),
           lambda t: money_text(t.materials_presently_stored)),
    Column("G", ("Completed and", "stored to date", "(D + E + F)"), 72,
           lambda r: money_text(r.total_completed_and_stored),
           lambda t: money_text(t.total_completed_and_stored)),
    Column("", ("%", "(G / C)"), 40, lambda r: percent_text(r.percent_complete),
           lambda t: percent_text(t.percent_complete)),
    Column("H", ("Balance", "to finish", "(C - G)"), 70,
           lambda r: money_text(r.balance_to_finish),
           lambda t: money_text(t.balance_to_finish)),
    Column("I", ("Retainage",), 62, lambda r: money_text(r.retainage),
           lambda t: money_text(t.retainage)),
]


def columns(unit_based: bool) -> list[tuple[Column, float, float]]:
    """Each column with its left edge and width, filling the page between the margins."""
    chosen = _LEAD + (_UNITS if unit_based else []) + _MONEY
    scale = (PAGE[0] - 2 * MARGIN) / sum(column.width for column in chosen)
    placed, x = [], float(MARGIN)
    for column in chosen:
        placed.append((column, x, column.width * scale))
        x += column.width * scale
    return placed


def _cell(canvas: Canvas, font: str, size: float, text: str, x: float, width: float,
          y: float, right: bool) -> None:
    text = fitted(text, font, size, width - 4)
    if right:
        canvas.drawRightString(x + width - 2, y, text)
    else:
        canvas.drawString(x + 2, y, text)


def _row_cell(text_object: PDFTextObject, font: str, size: float, text: str, x: float,
              width: float, y: float, right: bool) -> None:
    """A cell drawn into the page's one text object (far cheaper than a drawString per
    cell, which opens and closes a text object each time)."""
    text = fitted(text, font, size, width - 4)
    left = x + width - 2 - text_width(text, font, size) if right else x + 2
    text_object.setTextOrigin(left, y)
    text_object.textOut(text)


def _header(canvas: Canvas, fonts: FontFamily, document: PayApplication,
            placed: list[tuple[Column, float, float]]) -> None:
    header, width = document.header, PAGE[0] - 2 * MARGIN
    top = PAGE[1] - MARGIN
    canvas.setFont(fonts.bold, 12)
    canvas.drawString(MARGIN, top - 8, "CONTINUATION SHEET")
    canvas.setFont(fonts.regular, 7)
    canvas.drawRightString(PAGE[0] - MARGIN, top - 8,
                           "Attached to the Application and Certificate for Payment")
    half = width / 2
    labelled(canvas, fonts, MARGIN, top - 24, "Project:", header.project, half - 10)
    labelled(canvas, fonts, MARGIN, top - 35, "Contractor:", header.contractor, half - 10)
    labelled(canvas, fonts, MARGIN, top - 46, "Contract for:", header.contract_for, half - 10)
    labelled(canvas, fonts, MARGIN + half, top - 24, "Application no.:",
             header.application_number, half)
    labelled(canvas, fonts, MARGIN + half, top - 35, "Period to:",
             header.period_to.isoformat(), half)
    labelled(canvas, fonts, MARGIN + half, top - 46, "Owner:", header.owner, half)
    y = top - 62
    canvas.line(MARGIN, y + 6, PAGE[0] - MARGIN, y + 6)
    for column, x, column_width in placed:
        canvas.setFont(fonts.bold, 7)
        _cell(canvas, fonts.bold, 7, column.letter, x, column_width, y - 2, column.right)
        canvas.setFont(fonts.regular, 6)
        for offset, text in enumerate(column.label):
            _cell(canvas, fonts.regular, 6, text, x, column_width, y - 11 - 7 * offset,
                  column.right)
    canvas.line(MARGIN, y - 34, PAGE[0] - MARGIN, y - 34)


def _totals_row(canvas: Canvas, fonts: FontFamily, label: str, totals: ColumnTotals,
                placed: list[tuple[Column, float, float]], y: float) -> None:
    canvas.setFont(fonts.bold, 7)
    canvas.drawString(MARGIN + 2, y, label)
    for column, x, width in placed:
        if column.total is not None:
            _cell(canvas, fonts.bold, 7, column.total(totals), x, width, y, column.right)


def draw_sheet(canvas: Canvas, fonts: FontFamily, document: PayApplication,
               first_page_number: int) -> None:
    placed = columns(document.header.unit_based)
    last = len(document.pages) - 1
    for index, sheet in enumerate(document.pages):
        canvas.setPageSize(PAGE)
        _header(canvas, fonts, document, placed)
        y = float(FIRST_ROW_Y)
        text_object = canvas.beginText()
        text_object.setFont(fonts.regular, 7)
        for row in sheet.rows:
            for column, x, width in placed:
                _row_cell(text_object, fonts.regular, 7, column.row(row), x, width, y,
                          column.right)
            y -= ROW_HEIGHT
        canvas.drawText(text_object)
        canvas.line(MARGIN, y + 7, PAGE[0] - MARGIN, y + 7)
        _totals_row(canvas, fonts, "Page totals", sheet.totals, placed, y - 3)
        if index == last:
            _totals_row(canvas, fonts, "Grand totals", document.grand_totals, placed,
                        y - 3 - ROW_HEIGHT - 2)
        page_number(canvas, fonts, first_page_number + index, document.page_count, PAGE[0])
        canvas.showPage()
