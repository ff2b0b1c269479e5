"""The pay application as a PDF: the G702-layout summary page, then the G703-layout
continuation sheet (documents/_g703_sheet.py), in the AIA arrangement without the AIA's
marks or wording (the forms are copyrighted; this text is our own).

The figures come computed (domain.pay_application): nothing here adds up. The canvas is
invariant, so the same application gives the same bytes (the tests and caches rely on it).
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from documents._drawing import fitted, labelled, page_number
from documents._g703_sheet import ROWS_PER_PAGE, draw_sheet
from documents.fonts import FontFamily, register_fonts
from documents.words import DocumentWords
from domain.pay_application import PayApplication

__all__ = ["ROWS_PER_PAGE", "render_pay_application"]

PAGE = letter
MARGIN = 40
LEFT_WIDTH = 280
RIGHT_X = MARGIN + LEFT_WIDTH + 20

def _paragraph(canvas: Canvas, fonts: FontFamily, text: str, x: float, y: float,
               width: float) -> float:
    canvas.setFont(fonts.regular, 7.5)
    for line in simpleSplit(text, fonts.regular, 7.5, width):
        canvas.drawString(x, y, line)
        y -= 9.5
    return y


def _summary_lines(canvas: Canvas, fonts: FontFamily, document: PayApplication,
                   y: float, words: DocumentWords) -> float:
    s = document.summary
    lines = [
        ("1.", s.original_contract_sum), ("2.", s.net_change_by_change_orders),
        ("3.", s.contract_sum_to_date), ("4.", s.total_completed_and_stored_to_date),
        ("5a.", s.retainage_on_completed_work), ("5b.", s.retainage_on_stored_materials),
        ("5.", s.total_retainage), ("6.", s.total_earned_less_retainage),
        ("7.", s.less_previous_certificates), ("8.", s.current_payment_due),
        ("9.", s.balance_to_finish_including_retainage),
    ]
    for number, value in lines:
        bold = number == "8."
        label = fitted(words(f"pay_application.line_{number.rstrip('.')}"),
                       fonts.bold if bold else fonts.regular, 8, LEFT_WIDTH - 62)
        canvas.setFont(fonts.bold if bold else fonts.regular, 8)
        canvas.drawString(MARGIN, y, number)
        canvas.drawString(MARGIN + 22, y, label)
        canvas.drawRightString(MARGIN + LEFT_WIDTH, y, words.figure(value))
        y -= 15
    return y


def _change_orders(canvas: Canvas, fonts: FontFamily, document: PayApplication,
                   y: float, words: DocumentWords) -> None:
    changes = document.change_orders
    canvas.setFont(fonts.bold, 9)
    canvas.drawString(MARGIN, y, words("pay_application.change_orders_heading"))
    y -= 14
    canvas.setFont(fonts.bold, 7.5)
    canvas.drawRightString(MARGIN + 200, y, words("pay_application.additions"))
    canvas.drawRightString(MARGIN + LEFT_WIDTH, y, words("pay_application.deductions"))
    canvas.setFont(fonts.regular, 8)
    y -= 12
    canvas.drawString(MARGIN, y, words("pay_application.change_orders_count",
                                       count=changes.count))
    canvas.drawRightString(MARGIN + 200, y, words.figure(changes.additions))
    canvas.drawRightString(MARGIN + LEFT_WIDTH, y, words.figure(changes.deductions))
    y -= 14
    canvas.drawString(MARGIN, y, words("pay_application.line_2"))
    canvas.drawRightString(MARGIN + LEFT_WIDTH, y, words.figure(changes.net_change))


def _signatures(canvas: Canvas, fonts: FontFamily, document: PayApplication,
                y: float, words: DocumentWords) -> None:
    width = PAGE[0] - MARGIN - RIGHT_X
    canvas.setFont(fonts.bold, 9)
    canvas.drawString(RIGHT_X, y, words("pay_application.certification_heading"))
    y = _paragraph(canvas, fonts, words("pay_application.certification"), RIGHT_X, y - 13,
                   width) - 6
    labelled(canvas, fonts, RIGHT_X, y, words("pay_application.contractor"),
             document.header.contractor, width)
    y -= 20
    canvas.setFont(fonts.regular, 8)
    canvas.drawString(RIGHT_X, y, words("pay_application.by_date"))
    y -= 34
    canvas.setFont(fonts.bold, 9)
    canvas.drawString(RIGHT_X, y, words("pay_application.architect_heading"))
    y = _paragraph(canvas, fonts, words("pay_application.architect_text"), RIGHT_X, y - 13,
                   width) - 6
    canvas.setFont(fonts.regular, 8)
    canvas.drawString(RIGHT_X, y, words("pay_application.amount_certified"))
    y -= 20
    labelled(canvas, fonts, RIGHT_X, y, words("pay_application.architect"),
             document.header.architect or "—", width)
    y -= 20
    canvas.setFont(fonts.regular, 8)
    canvas.drawString(RIGHT_X, y, words("pay_application.by_date"))


def _summary_page(canvas: Canvas, fonts: FontFamily, document: PayApplication,
                  words: DocumentWords) -> None:
    header = document.header
    top = PAGE[1] - MARGIN
    canvas.setFont(fonts.bold, 13)
    canvas.drawCentredString(PAGE[0] / 2, top - 10, words("pay_application.title"))
    # The names are long, the numbers and dates short: the left column is the wider.
    split = (PAGE[0] - 2 * MARGIN) * 0.6
    rows = [(words("pay_application.to_owner"), header.owner),
            (words("pay_application.project"), header.project),
            (words("pay_application.from_contractor"), header.contractor),
            (words("pay_application.via_architect"), header.architect or "—")]
    right = [(words("pay_application.application_number"), header.application_number),
             (words("pay_application.period_to"), words.date(header.period_to)),
             (words("pay_application.contract_date"), words.date(header.contract_date)),
             (words("pay_application.contract_for"), header.contract_for)]
    y = top - 36
    for (label, value), (right_label, right_value) in zip(rows, right, strict=True):
        labelled(canvas, fonts, MARGIN, y, label, value, split - 10, size=9)
        labelled(canvas, fonts, MARGIN + split, y, right_label, right_value,
                 PAGE[0] - MARGIN - split - MARGIN, size=9)
        y -= 14
    canvas.line(MARGIN, y + 4, PAGE[0] - MARGIN, y + 4)
    y -= 14
    canvas.setFont(fonts.bold, 9)
    canvas.drawString(MARGIN, y, words("pay_application.application_heading"))
    _signatures(canvas, fonts, document, y, words)
    y = _summary_lines(canvas, fonts, document, y - 18, words)
    _change_orders(canvas, fonts, document, y - 16, words)
    page_number(canvas, fonts, words("pay_application.page", number=1,
                                     count=document.page_count), PAGE[0])
    canvas.showPage()


def render_pay_application(document: PayApplication, words: DocumentWords) -> bytes:
    """The G702 page and the continuation sheet as one PDF in `words`' language, the same
    bytes for the same `document` and words."""
    fonts = register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE, invariant=1, pageCompression=1)
    canvas.setTitle(words("pay_application.document_title",
                          number=document.header.application_number))
    canvas.setAuthor(document.header.contractor)
    canvas.setSubject(document.header.project)
    _summary_page(canvas, fonts, document, words)
    draw_sheet(canvas, fonts, document, first_page_number=2, words=words)
    canvas.save()
    return buffer.getvalue()
