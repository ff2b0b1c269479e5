"""The documents' embedded font: registered once, and it carries French accents."""

from io import BytesIO

from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from documents.fonts import register_fonts


def test_registering_twice_returns_the_same_family() -> None:
    assert register_fonts() is register_fonts()


def test_a_page_drawn_in_the_body_font_embeds_it_and_keeps_accents() -> None:
    family = register_fonts()
    buffer = BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont(family.bold, 12)
    canvas.drawString(72, 720, "Électricité Côté & Fils, Québec: 1 234,56 $")
    canvas.save()
    reader = PdfReader(BytesIO(buffer.getvalue()))
    text = reader.pages[0].extract_text()
    assert "Électricité Côté & Fils, Québec" in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = [font.get_object()["/BaseFont"] for font in fonts.values()
                if "/FontFile2" in font.get_object().get("/FontDescriptor", {})]
    assert embedded == ["/AAAAAA+BitstreamVeraSans-Bold"]
