"""Small drawing helpers shared by the pay-application pages: text that fits its box, money
and percentages as printed, the header block and the page number."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from documents.fonts import FontFamily


def money_text(value: Decimal) -> str:
    """1234.5 as "1,234.50"; a credit keeps its minus sign."""
    return f"{value:,.2f}"


def percent_text(value: Decimal) -> str:
    return f"{value:.2f}%"


def quantity_text(value: Decimal) -> str:
    """Quantities have four places; trailing zeros after two are dropped ("12.50")."""
    text = f"{value:,.4f}"
    while text.endswith("0") and len(text.split(".")[1]) > 2:
        text = text[:-1]
    return text


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


def page_number(canvas: Canvas, fonts: FontFamily, number: int, count: int,
                page_width: float) -> None:
    canvas.setFont(fonts.regular, 7)
    canvas.drawRightString(page_width - 36, 20, f"Page {number} of {count}")
