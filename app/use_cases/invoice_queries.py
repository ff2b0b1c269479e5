"""Reading invoices (administrators: their company's; contacts: their commitments') and
adding SOV lines; the base of app.use_cases.invoices.Invoices."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases import invoice_loading as loading
from app.use_cases.context import UseCaseContext
from domain.commands import NewSovLine
from domain.errors import InvalidInput, NotFound
from domain.invoice_records import InvoiceListItem, InvoiceRecord
from domain.model import AccountingMethod, Administrator
from store import invoices, periods
from store.invoices import CommitmentBilling


class InvoiceQueries:
    def __init__(self, ctx: UseCaseContext) -> None:
        self.ctx = ctx

    async def get(self, admin: Administrator, invoice_id: int) -> InvoiceRecord:
        async with self.ctx.sessions() as session:
            await self._admins_invoice(session, admin, invoice_id)
            return (await loading.load(session, invoice_id))[2]

    async def list_for_period(self, admin: Administrator,
                              period_id: int) -> list[InvoiceListItem]:
        """The period's invoices with status and amounts (computed, so they match the
        invoice itself to the cent)."""
        async with self.ctx.sessions() as session:
            if await periods.company_of_period(session, period_id) != admin.company_id:
                raise NotFound(f"billing period {period_id} not found")
            listed = await invoices.invoices_of_period(session, admin.company_id, period_id)
            # Every commitment's terms and history at once: the statements do not grow
            # with the number of invoices.
            commitment_ids = [invoice.commitment_id for invoice in listed]
            billings = await invoices.commitment_billings(session, commitment_ids)
            histories = await invoices.histories(session, commitment_ids)
            items = []
            for invoice in listed:
                chain = [stored for _, _, stored in histories[invoice.commitment_id]]
                record = loading.record(billings[invoice.commitment_id], invoice, chain)
                summary = record.computed.summary
                items.append(InvoiceListItem(
                    record.id, record.commitment_id, record.commitment_number,
                    record.contract_company, record.number, record.status,
                    summary.total_completed_and_stored_to_date, summary.current_payment_due))
            return items

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
            billing = await self._admins_commitment(session, admin, commitment_id)
            method = AccountingMethod(billing.project.accounting_method)
            validated = [line.validated(method) for line in lines]
            taken = {line.item_number for line in billing.sov_lines}
            for line in validated:
                if line.item_number in taken:
                    raise InvalidInput(f"item number {line.item_number} is already on this "
                                       "commitment's Schedule of Values")
                taken.add(line.item_number)
            await invoices.add_sov_lines(session, commitment_id, validated)

    async def _admins_commitment(self, session: AsyncSession, admin: Administrator,
                                 commitment_id: int) -> CommitmentBilling:
        billing = await invoices.commitment_billing(session, commitment_id)
        if billing is None or billing.project.company_id != admin.company_id:
            raise NotFound(f"commitment {commitment_id} not found")
        return billing

    async def _admins_invoice(self, session: AsyncSession, admin: Administrator,
                              invoice_id: int) -> None:
        if await invoices.company_of_invoice(session, invoice_id) != admin.company_id:
            raise NotFound(f"invoice {invoice_id} not found")

