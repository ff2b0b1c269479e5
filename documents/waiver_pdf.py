"""A lien waiver as a PDF: the wording, the figures, the signature block, and an audit
trail page.

Drawn on ReportLab's canvas with the embedded font (documents/fonts.py). The output is
byte-stable for the same input (`invariant=1` fixes the creation date and document id),
so a signed waiver's SHA-256 identifies it and the golden-file tests can compare bytes.
Everything is given as text: this module formats nothing and computes nothing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from documents.fonts import register_fonts
from documents.words import DocumentWords

MARGIN = 54.0
WIDTH, HEIGHT = LETTER
TEXT_WIDTH = WIDTH - 2 * MARGIN
# The watermark of a held waiver in en-US (documents.po "waiver_pdf.held_mark" per locale).
HELD_MARK = "HELD UNTIL PAID"
WATERMARK = Color(0.85, 0.15, 0.15, alpha=0.25)


@dataclass(frozen=True)
class Signature:
    name: str
    title: str
    signed_at: str  # as it should read, with its time zone


@dataclass(frozen=True)
class WaiverDocument:
    title: str
    code: str
    facts: Sequence[tuple[str, str]]
    body: str
    words: DocumentWords            # the frame's words (the body and facts come worded)
    # None: unsigned (a preview, or a held waiver whose signature stays hidden).
    signature: Signature | None = None
    held: bool = False
    audit: Sequence[tuple[str, str]] = field(default_factory=tuple)  # (when, what)
    verify_hint: str = ""


class _Writer:
    """A cursor down the page that starts a new page when the text reaches the bottom."""

    def __init__(self, canvas: Canvas, document: WaiverDocument) -> None:
        self.canvas, self.document = canvas, document
        self.fonts = register_fonts()
        self.y = HEIGHT - MARGIN

    def new_page(self) -> None:
        self._finish_page()
        self.canvas.showPage()
        self.y = HEIGHT - MARGIN

    def _finish_page(self) -> None:
        canvas = self.canvas
        canvas.setFont(self.fonts.regular, 8)
        canvas.setFillColor(black)
        words = self.document.words
        canvas.drawString(MARGIN, MARGIN / 2, words("waiver_pdf.footer", code=self.document.code))
        canvas.drawRightString(WIDTH - MARGIN, MARGIN / 2,
                               words("waiver_pdf.page", number=canvas.getPageNumber()))
        if self.document.held:
            canvas.saveState()
            canvas.setFillColor(WATERMARK)
            canvas.setFont(self.fonts.bold, 64)
            canvas.translate(WIDTH / 2, HEIGHT / 2)
            canvas.rotate(40)
            canvas.drawCentredString(0, 0, words("waiver_pdf.held_mark"))
            canvas.restoreState()

    def lines(self, text: str, *, size: float = 10.5, bold: bool = False,
              gap: float = 4.0) -> None:
        font = self.fonts.bold if bold else self.fonts.regular
        leading = size * 1.35
        for paragraph in text.split("\n"):
            wrapped = simpleSplit(paragraph, font, size, TEXT_WIDTH) or [""]
            for line in wrapped:
                if self.y - leading < MARGIN:
                    self.new_page()
                self.canvas.setFont(font, size)
                self.canvas.drawString(MARGIN, self.y - size, line)
                self.y -= leading
        self.y -= gap

    def pair(self, label: str, value: str, *, size: float = 10.0,
             label_width: float = 130.0) -> None:
        wrapped = simpleSplit(value, self.fonts.regular, size, TEXT_WIDTH - label_width) or [""]
        for index, line in enumerate(wrapped):
            if self.y - size * 1.35 < MARGIN:
                self.new_page()
            if index == 0:
                self.canvas.setFont(self.fonts.bold, size)
                self.canvas.drawString(MARGIN, self.y - size, label)
            self.canvas.setFont(self.fonts.regular, size)
            self.canvas.drawString(MARGIN + label_width, self.y - size, line)
            self.y -= size * 1.35

    def finish(self) -> None:
        self._finish_page()
        self.canvas.showPage()


def _signature_block(writer: _Writer, document: WaiverDocument) -> None:
    writer.y -= 12
    if writer.y < MARGIN + 110:
        writer.new_page()
    words = document.words
    writer.lines(words("waiver_pdf.signature"), size=12, bold=True)
    signature = document.signature
    if signature is None:
        note = words("waiver_pdf.held_note" if document.held else "waiver_pdf.not_signed")
        writer.pair(words("waiver_pdf.signed_by"), "_______________________________")
        writer.pair(words("waiver_pdf.title"), "_______________________________")
        writer.pair(words("waiver_pdf.date"), "_______________________________")
        writer.lines(note, size=9)
        return
    writer.pair(words("waiver_pdf.signed_by"), f"/s/ {signature.name}")
    writer.pair(words("waiver_pdf.title"), signature.title)
    writer.pair(words("waiver_pdf.date"), signature.signed_at)
    writer.lines(words("waiver_pdf.esign"), size=9)


def render_waiver(document: WaiverDocument) -> bytes:
    """The waiver's PDF: the document pages, then the audit trail page."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=LETTER, invariant=1, pageCompression=1)
    canvas.setTitle(document.title)
    canvas.setAuthor("invite-to-bill")
    writer = _Writer(canvas, document)
    writer.lines(document.title, size=16, bold=True, gap=2)
    words = document.words
    writer.lines(words("waiver_pdf.code", code=document.code), size=9, gap=10)
    for label, value in document.facts:
        writer.pair(label, value)
    writer.y -= 10
    writer.lines(document.body)
    _signature_block(writer, document)
    writer.new_page()
    writer.lines(words("waiver_pdf.audit_trail"), size=14, bold=True, gap=8)
    for when, what in document.audit or (("", words("waiver_pdf.nothing_recorded")),):
        writer.pair(when, what, size=9.0, label_width=180.0)
    if document.verify_hint:
        writer.y -= 8
        writer.lines(document.verify_hint, size=9)
    writer.finish()
    canvas.save()
    return out.getvalue()
