"""Field types of the API's request models: exact decimals, ISO dates, bounded clean text.

Money never travels as a JSON number with a fraction: binary floats cannot hold cents
exactly, so `1250.5` is refused and `"1250.50"` (or the integer `1250`) is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StringConstraints,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from domain.text_rules import control_character_problem

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



@dataclass(frozen=True)
class NoControlCharacters:
    """Refuses C0/C1 control characters and DEL (domain/text_rules.py); a multi-line
    field allows tab, LF and CR. Used in `Annotated[str, ...]` by every request model."""

    multi_line: bool = False

    def __get_pydantic_core_schema__(self, source: Any,
                                     handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema["pattern"] = MULTI_LINE_PATTERN if self.multi_line else SINGLE_LINE_PATTERN
        return json_schema

    def _check(self, value: str) -> str:
        problem = control_character_problem(value, multi_line=self.multi_line)
        if problem is not None:
            raise PydanticCustomError("control_character", problem)
        return value


# The same rules as JSON Schema patterns, for the OpenAPI document.
SINGLE_LINE_PATTERN = r"^[^\u0000-\u001f\u007f-\u009f]*$"
MULTI_LINE_PATTERN = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$"
SINGLE_LINE = NoControlCharacters()
MULTI_LINE = NoControlCharacters(multi_line=True)


def _text(max_length: int) -> Any:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


# Text fields, stripped and non-empty, bounded by what the store keeps, and free of
# control characters; only LongText (messages, notes) may span lines.
SingleLineText = Annotated[str, SINGLE_LINE]
MultiLineText = Annotated[str, MULTI_LINE]
Name = Annotated[str, _text(200), SINGLE_LINE]
Reference = Annotated[str, _text(50), SINGLE_LINE]
ItemNumber = Annotated[str, _text(30), SINGLE_LINE]
Title = Annotated[str, _text(300), SINGLE_LINE]
Unit = Annotated[str, _text(20), SINGLE_LINE]
ExternalId = Annotated[str, _text(100), SINGLE_LINE]
EmailAddress = Annotated[str, _text(254), SINGLE_LINE]
TimeZoneName = Annotated[str, _text(64), SINGLE_LINE]
LocaleTag = Annotated[str, _text(16), SINGLE_LINE]
LongText = Annotated[str, _text(2000), MULTI_LINE]
