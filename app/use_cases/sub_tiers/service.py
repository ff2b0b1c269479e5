"""Sub-tiers of a commitment (added, changed, removed by its contacts or the company's
administrators) and, per invoice, what each billed or the certificate that there are none.

The sub-tiers stay on the commitment, so the next invoice starts from the same list.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.context import UseCaseContext
from app.use_cases.sub_tiers._access import Actor, check_commitment, invoice_of
from app.use_cases.sub_tiers._billing import EnteredLine as EnteredLine
from app.use_cases.sub_tiers._billing import SubTierLinesInvalid as SubTierLinesInvalid
from app.use_cases.sub_tiers._billing import bill_lines, certify
from app.use_cases.waivers.generation import refresh_statement
from app.use_cases.waivers.sub_tier_requests import request_sub_tier_waivers
from domain.errors import Conflict, NotFound
from domain.invoice_records import EDITABLE_STATUSES, InvoiceStatus
from domain.model import Administrator
from domain.sub_tiers import (
    InvoiceSubTiers,
    SubTier,
    SubTierFields,
    SubTierStatus,
    check_hired_by,
)
from store import invoices, sub_tiers
from store.tables import Invoice


def _editable(invoice: Invoice, actor: Actor) -> bool:
    status = InvoiceStatus(invoice.status)
    # An administrator may still complete the lines while the invoice is under review
    # (an invoice entered on a contact's behalf is sent at once).
    if isinstance(actor, Administrator):
        return status in EDITABLE_STATUSES | {InvoiceStatus.UNDER_REVIEW}
    return status in EDITABLE_STATUSES


class SubTiers:
    def __init__(self, ctx: UseCaseContext) -> None:
        self.ctx = ctx

    async def of_commitment(self, actor: Actor, commitment_id: int) -> list[SubTier]:
        async with self.ctx.sessions() as session:
            await check_commitment(session, actor, commitment_id)
            return await sub_tiers.of_commitment(session, commitment_id)

    async def for_period(self, actor: Actor, commitment_id: int,
                         period_id: int) -> tuple[list[SubTier], InvoiceSubTiers | None]:
        """The commitment's sub-tiers and those of its invoice of the period (None before
        the invoice is saved): what the contact's sub-tier page shows."""
        async with self.ctx.sessions() as session:
            await check_commitment(session, actor, commitment_id)
            listed = await sub_tiers.of_commitment(session, commitment_id)
            invoice = await invoices.invoice_of_period(session, commitment_id, period_id)
            if invoice is None:
                return listed, None
            return listed, await self._of_invoice(session, invoice, actor)

    async def get(self, actor: Actor, commitment_id: int, sub_tier_id: int) -> SubTier:
        async with self.ctx.sessions() as session:
            await check_commitment(session, actor, commitment_id)
            found = await sub_tiers.row(session, commitment_id, sub_tier_id)
            if found is None:
                raise NotFound(f"sub-tier {sub_tier_id} not found")
            return sub_tiers.record(found)

    async def add(self, actor: Actor, commitment_id: int, fields: SubTierFields) -> SubTier:
        """Raises SubTierInvalid naming each wrong field (a loop among them)."""
        async with self.ctx.sessions.begin() as session:
            await check_commitment(session, actor, commitment_id)
            fields = fields.validated()
            existing = await sub_tiers.of_commitment(session, commitment_id)
            check_hired_by({tier.id: tier.fields.hired_by_id for tier in existing}, None,
                           fields.hired_by_id)
            return await sub_tiers.add(session, commitment_id, fields, self.ctx.clock())

    async def change(self, actor: Actor, commitment_id: int, sub_tier_id: int,
                     fields: SubTierFields) -> SubTier:
        async with self.ctx.sessions.begin() as session:
            await check_commitment(session, actor, commitment_id)
            found = await sub_tiers.row(session, commitment_id, sub_tier_id)
            if found is None:
                raise NotFound(f"sub-tier {sub_tier_id} not found")
            fields = fields.validated()
            existing = await sub_tiers.of_commitment(session, commitment_id)
            check_hired_by({tier.id: tier.fields.hired_by_id for tier in existing},
                           sub_tier_id, fields.hired_by_id)
            return sub_tiers.change(found, fields, self.ctx.clock())

    async def set_status(self, admin: Administrator, commitment_id: int, sub_tier_id: int,
                         status: SubTierStatus) -> SubTier:
        """The administrator records exempt, lien filed, final received (or active)."""
        async with self.ctx.sessions.begin() as session:
            await check_commitment(session, admin, commitment_id)
            found = await sub_tiers.row(session, commitment_id, sub_tier_id)
            if found is None:
                raise NotFound(f"sub-tier {sub_tier_id} not found")
            found.status, found.updated_at = status.value, self.ctx.clock()
            return sub_tiers.record(found)

    async def remove(self, actor: Actor, commitment_id: int, sub_tier_id: int) -> None:
        async with self.ctx.sessions.begin() as session:
            await check_commitment(session, actor, commitment_id)
            found = await sub_tiers.row(session, commitment_id, sub_tier_id)
            if found is None:
                raise NotFound(f"sub-tier {sub_tier_id} not found")
            if await sub_tiers.hired_by_others(session, sub_tier_id):
                raise Conflict(f"{found.company_name} hired other sub-tiers; change who "
                               "hired them first", code="sub_tier_has_sub_tiers")
            found.removed_at = self.ctx.clock()

    async def of_invoice(self, actor: Actor, invoice_id: int) -> InvoiceSubTiers:
        async with self.ctx.sessions() as session:
            invoice = await invoice_of(session, actor, invoice_id)
            return await self._of_invoice(session, invoice, actor)

    async def bill(self, actor: Actor, invoice_id: int,
                   entered: Sequence[EnteredLine]) -> InvoiceSubTiers:
        """Every listed sub-tier's amount (0.00 allowed, never blank), progress or final;
        a final one is then expected to send its final waiver."""
        async with self.ctx.sessions.begin() as session:
            invoice = await self._editable_invoice(session, actor, invoice_id)
            await bill_lines(session, invoice, entered)
            await self._sent_again(session, invoice)
            return await self._of_invoice(session, invoice, actor)

    async def certify_none(self, actor: Actor, invoice_id: int) -> InvoiceSubTiers:
        """Certify No Sub-Tiers: who and when are recorded; any lines are cleared."""
        async with self.ctx.sessions.begin() as session:
            invoice = await self._editable_invoice(session, actor, invoice_id)
            await certify(session, invoice, actor.person_id, self.ctx.clock())
            await self._sent_again(session, invoice)
            return await self._of_invoice(session, invoice, actor)

    async def _sent_again(self, session: AsyncSession, invoice: Invoice) -> None:
        """Lines changed by an administrator under review: the sub-tier waivers and the
        sworn statement follow."""
        if InvoiceStatus(invoice.status) not in EDITABLE_STATUSES:
            await request_sub_tier_waivers(session, invoice.id or 0, self.ctx.clock(),
                                           self.ctx.settings.inbound_domain)
            await refresh_statement(session, invoice.id or 0, self.ctx.clock(),
                                    self.ctx.settings.inbound_domain)

    async def _editable_invoice(self, session: AsyncSession, actor: Actor,
                                invoice_id: int) -> Invoice:
        invoice = await invoice_of(session, actor, invoice_id)
        if not _editable(invoice, actor):
            raise Conflict("the invoice has been sent; its sub-tiers can no longer be "
                           "changed", code="invoice_read_only")
        return invoice

    async def _of_invoice(self, session: AsyncSession, invoice: Invoice,
                          actor: Actor) -> InvoiceSubTiers:
        invoice_id = invoice.id or 0
        lines = await sub_tiers.lines_of(session, invoice_id)
        editable = _editable(invoice, actor)
        if editable:  # the commitment's current list, pre-filled from what was entered
            tiers = await sub_tiers.of_commitment(session, invoice.commitment_id)
        else:  # a sent invoice shows what it was sent with
            tiers = await sub_tiers.billed_sub_tiers(session, invoice_id)
        certificate = await sub_tiers.certificate_of(session, invoice_id)
        return InvoiceSubTiers(invoice_id, editable,
                               tuple((tier, lines.get(tier.id)) for tier in tiers), certificate)
