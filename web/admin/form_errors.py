"""What a refused form says, next to the field it is about: a domain error's message is
placed by the field it names (its first word, or its code), else above the form."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from domain.errors import DomainError
from web.errors import domain_status
from web.forms import FieldRefused

# Codes that belong to one field whatever their message says.
FIELD_OF_CODE: Mapping[str, str] = {
    "duplicate_email": "email", "duplicate_company": "name",
    "duplicate_commitment": "number", "address_undeliverable": "email",
}


def sentence(message: str) -> str:
    message = message.strip()
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


def field_errors(error: DomainError | FieldRefused, fields: Iterable[str]) -> dict[str, str]:
    """{field: message}; the key "" holds what belongs to no field of the form."""
    if isinstance(error, FieldRefused):
        return {error.name: error.message}
    known = list(fields)
    field = FIELD_OF_CODE.get(error.code)
    if field is None:
        first = error.message.split(" ", 1)[0].strip(":,")
        field = next((name for name in known if first == name), "")
    return {field if field in known else "": sentence(error.message)}


def status_of(error: DomainError | FieldRefused) -> int:
    """The page's status: the domain error's, 422 for a field no rule could read."""
    return domain_status(error) if isinstance(error, DomainError) else 422
