"""The waiver PDF: byte-stable (golden files), its text readable back with pdftotext,
accents in the embedded font, the held version watermarked and without a signature."""

from __future__ import annotations

import subprocess

from documents.waiver_pdf import HELD_MARK, render_waiver
from tests.support.waiver_documents import FRENCH_HELD, GOLDEN, GOLDEN_DIR, HELD, SIGNED


def _text(data: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data,
                          capture_output=True, check=True, timeout=30)
    return done.stdout.decode()


def test_the_same_waiver_renders_to_the_same_bytes_as_the_golden_files() -> None:
    for name, document in GOLDEN.items():
        first, second = render_waiver(document), render_waiver(document)
        assert first == second
        assert first == (GOLDEN_DIR / name).read_bytes(), (
            f"{name} changed; if on purpose: python -m tests.support.waiver_documents")


def test_the_signed_waiver_reads_back_with_its_figures_names_and_trail() -> None:
    text = _text(render_waiver(SIGNED))
    for expected in ("$27,000.00", "October 31, 2026", "Société Générale de Béton",
                     "/s/ Zoë Lefèvre", "Présidente", "Audit trail", "203.0.113.9",
                     "W-ABCDEFGHJK"):
        assert expected in text, expected
    assert HELD_MARK not in text
    assert b"/FontFile2" in render_waiver(SIGNED)  # the TrueType font is embedded


def test_the_held_waiver_hides_the_signature_under_the_watermark() -> None:
    text = _text(render_waiver(HELD))
    assert "Zoë Lefèvre, Présidente" in text  # in the trail: who signed is no secret
    assert "/s/ Zoë Lefèvre" not in text and "held until the payment is recorded" in text
    assert render_waiver(HELD) != render_waiver(SIGNED)


def test_a_quebec_projects_waiver_frame_is_french_and_its_body_as_given() -> None:
    data = render_waiver(FRENCH_HELD)
    assert data == render_waiver(FRENCH_HELD)
    text = _text(data)
    for french in ("Code de la renonciation W-ABCDEFGHJM", "Signée par", "Piste de vérification",
                   "Signée et retenue jusqu'à l'enregistrement du paiement",
                   "Renonciation W-ABCDEFGHJM", "Page 1"):
        assert french in text, french
    for english in ("Waiver code", "Audit trail", "Signed and held", "Page 1 of"):
        assert english not in text, english
    assert "This waiver takes effect only when the payment is received." in text
