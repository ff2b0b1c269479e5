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

from documents._drawing import labelled, money_text, page_number
from documents._g703_sheet import ROWS_PER_PAGE, draw_sheet
from documents.fonts import FontFamily, register_fonts
from domain.pay_application import PayApplication

__all__ = ["ROWS_PER_PAGE", "render_pay_application"]

PAGE = letter
MARGIN = 40
LEFT_WIDTH = 280
RIGHT_X = MARGIN + LEFT_WIDTH + 20

CERTIFICATION = (
    "The contractor certifies that, to the best of its knowledge, the work covered by this "
    "application has been done as the contract documents require, that everyone the "
    "contractor owed for work billed in earlier applications has been paid from the "
    "payments received, and that the current payment shown here is now due.")
ARCHITECT = (
    "On the basis of the site observations and the data in this application, the architect "
    "certifies to the owner that, to the best of the architect's knowledge, the work has "
    "progressed as shown and is of the quality the contract documents require, and that "
    "the contractor is entitled to payment of the amount certified.")


def _paragraph(canvas: Canvas, fonts: FontFamily, text: str, x: float, y: float,
               width: float) -> float:
    canvas.setFont(fonts.regular, 7.5)
    for line in simpleSplit(text, fonts.regular, 7.5, width):
        canvas.drawString(x, y, line)
        y -= 9.5
    return y


def _summary_lines(canvas: Canvas, fonts: FontFamily, document: PayApplication,
                   y: float) -> float:
    s = document.summary
    lines = [
        ("1.", "Original contract sum", s.original_contract_sum),
        ("2.", "Net change by change orders", s.net_change_by_change_orders),
        ("3.", "Contract sum to date (1 + 2)", s.contract_sum_to_date),
        ("4.", "Total completed and stored to date (column G)",
         s.total_completed_and_stored_to_date),
        ("5a.", "Retainage on completed work", s.retainage_on_completed_work),
        ("5b.", "Retainage on stored materials", s.retainage_on_stored_materials),
        ("5.", "Total retainage (5a + 5b, column I)", s.total_retainage),
        ("6.", "Total earned less retainage (4 - 5)", s.total_earned_less_retainage),
        ("7.", "Less previous certificates for payment", s.less_previous_certificates),
        ("8.", "Current payment due (6 - 7)", s.current_payment_due),
        ("9.", "Balance to finish, including retainage (3 - 6)",
         s.balance_to_finish_including_retainage),
    ]
    for number, label, value in lines:
        bold = number == "8."
        canvas.setFont(fonts.bold if bold else fonts.regular, 8)
        canvas.drawString(MARGIN, y, number)
        canvas.drawString(MARGIN + 22, y, label)
        canvas.drawRightString(MARGIN + LEFT_WIDTH, y, money_text(value))
        y -= 15
    return y


def _change_orders(canvas: Canvas, fonts: FontFamily, document: PayApplication,
                   y: float) -> None:
    changes = document.change_orders
    canvas.setFont(fonts.bold, 9)
    canvas.drawString(MARGIN, y, "Change order summary")
    y -= 14
    canvas.setFont(fonts.bold, 7.5)
    canvas.drawRightString(MARGIN + 200, y, "Additions")
    canvas.drawRightString(MARGIN + LEFT_WIDTH, y, "Deductions")
    canvas.setFont(fonts.regular, 8)
    y -= 12
    canvas.drawString(MARGIN, y, f"Change orders ({changes.count})")
    canvas.drawRightString(MARGIN + 200, y, money_text(changes.additions))
    canvas.drawRightString(MARGIN + LEFT_WIDTH, y, money_text(changes.deductions))
    y -= 14
    canvas.drawString(MARGIN, y, "Net change by change orders")
    canvas.drawRightString(MARGIN + LEFT_WIDTH, y, money_text(changes.net_change))


def _signatures(canvas: Canvas, fonts: FontFamily, document: PayApplication,
                y: float) -> None:
    width = PAGE[0] - MARGIN - RIGHT_X
    canvas.setFont(fonts.bold, 9)
    canvas.drawString(RIGHT_X, y, "Contractor's certification")
    y = _paragraph(canvas, fonts, CERTIFICATION, RIGHT_X, y - 13, width) - 6
    labelled(canvas, fonts, RIGHT_X, y, "Contractor:", document.header.contractor, width)
    y -= 20
    canvas.setFont(fonts.regular, 8)
    canvas.drawString(RIGHT_X, y, "By: ______________________   Date: ___________")
    y -= 34
    canvas.setFont(fonts.bold, 9)
    canvas.drawString(RIGHT_X, y, "Architect's certificate for payment")
    y = _paragraph(canvas, fonts, ARCHITECT, RIGHT_X, y - 13, width) - 6
    canvas.setFont(fonts.regular, 8)
    canvas.drawString(RIGHT_X, y, "Amount certified: $ ____________________")
    y -= 20
    labelled(canvas, fonts, RIGHT_X, y, "Architect:", document.header.architect or "—", width)
    y -= 20
    canvas.setFont(fonts.regular, 8)
    canvas.drawString(RIGHT_X, y, "By: ______________________   Date: ___________")


def _summary_page(canvas: Canvas, fonts: FontFamily, document: PayApplication) -> None:
    header = document.header
    top = PAGE[1] - MARGIN
    canvas.setFont(fonts.bold, 13)
    canvas.drawCentredString(PAGE[0] / 2, top - 10, "APPLICATION AND CERTIFICATE FOR PAYMENT")
    # The names are long, the numbers and dates short: the left column is the wider.
    split = (PAGE[0] - 2 * MARGIN) * 0.6
    rows = [("To owner:", header.owner), ("Project:", header.project),
            ("From contractor:", header.contractor), ("Via architect:", header.architect or "—")]
    right = [("Application no.:", header.application_number),
             ("Period to:", header.period_to.isoformat()),
             ("Contract date:", "—" if header.contract_date is None
              else header.contract_date.isoformat()),
             ("Contract for:", header.contract_for)]
    y = top - 36
    for (label, value), (right_label, right_value) in zip(rows, right, strict=True):
        labelled(canvas, fonts, MARGIN, y, label, value, split - 10, size=9)
        labelled(canvas, fonts, MARGIN + split, y, right_label, right_value,
                 PAGE[0] - MARGIN - split - MARGIN, size=9)
        y -= 14
    canvas.line(MARGIN, y + 4, PAGE[0] - MARGIN, y + 4)
    y -= 14
    canvas.setFont(fonts.bold, 9)
    canvas.drawString(MARGIN, y, "Contractor's application for payment")
    _signatures(canvas, fonts, document, y)
    y = _summary_lines(canvas, fonts, document, y - 18)
    _change_orders(canvas, fonts, document, y - 16)
    page_number(canvas, fonts, 1, document.page_count, PAGE[0])
    canvas.showPage()


def render_pay_application(document: PayApplication) -> bytes:
    """The G702 page and the continuation sheet as one PDF, the same bytes for the same
    `document`."""
    fonts = register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE, invariant=1, pageCompression=1)
    canvas.setTitle(f"Application for payment {document.header.application_number}")
    canvas.setAuthor(document.header.contractor)
    canvas.setSubject(document.header.project)
    _summary_page(canvas, fonts, document)
    draw_sheet(canvas, fonts, document, first_page_number=2)
    canvas.save()
    return buffer.getvalue()
