"""Invoices computed after earlier ones: D from the earlier sent invoices, line 7 from the
latest certified one, and no rounding drift however many periods a line takes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.invoice_chain import BillingTerms, StoredInvoice, compute_in_history
from domain.invoice_records import InvoiceStatus, LineEntry
from domain.model import SovLine
from domain.sov import InvoiceInvalid, RetainageRates

TERMS = BillingTerms(RetainageRates(Decimal("10"), Decimal("5")), unit_based=False,
                     allow_overbilling=False)
LINES = (SovLine(1, "1", None, "Foundations", Decimal("100000.00")),
         SovLine(2, "2", None, "Framing", Decimal("50000.00")))
APPROVED, DRAFT = InvoiceStatus.APPROVED, InvoiceStatus.DRAFT


def invoice(number: int, status: InvoiceStatus, *entries: LineEntry) -> StoredInvoice:
    return StoredInvoice(number, status, entries)


def test_previous_work_counts_only_sent_invoices_and_never_stored_materials() -> None:
    chain = [invoice(1, APPROVED, LineEntry(1, Decimal("30000"), Decimal("7000"))),
             invoice(2, DRAFT, LineEntry(1, Decimal("999"))),  # never sent: not counted
             invoice(3, DRAFT, LineEntry(1, Decimal("10000")))]
    result = compute_in_history(chain, 2, LINES, TERMS)
    first = result.lines[0]
    assert (first.work_completed_previous, first.total_completed_and_stored) == (
        Decimal("30000.00"), Decimal("40000.00"))
    # Line 7 is line 6 of invoice 1: 37,000 less 3,000 + 350 retainage.
    assert result.summary.less_previous_certificates == Decimal("33650.00")


def test_released_retainage_stays_released_in_later_periods() -> None:
    chain = [invoice(1, APPROVED, LineEntry(1, Decimal("50000"))),
             invoice(2, APPROVED, LineEntry(1, Decimal("0"),
                                            retainage_released=Decimal("5000"))),
             invoice(3, DRAFT, LineEntry(1, Decimal("0"), retainage_released=Decimal("0.01")))]
    with pytest.raises(InvoiceInvalid, match=r"more than the retainage held \(0.00\)"):
        compute_in_history(chain, 2, LINES, TERMS)


cents = st.integers(0, 500_000).map(lambda value: Decimal(value).scaleb(-2))


@settings(max_examples=60, deadline=None)
@given(periods=st.lists(st.tuples(cents, cents, cents), min_size=1, max_size=6))
def test_columns_add_up_across_periods(periods: list[tuple[Decimal, ...]]) -> None:
    chain = [invoice(index, APPROVED, LineEntry(1, work, stored),
                     LineEntry(2, other)) for index, (work, stored, other) in enumerate(periods)]
    for index in range(len(chain)):
        result = compute_in_history(chain, index, LINES, TERMS)
        summary = result.summary
        for row in result.lines:
            assert row.total_completed_and_stored == (
                row.work_completed_previous + row.work_completed_this_period
                + row.materials_presently_stored)
        assert summary.total_completed_and_stored_to_date == sum(
            row.total_completed_and_stored for row in result.lines)
        assert summary.total_retainage == sum(row.retainage for row in result.lines)
        # D is exactly the sum of every earlier E: no drift however many periods.
        assert result.lines[0].work_completed_previous == sum(
            (work for work, _, _ in periods[:index]), Decimal("0"))


@settings(max_examples=60, deadline=None)
@given(steps=st.lists(st.integers(1, 40), min_size=1, max_size=8),
       price=st.integers(10, 10**6).map(lambda value: Decimal(value).scaleb(-3)))
def test_unit_lines_land_on_the_scheduled_value(steps: list[int], price: Decimal) -> None:
    total = sum(steps)
    line = SovLine(1, "1", None, "Paving", Decimal("0"), quantity=Decimal(total),
                   unit="sy", unit_price=price)
    terms = BillingTerms(TERMS.rates, unit_based=True, allow_overbilling=False)
    chain = [invoice(index, APPROVED, LineEntry(1, quantity_this_period=Decimal(step)))
             for index, step in enumerate(steps)]
    last = compute_in_history(chain, len(chain) - 1, [line], terms).lines[0]
    assert last.total_completed_and_stored == last.scheduled_value
    assert last.balance_to_finish == 0 and last.percent_complete == Decimal("100.00")
