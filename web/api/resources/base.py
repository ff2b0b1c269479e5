"""What every response model shares: the JSON forms of money, decimals and instants."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

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



def json_list(models: Sequence[ResponseModel]) -> list[dict[str, Any]]:
    return [model.to_json() for model in models]


def instant_json(moment: datetime | None) -> str | None:
    """An `Instant` as its JSON (for answers written as plain dicts)."""
    return None if moment is None else moment.isoformat()
