"""Invoices: entered by a contact (until the cutoff) or by an administrator on their
behalf (any time), sent for review, and moved on by the administrator's review.

Every change is one transaction with its outbox rows (webhook event, mail), so a
subscriber or a reviewer never hears of a change that did not happen.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.jobs import JobQueue
from app.use_cases import invoice_loading as loading
from app.use_cases.context import UseCaseContext
from app.use_cases.invoice_attachments import InvoiceAttachments
from app.use_cases.invoice_entries import complete_entries
from app.use_cases.invoice_outbox import (
    INVOICE_STATUS_CHANGED,
    INVOICE_SUBMITTED,
    invoice_event,
    invoice_mail,
)
from app.use_cases.reminder_schedule import reschedule
from domain.errors import Conflict, InvalidInput, NotFound, PastDue
from domain.invoice_records import (
    EDITABLE_STATUSES,
    REVIEW_STATUSES,
    InvoiceEntry,
    InvoiceRecord,
    InvoiceStatus,
)
from domain.model import Administrator
from domain.periods import ensure_not_past_due
from store import invoices, outbox
from store.invoices import CommitmentBilling
from store.tables import Invoice


class Invoices(InvoiceAttachments):
    def __init__(self, ctx: UseCaseContext, jobs: JobQueue) -> None:
        super().__init__(ctx)
        self.jobs = jobs

    async def create_on_behalf(self, admin: Administrator, commitment_id: int,
                               entry: InvoiceEntry) -> InvoiceRecord:
        """The administrator enters a contact's invoice (any time, also after the due
        date); it is sent at once, so it goes straight to Under Review."""
        async with self.ctx.sessions.begin() as session:
            billing = await self._admins_commitment(session, admin, commitment_id)
            invoice = await self._save(session, billing, None, entry, person_id=admin.person_id,
                                       on_behalf=True, send=True)
            result = await self._finish(session, invoice, sent=True)
        await self._wake()
        return result

    async def save_for_contact(self, contact_id: int, commitment_id: int,
                               entry: InvoiceEntry, *, send: bool) -> InvoiceRecord:
        """Save the contact's invoice of the period as a draft, or send it. One invoice per
        commitment and period; only until the due date has ended (PastDue after it)."""
        async with self.ctx.sessions.begin() as session:
            if not await invoices.is_contact_of(session, contact_id, commitment_id):
                raise NotFound(f"commitment {commitment_id} not found")
            billing = await loading.billing_of(session, commitment_id)
            period = await invoices.period_of_project(session, entry.billing_period_id,
                                                      billing.commitment.project_id)
            if period is None or period.status != "open":
                raise PastDue("this billing period is closed; ask the upstream company to "
                              "create the invoice on your behalf")
            ensure_not_past_due(self.ctx.clock(), period.due_date, billing.project.time_zone)
            existing = await invoices.invoice_of_period(session, commitment_id, period.id or 0)
            invoice = await self._save(session, billing, existing, entry,
                                       person_id=contact_id, on_behalf=False, send=send)
            result = await self._finish(session, invoice, sent=send)
        await self._wake()
        return result

    async def change_status(self, admin: Administrator, invoice_id: int,
                            status: InvoiceStatus, note: str | None) -> InvoiceRecord:
        """The review: Approved, Approved as Noted, Revise and Resubmit (a note is required
        and mailed to the contacts; reminders resume), Pending Owner Approval, Paid."""
        note = (note or "").strip() or None
        if status not in REVIEW_STATUSES:
            raise InvalidInput(f"an administrator sets one of: "
                               f"{', '.join(sorted(s.value for s in REVIEW_STATUSES))}")
        if status is InvoiceStatus.REVISE_AND_RESUBMIT and note is None:
            raise InvalidInput("say in the note what the contact should revise")
        async with self.ctx.sessions.begin() as session:
            await self._admins_invoice(session, admin, invoice_id)
            invoice = (await loading.load(session, invoice_id))[0]
            previous = invoice.status
            if InvoiceStatus(previous) in EDITABLE_STATUSES:
                raise Conflict("the invoice has not been sent for review yet",
                               code="invoice_not_sent")
            invoice.status, invoice.review_note = status.value, note
            invoice.updated_at = now = self.ctx.clock()
            await session.flush()
            record = (await loading.load(session, invoice_id))[2]
            rows = [invoice_event(INVOICE_STATUS_CHANGED, invoice, record.computed, previous,
                                  admin.company_id, now)]
            if status is InvoiceStatus.REVISE_AND_RESUBMIT:
                domain = self.ctx.settings.inbound_domain
                rows += [invoice_mail("invoice_returned", invoice, person, domain, now)
                         for person in await invoices.contact_ids(session, invoice.commitment_id)]
                await reschedule(session, now, period_id=invoice.billing_period_id)
            await outbox.enqueue(session, rows)
        await self._wake()
        return record

    async def _save(self, session: AsyncSession, billing: CommitmentBilling,
                    invoice: Invoice | None, entry: InvoiceEntry, *, person_id: int | None,
                    on_behalf: bool, send: bool) -> Invoice:
        entry = entry.validated()
        commitment_id = billing.commitment.id or 0
        now = self.ctx.clock()
        if invoice is None:
            if await invoices.invoice_of_period(session, commitment_id, entry.billing_period_id):
                raise Conflict("this commitment already has an invoice for the billing "
                               "period; open it to change it", code="duplicate_invoice")
            if await invoices.period_of_project(session, entry.billing_period_id,
                                                billing.commitment.project_id) is None:
                raise InvalidInput(f"billing period {entry.billing_period_id} is not one of "
                                   "this project's")
        elif InvoiceStatus(invoice.status) not in EDITABLE_STATUSES:
            raise Conflict("the invoice has been sent and is read only while it is reviewed",
                           code="invoice_read_only")
        # Checked before the new row is added: the session would flush it into the query.
        if await invoices.number_taken(session, commitment_id, entry.number,
                                       except_id=None if invoice is None else invoice.id):
            raise InvalidInput(f"invoice number {entry.number} is already used on this "
                               "commitment; give each invoice its own number")
        if invoice is None:
            invoice = Invoice(commitment_id=commitment_id, number=entry.number,
                              billing_period_id=entry.billing_period_id,
                              created_by_id=person_id, on_behalf=on_behalf, created_at=now)
            session.add(invoice)
        invoice.number, invoice.billing_type = entry.number, entry.billing_type.value
        invoice.updated_at = now
        if send:
            invoice.status, invoice.submitted_at = InvoiceStatus.UNDER_REVIEW.value, now
        try:
            await session.flush()
        except IntegrityError:  # another request created it between the check and now
            raise Conflict("this commitment already has an invoice for the billing period, "
                           "or one with this number", code="duplicate_invoice") from None
        await invoices.write_lines(session, invoice.id or 0, complete_entries(billing, entry.lines))
        return invoice

    async def _finish(self, session: AsyncSession, invoice: Invoice, *,
                      sent: bool) -> InvoiceRecord:
        """Compute the saved invoice (InvoiceInvalid rolls the save back) and, when it
        was just sent, queue `invoice.submitted` and the administrator's mail."""
        _, billing, record = await loading.load(session, invoice.id or 0)
        if sent:
            now = invoice.updated_at
            rows = [invoice_event(INVOICE_SUBMITTED, invoice, record.computed, None,
                                  billing.project.company_id, now)]
            reviewer = await invoices.invoice_administrator(session, invoice.commitment_id,
                                                            invoice.billing_period_id,
                                                            billing.project.company_id)
            if reviewer is not None and not invoice.on_behalf:
                rows.append(invoice_mail("invoice_submitted", invoice, reviewer,
                                         self.ctx.settings.inbound_domain, now))
            await outbox.enqueue(session, rows)
        return record

    async def _wake(self) -> None:
        await self.jobs.wake_email_delivery()
        await self.jobs.wake_webhooks()
