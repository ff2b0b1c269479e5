"""Small drawing helpers shared by the pay-application pages: text that fits its box, the
header block and the page number (figures are formatted by documents/words.py)."""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from documents.fonts import FontFamily


@lru_cache(maxsize=4096)
def text_width(text: str, font: str, size: float) -> float:
    """Cached: a sheet repeats the same figures and words many times."""
    return float(stringWidth(text, font, size))


def fitted(text: str, font: str, size: float, width: float) -> str:
    """`text` cut (with an ellipsis) so it fits `width` points."""
    if text_width(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def labelled(canvas: Canvas, fonts: FontFamily, x: float, y: float, label: str, value: str,
             width: float, size: float = 8) -> None:
    """A small bold label with its value after it, cut to `width`."""
    canvas.setFont(fonts.bold, size)
    canvas.drawString(x, y, label)
    offset = stringWidth(label, fonts.bold, size) + 4
    canvas.setFont(fonts.regular, size)
    canvas.drawString(x + offset, y, fitted(value, fonts.regular, size, width - offset))


def page_number(canvas: Canvas, fonts: FontFamily, text: str, page_width: float) -> None:
    """The page's "Page n of m", as the document's words say it."""
    canvas.setFont(fonts.regular, 7)
    canvas.drawRightString(page_width - 36, 20, text)
