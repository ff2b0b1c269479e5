"""A fixed lien waiver document for the golden-file test and the benchmark.

To write the golden files again after a deliberate change to the layout:
    .venv/bin/python -m tests.support.waiver_documents
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from app.use_cases.document_words import document_words
from documents.waiver_pdf import Signature, WaiverDocument, render_waiver

GOLDEN_DIR = Path(__file__).parent.parent / "fixtures" / "waivers"

BODY = (
    "Once the claimant has received a progress payment of $27,000.00, made by Summit "
    "Builders and payable to Société Générale de Béton, the claimant gives up every right "
    "to a lien, stop payment notice or payment bond claim on this job for labor, services, "
    "equipment and materials it furnished through October 31, 2026, up to that amount.\n\n"
    "This waiver takes effect only when the payment is received.\n\n"
    "It does not cover: Retainage withheld: $3,000.00.")

SIGNED = WaiverDocument(
    title="Conditional waiver and release on progress payment", code="W-ABCDEFGHJK",
    facts=(("Claimant", "Société Générale de Béton"), ("Customer", "Summit Builders"),
           ("Project", "Riverside Medical Office Building"), ("Commitment", "SC-001"),
           ("Invoice", "INV-1"), ("Through date", "October 31, 2026"),
           ("Amount", "$27,000.00"), ("Exceptions", "Retainage withheld: $3,000.00")),
    body=BODY, words=document_words("en-US"),
    signature=Signature("Zoë Lefèvre", "Présidente", "November 3, 2026 09:14 CST"),
    audit=(("November 2, 2026 08:00 CST", "Signature requested from zoe@beton.example"),
           ("November 3, 2026 09:14 CST", "Signed by Zoë Lefèvre, Présidente (link sent to "
            "zoe@beton.example); address 203.0.113.9; browser Firefox/132.0")),
    verify_hint="Check this document at /w/verify with the code W-ABCDEFGHJK.")

HELD = WaiverDocument(
    title="Unconditional waiver and release on progress payment", code="W-ABCDEFGHJM",
    facts=SIGNED.facts, body=BODY, words=document_words("en-US"), signature=None, held=True,
    audit=SIGNED.audit)

GOLDEN = {"signed.pdf": SIGNED, "held.pdf": HELD}
# The same held waiver on a Québec project: the frame in French, the body as given.
FRENCH_HELD = dataclasses.replace(HELD, words=document_words("fr-CA"))


def write_golden() -> None:
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    for name, document in GOLDEN.items():
        (GOLDEN_DIR / name).write_bytes(render_waiver(document))


if __name__ == "__main__":
    write_golden()
