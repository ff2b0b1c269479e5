"""The sworn statement's and a waiver PDF's words in documents.po: every label the statement
prints has its key, en-US says exactly LABELS' English (so en-US PDFs are unchanged), and
fr-CA says French; every audit-trail event has its key."""

from __future__ import annotations

from decimal import Decimal

from app.use_cases.document_words import document_words
from app.use_cases.waivers._documents import EVENTS
from documents.sworn_statement import LABELS


def test_en_us_says_the_statements_english_and_fr_ca_french() -> None:
    english, french = document_words("en-US"), document_words("fr-CA")
    for key, text in LABELS.items():
        assert english(f"sworn_statement.{key}") == text, key
    assert french("sworn_statement.title") == "DÉCLARATION SOUS SERMENT"
    assert french("sworn_statement.page", number=1, count=2) == "Page 1 de 2"
    assert french.figure(Decimal("-4000")) == "-4\xa0000,00"  # CLDR's group mark


def test_every_trail_event_is_worded_in_every_locale() -> None:
    for locale in ("en-US", "en-GB", "en-AU", "fr-CA"):
        words = document_words(locale)
        for kind in EVENTS:
            assert "Ann" in words(f"waiver_trail.{kind}", actor="Ann"), (locale, kind)
    assert document_words("fr-CA")("waiver_trail.signed", actor="Ann") == "Signée par Ann"
