"""Seeded invoice cases for comparing the form's script (static/invoice_form.js) with the
domain's arithmetic: the same figures as strings, as the form would hold them, and the
domain's answer for each, formatted as the pages show it."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from domain.money import money
from domain.sov import AmountLine, InvoiceInvalid, RetainageRates, UnitLine, compute_invoice

RATES = ["0", "5", "10", "7.5", "12.25", "33.33", "100"]
SUMMARY_FIELDS = [
    "original_contract_sum", "net_change_by_change_orders", "contract_sum_to_date",
    "total_completed_and_stored_to_date", "retainage_on_completed_work",
    "retainage_on_stored_materials", "total_retainage", "total_earned_less_retainage",
    "less_previous_certificates", "current_payment_due",
    "balance_to_finish_including_retainage"]


def shown(value: Decimal) -> str:
    return f"{value:,.2f}"


def _typed(rng: random.Random, limit: int) -> str:
    """An amount as someone types it: whole, with cents, with a third decimal (rounded
    half-up), with thousands separators, or empty."""
    cents = rng.randint(0, max(limit, 0))
    style = rng.randrange(6)
    if style == 0:
        return ""
    if style == 1:
        return str(cents // 100)
    if style == 2:
        return f"{cents // 100}.{cents % 100:02d}5"  # a half cent: rounds up
    if style == 3:
        return f"{Decimal(cents) / 100:,.2f}"
    return f"{Decimal(cents) / 100}"


def _amount_line(rng: random.Random, index: int) -> tuple[dict[str, Any], AmountLine]:
    scheduled = rng.randint(1, 5_000_000_00)
    previous = rng.randint(0, scheduled // 2)
    work = _typed(rng, (scheduled - previous) // 2)
    stored = _typed(rng, (scheduled - previous) // 3)
    released_before = rng.choice([0, 0, rng.randint(0, previous // 50)])
    released = rng.choice(["", "0", str(Decimal(rng.randint(0, previous // 40)) / 100)])
    c, d = Decimal(scheduled) / 100, Decimal(previous) / 100
    rb = Decimal(released_before) / 100
    change_order = rng.random() < 0.2
    form = {"c": str(c), "d": str(d), "e": work, "f": stored, "released": released,
            "releasedBefore": str(rb), "changeOrder": change_order}
    line = AmountLine(str(index), c, d, money(_clean(work)), money(_clean(stored)),
                      money(_clean(released)), rb, change_order)
    return form, line


def _unit_line(rng: random.Random, index: int) -> tuple[dict[str, Any], UnitLine]:
    quantity = Decimal(rng.randint(1, 2_000_000)) / 100
    price = Decimal(rng.randint(1, 900_000)) / rng.choice([100, 1000, 10000])
    before = (quantity * Decimal(rng.randint(0, 50)) / 100).quantize(Decimal("0.0001"))
    this_period = rng.choice(["", str((quantity * Decimal(rng.randint(0, 40)) / 100)
                                      .quantize(Decimal("0.001")))])
    value_before = money(before * price)
    form = {"c": str(money(quantity * price)), "d": str(value_before), "e": "",
            "quantity": this_period, "f": "", "released": "", "releasedBefore": "0",
            "changeOrder": False,
            "unit": {"unitPrice": str(price), "quantityBefore": str(before)}}
    line = UnitLine(str(index), quantity, price, before, value_before,
                    quantity_this_period=Decimal(this_period) if this_period else None)
    return form, line


def _clean(typed: str) -> str:
    return typed.replace(",", "") or "0"


def cases(count: int, seed: int = 20261207) -> list[dict[str, Any]]:
    """`count` invoices the domain accepts, each with its figures and the domain's answer."""
    rng = random.Random(seed)
    found: list[dict[str, Any]] = []
    while len(found) < count:
        rates = RetainageRates(Decimal(rng.choice(RATES)), Decimal(rng.choice(RATES)))
        made = [(_unit_line if rng.random() < 0.3 else _amount_line)(rng, index)
                for index in range(1, rng.randint(1, 4) + 1)]
        less_previous = Decimal(rng.randint(0, 100_000_00)) / 100
        try:
            result = compute_invoice([line for _, line in made], rates,
                                     less_previous_certificates=less_previous,
                                     allow_overbilling=True)
        except InvoiceInvalid:
            continue  # a release beyond what is held: the server refuses it anyway
        found.append({
            "rateWork": str(rates.work), "rateStored": str(rates.stored),
            "lessPrevious": str(less_previous),
            "lines": [form for form, _ in made],
            "expected": {
                "lines": [{"E": shown(row.work_completed_this_period),
                           "G": shown(row.total_completed_and_stored),
                           "GC": str(row.percent_complete), "H": shown(row.balance_to_finish),
                           "I": shown(row.retainage)} for row in result.lines],
                "summary": {name: shown(getattr(result.summary, name))
                            for name in SUMMARY_FIELDS}}})
    return found
