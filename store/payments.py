"""Payment queries: recording a payment and adding up what an invoice has been paid."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.tables import Invoice, Payment

ZERO = Decimal("0.00")


async def add_payment(session: AsyncSession, payment: Payment) -> Payment:
    session.add(payment)
    await session.flush()
    return payment


async def payments_of(session: AsyncSession, invoice_id: int) -> list[Payment]:
    return list((await session.execute(select(Payment).where(
        Payment.invoice_id == invoice_id).order_by(Payment.paid_on, Payment.id))).scalars())


async def paid_totals(session: AsyncSession, invoice_ids: Sequence[int]) -> dict[int, Decimal]:
    """What each invoice has been paid (0.00 for none); one statement."""
    totals = {invoice_id: ZERO for invoice_id in invoice_ids}
    if not invoice_ids:
        return totals
    # Added up in Python: SUM over the SQLite scaled-integer column would skip the
    # column type's conversion back to Decimal.
    rows = await session.execute(select(Payment.invoice_id, Payment.amount).where(
        Payment.invoice_id.in_(list(invoice_ids))))
    for invoice_id, amount in rows.all():
        totals[invoice_id] += amount
    return totals


async def payment_by_external_id(session: AsyncSession, invoice_id: int,
                                 external_id: str) -> Payment | None:
    return (await session.execute(select(Payment).where(
        Payment.invoice_id == invoice_id, Payment.external_id == external_id))).scalars().first()


async def count_payments(session: AsyncSession, invoice_id: int) -> int:
    return int((await session.execute(select(func.count()).select_from(Payment).where(
        Payment.invoice_id == invoice_id))).scalar() or 0)


async def locked_invoice(session: AsyncSession, invoice_id: int) -> Invoice | None:
    """The invoice row, locked until the transaction ends (PostgreSQL; SQLite serialises
    writers anyway): two payments at once cannot both fit in what is still due."""
    return await session.get(Invoice, invoice_id, with_for_update=True)
