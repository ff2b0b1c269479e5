"""An invoice computed in the light of the commitment's earlier invoices.

D (work completed from previous applications) is the sum of D + E of the earlier sent
invoices, which is the sum of their E; unit-based lines add up quantities and value the
total (no rounding drift across periods). Line 7 of the G702 (less previous certificates)
is line 6 of the latest earlier certified invoice: line 6 is cumulative, so adding up
every earlier one would count the same work twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from domain.g703 import ZERO
from domain.invoice_records import CERTIFIED_STATUSES, EDITABLE_STATUSES, InvoiceStatus, LineEntry
from domain.model import SovLine
from domain.money import money
from domain.sov import AmountLine, InvoiceResult, RetainageRates, UnitLine, compute_invoice

# Earlier invoices count once they have been sent (a draft of an earlier period does not).
COUNTED_STATUSES = CERTIFIED_STATUSES | {InvoiceStatus.UNDER_REVIEW}


@dataclass(frozen=True)
class BillingTerms:
    """What the commitment and its project say about billing."""

    rates: RetainageRates
    unit_based: bool
    allow_overbilling: bool


@dataclass(frozen=True)
class StoredInvoice:
    """One invoice of the commitment as stored; invoices are given in period order."""

    id: int
    status: InvoiceStatus
    entries: tuple[LineEntry, ...]


@dataclass(frozen=True)
class _Previous:
    work: dict[int, Decimal]
    quantity: dict[int, Decimal]
    released: dict[int, Decimal]


def _previous(earlier: Sequence[StoredInvoice]) -> _Previous:
    work: dict[int, Decimal] = defaultdict(lambda: ZERO)
    quantity: dict[int, Decimal] = defaultdict(lambda: Decimal("0"))
    released: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for invoice in earlier:
        for entry in invoice.entries:
            work[entry.sov_line_id] += entry.work_completed_this_period
            quantity[entry.sov_line_id] += entry.quantity_this_period or Decimal("0")
            released[entry.sov_line_id] += entry.retainage_released
    return _Previous(work, quantity, released)


def rows_of(invoice: StoredInvoice, sov_lines: Sequence[SovLine]) -> list[tuple[SovLine,
                                                                                LineEntry]]:
    """The SOV lines on the invoice with what was entered for each. An invoice still in
    the contact's hands shows every current line (a change order added since included);
    a sent one keeps the lines it was sent with."""
    entries = {entry.sov_line_id: entry for entry in invoice.entries}
    rows = []
    for line in sov_lines:
        assert line.id is not None
        entry = entries.get(line.id)
        if entry is None and invoice.status in EDITABLE_STATUSES:
            entry = LineEntry(line.id)
        if entry is not None:
            rows.append((line, entry))
    return rows


def _input_line(line: SovLine, entry: LineEntry, previous: _Previous,
                terms: BillingTerms) -> AmountLine | UnitLine:
    assert line.id is not None
    released_before = previous.released[line.id]
    if terms.unit_based and line.quantity is not None and line.unit_price is not None:
        quantity_before = previous.quantity[line.id]
        return UnitLine(
            line.item_number, line.quantity, line.unit_price, quantity_before,
            money(quantity_before * line.unit_price), entry.quantity_this_period,
            materials_presently_stored=entry.materials_presently_stored,
            retainage_released=entry.retainage_released,
            retainage_released_previous=released_before, change_order=line.change_order,
            description=line.description)
    return AmountLine(
        line.item_number, line.scheduled_value, previous.work[line.id],
        entry.work_completed_this_period, entry.materials_presently_stored,
        entry.retainage_released, released_before, line.change_order, line.description)


def compute_in_history(invoices: Sequence[StoredInvoice], index: int,
                       sov_lines: Sequence[SovLine], terms: BillingTerms) -> InvoiceResult:
    """Compute `invoices[index]` after the earlier ones; raises InvoiceInvalid."""
    earlier = invoices[:index]
    previous = _previous([item for item in earlier if item.status in COUNTED_STATUSES])
    certified = [position for position, item in enumerate(earlier)
                 if item.status in CERTIFIED_STATUSES]
    less_previous = ZERO
    if certified:
        last = compute_in_history(invoices, certified[-1], sov_lines, terms)
        less_previous = last.summary.total_earned_less_retainage
    lines = [_input_line(line, entry, previous, terms)
             for line, entry in rows_of(invoices[index], sov_lines)]
    return compute_invoice(lines, terms.rates, less_previous_certificates=less_previous,
                           allow_overbilling=terms.allow_overbilling)
