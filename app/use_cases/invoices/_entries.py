"""What was entered, checked against the commitment's Schedule of Values."""

from __future__ import annotations

from collections.abc import Sequence

from domain.errors import InvalidInput
from domain.invoice_records import LineEntry
from domain.model import AccountingMethod
from store.invoices import CommitmentBilling

ZERO = LineEntry(0).work_completed_this_period


def complete_entries(billing: CommitmentBilling,
                     entries: Sequence[LineEntry]) -> list[LineEntry]:
    """One entry per SOV line, in SOV order (a line not given bills nothing). Raises
    InvalidInput for a line of another commitment or a column of the other method."""
    by_line = {entry.sov_line_id: entry for entry in entries}
    known = {line.id: line for line in billing.sov_lines}
    unknown = sorted(set(by_line) - set(known))
    if unknown:
        raise InvalidInput(f"SOV line {unknown[0]} is not on this commitment")
    unit_based = billing.project.accounting_method == AccountingMethod.UNIT.value
    result = []
    for line_id, line in known.items():
        assert line_id is not None
        entry = by_line.get(line_id, LineEntry(line_id))
        if unit_based and entry.work_completed_this_period != ZERO:
            raise InvalidInput(f"item {line.item_number} is unit-based: give "
                               "quantity_this_period, not work_completed_this_period")
        if not unit_based and entry.quantity_this_period is not None:
            raise InvalidInput(f"item {line.item_number} is amount-based: give "
                               "work_completed_this_period, not quantity_this_period")
        result.append(entry)
    return result
