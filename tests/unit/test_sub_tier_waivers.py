"""The sub-tier waiver rules: the policy's threshold and rule, which waivers Send asks of
each sub-tier (amounts from the lines), what Send needs first, the signer's address, the
state told per sub-tier, and a sub-tier signer's first reminder after 20 hours."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.sub_tier_policy import (
    SubTierWaiverPolicy,
    SubTierWaiverRule,
    parse_rule,
    parse_threshold,
)
from domain.sub_tier_waivers import (
    BilledInvoice,
    SubTierBill,
    send_problems,
    signer_problems,
    sub_tier_waivers_due,
)
from domain.sub_tiers import SubTierStatus
from domain.waivers import WaiverAudience, WaiverKind, waiver_reminder_due

OCT, NOV = date(2030, 10, 31), date(2030, 11, 30)


def bill(tier: int, amount: str, *, final: bool = False,
         status: SubTierStatus = SubTierStatus.ACTIVE, email: str = "s@x.example") -> SubTierBill:
    return SubTierBill(tier, f"Tier {tier}", Decimal(amount), final, status, email)


def test_thresholds_are_money_zero_or_more() -> None:
    assert parse_threshold(" 2,500.5 ") == Decimal("2500.50")
    assert parse_threshold("") == Decimal("0.00")
    for bad in ("-1", "lots", "1e400", "NaN"):
        with pytest.raises(InvalidInput) as refused:
            parse_threshold(bad)
        assert refused.value.code == "sub_tier_waiver_threshold"
    with pytest.raises(InvalidInput):
        parse_rule("sometimes")
    assert parse_rule("both") is SubTierWaiverRule.BOTH


def test_conditional_waivers_follow_the_lines_and_the_threshold() -> None:
    policy = SubTierWaiverPolicy(SubTierWaiverRule.CONDITIONAL, Decimal("500.00"))
    invoice = BilledInvoice(2, NOV, (bill(1, "4000.00"), bill(2, "499.99"),
                                     bill(3, "800.00", final=True), bill(4, "0.00"),
                                     bill(5, "900.00", status=SubTierStatus.EXEMPT)))
    previous = BilledInvoice(1, OCT, (bill(1, "1000.00"),))
    drafts = sub_tier_waivers_due(policy, invoice, previous)
    assert [(d.sub_tier_id, d.kind, d.amount, d.through_date, d.paid_invoice_id)
            for d in drafts] == [
        (1, WaiverKind.CONDITIONAL_PROGRESS, Decimal("4000.00"), NOV, 2),
        (3, WaiverKind.CONDITIONAL_FINAL, Decimal("800.00"), NOV, 2)]


def test_unconditional_waivers_are_for_the_previous_invoice() -> None:
    policy = SubTierWaiverPolicy(SubTierWaiverRule.UNCONDITIONAL_PREVIOUS)
    invoice = BilledInvoice(2, NOV, (bill(1, "10.00"),
                                     bill(2, "5.00", status=SubTierStatus.EXEMPT)))
    previous = BilledInvoice(1, OCT, (bill(1, "1000.00", final=True), bill(2, "300.00")))
    assert [(d.sub_tier_id, d.kind, d.amount, d.through_date, d.paid_invoice_id)
            for d in sub_tier_waivers_due(policy, invoice, previous)] == [
        (1, WaiverKind.UNCONDITIONAL_FINAL, Decimal("1000.00"), OCT, 1)]
    assert sub_tier_waivers_due(policy, invoice, None) == []
    assert sub_tier_waivers_due(SubTierWaiverPolicy(), invoice, previous) == []


@given(st.lists(st.decimals(min_value=0, max_value=10**6, places=2), max_size=8),
       st.decimals(min_value=0, max_value=10**6, places=2))
def test_no_waiver_is_ever_asked_under_the_threshold(amounts: list[Decimal],
                                                     threshold: Decimal) -> None:
    policy = SubTierWaiverPolicy(SubTierWaiverRule.BOTH, threshold)
    bills = tuple(bill(index, str(amount)) for index, amount in enumerate(amounts))
    drafts = sub_tier_waivers_due(policy, BilledInvoice(2, NOV, bills),
                                  BilledInvoice(1, OCT, bills))
    assert all(d.amount >= threshold and d.amount > 0 for d in drafts)
    assert len(drafts) == 2 * sum(1 for a in amounts if a >= threshold and a > 0)


def test_send_needs_every_line_or_the_certificate() -> None:
    asks = SubTierWaiverPolicy(SubTierWaiverRule.CONDITIONAL)
    listed = [(1, "Volt"), (2, "Copper")]
    assert send_problems(SubTierWaiverPolicy(), listed, [], False) == []
    [missing] = send_problems(asks, listed, [1], False)
    assert "Copper" in missing and "Volt" not in missing
    assert send_problems(asks, listed, [1, 2], False) == []
    [none_listed] = send_problems(asks, [], [], False)
    assert "certify that there are no sub-tiers" in none_listed
    assert send_problems(asks, [], [], True) == []


def test_a_waiver_asked_needs_its_signers_address() -> None:
    policy = SubTierWaiverPolicy(SubTierWaiverRule.CONDITIONAL)
    drafts = sub_tier_waivers_due(policy, BilledInvoice(
        2, NOV, (bill(1, "10.00", email=""), bill(2, "0.00", email=""))), None)
    assert signer_problems(drafts, {1: ("Volt", ""), 2: ("Copper", "")}) == [
        "Volt: enter the email of the person who signs its lien waivers"]


def test_a_sub_tier_signer_is_first_reminded_after_20_hours() -> None:
    day = date(2030, 11, 5)
    sub_tier = WaiverAudience.SUB_TIER
    assert not waiver_reminder_due(day, None, 0, day + timedelta(days=1), 8,
                                   audience=sub_tier, waited=timedelta(hours=19, minutes=59))
    assert waiver_reminder_due(day, None, 0, day + timedelta(days=1), 9,
                               audience=sub_tier, waited=timedelta(hours=20))
    # Still from 08:00 local, and then every three days as for the contact.
    assert not waiver_reminder_due(day, None, 0, day + timedelta(days=1), 7,
                                   audience=sub_tier, waited=timedelta(hours=30))
    assert not waiver_reminder_due(day, day + timedelta(days=1), 1, day + timedelta(days=3), 9,
                                   audience=sub_tier, waited=timedelta(days=3))
    assert waiver_reminder_due(day, day + timedelta(days=1), 1, day + timedelta(days=4), 9,
                               audience=sub_tier, waited=timedelta(days=4))
    # The contact's first one still waits two days.
    assert not waiver_reminder_due(day, None, 0, day + timedelta(days=1), 9,
                                   waited=timedelta(hours=24))
