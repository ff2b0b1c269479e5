"""What an import would do to each commitment, decided before anything is written, and
the report the API, the page and the command line show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from domain.commands import NewCommitment, NewSovLine
from domain.commitment_import import ImportedCommitment, RowError, row_error
from domain.import_problems import problem
from domain.model import Commitment, SovLine


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Change:
    imported: ImportedCommitment
    outcome: Outcome
    existing_id: int | None = None
    sov_changed: bool = False


@dataclass(frozen=True)
class ImportReport:
    rows: int
    created: int
    updated: int
    unchanged: int
    errors: tuple[RowError, ...]
    ignored_columns: tuple[str, ...]
    applied: bool  # written (one transaction); False for a preview or when errors exist

    @property
    def valid(self) -> bool:
        return not self.errors


def _sov(lines: Sequence[SovLine | NewSovLine]) -> list[tuple[object, ...]]:
    return [(line.item_number, line.cost_code, line.description, line.scheduled_value,
             line.change_order, line.quantity, line.unit, line.unit_price) for line in lines]


def sov_differs(existing: Commitment, wanted: NewCommitment) -> bool:
    return _sov(existing.sov_lines) != _sov(wanted.sov_lines)


def change_for(imported: ImportedCommitment, existing: Commitment | None,
               invoiced: bool) -> Change | RowError:
    """Created, updated or unchanged; a row error when the SOV lines of a commitment that
    already has an invoice would change (its invoices are figures against those lines)."""
    wanted = imported.command
    if existing is None or existing.id is None:
        return Change(imported, Outcome.CREATED)
    sov = sov_differs(existing, wanted)
    if sov and invoiced:
        return row_error(imported.rows, problem("invoiced_sov", number=wanted.number))
    same = (existing.title == wanted.title and existing.kind == wanted.kind
            and existing.contract_company == wanted.contract_company
            and existing.retainage_percent_work == wanted.retainage_percent_work
            and existing.retainage_percent_stored == wanted.retainage_percent_stored
            and existing.stored_materials_billed_separately
            == wanted.stored_materials_billed_separately
            and (not wanted.invoice_contacts  # none in the file: the contacts stay
                 or sorted((c.email, c.name) for c in existing.invoice_contacts)
                 == sorted((c.email, c.name) for c in wanted.invoice_contacts)))
    if same and not sov:
        return Change(imported, Outcome.UNCHANGED, existing.id)
    return Change(imported, Outcome.UPDATED, existing.id, sov)
