"""Waiver figures come from the ledger: amounts, through dates and exceptions."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import Conflict, InvalidInput
from domain.invoice_records import InvoiceStatus
from domain.payments import PaymentEntry, PaymentStatus, check_payment, payment_status
from domain.waivers import (
    LedgerInvoice,
    Requirement,
    WaiverKind,
    dollars,
    held_until_paid,
    waivers_due,
)

ALL = {kind: Requirement.REQUESTED for kind in WaiverKind}
cents = st.integers(min_value=-50_000_00, max_value=5_000_000_00).map(
    lambda value: Decimal(value).scaleb(-2))


@st.composite
def histories(draw: st.DrawFn) -> list[LedgerInvoice]:
    count = draw(st.integers(min_value=1, max_value=6))
    start = date(2026, 1, 31)
    invoices = []
    for index in range(count):
        due = draw(cents)
        paid = draw(st.sampled_from([Decimal("0.00"), due, max(due, Decimal(0)) / 2]))
        invoices.append(LedgerInvoice(
            id=index + 1, number=f"INV-{index + 1}",
            period_end=start + timedelta(days=30 * index),
            final=draw(st.booleans()) and index == count - 1,
            current_payment_due=due, retainage_withheld=abs(draw(cents)),
            paid=Decimal(paid).quantize(Decimal("0.01")),
            counted=draw(st.booleans()) or index == count - 1))
    return invoices


@given(histories())
def test_waiver_amounts_always_equal_the_ledgers_figures(history: list[LedgerInvoice]) -> None:
    invoice = history[-1]
    drafts = waivers_due(history, invoice.id, ALL)
    by_kind = {draft.kind: draft for draft in drafts}
    assert len(by_kind) == len(drafts)  # one waiver per kind
    own = ((WaiverKind.CONDITIONAL_FINAL, WaiverKind.UNCONDITIONAL_FINAL) if invoice.final
           else (WaiverKind.CONDITIONAL_PROGRESS,))
    for kind in own:
        if invoice.current_payment_due > 0:
            assert by_kind[kind].amount == invoice.current_payment_due
            assert by_kind[kind].through_date == invoice.period_end
            assert by_kind[kind].paid_invoice_id == invoice.id
        else:
            assert kind not in by_kind
    previous = [item for item in history[:-1] if item.counted]
    unconditional = by_kind.get(WaiverKind.UNCONDITIONAL_PROGRESS)
    if previous and previous[-1].current_payment_due > 0:
        assert unconditional is not None
        assert unconditional.amount == previous[-1].current_payment_due
        assert unconditional.through_date == previous[-1].period_end
    else:
        assert unconditional is None
    if (conditional := by_kind.get(WaiverKind.CONDITIONAL_PROGRESS)) is not None:
        unpaid = sum((item.current_payment_due - item.paid for item in history[:-1]
                      if item.counted and item.current_payment_due > item.paid), Decimal(0))
        retainage = [e.amount for e in conditional.exceptions if e.label == "Retainage withheld"]
        assert sum(retainage, Decimal(0)) == invoice.retainage_withheld
        assert sum((e.amount for e in conditional.exceptions
                    if e.label != "Retainage withheld"), Decimal(0)) == unpaid


def _invoice(number: int, due: str, paid: str = "0.00", *, final: bool = False,
             retainage: str = "0.00") -> LedgerInvoice:
    return LedgerInvoice(number, f"INV-{number}", date(2026, number, 28), final,
                         Decimal(due), Decimal(retainage), Decimal(paid), True)


def test_a_progress_invoice_asks_for_its_conditional_and_the_previous_unconditional() -> None:
    history = [_invoice(1, "1000.00", "400.00"), _invoice(2, "2500.00", retainage="350.00")]
    drafts = waivers_due(history, 2, ALL)
    assert [(d.kind, d.amount, d.paid_invoice_id) for d in drafts] == [
        (WaiverKind.CONDITIONAL_PROGRESS, Decimal("2500.00"), 2),
        (WaiverKind.UNCONDITIONAL_PROGRESS, Decimal("1000.00"), 1)]
    assert [e.text() for e in drafts[0].exceptions] == [
        "Retainage withheld: $350.00",
        "Progress payment of invoice INV-1 not yet received (through 2026-01-28): $600.00"]


def test_a_final_invoice_asks_for_the_final_kinds_and_the_policy_decides() -> None:
    history = [_invoice(1, "1000.00", "1000.00"), _invoice(2, "800.00", final=True)]
    policy = {WaiverKind.CONDITIONAL_FINAL: Requirement.REQUIRED_BEFORE_SEND,
              WaiverKind.UNCONDITIONAL_FINAL: Requirement.NOT_REQUIRED,
              WaiverKind.UNCONDITIONAL_PROGRESS: Requirement.REQUESTED}
    drafts = waivers_due(history, 2, policy)
    assert [(d.kind, d.requirement) for d in drafts] == [
        (WaiverKind.CONDITIONAL_FINAL, Requirement.REQUIRED_BEFORE_SEND),
        (WaiverKind.UNCONDITIONAL_PROGRESS, Requirement.REQUESTED)]
    assert waivers_due(history, 2, {}) == []


def test_held_until_paid_only_for_unconditional_kinds_not_yet_covered() -> None:
    assert held_until_paid(WaiverKind.UNCONDITIONAL_PROGRESS, Decimal("10.00"), Decimal("9.99"))
    assert not held_until_paid(WaiverKind.UNCONDITIONAL_PROGRESS, Decimal("10.00"),
                               Decimal("10.00"))
    assert not held_until_paid(WaiverKind.CONDITIONAL_PROGRESS, Decimal("10.00"), Decimal(0))
    assert dollars(Decimal("1234567.5")) == "$1,234,567.50"


def test_payments_add_up_and_overpayment_is_refused() -> None:
    check_payment(InvoiceStatus.APPROVED, Decimal("100.00"), Decimal("60.00"), Decimal("40.00"))
    with pytest.raises(Conflict) as refused:
        check_payment(InvoiceStatus.APPROVED, Decimal("100.00"), Decimal("60.00"),
                      Decimal("40.01"))
    assert refused.value.code == "overpayment"
    with pytest.raises(Conflict):
        check_payment(InvoiceStatus.UNDER_REVIEW, Decimal("100.00"), Decimal(0), Decimal(1))
    with pytest.raises(InvalidInput):
        PaymentEntry(Decimal("0.00"), date(2026, 1, 1), "check").validated()
    with pytest.raises(InvalidInput):
        PaymentEntry(Decimal("1.00"), date(2026, 1, 1), "bitcoin").validated()
    assert payment_status(Decimal("100.00"), Decimal("0.00")) is PaymentStatus.UNPAID
    assert payment_status(Decimal("100.00"), Decimal("60.00")) is PaymentStatus.PARTIALLY_PAID
    assert payment_status(Decimal("100.00"), Decimal("100.00")) is PaymentStatus.PAID


def test_waiver_reminder_cadence() -> None:
    from domain.waivers import waiver_reminder_due

    day = date(2026, 11, 10)
    assert not waiver_reminder_due(day, None, 0, day + timedelta(days=1), 9)
    assert not waiver_reminder_due(day, None, 0, day + timedelta(days=2), 7)
    assert waiver_reminder_due(day, None, 0, day + timedelta(days=2), 8)
    assert not waiver_reminder_due(day, day + timedelta(days=2), 1, day + timedelta(days=4), 9)
    assert waiver_reminder_due(day, day + timedelta(days=2), 1, day + timedelta(days=5), 9)
    assert not waiver_reminder_due(day, day + timedelta(days=20), 5, day + timedelta(days=30), 9)
