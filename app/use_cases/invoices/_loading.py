"""Loading an invoice with its commitment's history and computing every column."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from domain.attachments import AttachmentInfo
from domain.errors import NotFound
from domain.invoice_chain import BillingTerms, StoredInvoice, compute_in_history, rows_of
from domain.invoice_records import BillingType, EnteredBy, InvoiceRecord, InvoiceStatus
from domain.invoice_types import InviteType
from domain.model import AccountingMethod, Administrator
from domain.sov import InvoiceResult, RetainageRates
from store import attachments, invites, invoices
from store.invoices import CommitmentBilling
from store.tables import BillingPeriod, Invoice


def terms_of(billing: CommitmentBilling) -> BillingTerms:
    commitment, project = billing.commitment, billing.project
    return BillingTerms(
        RetainageRates(commitment.retainage_percent_work, commitment.retainage_percent_stored),
        project.accounting_method == AccountingMethod.UNIT.value, project.allow_overbilling)


async def billing_of(session: AsyncSession, commitment_id: int) -> CommitmentBilling:
    billing = await invoices.commitment_billing(session, commitment_id)
    if billing is None:
        raise NotFound(f"commitment {commitment_id} not found")
    return billing


def compute(billing: CommitmentBilling, chain: list[StoredInvoice],
            invoice_id: int) -> InvoiceResult:
    index = next(position for position, item in enumerate(chain) if item.id == invoice_id)
    return compute_in_history(chain, index, billing.sov_lines, terms_of(billing))


def record(billing: CommitmentBilling, invoice: Invoice, chain: list[StoredInvoice],
           attachments: tuple[AttachmentInfo, ...] = (),
           entered_by: EnteredBy | None = None,
           invite_type: InviteType | None = None) -> InvoiceRecord:
    assert invoice.id is not None
    stored = next(item for item in chain if item.id == invoice.id)
    rows = rows_of(stored, billing.sov_lines)
    return InvoiceRecord(
        invoice.id, invoice.commitment_id, billing.project.id or 0, invoice.billing_period_id,
        invoice.number, BillingType(invoice.billing_type), InvoiceStatus(invoice.status),
        invoice.review_note, invoice.on_behalf, billing.contract_company,
        billing.commitment.number, tuple(line.id or 0 for line, _ in rows),
        tuple(entry for _, entry in rows), compute(billing, chain, invoice.id), attachments,
        entered_by, terms_of(billing).rates, invite_type)


@dataclass(frozen=True)
class LoadedInvoice:
    """An invoice's row (to change it), its commitment's terms, and its computed record."""
    row: Invoice
    billing: CommitmentBilling
    record: InvoiceRecord


async def load(session: AsyncSession, invoice_id: int) -> LoadedInvoice:
    invoice = await invoices.invoice_row(session, invoice_id)
    if invoice is None:
        raise NotFound(f"invoice {invoice_id} not found")
    billing = await billing_of(session, invoice.commitment_id)
    chain = [stored for _, _, stored in await invoices.history(session, invoice.commitment_id)]
    files = tuple(await attachments.attachments_of(session, invoice_id))
    author = await invoices.entered_by(session, invoice)
    kind = await invites.invoice_type_of(session, invoice.commitment_id,
                                         invoice.billing_period_id)
    return LoadedInvoice(invoice, billing, record(
        billing, invoice, chain, files, author, None if kind is None else InviteType(kind)))


async def sheet(session: AsyncSession, billing: CommitmentBilling,
                period: BillingPeriod) -> InvoiceRecord:
    """The commitment's invoice of `period`; before one is saved, a blank one (id 0) with
    the previous amounts filled in, to start the form from."""
    rows = await invoices.history(session, billing.commitment.id or 0)
    stored_kind = await invites.invoice_type_of(session, billing.commitment.id or 0,
                                                period.id or 0)
    kind = None if stored_kind is None else InviteType(stored_kind)
    for invoice, _, _ in rows:
        if invoice.billing_period_id == period.id:
            return record(billing, invoice, [stored for _, _, stored in rows],
                          tuple(await attachments.attachments_of(session, invoice.id or 0)),
                          await invoices.entered_by(session, invoice), kind)
    chain = [stored for _, start, stored in rows if start < period.start_date]
    chain.append(StoredInvoice(0, InvoiceStatus.DRAFT, ()))
    chain += [stored for _, start, stored in rows if start >= period.start_date]
    # A final invite's invoice is billed as Final from the start.
    billed = BillingType.FINAL if kind is InviteType.FINAL else BillingType.PROGRESS
    blank = Invoice(id=0, commitment_id=billing.commitment.id or 0,
                    billing_period_id=period.id or 0, number="", billing_type=billed.value)
    return record(billing, blank, chain, (), invite_type=kind)


async def admins_commitment(session: AsyncSession, admin: Administrator,
                        commitment_id: int) -> CommitmentBilling:
    billing = await invoices.commitment_billing(session, commitment_id)
    if billing is None or billing.project.company_id != admin.company_id:
        raise NotFound(f"commitment {commitment_id} not found")
    return billing

async def check_admins_invoice(session: AsyncSession, admin: Administrator,
                           invoice_id: int) -> None:
    if await invoices.company_of_invoice(session, invoice_id) != admin.company_id:
        raise NotFound(f"invoice {invoice_id} not found")
