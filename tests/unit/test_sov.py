"""G702/G703 arithmetic: hand-worked invoices, validation, and properties over many periods."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.g703 import compute_line
from domain.sov import (
    AmountLine,
    InvoiceInvalid,
    InvoiceResult,
    RetainageRates,
    UnitLine,
    compute_invoice,
)
from domain.unit_lines import compute_unit_line

D = Decimal
RATES = RetainageRates(work=D("10"), stored=D("5"))


def line(item: str, c: str, d: str, e: str, f: str = "0", released: str = "0",
         released_before: str = "0", change_order: bool = False) -> AmountLine:
    return AmountLine(item, D(c), D(d), D(e), D(f), D(released), D(released_before),
                      change_order)


def row(invoice: InvoiceResult, item: str) -> tuple[Decimal, ...]:
    """(G, %, H, retainage on work, on stored, I) of one line."""
    found = next(r for r in invoice.lines if r.item_number == item)
    return (found.total_completed_and_stored, found.percent_complete, found.balance_to_finish,
            found.retainage_on_work, found.retainage_on_stored, found.retainage)


def summary(invoice: InvoiceResult) -> tuple[Decimal, ...]:
    s = invoice.summary
    return (s.original_contract_sum, s.net_change_by_change_orders, s.contract_sum_to_date,
            s.total_completed_and_stored_to_date, s.retainage_on_completed_work,
            s.retainage_on_stored_materials, s.total_retainage, s.total_earned_less_retainage,
            s.less_previous_certificates, s.current_payment_due,
            s.balance_to_finish_including_retainage)


# Period 1: site work under way, concrete partly placed with rebar stored on site, steel
# delivered to the yard but not erected. Retainage 10 % on work, 5 % on stored materials.
PERIOD_1 = [line("1", "10000.00", "0", "2500.00"),
            line("2", "25000.00", "0", "5000.00", f="3000.00"),
            line("3", "15000.00", "0", "0", f="4000.00")]

# Period 2: site work finished and 400.00 of its retainage released; the stored rebar is
# placed (it moves from F to E) with 2000.00 more concrete; 2500.00 of steel erected and
# 1000.00 more delivered; change order CO-1 (3333.33) added and one third done.
PERIOD_2 = [line("1", "10000.00", "2500.00", "7500.00", released="400.00"),
            line("2", "25000.00", "5000.00", "5000.00"),
            line("3", "15000.00", "0", "2500.00", f="2500.00"),
            line("CO-1", "3333.33", "0", "1111.11", change_order=True)]


def test_period_1_by_hand() -> None:
    invoice = compute_invoice(PERIOD_1, RATES, less_previous_certificates=D("0"))
    assert row(invoice, "1") == (D("2500.00"), D("25.00"), D("7500.00"), D("250.00"),
                                 D("0.00"), D("250.00"))
    assert row(invoice, "2") == (D("8000.00"), D("32.00"), D("17000.00"), D("500.00"),
                                 D("150.00"), D("650.00"))
    # 4000 / 15000 = 26.666..% rounds half-up to 26.67
    assert row(invoice, "3") == (D("4000.00"), D("26.67"), D("11000.00"), D("0.00"),
                                 D("200.00"), D("200.00"))
    assert summary(invoice) == (D("50000.00"), D("0.00"), D("50000.00"), D("14500.00"),
                                D("750.00"), D("350.00"), D("1100.00"), D("13400.00"),
                                D("0.00"), D("13400.00"), D("36600.00"))


def test_period_2_by_hand() -> None:
    invoice = compute_invoice(PERIOD_2, RATES, less_previous_certificates=D("13400.00"))
    assert row(invoice, "1") == (D("10000.00"), D("100.00"), D("0.00"), D("1000.00"),
                                 D("0.00"), D("600.00"))
    assert row(invoice, "2") == (D("10000.00"), D("40.00"), D("15000.00"), D("1000.00"),
                                 D("0.00"), D("1000.00"))
    assert row(invoice, "3") == (D("5000.00"), D("33.33"), D("10000.00"), D("250.00"),
                                 D("125.00"), D("375.00"))
    # 10 % of 1111.11 = 111.111 -> 111.11
    assert row(invoice, "CO-1") == (D("1111.11"), D("33.33"), D("2222.22"), D("111.11"),
                                    D("0.00"), D("111.11"))
    # 5a = (1000 - 400) + 1000 + 250 + 111.11; 6 = 26111.11 - 2086.11; 8 = 6 - 13400
    assert summary(invoice) == (D("50000.00"), D("3333.33"), D("53333.33"), D("26111.11"),
                                D("1961.11"), D("125.00"), D("2086.11"), D("24025.00"),
                                D("13400.00"), D("10625.00"), D("29308.33"))


def test_period_3_releases_the_rest_of_a_finished_line() -> None:
    done = line("1", "10000.00", "10000.00", "0", released="600.00", released_before="400.00")
    result = compute_line(done, RATES)
    assert (result.retainage_on_work, result.retainage) == (D("1000.00"), D("0.00"))
    too_much = line("1", "10000.00", "10000.00", "0", released="600.01",
                    released_before="400.00")
    with pytest.raises(InvoiceInvalid, match=r"Item 1: retainage released this period "
                                             r"\(600.01\) is more than the retainage held "
                                             r"\(600.00\)"):
        compute_line(too_much, RATES)


def test_every_line_problem_is_reported_at_once() -> None:
    lines = [line("1", "1000.00", "0", "-5.00"),
             line("2", "1000.00", "900.00", "100.00", f="0.01"),
             line("3", "1000.00", "0", "100.00", released="10.01"),
             line("4", "1000.00", "0", "100.00"),
             line("4", "1000.00", "0", "100.00")]
    with pytest.raises(InvoiceInvalid) as caught:
        compute_invoice(lines, RATES, less_previous_certificates=D("0"))
    messages = [str(problem) for problem in caught.value.problems]
    assert messages == [
        "Item 1: work completed this period is negative (-5.00); enter 0 or more",
        "Item 2: completed and stored to date (1000.01) is more than the scheduled value "
        "(1000.00), 100.00 %; a line cannot be billed past 100 %",
        "Item 3: retainage released this period (10.01) is more than the retainage held "
        "(10.00)",
        "Item 4: the item number appears twice",
    ]
    assert isinstance(caught.value, InvalidInput)
    assert caught.value.code == "invalid_input"
    assert caught.value.message == "; ".join(messages)


def test_overbilling_is_allowed_when_the_project_says_so() -> None:
    over = line("7", "1000.00", "900.00", "200.00")
    result = compute_line(over, RATES, allow_overbilling=True)
    assert (result.percent_complete, result.balance_to_finish) == (D("110.00"), D("-100.00"))


def test_a_deductive_change_order_is_billed_as_credits() -> None:
    credit = line("CO-2", "-2000.00", "0", "-500.00", change_order=True)
    result = compute_line(credit, RATES)
    assert (result.percent_complete, result.balance_to_finish, result.retainage) == (
        D("25.00"), D("-1500.00"), D("-50.00"))
    with pytest.raises(InvoiceInvalid, match="only takes credits"):
        compute_line(line("CO-2", "-2000.00", "0", "500.00", change_order=True), RATES)
    with pytest.raises(InvoiceInvalid, match=r"\(-2000.01\) is beyond the scheduled value"):
        compute_line(line("CO-2", "-2000.00", "-2000.00", "-0.01", change_order=True), RATES)
    with pytest.raises(InvoiceInvalid, match="only a change-order line may deduct"):
        compute_line(line("5", "-2000.00", "0", "0"), RATES)


def test_a_zero_line_is_zero_percent_complete() -> None:
    assert compute_line(line("9", "0", "0", "0"), RATES).percent_complete == D("0.00")


def test_earlier_releases_cannot_exceed_what_was_withheld() -> None:
    with pytest.raises(InvoiceInvalid, match=r"released in previous periods \(150.00\)"):
        compute_line(line("1", "1000.00", "1000.00", "0", released_before="150.00"), RATES)


def test_floats_and_bad_rates_are_refused() -> None:
    floaty = AmountLine("1", D("100"), D("0"), 12.5)  # type: ignore[arg-type]
    with pytest.raises(InvoiceInvalid, match="Item 1: work completed this period must be"):
        compute_line(floaty, RATES)
    with pytest.raises(InvalidInput, match="between 0 and 100"):
        RetainageRates(work=D("101"), stored=D("0"))


# Unit-based: 1000 LF of pipe at 12.50/LF (12500.00); 300 LF billed before (3750.00).
def pipe(quantity_this_period: Decimal | None = None, value_this_period: Decimal | None = None,
         percent_complete: Decimal | None = None) -> UnitLine:
    return UnitLine("P-1", D("1000"), D("12.50"), D("300"), D("3750.00"),
                    quantity_this_period, value_this_period, percent_complete)


@pytest.mark.parametrize("entry", [{"quantity_this_period": D("150")},
                                   {"value_this_period": D("1875.00")},
                                   {"percent_complete": D("45")}])
def test_a_unit_line_follows_whichever_entry_was_made(entry: dict[str, Decimal]) -> None:
    result = compute_unit_line(pipe(**entry), RATES)
    assert result.units is not None
    assert (result.units.quantity_this_period, result.units.quantity_to_date) == (
        D("150.0000"), D("450.0000"))
    assert (result.scheduled_value, result.work_completed_previous,
            result.work_completed_this_period, result.percent_complete) == (
        D("12500.00"), D("3750.00"), D("1875.00"), D("45.00"))
    assert result.retainage == D("562.50")


def test_a_unit_line_refuses_two_entries_and_impossible_ones() -> None:
    with pytest.raises(InvoiceInvalid, match="Item P-1: enter only one of"):
        compute_unit_line(pipe(quantity_this_period=D("1"), percent_complete=D("50")), RATES)
    with pytest.raises(InvoiceInvalid, match="quantity this period is negative"):
        compute_unit_line(pipe(quantity_this_period=D("-1")), RATES)
    with pytest.raises(InvoiceInvalid, match="unit price is 0"):
        compute_unit_line(UnitLine("P-2", D("5"), D("0"), D("0"), D("0"),
                                   value_this_period=D("1.00")), RATES)
    with pytest.raises(InvoiceInvalid, match="more than the scheduled value"):
        compute_unit_line(pipe(percent_complete=D("100.01")), RATES)


def test_no_entry_means_nothing_billed_this_period() -> None:
    result = compute_unit_line(pipe(), RATES)
    assert result.work_completed_this_period == D("0.00")
    assert result.units is not None and result.units.quantity_this_period == D("0.0000")


def test_unit_and_amount_lines_mix_on_one_invoice() -> None:
    invoice = compute_invoice([pipe(quantity_this_period=D("700")),
                               line("2", "1000.00", "0", "100.00")], RATES,
                              less_previous_certificates=D("3375.00"))
    assert invoice.summary.total_completed_and_stored_to_date == D("12600.00")
    assert invoice.summary.current_payment_due == D("12600.00") - D("1260.00") - D("3375.00")


# Properties ---------------------------------------------------------------------------------

cents = st.integers(0, 10**9).map(lambda n: D(n).scaleb(-2))
rates = st.builds(RetainageRates, st.integers(0, 10000).map(lambda n: D(n).scaleb(-2)),
                  st.integers(0, 10000).map(lambda n: D(n).scaleb(-2)))


@st.composite
def amount_lines(draw: st.DrawFn, item: str) -> AmountLine:
    """A valid line: D + E + F within C, releases within what is held."""
    scheduled = draw(cents)
    parts = sorted(draw(st.lists(st.integers(0, int(scheduled * 100)), min_size=3,
                                 max_size=3)))
    previous, this_period, stored = (D(n).scaleb(-2) for n in
                                     (parts[0], parts[1] - parts[0], parts[2] - parts[1]))
    change_order = draw(st.booleans())
    return AmountLine(item, scheduled, previous, this_period, stored,
                      change_order=change_order)


@settings(max_examples=150)
@given(data=st.data(), rates=rates, count=st.integers(1, 8), previous=cents)
def test_lines_add_up_to_the_summary(data: st.DataObject, rates: RetainageRates, count: int,
                                     previous: Decimal) -> None:
    lines = [data.draw(amount_lines(str(n))) for n in range(count)]
    invoice = compute_invoice(lines, rates, less_previous_certificates=previous)
    s = invoice.summary
    for r in invoice.lines:
        assert r.total_completed_and_stored == (r.work_completed_previous
                                                + r.work_completed_this_period
                                                + r.materials_presently_stored)
        assert r.balance_to_finish == r.scheduled_value - r.total_completed_and_stored
        assert D(0) <= r.percent_complete <= D(100)
        assert r.retainage == r.retainage_on_work + r.retainage_on_stored
    assert s.contract_sum_to_date == sum((r.scheduled_value for r in invoice.lines), D(0))
    assert s.contract_sum_to_date == s.original_contract_sum + s.net_change_by_change_orders
    assert s.total_completed_and_stored_to_date == sum(
        (r.total_completed_and_stored for r in invoice.lines), D(0))
    assert s.total_retainage == sum((r.retainage for r in invoice.lines), D(0))
    assert s.total_retainage == s.retainage_on_completed_work + s.retainage_on_stored_materials
    assert s.total_earned_less_retainage == (s.total_completed_and_stored_to_date
                                             - s.total_retainage)
    assert s.current_payment_due == s.total_earned_less_retainage - previous
    assert s.balance_to_finish_including_retainage == (s.contract_sum_to_date
                                                       - s.total_earned_less_retainage)
    for column in fields(s):
        value = getattr(s, column.name)
        assert value == value.quantize(D("0.01")), column.name


@settings(max_examples=60)
@given(scheduled=st.integers(1, 10**8), rates=rates,
       steps=st.lists(st.tuples(st.integers(0, 1000), st.integers(0, 1000)), min_size=1,
                      max_size=24))
def test_no_rounding_drift_across_periods(scheduled: int, rates: RetainageRates,
                                          steps: list[tuple[int, int]]) -> None:
    """Bill a line in odd slices over many periods (storing material, then installing it),
    finish it, release all retainage: the payments add up to the scheduled value exactly."""
    c = D(scheduled).scaleb(-2)
    total = sum(work for work, _ in steps) or 1
    previous_work, released, certified, paid = D("0.00"), D("0.00"), D("0.00"), D("0.00")
    plan = [*steps, (0, 0)]
    for index, (_, store) in enumerate(plan):
        last = index == len(plan) - 1
        target = c if last else (c * sum(w for w, _ in steps[:index + 1]) / total).quantize(
            D("0.01"))
        this_period = target - previous_work
        stored = min((c * store / 1000 / len(plan)).quantize(D("0.01")), c - target)
        draft = AmountLine("1", c, previous_work, this_period, stored, D("0"), released)
        held = compute_line(draft, rates).retainage
        release = held if last else D("0")
        invoice = compute_invoice([AmountLine("1", c, previous_work, this_period, stored,
                                              release, released)], rates,
                                  less_previous_certificates=certified)
        paid += invoice.summary.current_payment_due
        certified = invoice.summary.total_earned_less_retainage
        previous_work, released = target, released + release
    assert paid == c
    assert invoice.summary.total_retainage == D("0.00")


@settings(max_examples=60)
@given(units=st.integers(1, 10**6), price=st.integers(1, 10**7),
       slices=st.lists(st.integers(1, 50), min_size=1, max_size=30))
def test_a_unit_line_billed_in_slices_ends_on_its_value(units: int, price: int,
                                                        slices: list[int]) -> None:
    quantity, unit_price = D(units).scaleb(-2), D(price).scaleb(-4)
    total = sum(slices)
    q_before, v_before, done = D("0"), D("0.00"), 0
    for part in slices:
        done += part
        q_to_date = (quantity * done / total).quantize(D("0.0001"))
        entry = UnitLine("U", quantity, unit_price, q_before, v_before,
                         quantity_this_period=q_to_date - q_before)
        result = compute_unit_line(entry, RetainageRates(D("0"), D("0")))
        assert result.units is not None
        q_before = result.units.quantity_to_date
        v_before = result.work_completed_previous + result.work_completed_this_period
    assert q_before == quantity
    assert v_before == result.scheduled_value
    assert result.percent_complete == (D("100.00") if result.scheduled_value else D("0.00"))
