"""The sworn statement's figures (domain/sworn_statement.py): a worked example, the
pay-when-paid rule, the balance identity and the totals (hypothesis), the snapshot, and
the project's state."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.sworn_statement import (
    BilledInvoice,
    ListedSubTier,
    from_snapshot,
    required,
    snapshot,
    statement,
)
from domain.us_states import checked_state

D = Decimal
LISTED = (ListedSubTier(1, "Great Lakes Electric", "subcontractor", "Electrical", D("50000.00")),
          ListedSubTier(2, "Huron Supply", "supplier", "Conduit", None),
          ListedSubTier(3, "Not billed now", "subcontractor", "", D("900.00")))


def test_a_worked_example() -> None:
    history = [BilledInvoice(10, True, {1: D("12000.00"), 2: D("800.00")}),
               BilledInvoice(11, False, {1: D("5000.00")}),       # sent, not paid yet
               BilledInvoice(12, False, {1: D("9000.00"), 2: D("0.00")})]
    found = statement(12, history, LISTED)
    assert [line.sub_tier_id for line in found.lines] == [1, 2]  # 3 is not billed on 12
    electric, supply = found.lines
    assert (electric.contract_amount, electric.paid_to_date, electric.this_period,
            electric.balance) == (D("50000.00"), D("12000.00"), D("9000.00"), D("29000.00"))
    # No estimate entered: counted as 0.00 and marked; the balance shows the overrun.
    assert (supply.contract_amount, supply.contract_given, supply.paid_to_date,
            supply.this_period, supply.balance) == (D("0.00"), False, D("800.00"),
                                                    D("0.00"), D("-800.00"))
    totals = found.totals
    assert (totals.contract_amount, totals.paid_to_date, totals.this_period,
            totals.balance) == (D("50000.00"), D("12800.00"), D("9000.00"), D("28200.00"))


def test_later_invoices_and_unpaid_ones_do_not_count_as_paid() -> None:
    history = [BilledInvoice(1, False, {1: D("100.00")}), BilledInvoice(2, True, {1: D("7.00")}),
               BilledInvoice(3, True, {1: D("3.00")})]
    assert statement(2, history, LISTED).lines[0].paid_to_date == D("0.00")
    assert statement(3, history, LISTED).lines[0].paid_to_date == D("7.00")


def test_only_michigan_projects_with_sub_tier_lines_need_one() -> None:
    assert required("MI", 1)
    assert not required("MI", 0)
    assert not required("OH", 3)
    assert not required("", 3)


def test_the_state_is_a_two_letter_us_code_or_blank() -> None:
    assert checked_state(" mi ") == "MI"
    assert checked_state("") == "" and checked_state(None) == ""
    for wrong in ("ZZ", "Michigan", "M", "M1"):
        with pytest.raises(InvalidInput) as raised:
            checked_state(wrong)
        assert raised.value.code == "state"


money = st.decimals(min_value=D("0.00"), max_value=D("99999999.99"), places=2,
                    allow_nan=False, allow_infinity=False)


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[BilledInvoice], list[ListedSubTier]]:
    count = draw(st.integers(min_value=1, max_value=6))
    listed = [ListedSubTier(number, f"Company {number}", "subcontractor", "",
                            draw(st.none() | money)) for number in range(1, count + 1)]
    invoices = []
    for invoice_id in range(1, draw(st.integers(min_value=1, max_value=5)) + 1):
        billed = {sub.sub_tier_id: draw(money) for sub in listed if draw(st.booleans())}
        invoices.append(BilledInvoice(invoice_id, draw(st.booleans()), billed))
    return invoices, listed


@given(histories())
def test_balance_identities_and_totals(case: tuple[list[BilledInvoice], list[ListedSubTier]],
                                       ) -> None:
    history, listed = case
    current = history[-1]
    found = statement(current.invoice_id, history, listed)
    assert [line.sub_tier_id for line in found.lines] == [
        sub.sub_tier_id for sub in listed if sub.sub_tier_id in current.billed]
    for line in found.lines:
        assert line.balance == line.contract_amount - line.paid_to_date - line.this_period
        assert line.this_period == current.billed[line.sub_tier_id]
        assert line.paid_to_date == sum((item.billed.get(line.sub_tier_id, D("0.00"))
                                         for item in history[:-1] if item.paid), D("0.00"))
    totals = found.totals
    assert totals.contract_amount == sum((line.contract_amount for line in found.lines), D(0))
    assert totals.paid_to_date == sum((line.paid_to_date for line in found.lines), D(0))
    assert totals.this_period == sum((line.this_period for line in found.lines), D(0))
    assert totals.balance == sum((line.balance for line in found.lines), D(0))
    assert totals.balance == totals.contract_amount - totals.paid_to_date - totals.this_period
    assert from_snapshot(snapshot(found)) == found
    assert snapshot(from_snapshot(snapshot(found))) == snapshot(found)
