"""Small drawing helpers shared by the pay-application pages and the sworn statement: text
that fits its box, the header block, table columns and cells, and the page number (figures
are formatted by documents/words.py)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol, TypeVar

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


class _Sized(Protocol):
    @property
    def width(self) -> float: ...


Sized = TypeVar("Sized", bound=_Sized)


def spread(columns: Sequence[Sized], left: float, total_width: float
           ) -> list[tuple[Sized, float, float]]:
    """Each column with its left edge and its width, the widths scaled in proportion so
    that the columns fill `total_width` from `left`."""
    scale = total_width / sum(column.width for column in columns)
    placed, x = [], float(left)
    for column in columns:
        placed.append((column, x, column.width * scale))
        x += column.width * scale
    return placed


def cell(canvas: Canvas, font: str, size: float, text: str, x: float, width: float,
         y: float, right: bool, padding: float) -> None:
    """`text` cut to fit a table cell, right-aligned (figures) or left, `padding` inside."""
    text = fitted(text, font, size, width - 2 * padding)
    if right:
        canvas.drawRightString(x + width - padding, y, text)
    else:
        canvas.drawString(x + padding, y, text)
