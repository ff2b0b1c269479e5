"""The embedded TrueType fonts every document is drawn in.

Bitstream Vera ships inside ReportLab's own package, so nothing is downloaded or installed
beside it; it covers Latin-1 and Latin Extended-A, so French, Spanish and German names
(é, ç, ñ, ü, œ) render, which the PDF standard fonts without embedding would not promise.
Embedding also makes the output the same on every machine (the golden-file tests rely on it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(reportlab.__file__).parent / "fonts"


@dataclass(frozen=True)
class FontFamily:
    regular: str
    bold: str
    italic: str
    bold_italic: str


BODY = FontFamily(regular="ItbSans", bold="ItbSans-Bold", italic="ItbSans-Italic",
                  bold_italic="ItbSans-BoldItalic")

_FILES = {
    BODY.regular: "Vera.ttf",
    BODY.bold: "VeraBd.ttf",
    BODY.italic: "VeraIt.ttf",
    BODY.bold_italic: "VeraBI.ttf",
}


@cache
def register_fonts() -> FontFamily:
    """Registers the body family with ReportLab once per process and returns its names.

    Call it before drawing; it is cheap after the first call. Registration is global to
    ReportLab, so this is the one place that does it.
    """
    for name, file_name in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file_name)))
    # Lets Paragraph markup (<b>, <i>) switch within the family.
    addMapping(BODY.regular, 0, 0, BODY.regular)
    addMapping(BODY.regular, 1, 0, BODY.bold)
    addMapping(BODY.regular, 0, 1, BODY.italic)
    addMapping(BODY.regular, 1, 1, BODY.bold_italic)
    return BODY
