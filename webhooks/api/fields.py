"""Field types of the API's request models: exact decimals, ISO dates, bounded text.

Money never travels as a JSON number with a fraction: binary floats cannot hold cents
exactly, so `1250.5` is refused and `"1250.50"` (or the integer `1250`) is asked for.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

DECIMAL_PATTERN = r"^-?\d+(\.\d+)?$"


def _decimal(value: Any, *, integer_digits: int, places: int, example: str) -> Decimal:
    if isinstance(value, float):
        raise PydanticCustomError(
            "float_not_allowed",
            "must be a decimal string such as \"{example}\", not a JSON number with a "
            "fraction (floats are inexact)", {"example": example})
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise PydanticCustomError("decimal_type", "must be a decimal string such as "
                                  "\"{example}\"", {"example": example})
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise PydanticCustomError("decimal_parsing", "is not a decimal number") from None
    if not number.is_finite():
        raise PydanticCustomError("decimal_finite", "must be a finite number")
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # finite numbers have an integer exponent
    if len(digits) + exponent > integer_digits:
        raise PydanticCustomError("decimal_too_large", "has more than {digits} digits before "
                                  "the decimal point", {"digits": integer_digits})
    if -exponent > places and number != number.quantize(Decimal(1).scaleb(-places)):
        raise PydanticCustomError("decimal_places", "has more than {places} decimal places",
                                  {"places": places})
    return number


def _money(value: Any) -> Decimal:
    return _decimal(value, integer_digits=12, places=2, example="1250.00")


def _percent(value: Any) -> Decimal:
    return _decimal(value, integer_digits=3, places=2, example="10.00")


def _quantity(value: Any) -> Decimal:
    return _decimal(value, integer_digits=12, places=4, example="12.5")


def _iso_date(value: Any) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("iso_date", "must be an ISO 8601 date such as \"2025-01-31\"")


def _decimal_schema(description: str, example: str) -> WithJsonSchema:
    return WithJsonSchema({
        "anyOf": [{"type": "string", "pattern": DECIMAL_PATTERN}, {"type": "integer"}],
        "description": description, "examples": [example]})


Money = Annotated[Decimal, BeforeValidator(_money), _decimal_schema(
    "Money: a decimal string with at most two places (an integer is accepted too).",
    "1250.00")]
Percent = Annotated[Decimal, BeforeValidator(_percent), _decimal_schema(
    "A percentage: a decimal string with at most two places.", "10.00")]
Quantity = Annotated[Decimal, BeforeValidator(_quantity), _decimal_schema(
    "A quantity or unit price: a decimal string with at most four places.", "12.5")]
IsoDate = Annotated[date, BeforeValidator(_iso_date),
                    WithJsonSchema({"type": "string", "format": "date",
                                    "examples": ["2025-01-31"]})]



def _text(max_length: int) -> Any:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


# Text fields, stripped and non-empty, bounded by what the store keeps.
Name = Annotated[str, _text(200)]
Reference = Annotated[str, _text(50)]
ItemNumber = Annotated[str, _text(30)]
Title = Annotated[str, _text(300)]
Unit = Annotated[str, _text(20)]
ExternalId = Annotated[str, _text(100)]
EmailAddress = Annotated[str, _text(254)]
TimeZoneName = Annotated[str, _text(64)]
LocaleTag = Annotated[str, _text(16)]
LongText = Annotated[str, _text(2000)]
