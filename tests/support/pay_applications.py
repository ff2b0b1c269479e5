"""Pay-application documents built straight from the domain, for the document tests and
the benchmark's twin in bench/."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.use_cases.pay_applications._document import words_of
from documents.pay_application import ROWS_PER_PAGE, render_pay_application
from domain.pay_application import PayApplication, PayApplicationHeader, pay_application
from domain.sov import AmountLine, RetainageRates, UnitLine, compute_invoice

FRENCH_COMPANY = "Béton Québec Ltée (façades, œuvre)"


def header(*, unit_based: bool = False, contractor: str = FRENCH_COMPANY,
           locale: str = "en-US", terminology: str = "general_contractor",
           ) -> PayApplicationHeader:
    return PayApplicationHeader(
        owner="Summit Builders", project="Riverside Clinic (RC-1)", contractor=contractor,
        architect="Atelier Hélène Marchand", application_number="INV-7",
        period_to=date(2026, 11, 30), contract_date=date(2026, 1, 5),
        contract_for="SC-100 Structure", unit_based=unit_based, locale=locale,
        terminology=terminology)


def long_application(count: int = 400, *, locale: str = "en-US",
                     terminology: str = "general_contractor") -> PayApplication:
    """`count` lines of 1,000.00: 100.00 billed before, 250.00 now, 10 % retainage."""
    lines = [AmountLine(str(number), Decimal("1000.00"), Decimal("100.00"), Decimal("250.00"),
                        description=f"Coulage de béton, travée {number}")
             for number in range(1, count + 1)]
    result = compute_invoice(lines, RetainageRates(Decimal("10"), Decimal("5")),
                             less_previous_certificates=Decimal("0.00"))
    return pay_application(header(locale=locale, terminology=terminology), result.lines,
                           result.summary,
                           rows_per_page=ROWS_PER_PAGE)


def unit_application() -> PayApplication:
    lines = [UnitLine("U-1", Decimal("120"), Decimal("45.50"), Decimal("20"),
                      Decimal("910.00"), quantity_this_period=Decimal("30"),
                      description="Concrete, cubic yards")]
    result = compute_invoice(lines, RetainageRates(Decimal("10"), Decimal("0")),
                             less_previous_certificates=Decimal("0.00"))
    return pay_application(header(unit_based=True), result.lines, result.summary,
                           rows_per_page=ROWS_PER_PAGE)


def render(document: PayApplication) -> bytes:
    """The document's PDF in its project's words (as the use case renders it)."""
    return render_pay_application(document, words_of(document))


def small_pdf(*texts: str) -> bytes:
    """A PDF with one page per text."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    for text in texts:
        canvas.drawString(72, 720, text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def small_png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (180, 40, 40)).save(buffer, "PNG")
    return buffer.getvalue()
