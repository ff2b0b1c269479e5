"""Figures typed on the invoice form, read the way the page's language writes them
(web/invoice_form_fields.py; static/invoice_form.js follows the same rule)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from web.invoice_form_fields import plain_number
from web.page_renderer import figure


@pytest.mark.parametrize(("typed", "english", "french"), [
    ("1250.50", "1250.50", "1250.50"),
    ("$1,250.50", "1250.50", "$1,250.50"),  # French: both marks, left to be refused
    ("1 250,50", "1 25050", "1250.50"),    # English: a space is not a number
    ("1\u00a0250,5", "1\u00a02505", "1250.5"),
    ("12,5", "125", "12.5"),
    ("-3,00", "-300", "-3.00"),
])
def test_a_decimal_comma_only_where_the_language_writes_one(
        typed: str, english: str, french: str) -> None:
    assert plain_number(typed) == english
    assert plain_number(typed, decimal_comma=True) == french


@pytest.mark.parametrize("amount", ["0", "-1234.5", "1234567.891", "999999999999.99"])
def test_a_figure_shown_in_french_reads_back_as_the_same_amount(amount: str) -> None:
    value = Decimal(amount).quantize(Decimal("0.01"))
    shown = figure(value, "fr-CA")
    assert Decimal(plain_number(shown, decimal_comma=True)) == value
    assert Decimal(plain_number(figure(value, "en-US"))) == value
