"""Unit-based SOV lines: quantity x unit price, billed by quantity, value or percent.

The contact enters one of: the quantity installed this period, the value billed this period,
or the cumulative percent complete. The other columns follow, and the line is then an
amount line whose E is the value billed this period. Values are derived from the cumulative
figures (not added up period by period), so a line billed to 100 % lands exactly on its
scheduled value however many periods it took.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from domain.errors import InvalidInput
from domain.g703 import (
    ZERO,
    AmountLine,
    InvoiceInvalid,
    LineProblem,
    LineResult,
    RetainageRates,
    UnitProgress,
    compute_line,
)
from domain.money import HUNDRED, money, percent, to_decimal

QUANTUM = Decimal("0.0001")


def quantity(value: object, *, field: str = "quantity") -> Decimal:
    """A quantity with four decimal places, rounding half-up."""
    return to_decimal(value, field=field).quantize(QUANTUM, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class UnitLine:
    """One unit-based SOV line as entered. Give at most one of the three `*_this_period` /
    `percent_complete` entries; giving none means nothing was billed on the line this period.
    """

    item_number: str
    quantity: Decimal
    unit_price: Decimal
    quantity_previous: Decimal
    value_previous: Decimal                      # D: value billed by earlier invoices
    quantity_this_period: Decimal | None = None
    value_this_period: Decimal | None = None
    percent_complete: Decimal | None = None      # cumulative, of the work (not stored)
    materials_presently_stored: Decimal = ZERO
    retainage_released: Decimal = ZERO
    retainage_released_previous: Decimal = ZERO
    change_order: bool = False
    description: str = ""


def _parsed(line: UnitLine) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    # The unit price is kept exact (it may have fractions of a cent); values are rounded.
    return (quantity(line.quantity), to_decimal(line.unit_price, field="unit price"),
            quantity(line.quantity_previous, field="previous quantity"),
            money(line.value_previous, field="previous value"))


def _progress_to_date(line: UnitLine, scheduled_quantity: Decimal, unit_price: Decimal,
                      scheduled_value: Decimal, quantity_before: Decimal,
                      value_before: Decimal) -> tuple[Decimal, Decimal]:
    """(quantity to date, value to date) from whichever entry the contact made."""
    if line.quantity_this_period is not None:
        this_period = quantity(line.quantity_this_period, field="quantity this period")
        if this_period < 0:
            raise InvalidInput(f"the quantity this period is negative ({this_period})")
        to_date = quantity_before + this_period
        return to_date, money(to_date * unit_price)
    if line.value_this_period is not None:
        value = money(line.value_this_period, field="value this period")
        if value < 0:
            raise InvalidInput(f"the value this period is negative ({value})")
        if unit_price == 0:
            if value != 0:
                raise InvalidInput("the unit price is 0, so a value cannot be billed")
            return quantity_before, value_before
        return quantity((value_before + value) / unit_price), value_before + value
    if line.percent_complete is not None:
        share = percent(line.percent_complete, field="percent complete")
        if share < 0:
            raise InvalidInput(f"the percent complete is negative ({share})")
        return (quantity(scheduled_quantity * share / HUNDRED),
                money(scheduled_value * share / HUNDRED))
    return quantity_before, value_before


def as_amount_line(line: UnitLine) -> tuple[AmountLine, UnitProgress]:
    """The amount line a unit line amounts to, with its quantity columns.

    Raises InvoiceInvalid (naming the item) when the entries are contradictory or negative.
    """
    entries = (line.quantity_this_period, line.value_this_period, line.percent_complete)
    if sum(entry is not None for entry in entries) > 1:
        raise InvoiceInvalid([LineProblem(line.item_number, "enter only one of quantity "
                                          "this period, value this period or percent complete")])
    try:
        scheduled_quantity, unit_price, quantity_before, value_before = _parsed(line)
        if min(scheduled_quantity, unit_price, quantity_before, value_before) < 0:
            raise InvalidInput("quantity, unit price and previous quantity and value must "
                               "not be negative")
        scheduled_value = money(scheduled_quantity * unit_price)
        quantity_to_date, value_to_date = _progress_to_date(
            line, scheduled_quantity, unit_price, scheduled_value, quantity_before,
            value_before)
    except InvalidInput as error:
        raise InvoiceInvalid([LineProblem(line.item_number, error.message)]) from None
    amount_line = AmountLine(
        line.item_number, scheduled_value, value_before, value_to_date - value_before,
        line.materials_presently_stored, line.retainage_released,
        line.retainage_released_previous, line.change_order, line.description)
    progress = UnitProgress(scheduled_quantity, unit_price, quantity_before,
                            quantity_to_date - quantity_before, quantity_to_date)
    return amount_line, progress


def compute_unit_line(line: UnitLine, rates: RetainageRates, *,
                      allow_overbilling: bool = False) -> LineResult:
    """Compute one G703 row of a unit-based line, or raise InvoiceInvalid."""
    amount_line, progress = as_amount_line(line)
    result = compute_line(amount_line, rates, allow_overbilling=allow_overbilling)
    return replace(result, units=progress)
