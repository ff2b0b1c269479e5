"""Changing a commitment: its fields, and the rule that freezes its Schedule of Values once
an invoice exists (only change-order lines may be added then)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.commands import _required
from domain.errors import Conflict, InvalidInput
from domain.model import CommitmentKind
from domain.money import HUNDRED, percent

SOV_LOCKED = ("The Schedule of Values cannot be changed once an invoice exists; only "
              "change-order lines may be added.")


@dataclass(frozen=True)
class CommitmentChanges:
    """A PATCH of a commitment: None leaves a field as it is. The contract company is
    chosen from the directory (`contract_company_id`) or named (found or added)."""

    number: str | None = None
    title: str | None = None
    kind: CommitmentKind | None = None
    contract_company_id: int | None = None
    contract_company_name: str | None = None
    retainage_percent_work: Decimal | None = None
    retainage_percent_stored: Decimal | None = None
    stored_materials_billed_separately: bool | None = None

    def validated(self) -> CommitmentChanges:
        if self.contract_company_id is not None and self.contract_company_name is not None:
            raise InvalidInput("give either contract_company_id or contract_company, not both")
        rates = []
        for name in ("retainage_percent_work", "retainage_percent_stored"):
            value = getattr(self, name)
            if value is not None:
                value = percent(value, field=name)
                if value < 0 or value > HUNDRED:
                    raise InvalidInput(f"{name} must be between 0 and 100")
            rates.append(value)
        return CommitmentChanges(
            None if self.number is None else _required(self.number, "number", 50),
            None if self.title is None else _required(self.title, "title", 300),
            None if self.kind is None else CommitmentKind(self.kind),
            self.contract_company_id,
            None if self.contract_company_name is None else _required(
                self.contract_company_name, "contract_company", 200),
            rates[0], rates[1], self.stored_materials_billed_separately)


def check_sov_editable(has_invoice: bool) -> None:
    if has_invoice:
        raise Conflict(SOV_LOCKED, code="sov_locked")


def check_open(closed: bool) -> None:
    if closed:
        raise Conflict("the commitment is closed", code="commitment_closed")
