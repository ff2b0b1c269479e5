"""The invite type's rules for the invoice form (domain.invoice_types)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.invoice_types import (
    DEFAULT_INVITE_TYPE,
    FinalLine,
    InviteType,
    InvoiceTypeRefused,
    TypedLine,
    bound_to_due_date,
    check_entry,
    check_final,
    parse_invite_type,
    unbilled_when_closed,
)

amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False,
                      allow_infinity=False)
positive = st.decimals(min_value=Decimal("0.01"), max_value=10**7, places=2,
                       allow_nan=False, allow_infinity=False)


def line(item: str = "1", billed: str = "0", stored: str = "0", released: str = "0",
         closed_short: bool = False) -> TypedLine:
    return TypedLine(item, Decimal(billed), Decimal(stored), Decimal(released), closed_short)


def test_parse_defaults_to_work_and_materials_and_refuses_unknown_names() -> None:
    assert parse_invite_type(None) is DEFAULT_INVITE_TYPE is InviteType.WORK_AND_MATERIALS
    assert parse_invite_type("  ") is InviteType.WORK_AND_MATERIALS
    assert parse_invite_type("final") is InviteType.FINAL
    with pytest.raises(InvalidInput, match="unknown invoice type 'partial'") as error:
        parse_invite_type("partial")
    assert error.value.code == "invalid_invoice_type"


def test_only_a_retainage_release_is_free_of_the_due_date() -> None:
    assert [kind for kind in InviteType if not bound_to_due_date(kind)] == [
        InviteType.RETAINAGE_RELEASE]


def test_retainage_release_refuses_work_and_stored_materials_naming_the_lines() -> None:
    check_entry(InviteType.RETAINAGE_RELEASE, [line("1", released="50.00"), line("2")],
                final_billing=False)
    with pytest.raises(InvoiceTypeRefused, match=r"only retainage released.*items 2, 3$"):
        check_entry(InviteType.RETAINAGE_RELEASE,
                    [line("1", released="5"), line("2", billed="1"), line("3", stored="2")],
                    final_billing=False)


def test_work_and_materials_releases_no_retainage() -> None:
    check_entry(InviteType.WORK_AND_MATERIALS, [line("1", billed="10", stored="5")],
                final_billing=False)
    with pytest.raises(InvoiceTypeRefused, match=r"releases no retainage.*items 4$"):
        check_entry(InviteType.WORK_AND_MATERIALS, [line("1", billed="1"),
                                                    line("4", released="0.01")],
                    final_billing=False)


def test_only_final_closes_short_and_final_is_billed_as_final() -> None:
    with pytest.raises(InvoiceTypeRefused, match="only a final invoice closes lines short"):
        check_entry(InviteType.WORK_MATERIALS_AND_RETAINAGE, [line(closed_short=True)],
                    final_billing=False)
    with pytest.raises(InvoiceTypeRefused, match="billing type is Final"):
        check_entry(InviteType.FINAL, [line(billed="1")], final_billing=False)
    check_entry(InviteType.FINAL, [line(billed="1", released="2", closed_short=True)],
                final_billing=True)


@given(billed=amounts, stored=amounts, released=amounts)
def test_work_materials_and_retainage_accepts_any_mix(billed: Decimal, stored: Decimal,
                                                      released: Decimal) -> None:
    check_entry(InviteType.WORK_MATERIALS_AND_RETAINAGE,
                [TypedLine("1", billed, stored, released)], final_billing=False)


@given(billed=amounts, stored=amounts, released=amounts)
def test_retainage_release_accepts_exactly_the_lines_that_bill_nothing(
        billed: Decimal, stored: Decimal, released: Decimal) -> None:
    entered = [TypedLine("1", billed, stored, released)]
    if billed == 0 and stored == 0:
        check_entry(InviteType.RETAINAGE_RELEASE, entered, final_billing=False)
    else:
        with pytest.raises(InvoiceTypeRefused):
            check_entry(InviteType.RETAINAGE_RELEASE, entered, final_billing=False)


@given(balance=amounts, held=amounts, closed=st.booleans())
def test_final_passes_only_with_no_retainage_held_and_no_open_balance(
        balance: Decimal, held: Decimal, closed: bool) -> None:
    final = FinalLine("7", Decimal("100.00"), balance, held, closed)
    acceptable = held == 0 and (balance == 0 or closed)
    if acceptable:
        check_final([final])
        assert unbilled_when_closed(final) == (balance if closed else 0)
    else:
        with pytest.raises(InvoiceTypeRefused, match="item 7"):
            check_final([final])


@given(balance=positive)
def test_final_names_every_line_left_open(balance: Decimal) -> None:
    with pytest.raises(InvoiceTypeRefused) as error:
        check_final([FinalLine("1", balance, balance, Decimal("0.00"), False),
                     FinalLine("2", balance, Decimal("0.00"), balance, False),
                     FinalLine("3", balance, balance, Decimal("0.00"), True)])
    message = error.value.message
    assert f"item 1: bill the balance to finish ({balance}) or close the line short" in message
    assert f"item 2: release the remaining retainage ({balance})" in message
    assert "item 3" not in message
