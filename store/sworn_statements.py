"""What a sworn statement is computed from: the project's state, and the sub-tier lines of
every invoice of the commitment with whether each invoice is paid."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.invoice_records import InvoiceStatus
from domain.sworn_statement import BilledInvoice
from store import tables


async def project_state(session: AsyncSession, invoice_id: int) -> str:
    query = (select(tables.Project.state)
             .join(tables.Commitment, tables.Commitment.project_id == tables.Project.id)
             .join(tables.Invoice, tables.Invoice.commitment_id == tables.Commitment.id)
             .where(tables.Invoice.id == invoice_id))
    return (await session.execute(query)).scalar() or ""


async def billed_history(session: AsyncSession, invoice_id: int) -> list[BilledInvoice]:
    """The invoices of `invoice_id`'s commitment in period order (as invoices.history
    orders them), each paid or not, with what each sub-tier billed on it (two statements)."""
    commitment = select(tables.Invoice.commitment_id).where(
        tables.Invoice.id == invoice_id).scalar_subquery()
    rows = (await session.execute(
        select(tables.Invoice.id, tables.Invoice.status)
        .join(tables.BillingPeriod, tables.BillingPeriod.id == tables.Invoice.billing_period_id)
        .where(tables.Invoice.commitment_id == commitment)
        .order_by(tables.BillingPeriod.start_date, tables.Invoice.id))).all()
    billed: dict[int, dict[int, Decimal]] = defaultdict(dict)
    lines = await session.execute(
        select(tables.SubTierLine.invoice_id, tables.SubTierLine.sub_tier_id,
               tables.SubTierLine.amount_billed)
        .where(tables.SubTierLine.invoice_id.in_([row_id for row_id, _ in rows])))
    for line_invoice, sub_tier_id, amount in lines.all():
        billed[line_invoice][sub_tier_id] = amount
    return [BilledInvoice(row_id, status == InvoiceStatus.PAID.value, dict(billed[row_id]))
            for row_id, status in rows]
