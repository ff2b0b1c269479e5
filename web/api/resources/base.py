"""What every response model shares: the JSON forms of money, decimals and instants."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema

from domain.money import format_money

MONEY_SCHEMA: dict[str, Any] = {"type": "string", "pattern": r"^-?\d+\.\d{2}$",
                                "examples": ["1250.00"]}

# Money and percentages: two places, half-up (domain.money), as strings so no client
# reads them as binary floats.
MoneyText = Annotated[Decimal, PlainSerializer(format_money, return_type=str),
                      WithJsonSchema(MONEY_SCHEMA)]
PercentText = Annotated[Decimal, PlainSerializer(format_money, return_type=str),
                        WithJsonSchema({**MONEY_SCHEMA, "examples": ["10.00"]})]
# Quantities and unit prices keep the places they were stored with.
DecimalText = Annotated[Decimal, PlainSerializer(str, return_type=str),
                        WithJsonSchema({"type": "string", "pattern": r"^-?\d+(\.\d+)?$"})]
# ISO 8601 with the UTC offset, as `datetime.isoformat` writes it (+00:00, not Z).
Instant = Annotated[datetime, PlainSerializer(datetime.isoformat, return_type=str),
                    WithJsonSchema({"type": "string", "format": "date-time",
                                    "description": "ISO 8601 with the UTC offset."})]
Id = Annotated[int, Field(ge=1)]
Count = Annotated[int, Field(ge=0)]


class ResponseModel(BaseModel):
    """An answer of the API. Every field is always present (null when empty), so the
    documented schema requires them all."""

    model_config = ConfigDict(from_attributes=True, frozen=True, extra="forbid",
                              json_schema_serialization_defaults_required=True)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


    @classmethod
    def trusted(cls, record: object, **given: Any) -> Self:
        """The answer built from a record of ours without validating it again (records
        are validated on their way in, and the contract test checks every documented
        answer against its schema): a list's JSON costs a fraction of `model_validate`'s.
        Fields are read from the record by name unless `given`; nested models must be
        given already built (`trusted` too)."""
        values = {name: getattr(record, name) for name in cls.model_fields
                  if name not in given}
        return cls.model_construct(**values, **given)


def json_list(models: Sequence[ResponseModel]) -> list[dict[str, Any]]:
    """The JSON of many answers at once (one serializer call per item, no validation)."""
    return [model.model_dump(mode="json") for model in models]
