"""The G702/G703 PDF in the project's language and dictionary, read back with pdftotext:
Australian terms in en-AU, French labels, dates and figures in fr-CA; the same bytes twice."""

from __future__ import annotations

from pathlib import Path

from tests.support.pay_applications import long_application, render
from tests.support.pdf_reading import pages_text


def _pages(locale: str, tmp_path: Path, terminology: str = "general_contractor") -> list[str]:
    data = render(long_application(3, locale=locale, terminology=terminology))
    # CLDR groups French thousands with a no-break space; compare words, not spacing.
    return [" ".join(page.replace("\u00a0", " ").replace("\u202f", " ").split())
            for page in pages_text(data, tmp_path)]


def test_an_australian_project_prints_a_progress_claim_with_retention(tmp_path: Path) -> None:
    summary, sheet = _pages("en-AU", tmp_path)
    assert "PROGRESS CLAIM AND PAYMENT CERTIFICATE" in summary
    assert "Claim no.: INV-7" in summary and "To principal: Summit Builders" in summary
    assert "Period to: 30 November 2026" in summary  # the Australian long date
    assert "5a. Retention on completed work" in summary
    assert "Net change by variations" in summary and "Variation summary" in summary
    assert "Contractor's progress claim" in summary
    assert "CONTINUATION SHEET" in sheet and "Retention" in sheet
    assert "Claim no.: INV-7" in sheet and "Principal: Summit Builders" in sheet
    for english in ("Retainage", "retainage", "Change order", "APPLICATION AND CERTIFICATE",
                    "November 30, 2026"):
        assert english not in summary + sheet, english
    # The figures themselves are the same as in the US (Australian grouping is the same).
    assert "3,000.00" in sheet and "35.00%" in sheet


def test_a_quebec_project_prints_french_labels_dates_and_figures(tmp_path: Path) -> None:
    summary, sheet = _pages("fr-CA", tmp_path)
    assert "DEMANDE ET CERTIFICAT DE PAIEMENT" in summary
    assert "Fin de période : 30 novembre 2026" in summary
    assert "Date du contrat : 5 janvier 2026" in summary
    assert "5a. Retenue de garantie sur les travaux exécutés" in summary
    assert "Sommaire des ordres de changement" in summary
    assert "Montant certifié" in summary and "Page 1 de 2" in summary
    # 3 lines of 1 000,00: the French decimal comma and space-grouped thousands.
    assert "1. Montant initial du contrat 3 000,00" in summary
    assert "FEUILLE DE DÉTAIL" in sheet and "Totaux généraux" in sheet
    assert "1 000,00 100,00 250,00 0,00 350,00 35,00% 650,00 35,00" in sheet
    assert "3 000,00 300,00 750,00 0,00 1 050,00 35,00% 1 950,00 105,00" in sheet
    for english in ("Retainage", "Period to", "Page 1 of", "Grand totals", "3,000.00",
                    "November"):
        assert english not in summary + sheet, english


def test_the_owner_dictionary_and_the_same_bytes_in_every_language(tmp_path: Path) -> None:
    for locale in ("en-US", "en-GB", "en-AU", "fr-CA"):
        document = long_application(3, locale=locale, terminology="owner")
        assert render(document) == render(document), locale
    summary, _ = _pages("en-GB", tmp_path, "owner")
    assert "PAYMENT APPLICATION AND CERTIFICATE" in summary
    assert "Retention on stored materials" in summary and "To employer:" in summary
