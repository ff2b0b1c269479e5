"""Exact money and percentages: Decimal, half-up, stated once for the whole product."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from domain.errors import InvalidInput

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def to_decimal(value: object, *, field: str = "amount") -> Decimal:
    """Parse a decimal from a str/int/Decimal; floats are refused (binary rounding)."""
    if isinstance(value, bool) or isinstance(value, float):
        raise InvalidInput(f"{field} must be a decimal string such as \"1250.00\", not a float")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int | str):
        try:
            result = Decimal(str(value).strip())
        except InvalidOperation:
            raise InvalidInput(f"{field} is not a number: {value!r}") from None
    else:
        raise InvalidInput(f"{field} must be a decimal string, got {type(value).__name__}")
    if not result.is_finite():
        raise InvalidInput(f"{field} must be a finite number")
    return result


def money(value: object, *, field: str = "amount") -> Decimal:
    """A money amount quantised to cents, rounding half-up."""
    return to_decimal(value, field=field).quantize(CENT, rounding=ROUND_HALF_UP)


def percent(value: object, *, field: str = "percent") -> Decimal:
    """A percentage with two decimal places, rounding half-up."""
    return to_decimal(value, field=field).quantize(CENT, rounding=ROUND_HALF_UP)


def percent_of(amount: Decimal, rate_percent: Decimal) -> Decimal:
    """`rate_percent` % of `amount`, in cents."""
    return (amount * rate_percent / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(value: Decimal) -> str:
    """The wire form of money: a decimal string with two places ("1250.00")."""
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))
