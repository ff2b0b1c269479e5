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

from documents._drawing import cell, fitted, labelled, page_number, spread, text_width
from documents.fonts import FontFamily
from documents.words import DocumentWords
from domain.g703 import LineResult
from domain.pay_application import ColumnTotals, PayApplication

PAGE = landscape(letter)
MARGIN = 30
ROW_HEIGHT = 11
FIRST_ROW_Y = 476
# With the page totals and grand totals below the last row, this fills a page.
ROWS_PER_PAGE = 38

Text = Callable[[DocumentWords, LineResult], str]
TotalText = Callable[[DocumentWords, ColumnTotals], str]


@dataclass(frozen=True)
class Column:
    letter: str
    label: str                 # the key of its heading; a line break splits it into lines
    width: float               # nominal; scaled to the page
    row: Text
    total: TotalText | None = None
    right: bool = True


def _units(words: DocumentWords, row: LineResult, pick: Callable[..., Decimal]) -> str:
    return "" if row.units is None else words.quantity(pick(row.units))


def _money(pick: Callable[..., Decimal]) -> tuple[Text, TotalText]:
    """The row's and the totals' figure of one money column."""
    return (lambda words, r: words.figure(pick(r)), lambda words, t: words.figure(pick(t)))


_LEAD = [
    Column("A", "g703.col_item", 38, lambda words, r: r.item_number, right=False),
    Column("B", "g703.col_description", 170, lambda words, r: r.description, right=False),
]
_UNITS = [
    Column("", "g703.col_quantity", 44, lambda w, r: _units(w, r, lambda u: u.quantity)),
    Column("", "g703.col_unit_price", 46, lambda w, r: _units(w, r, lambda u: u.unit_price)),
    Column("", "g703.col_quantity_this_period", 46,
           lambda w, r: _units(w, r, lambda u: u.quantity_this_period)),
    Column("", "g703.col_quantity_to_date", 46,
           lambda w, r: _units(w, r, lambda u: u.quantity_to_date)),
]
_MONEY = [
    Column("C", "g703.col_scheduled_value", 70, *_money(lambda x: x.scheduled_value)),
    Column("D", "g703.col_previous", 70, *_money(lambda x: x.work_completed_previous)),
    Column("E", "g703.col_this_period", 70, *_money(lambda x: x.work_completed_this_period)),
    Column("F", "g703.col_stored", 68, *_money(lambda x: x.materials_presently_stored)),
    Column("G", "g703.col_completed", 72, *_money(lambda x: x.total_completed_and_stored)),
    Column("", "g703.col_percent", 40, lambda words, r: words.percent(r.percent_complete),
           lambda words, t: words.percent(t.percent_complete)),
    Column("H", "g703.col_balance", 70, *_money(lambda x: x.balance_to_finish)),
    Column("I", "g703.col_retainage", 62, *_money(lambda x: x.retainage)),
]


def columns(unit_based: bool) -> list[tuple[Column, float, float]]:
    """Each column with its left edge and width, filling the page between the margins."""
    chosen = _LEAD + (_UNITS if unit_based else []) + _MONEY
    return spread(chosen, MARGIN, PAGE[0] - 2 * MARGIN)



def _row_cell(text_object: PDFTextObject, font: str, size: float, text: str, x: float,
              width: float, y: float, right: bool) -> None:
    """A cell drawn into the page's one text object (far cheaper than a drawString per
    cell, which opens and closes a text object each time)."""
    text = fitted(text, font, size, width - 4)
    left = x + width - 2 - text_width(text, font, size) if right else x + 2
    text_object.setTextOrigin(left, y)
    text_object.textOut(text)


def _header(canvas: Canvas, fonts: FontFamily, document: PayApplication,
            placed: list[tuple[Column, float, float]], words: DocumentWords) -> None:
    header, width = document.header, PAGE[0] - 2 * MARGIN
    top = PAGE[1] - MARGIN
    canvas.setFont(fonts.bold, 12)
    canvas.drawString(MARGIN, top - 8, words("g703.title"))
    canvas.setFont(fonts.regular, 7)
    canvas.drawRightString(PAGE[0] - MARGIN, top - 8, words("g703.attached"))
    half = width / 2
    labelled(canvas, fonts, MARGIN, top - 24, words("pay_application.project"),
             header.project, half - 10)
    labelled(canvas, fonts, MARGIN, top - 35, words("pay_application.contractor"),
             header.contractor, half - 10)
    labelled(canvas, fonts, MARGIN, top - 46, words("pay_application.contract_for"),
             header.contract_for, half - 10)
    labelled(canvas, fonts, MARGIN + half, top - 24, words("pay_application.application_number"),
             header.application_number, half)
    labelled(canvas, fonts, MARGIN + half, top - 35, words("pay_application.period_to"),
             words.date(header.period_to), half)
    labelled(canvas, fonts, MARGIN + half, top - 46, words("g703.owner"), header.owner, half)
    y = top - 62
    canvas.line(MARGIN, y + 6, PAGE[0] - MARGIN, y + 6)
    for column, x, column_width in placed:
        canvas.setFont(fonts.bold, 7)
        cell(canvas, fonts.bold, 7, column.letter, x, column_width, y - 2, column.right, 2)
        canvas.setFont(fonts.regular, 6)
        for offset, text in enumerate(words(column.label).split("\n")):
            cell(canvas, fonts.regular, 6, text, x, column_width, y - 11 - 7 * offset,
                 column.right, 2)
    canvas.line(MARGIN, y - 34, PAGE[0] - MARGIN, y - 34)


def _totals_row(canvas: Canvas, fonts: FontFamily, label: str, totals: ColumnTotals,
                placed: list[tuple[Column, float, float]], y: float,
                words: DocumentWords) -> None:
    canvas.setFont(fonts.bold, 7)
    canvas.drawString(MARGIN + 2, y, label)
    for column, x, width in placed:
        if column.total is not None:
            cell(canvas, fonts.bold, 7, column.total(words, totals), x, width, y, column.right, 2)


def draw_sheet(canvas: Canvas, fonts: FontFamily, document: PayApplication,
               first_page_number: int, words: DocumentWords) -> None:
    placed = columns(document.header.unit_based)
    last = len(document.pages) - 1
    for index, sheet in enumerate(document.pages):
        canvas.setPageSize(PAGE)
        _header(canvas, fonts, document, placed, words)
        y = float(FIRST_ROW_Y)
        text_object = canvas.beginText()
        text_object.setFont(fonts.regular, 7)
        for row in sheet.rows:
            for column, x, width in placed:
                _row_cell(text_object, fonts.regular, 7, column.row(words, row), x, width, y,
                          column.right)
            y -= ROW_HEIGHT
        canvas.drawText(text_object)
        canvas.line(MARGIN, y + 7, PAGE[0] - MARGIN, y + 7)
        _totals_row(canvas, fonts, words("g703.page_totals"), sheet.totals, placed, y - 3,
                    words)
        if index == last:
            _totals_row(canvas, fonts, words("g703.grand_totals"), document.grand_totals,
                        placed, y - 3 - ROW_HEIGHT - 2, words)
        page_number(canvas, fonts, words("pay_application.page",
                                          number=first_page_number + index,
                                          count=document.page_count), PAGE[0])
        canvas.showPage()
