"""The invite type's say on an invoice (the rules are in domain.invoice_types): what may be
entered before it is saved, and, when it is sent, that a final invoice finishes the
commitment."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession

from domain.invoice_records import BillingType, InvoiceEntry, InvoiceRecord, LineEntry
from domain.invoice_types import (
    FinalLine,
    InviteType,
    TypedLine,
    check_entry,
    check_final,
)
from store import invites
from store.invoices import CommitmentBilling


async def invite_type(session: AsyncSession, commitment_id: int,
                      period_id: int) -> InviteType | None:
    """The type of the commitment's invite for the period; None when it was not invited
    (an invoice entered on the contact's behalf without an invite: nothing is restricted)."""
    stored = await invites.invoice_type_of(session, commitment_id, period_id)
    return None if stored is None else InviteType(stored)


def checked_entry(kind: InviteType | None, billing: CommitmentBilling, entry: InvoiceEntry,
                  lines: Sequence[LineEntry], *, on_behalf: bool) -> InvoiceEntry:
    """The entry as the invite type lets it be saved. A contact's final invoice is billed
    as Final (the administrator chose it with the invite); an administrator entering one
    on the contact's behalf says so. Raises InvoiceTypeRefused naming the lines."""
    if kind is None:
        # Not invited: as before invite types, anything goes, and only a Final invoice
        # may close lines short.
        kind = (InviteType.FINAL if entry.billing_type is BillingType.FINAL
                else InviteType.WORK_MATERIALS_AND_RETAINAGE)
    elif kind is InviteType.FINAL and not on_behalf:
        entry = replace(entry, billing_type=BillingType.FINAL)
    check_entry(kind, _typed(billing, lines),
                final_billing=entry.billing_type is BillingType.FINAL)
    return entry


def check_sent(record: InvoiceRecord) -> None:
    """A final invoice, when sent, releases all retainage and leaves no line open unless
    it is closed short."""
    if record.invite_type is not InviteType.FINAL:
        return
    check_final([FinalLine(row.item_number, row.scheduled_value, row.balance_to_finish,
                           row.retainage, entry.closed_short)
                 for row, entry in zip(record.computed.lines, record.entries, strict=True)])


def _typed(billing: CommitmentBilling, lines: Sequence[LineEntry]) -> list[TypedLine]:
    items = {line.id: line.item_number for line in billing.sov_lines}
    zero = LineEntry(0).work_completed_this_period
    return [TypedLine(items[line.sov_line_id],
                      line.work_completed_this_period + (line.quantity_this_period or zero),
                      line.materials_presently_stored, line.retainage_released,
                      line.closed_short)
            for line in lines]
