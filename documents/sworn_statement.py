"""A sworn statement as a PDF (landscape letter): on every page the title, the header
(owner, project, contractor, commitment, invoice, period) and the table's column heads;
one row per sub-tier, the totals after the last row; then the statement's wording with
its oath and the signature block; the audit trail on the last page; "Page n of m".

Every figure comes from domain.sworn_statement; this module places and formats them and
computes nothing. Every word it prints itself is a key of LABELS, worded by the
DocumentWords its caller hands it (the "documents" catalogue's `sworn_statement.<key>`, in
the project's language; LABELS' own English without them). Byte-stable for the same input
(`invariant=1`).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from documents._drawing import cell, fitted, labelled, spread
from documents.fonts import FontFamily, register_fonts
from documents.waiver_pdf import Signature
from documents.words import DocumentWords
from domain.sworn_statement import StatementLine, StatementTotals, SwornStatement


def money_text(value: Decimal) -> str:
    """1234.5 as "1,234.50" (without DocumentWords; with them, their `figure`); a credit
    keeps its minus sign."""
    return f"{value:,.2f}"

LABELS = {
    "title": "SWORN STATEMENT",
    "code": "Statement code {code}",
    "preview": "PREVIEW (not sent yet)",
    "owner": "Owner",
    "project": "Project",
    "contractor": "Contractor",
    "commitment": "Commitment",
    "invoice": "Invoice",
    "period_to": "Period to",
    "company": "Subcontractor or supplier",
    "type": "Type",
    "work": "Kind of work",
    "contract": "Contract amount",
    "paid": "Paid to date",
    "this_period": "This period",
    "balance": "Balance to complete",
    "subcontractor": "Subcontractor",
    "supplier": "Supplier",
    "totals": "Totals",
    "no_lines": "No subcontractor or supplier is listed.",
    "not_given": "*",
    "not_given_note": "* No estimated contract amount was entered for this company; it is "
                      "counted as 0.00.",
    "signature": "Signature",
    "signed_by": "Signed by",
    "signer_title": "Title",
    "date": "Date",
    "blank": "_______________________________",
    "unsigned": "Not signed yet.",
    "e_signed": "Signed electronically under oath with the signer's consent (ESIGN, UETA).",
    "audit": "Audit trail",
    "nothing": "Nothing recorded yet.",
    "page": "Page {number} of {count}",
}

PAGE = landscape(letter)
MARGIN = 36.0
BOTTOM = 48.0
ROW = 12.0
TABLE_TOP = PAGE[1] - MARGIN - 100   # the first row's baseline
ROWS_PER_PAGE = 32
TEXT_SIZE = 9.5
LEADING = TEXT_SIZE * 1.35
TEXT_WIDTH = PAGE[0] - 2 * MARGIN
SIGNATURE_HEIGHT = 5 * LEADING + 30


@dataclass(frozen=True)
class StatementDocument:
    code: str
    facts: Sequence[tuple[str, str]]  # the header: up to six (label, value)
    statement: SwornStatement
    body: str                         # the wording and the oath, paragraphs by blank lines
    signature: Signature | None = None
    audit: Sequence[tuple[str, str]] = field(default_factory=tuple)  # (when, what)
    verify_hint: str = ""
    words: DocumentWords | None = None  # None: LABELS' English and money_text

    @property
    def labels(self) -> dict[str, str]:
        if self.words is None:
            return dict(LABELS)
        return {key: self.words.texts[f"sworn_statement.{key}"] for key in LABELS}

    def money(self, value: Decimal) -> str:
        return money_text(value) if self.words is None else self.words.figure(value)


Cell = Callable[[StatementLine], str]


@dataclass(frozen=True)
class _Column:
    label: str
    width: float
    row: Cell
    total: Callable[[StatementTotals], str] | None = None
    right: bool = True


def _columns(labels: dict[str, str], money: Callable[[Decimal], str] = money_text,
             ) -> list[tuple[_Column, float, float]]:
    def contract(line: StatementLine) -> str:
        mark = "" if line.contract_given else f" {labels['not_given']}"
        return money(line.contract_amount) + mark

    chosen = [
        _Column(labels["company"], 190, lambda r: r.company_name, right=False),
        _Column(labels["type"], 68, lambda r: labels.get(r.tier_type, r.tier_type), right=False),
        _Column(labels["work"], 120, lambda r: r.kind_of_work, right=False),
        _Column(labels["contract"], 88, contract, lambda t: money(t.contract_amount)),
        _Column(labels["paid"], 84, lambda r: money(r.paid_to_date),
                lambda t: money(t.paid_to_date)),
        _Column(labels["this_period"], 84, lambda r: money(r.this_period),
                lambda t: money(t.this_period)),
        _Column(labels["balance"], 92, lambda r: money(r.balance),
                lambda t: money(t.balance)),
    ]
    return spread(chosen, MARGIN, TEXT_WIDTH)



class _Pages:
    def __init__(self, canvas: Canvas, fonts: FontFamily, document: StatementDocument,
                 count: int) -> None:
        self.canvas, self.fonts, self.document, self.count = canvas, fonts, document, count
        self.labels = document.labels
        self.number = 0

    def start(self, *, table: bool) -> float:
        """A new page with the header (and the column heads); returns where text starts."""
        if self.number:
            self.canvas.showPage()
        self.number += 1
        canvas, fonts, labels = self.canvas, self.fonts, self.labels
        top = PAGE[1] - MARGIN
        canvas.setFont(fonts.bold, 14)
        canvas.drawString(MARGIN, top - 12, labels["title"])
        canvas.setFont(fonts.regular, 8)
        canvas.drawRightString(PAGE[0] - MARGIN, top - 12,
                               labels["code"].format(code=self.document.code))
        half = TEXT_WIDTH / 2
        for index, (label, value) in enumerate(self.document.facts[:6]):
            x = MARGIN + (half if index >= 3 else 0)
            labelled(canvas, fonts, x, top - 32 - 12 * (index % 3), f"{label}:", value,
                     half - 10, size=8.5)
        canvas.setFont(fonts.regular, 7)
        canvas.drawRightString(PAGE[0] - MARGIN, 20, labels["page"].format(
            number=self.number, count=self.count))
        if not table:
            return float(top - 78)
        y = top - 72
        canvas.line(MARGIN, y + 8, PAGE[0] - MARGIN, y + 8)
        canvas.setFont(fonts.bold, 7.5)
        for column, x, width in _columns(labels, self.document.money):
            for offset, piece in enumerate(simpleSplit(column.label, fonts.bold, 7.5,
                                                       width - 6)[:2]):
                cell(canvas, fonts.bold, 7.5, piece, x, width, y - 9 * offset, column.right, 3)
        canvas.line(MARGIN, y - 13, PAGE[0] - MARGIN, y - 13)
        return float(TABLE_TOP)


def _wrapped(text: str, font: str) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        lines += simpleSplit(" ".join(paragraph.split("\n")), font, TEXT_SIZE, TEXT_WIDTH)
        lines.append("")
    return lines


def _audit_lines(document: StatementDocument, fonts: FontFamily) -> list[tuple[str, str, float]]:
    """The audit trail as printed lines: (font, text, indent)."""
    labels = document.labels
    found = [(fonts.bold, labels["audit"], -1.0)]
    for when, what in document.audit or (("", labels["nothing"]),):
        found.append((fonts.bold, when, 0.0))
        found += [(fonts.regular, piece, 20.0)
                  for piece in simpleSplit(what, fonts.regular, 8.5, TEXT_WIDTH - 20)]
    if document.verify_hint:
        found += [(fonts.regular, "", 0.0), (fonts.regular, document.verify_hint, 0.0)]
    return found


AUDIT_LINES_PER_PAGE = int((PAGE[1] - MARGIN - 78 - BOTTOM) // (8.5 * 1.35)) - 2


def _plan(document: StatementDocument, fonts: FontFamily) -> tuple[int, bool, int]:
    """(table pages, whether the wording needs a page of its own, audit pages)."""
    rows = len(document.statement.lines)
    table_pages = max(1, -(-rows // ROWS_PER_PAGE))
    on_last = rows - (table_pages - 1) * ROWS_PER_PAGE
    room = TABLE_TOP - on_last * ROW - 3 * ROW - BOTTOM
    closing = len(_wrapped(document.body, fonts.regular)) * LEADING + SIGNATURE_HEIGHT
    audit = len(_audit_lines(document, fonts))
    return table_pages, closing > room, -(-audit // AUDIT_LINES_PER_PAGE)


def _text(canvas: Canvas, font: str, y: float, line: str, size: float = TEXT_SIZE) -> float:
    canvas.setFont(font, size)
    canvas.drawString(MARGIN, y, line)
    return y - size * 1.35


def render_sworn_statement(document: StatementDocument) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=PAGE, invariant=1, pageCompression=1)
    labels = document.labels
    canvas.setTitle(labels["title"].title())
    canvas.setAuthor("invite-to-bill")
    fonts = register_fonts()
    table_pages, own_page, audit_pages = _plan(document, fonts)
    pages = _Pages(canvas, fonts, document, table_pages + int(own_page) + audit_pages)
    placed = _columns(labels, document.money)
    lines = document.statement.lines
    y = TABLE_TOP
    for index in range(table_pages):
        y = pages.start(table=True)
        text_object = canvas.beginText()
        text_object.setFont(fonts.regular, 8)
        for line in lines[index * ROWS_PER_PAGE:(index + 1) * ROWS_PER_PAGE]:
            for column, x, width in placed:
                text = fitted(column.row(line), fonts.regular, 8, width - 6)
                left = (x + width - 3 - canvas.stringWidth(text, fonts.regular, 8)
                        if column.right else x + 3)
                text_object.setTextOrigin(left, y)
                text_object.textOut(text)
            y -= ROW
        canvas.drawText(text_object)
    if not lines:
        y = _text(canvas, fonts.regular, y, labels["no_lines"])
    canvas.line(MARGIN, y + 8, PAGE[0] - MARGIN, y + 8)
    canvas.setFont(fonts.bold, 8)
    canvas.drawString(MARGIN + 3, y - 2, labels["totals"])
    for column, x, width in placed:
        if column.total is not None:
            cell(canvas, fonts.bold, 8, column.total(document.statement.totals), x, width,
                 y - 2, column.right, 3)
    y -= 2 * ROW
    if any(not line.contract_given for line in lines):
        y = _text(canvas, fonts.regular, y, labels["not_given_note"], 7.5)
    if own_page:
        y = pages.start(table=False)
    y -= 6
    for text in _wrapped(document.body, fonts.regular):
        y = _text(canvas, fonts.regular, y, text) if text else y - 4
    _signature(canvas, fonts, labels, document.signature, y - 6)
    audit = _audit_lines(document, fonts)
    for number in range(audit_pages):
        y = pages.start(table=False)
        for font, text, indent in audit[number * AUDIT_LINES_PER_PAGE:
                                        (number + 1) * AUDIT_LINES_PER_PAGE]:
            size = 12.0 if indent < 0 else 8.5
            canvas.setFont(font, size)
            canvas.drawString(MARGIN + max(indent, 0.0), y, text)
            y -= size * 1.35 + (4 if indent < 0 else 0)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _signature(canvas: Canvas, fonts: FontFamily, labels: dict[str, str],
               signature: Signature | None, y: float) -> None:
    y = _text(canvas, fonts.bold, y, labels["signature"], 11) - 2
    rows = ((labels["signed_by"], f"/s/ {signature.name}"), (labels["signer_title"],
            signature.title), (labels["date"], signature.signed_at)) if signature else (
        (labels["signed_by"], labels["blank"]), (labels["signer_title"], labels["blank"]),
        (labels["date"], labels["blank"]))
    for label, value in rows:
        canvas.setFont(fonts.bold, TEXT_SIZE)
        canvas.drawString(MARGIN, y, label)
        canvas.setFont(fonts.regular, TEXT_SIZE)
        canvas.drawString(MARGIN + 110, y, value)
        y -= LEADING
    _text(canvas, fonts.regular, y - 2, labels["e_signed"] if signature else labels["unsigned"],
          8.5)
