"""Invoices: entered by a contact (until the cutoff) or by an administrator on their
behalf (any time), sent for review, and moved on by the administrator's review.

Every change is one transaction with its outbox rows (webhook event, mail), so a
subscriber or a reviewer never hears of a change that did not happen.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.jobs import JobQueue
from app.links import WaiverLink
from app.use_cases.context import UseCaseContext
from app.use_cases.invoices import _loading as loading
from app.use_cases.invoices import _on_behalf as on_behalf
from app.use_cases.invoices._attachment_files import keep_file
from app.use_cases.invoices._entries import complete_entries
from app.use_cases.invoices._on_behalf import OnBehalfSheet as OnBehalfSheet
from app.use_cases.invoices._outbox import (
    INVOICE_STATUS_CHANGED,
    INVOICE_SUBMITTED,
    invoice_event,
    invoice_mail,
)
from app.use_cases.invoices._types import check_sent, checked_entry, invite_type
from app.use_cases.invoices._waivers import generate_waivers
from app.use_cases.reminders.schedule import reschedule
from app.use_cases.sub_tiers._billing import EnteredLine, bill_lines, certify
from app.use_cases.waivers.generation import (
    requires_signing_before_send,
    unsigned_required,
    unsigned_statement,
)
from app.use_cases.waivers.sub_tier_requests import check_send, request_sub_tier_waivers
from domain.attachments import (
    AttachmentInfo,
    check_size,
    clean_filename,
    content_type_for,
)
from domain.commands import NewSovLine
from domain.errors import Conflict, InvalidInput, NotFound, PastDue
from domain.invoice_records import (
    CERTIFIED_STATUSES,
    EDITABLE_STATUSES,
    REVIEW_STATUSES,
    InvoiceEntry,
    InvoiceListItem,
    InvoiceRecord,
    InvoiceStatus,
)
from domain.invoice_types import bound_to_due_date
from domain.listing import Page, PageRequest
from domain.model import AccountingMethod, Administrator
from domain.periods import ensure_not_past_due
from store import attachments, invoices, mapping, outbox, periods
from store import waivers as waivers_store
from store.invoices import CommitmentBilling, PeriodCommitment
from store.tables import Invoice


@dataclass(frozen=True)
class AttachmentRules:
    max_bytes: int
    types: tuple[str, ...]  # the accepted file types (ITB_ATTACHMENT_TYPES)
    folder: Path  # where the files are kept, named by their SHA-256


@dataclass(frozen=True)
class AttachmentFile:
    """An attachment's description and where its bytes are on disk."""
    info: AttachmentInfo
    path: Path


class Invoices:
    def __init__(self, ctx: UseCaseContext, jobs: JobQueue, attachment_rules: AttachmentRules,
                 ) -> None:
        self.ctx = ctx
        self.jobs = jobs
        self.attachment_rules = attachment_rules

    async def get(self, admin: Administrator, invoice_id: int) -> InvoiceRecord:
        async with self.ctx.sessions() as session:
            await loading.check_admins_invoice(session, admin, invoice_id)
            return (await loading.load(session, invoice_id)).record

    async def get_in_company(self, company_id: int, invoice_id: int) -> InvoiceRecord:
        """An invoice of `company_id` (for a payment an inbound webhook reports)."""
        async with self.ctx.sessions() as session:
            if await invoices.company_of_invoice(session, invoice_id) != company_id:
                raise NotFound(f"invoice {invoice_id} not found")
            return (await loading.load(session, invoice_id)).record

    async def list_for_period(self, admin: Administrator,
                              period_id: int) -> list[InvoiceListItem]:
        """The period's invoices with status and amounts (computed, so they match the
        invoice itself to the cent)."""
        return list((await self.page_for_period(admin, period_id, None)).items)

    async def page_for_period(self, admin: Administrator, period_id: int,
                              page: PageRequest | None) -> Page[InvoiceListItem]:
        """One page of the period's invoices in id order (all of them without `page`)."""
        async with self.ctx.sessions() as session:
            if await periods.company_of_period(session, period_id) != admin.company_id:
                raise NotFound(f"billing period {period_id} not found")
            rows = await invoices.invoices_of_period(session, admin.company_id, period_id, page)
            next_after = None
            if page is not None and len(rows) > page.limit:
                rows = rows[:page.limit]
                next_after = rows[-1].id
            # Every commitment's terms and history at once: the statements do not grow
            # with the number of invoices.
            commitment_ids = [invoice.commitment_id for invoice in rows]
            billings = await invoices.commitment_billings(session, commitment_ids)
            histories = await invoices.histories(session, commitment_ids)
            items = []
            for invoice in rows:
                chain = [stored for _, _, stored in histories[invoice.commitment_id]]
                record = loading.record(billings[invoice.commitment_id], invoice, chain)
                summary = record.computed.summary
                items.append(InvoiceListItem(
                    record.id, record.commitment_id, record.commitment_number,
                    record.contract_company, record.number, record.status,
                    summary.total_completed_and_stored_to_date, summary.current_payment_due))
            return Page(tuple(items), next_after)

    async def contact_sheet(self, contact_id: int, commitment_id: int,
                            period_id: int) -> InvoiceRecord:
        """The contact's invoice of the period, or a blank one (id 0) to start from."""
        async with self.ctx.sessions() as session:
            if not await invoices.is_contact_of(session, contact_id, commitment_id):
                raise NotFound(f"commitment {commitment_id} not found")
            billing = await loading.billing_of(session, commitment_id)
            period = await invoices.period_of_project(session, period_id,
                                                      billing.commitment.project_id)
            if period is None:
                raise NotFound(f"billing period {period_id} not found")
            return await loading.sheet(session, billing, period)

    async def add_sov_lines(self, admin: Administrator, commitment_id: int,
                            lines: list[NewSovLine]) -> None:
        """New lines (change orders among them) billed from the next invoice on."""
        async with self.ctx.sessions.begin() as session:
            billing = await loading.admins_commitment(session, admin, commitment_id)
            method = AccountingMethod(billing.project.accounting_method)
            validated = [line.validated(method) for line in lines]
            taken = {line.item_number for line in billing.sov_lines}
            for line in validated:
                if line.item_number in taken:
                    raise InvalidInput(f"item number {line.item_number} is already on this "
                                       "commitment's Schedule of Values")
                taken.add(line.item_number)
            await invoices.add_sov_lines(session, commitment_id, validated)

    @property
    def max_attachment_bytes(self) -> int:
        return self.attachment_rules.max_bytes

    @property
    def _folder(self) -> Path:
        return self.attachment_rules.folder

    async def attach_for_contact(self, contact_id: int, commitment_id: int, period_id: int,
                                 filename: str, data: bytes) -> AttachmentInfo:
        """Attach a file to the contact's saved invoice of the period while they may still
        change it. Raises AttachmentTooLarge, AttachmentTypeRefused, Conflict."""
        rules = self.attachment_rules
        name = clean_filename(filename)
        content_type = content_type_for(name, list(rules.types))
        check_size(name, len(data), rules.max_bytes)
        digest = hashlib.sha256(data).hexdigest()
        async with self.ctx.sessions.begin() as session:
            if not await invoices.is_contact_of(session, contact_id, commitment_id):
                raise NotFound(f"commitment {commitment_id} not found")
            invoice = await invoices.invoice_of_period(session, commitment_id, period_id)
            if invoice is None:
                raise Conflict("save the invoice as a draft first, then attach files",
                               code="invoice_not_saved")
            if InvoiceStatus(invoice.status) not in EDITABLE_STATUSES:
                raise Conflict("the invoice has been sent; files can no longer be added",
                               code="invoice_read_only")
            # Written before the row commits: a failed commit leaves an unreferenced file,
            # never a row without its file.
            await asyncio.to_thread(keep_file, self._folder, digest, data)
            return await attachments.add_attachment(
                session, invoice_id=invoice.id or 0, filename=name, content_type=content_type,
                size=len(data), sha256=digest, now=self.ctx.clock())

    async def attachment_for_contact(self, contact_id: int,
                                     attachment_id: int) -> AttachmentFile:
        async with self.ctx.sessions() as session:
            found = await attachments.attachment_owner(session, attachment_id)
            if found is None or not await invoices.is_contact_of(session, contact_id, found[1]):
                raise NotFound(f"attachment {attachment_id} not found")
        return AttachmentFile(mapping.attachment(found[0]), self._folder / found[0].sha256)

    async def attachment_for_admin(self, admin: Administrator,
                                   attachment_id: int) -> AttachmentFile:
        async with self.ctx.sessions() as session:
            found = await attachments.attachment_owner(session, attachment_id)
        if found is None or found[2] != admin.company_id:
            raise NotFound(f"attachment {attachment_id} not found")
        return AttachmentFile(mapping.attachment(found[0]), self._folder / found[0].sha256)


    async def on_behalf_sheet(self, admin: Administrator, commitment_id: int,
                              period_id: int) -> OnBehalfSheet:
        """The administrator's form for a commitment of the period's project (404 for
        another company's commitment or period)."""
        async with self.ctx.sessions() as session:
            return await on_behalf.sheet(session, admin, commitment_id, period_id)

    async def commitments_of_period(self, admin: Administrator,
                                    period_id: int) -> list[PeriodCommitment]:
        """The period's project's commitments, each with its invoice of the period if any."""
        async with self.ctx.sessions() as session:
            return await on_behalf.commitments_of_period(session, admin, period_id)

    async def create_on_behalf(self, admin: Administrator, commitment_id: int,
                               entry: InvoiceEntry, *, open_period_only: bool = False,
                               sub_tier_lines: Sequence[EnteredLine] | None = None,
                               no_sub_tiers: bool = False) -> InvoiceRecord:
        """The administrator enters a contact's invoice (any time, also after the due
        date); it is sent at once, so it goes straight to Under Review, and records who
        entered it. `open_period_only` (the pages) refuses a closed period with Conflict;
        the API still records an earlier period's invoice (history from other systems).
        `sub_tier_lines` / `no_sub_tiers`: what each sub-tier billed, or the certificate
        that there are none, written before the Send rule is checked."""
        async with self.ctx.sessions.begin() as session:
            billing = await loading.admins_commitment(session, admin, commitment_id)
            period = await invoices.period_of_project(session, entry.billing_period_id,
                                                      billing.commitment.project_id)
            if open_period_only and period is not None:  # another project's: _save says so
                on_behalf.ensure_open(period)
            invoice = await self._save(session, billing, None, entry, person_id=admin.person_id,
                                       on_behalf=True, send=True)
            if sub_tier_lines is not None:
                await bill_lines(session, invoice, sub_tier_lines)
            elif no_sub_tiers:
                await certify(session, invoice, admin.person_id, self.ctx.clock())
            result = await self._finish(session, invoice, sent=True, sender_id=None)
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
            if period is None:
                raise PastDue("this billing period is closed; ask the upstream company to "
                              "create the invoice on your behalf")
            # A retainage release is not bound to the period's dates (invoice_types);
            # after a granted late request, the invite's own (later) due date counts.
            kind = await invite_type(session, commitment_id, period.id or 0)
            if kind is None or bound_to_due_date(kind):
                if period.status != "open":
                    raise PastDue("this billing period is closed; ask the upstream company "
                                  "to create the invoice on your behalf")
                due = await invoices.due_date_for(session, commitment_id, period)
                ensure_not_past_due(self.ctx.clock(), due, billing.project.time_zone)
            existing = await invoices.invoice_of_period(session, commitment_id, period.id or 0)
            invoice = await self._save(session, billing, existing, entry,
                                       person_id=contact_id, on_behalf=False, send=send)
            result = await self._finish(session, invoice, sent=send, sender_id=contact_id)
        await self._wake()
        return result

    async def prepare_signing(self, contact_id: int, commitment_id: int,
                              entry: InvoiceEntry) -> list[WaiverLink]:
        """The form's Next: save the draft and generate the waivers required before Send;
        returns the links of those the contact has not signed yet (none: Send may go)."""
        await self.save_for_contact(contact_id, commitment_id, entry, send=False)
        async with self.ctx.sessions.begin() as session:
            invoice = await invoices.invoice_of_period(session, commitment_id,
                                                       entry.billing_period_id)
            assert invoice is not None
            billing = await loading.billing_of(session, commitment_id)
            await generate_waivers(session, billing, invoice, contact_id, self.ctx.clock(),
                                   self.ctx.settings.inbound_domain, only_required=True)
            waiting = await unsigned_required(session, invoice.id or 0)
        await self._wake()
        return [WaiverLink(row.id or 0, row.signer_id, row.link_version) for row in waiting]

    async def send_needs_signing(self, contact_id: int, commitment_id: int,
                                 period_id: int) -> bool:
        """Whether the form's Send reads Next: the project requires waivers before Send
        and the invoice has not had them all signed."""
        async with self.ctx.sessions() as session:
            if not await invoices.is_contact_of(session, contact_id, commitment_id):
                raise NotFound(f"commitment {commitment_id} not found")
            billing = await loading.billing_of(session, commitment_id)
            invoice = await invoices.invoice_of_period(session, commitment_id, period_id)
            billing_type = invoice.billing_type if invoice else "progress"
            if not await requires_signing_before_send(
                    session, billing.project.id or 0, billing_type,
                    invoice_id=None if invoice is None else invoice.id):
                return False
            if invoice is None or not await waivers_store.waivers_of_invoice(
                    session, invoice.id or 0):
                return True
            return bool(await unsigned_required(session, invoice.id or 0))

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
            await loading.check_admins_invoice(session, admin, invoice_id)
            invoice = (await loading.load(session, invoice_id)).row
            previous = invoice.status
            if InvoiceStatus(previous) in EDITABLE_STATUSES:
                raise Conflict("the invoice has not been sent for review yet",
                               code="invoice_not_sent")
            # Michigan: no approval (nor payment) before the sworn statement is signed.
            if status in CERTIFIED_STATUSES and await unsigned_statement(session, invoice_id):
                raise Conflict("the sworn statement of this invoice is not signed yet; it "
                               "is required before the invoice is approved",
                               code="sworn_statement_unsigned")
            invoice.status, invoice.review_note = status.value, note
            invoice.updated_at = now = self.ctx.clock()
            await session.flush()
            record = (await loading.load(session, invoice_id)).record
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
        lines = complete_entries(billing, entry.lines)
        entry = checked_entry(await invite_type(session, commitment_id, entry.billing_period_id),
                              billing, entry, lines, on_behalf=on_behalf)
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
        await invoices.write_lines(session, invoice.id or 0, lines)
        return invoice

    async def _finish(self, session: AsyncSession, invoice: Invoice, *,
                      sent: bool, sender_id: int | None = None) -> InvoiceRecord:
        """Compute the saved invoice (InvoiceInvalid rolls the save back) and, when it
        was just sent, queue `invoice.submitted` and the administrator's mail."""
        loaded = await loading.load(session, invoice.id or 0)
        billing, record = loaded.billing, loaded.record
        if sent:
            check_sent(record)
            # The project's sub-tier waivers need the sub-tier lines (or the certificate).
            await check_send(session, invoice.id or 0, invoice.commitment_id,
                             billing.project.id or 0)
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
            # The lien waivers the project's policy asks for (none without a policy).
            await generate_waivers(session, billing, invoice, sender_id, now,
                                   self.ctx.settings.inbound_domain)
            await request_sub_tier_waivers(session, invoice.id or 0, now,
                                           self.ctx.settings.inbound_domain)
        return record

    async def _wake(self) -> None:
        await self.jobs.wake_email_delivery()
        await self.jobs.wake_webhooks()
