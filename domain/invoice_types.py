"""Invite types: what the administrator invites the contact to bill, and what the invoice
form then lets them enter (lien-rights.md, "Invite and billing types").

- work and materials: work and stored materials, no retainage released;
- retainage release: only retainage released (work and stored materials stay zero); not
  bound to the period's due date;
- work, materials and retainage: both;
- final: billing type Final, the remaining retainage released, and every line brought to
  its scheduled value or closed short explicitly (the amount left unbilled is stated).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from domain.errors import InvalidInput

ZERO = Decimal("0.00")


class InviteType(StrEnum):
    WORK_AND_MATERIALS = "work_and_materials"
    RETAINAGE_RELEASE = "retainage_release"
    WORK_MATERIALS_AND_RETAINAGE = "work_materials_and_retainage"
    FINAL = "final"


DEFAULT_INVITE_TYPE = InviteType.WORK_AND_MATERIALS

LABELS = {
    InviteType.WORK_AND_MATERIALS: "Work and materials",
    InviteType.RETAINAGE_RELEASE: "Retainage release",
    InviteType.WORK_MATERIALS_AND_RETAINAGE: "Work, materials and retainage",
    InviteType.FINAL: "Final",
}


def parse_invite_type(value: str | None) -> InviteType:
    """The type named by `value` (None or blank: the default); InvalidInput otherwise."""
    if value is None or not value.strip():
        return DEFAULT_INVITE_TYPE
    try:
        return InviteType(value.strip())
    except ValueError:
        choices = ", ".join(kind.value for kind in InviteType)
        raise InvalidInput(f"unknown invoice type {value.strip()[:40]!r}; choose one of: "
                           f"{choices}", code="invalid_invoice_type") from None


def bound_to_due_date(kind: InviteType) -> bool:
    """A retainage release may be entered before, during or after the period."""
    return kind is not InviteType.RETAINAGE_RELEASE


@dataclass(frozen=True)
class TypedLine:
    """One line as entered, as far as the invite type cares. `billed` is what the line
    bills this period (work, or quantity for unit-based lines) and `stored` the materials
    presently stored."""

    item_number: str
    billed: Decimal
    stored: Decimal
    retainage_released: Decimal
    closed_short: bool = False


class InvoiceTypeRefused(InvalidInput):
    code = "invoice_type_refused"


def _items(lines: Sequence[TypedLine]) -> str:
    return ", ".join(line.item_number for line in lines)


def check_entry(kind: InviteType, lines: Sequence[TypedLine], *, final_billing: bool) -> None:
    """What may be entered on an invoice of an invite of `kind` (before computing it).
    Raises InvoiceTypeRefused naming the lines."""
    label = LABELS[kind].lower()
    short = [line for line in lines if line.closed_short]
    if short and kind is not InviteType.FINAL:
        raise InvoiceTypeRefused(f"only a final invoice closes lines short (items "
                                 f"{_items(short)}); this invite is for {label}")
    if kind is InviteType.RETAINAGE_RELEASE:
        billed = [line for line in lines if line.billed != 0 or line.stored != 0]
        if billed:
            raise InvoiceTypeRefused(
                f"this invite is for a retainage release: only retainage released can be "
                f"entered; enter 0 work and stored materials on items {_items(billed)}")
    if kind is InviteType.WORK_AND_MATERIALS:
        released = [line for line in lines if line.retainage_released != 0]
        if released:
            raise InvoiceTypeRefused(
                f"this invite is for work and materials: it releases no retainage; enter 0 "
                f"retainage released on items {_items(released)}")
    if kind is InviteType.FINAL and not final_billing:
        raise InvoiceTypeRefused("this invite is for a final invoice: its billing type is "
                                 "Final")


@dataclass(frozen=True)
class FinalLine:
    """A computed line of a final invoice: G, C and the retainage still held (I)."""

    item_number: str
    scheduled_value: Decimal
    balance_to_finish: Decimal
    retainage_held: Decimal
    closed_short: bool


def check_final(lines: Sequence[FinalLine]) -> None:
    """A final invoice releases all the remaining retainage and leaves no balance on a line
    unless the line is closed short. Raises InvoiceTypeRefused naming every line."""
    problems = []
    for line in lines:
        if line.retainage_held != 0:
            problems.append(f"item {line.item_number}: release the remaining retainage "
                            f"({line.retainage_held})")
        if line.balance_to_finish != 0 and not line.closed_short:
            problems.append(f"item {line.item_number}: bill the balance to finish "
                            f"({line.balance_to_finish}) or close the line short")
    if problems:
        raise InvoiceTypeRefused("a final invoice brings every line to its scheduled value "
                                 "and releases all retainage: " + "; ".join(problems))


def unbilled_when_closed(line: FinalLine) -> Decimal:
    """The amount a closed-short line leaves unbilled (0 for a line billed in full)."""
    return line.balance_to_finish if line.closed_short else ZERO
