"""Payments: the general contractor pays outside the service and records it here (the
administrator's page, the API, an ERP's inbound webhook). A payment adds up with the
earlier ones, never past the invoice's payment due; it tells the contacts, is an
`invoice.paid` event, and releases the held waivers it covers, in one transaction.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from app.jobs import JobQueue
from app.use_cases.context import UseCaseContext
from app.use_cases.invoices.service import Invoices
from app.use_cases.waivers.release import release_paid
from app.use_cases.waivers.sub_tier_requests import check_payment_not_held
from app.use_cases.webhooks_out.events import event_row
from domain.errors import NotFound
from domain.invoice_records import InvoiceRecord, InvoiceStatus
from domain.model import Administrator
from domain.money import format_money
from domain.payments import (
    InvoicePayments,
    PaymentEntry,
    PaymentRecord,
    PaymentStatus,
    check_payment,
    payment_status,
)
from mailer.message_ids import new_message_id
from store import invoices, outbox, payments
from store.outbox import pending_row
from store.tables import Payment

INVOICE_PAID = "invoice.paid"


def _record(row: Payment) -> PaymentRecord:
    return PaymentRecord(row.id or 0, row.invoice_id, row.amount, row.paid_on, row.method,
                         row.reference, row.source)


class Payments:
    def __init__(self, ctx: UseCaseContext, jobs: JobQueue, invoices: Invoices) -> None:
        self.ctx, self.jobs, self.invoices = ctx, jobs, invoices

    async def of_invoice(self, admin: Administrator, invoice_id: int) -> InvoicePayments:
        invoice = await self.invoices.get(admin, invoice_id)
        async with self.ctx.sessions() as session:
            return await self._summary(session, invoice)

    async def record(self, admin: Administrator, invoice_id: int, entry: PaymentEntry, *,
                     source: str) -> InvoicePayments:
        """From the page or the API, by an administrator of the invoice's company."""
        invoice = await self.invoices.get(admin, invoice_id)
        return await self._record_payment(invoice, admin.company_id, entry, source=source,
                                          recorded_by=admin.person_id, external_id=None)

    async def record_from_webhook(self, company_id: int, invoice_id: int, entry: PaymentEntry,
                                  external_id: str | None) -> InvoicePayments:
        """An `invoice.paid` event of a source acting for `company_id` (another company's
        invoice is not found); the same external id twice records one payment."""
        invoice = await self.invoices.get_in_company(company_id, invoice_id)
        if external_id is not None:
            async with self.ctx.sessions() as session:
                if await payments.payment_by_external_id(session, invoice_id, external_id):
                    return await self._summary(session, invoice)
        return await self._record_payment(invoice, company_id, entry, source="webhook",
                                          recorded_by=None, external_id=external_id)

    async def _record_payment(self, invoice: InvoiceRecord, company_id: int,
                              entry: PaymentEntry, *, source: str, recorded_by: int | None,
                              external_id: str | None) -> InvoicePayments:
        entry = entry.validated()
        due = invoice.computed.summary.current_payment_due
        async with self.ctx.sessions.begin() as session:
            row = await payments.locked_invoice(session, invoice.id)
            if row is None:
                raise NotFound(f"invoice {invoice.id} not found")
            paid = (await payments.paid_totals(session, [invoice.id]))[invoice.id]
            check_payment(InvoiceStatus(row.status), due, paid, entry.amount)
            # A sub-tier's unsigned waiver holds the payment (lien-rights.md).
            await check_payment_not_held(session, invoice.id)
            now = self.ctx.clock()
            payment = await payments.add_payment(session, Payment(
                invoice_id=invoice.id, amount=entry.amount, paid_on=entry.paid_on,
                method=entry.method, reference=entry.reference, source=source,
                external_id=external_id, recorded_by_id=recorded_by, created_at=now))
            paid += entry.amount
            status = payment_status(due, paid)
            if status is PaymentStatus.PAID:
                row.status, row.updated_at = InvoiceStatus.PAID.value, now
            await self._outbox(session, invoice, payment, paid, status, company_id, now)
            reviewer = await invoices.invoice_administrator(
                session, invoice.commitment_id, invoice.billing_period_id, company_id)
            await release_paid(session, invoice.id, paid, company_id, reviewer,
                               self.ctx.settings.inbound_domain, now)
            summary = await self._summary(session, invoice)
        await self.jobs.wake_email_delivery()
        await self.jobs.wake_webhooks()
        return summary

    async def _outbox(self, session: AsyncSession, invoice: InvoiceRecord, payment: Payment,
                      paid: Decimal, status: PaymentStatus, company_id: int,
                      now: datetime) -> None:
        data = {"invoice_id": invoice.id, "payment_id": payment.id,
                "amount": format_money(payment.amount), "paid_on": payment.paid_on.isoformat(),
                "method": payment.method, "reference": payment.reference,
                "paid_to_date": format_money(paid),
                "payment_status": status.value, "at": now.isoformat()}
        rows = [event_row(INVOICE_PAID, f"{invoice.id}:{payment.id}", data, now,
                          company_id=company_id)]
        domain = self.ctx.settings.inbound_domain
        for person_id in await invoices.contact_ids(session, invoice.commitment_id):
            rows.append(pending_row(
                kind="email", template="payment_sent", person_id=person_id, now=now,
                idempotency_key=f"payment_sent:{payment.id}:{person_id}",
                message_id=new_message_id(domain),
                payload={"invoice_id": invoice.id, "payment_id": payment.id}))
        await outbox.enqueue(session, rows)

    async def _summary(self, session: AsyncSession, invoice: InvoiceRecord) -> InvoicePayments:
        rows = await payments.payments_of(session, invoice.id)
        paid = sum((row.amount for row in rows), payments.ZERO)
        due = invoice.computed.summary.current_payment_due
        return InvoicePayments(invoice.id, due, paid, payment_status(due, paid),
                               tuple(_record(row) for row in rows))
