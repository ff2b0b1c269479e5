"""Invoice queries: a commitment's billing terms and invoice history, writing what was
entered, review status changes, and a period's list."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.commands import NewSovLine
from domain.invoice_chain import StoredInvoice
from domain.invoice_records import InvoiceStatus, LineEntry
from domain.model import SovLine
from store import mapping
from store import tables as t


@dataclass(frozen=True)
class CommitmentBilling:
    """A commitment with what its invoices depend on."""

    commitment: t.Commitment
    project: t.Project
    contract_company: str
    sov_lines: tuple[SovLine, ...]


async def commitment_billing(session: AsyncSession, commitment_id: int) -> CommitmentBilling | None:
    return (await commitment_billings(session, [commitment_id])).get(commitment_id)


async def commitment_billings(session: AsyncSession, commitment_ids: Sequence[int],
                              ) -> dict[int, CommitmentBilling]:
    """Several commitments' billing terms in two statements, whatever their number."""
    ids = list(set(commitment_ids))
    query = (select(t.Commitment, t.Project, t.Company.name)
             .join(t.Project, t.Project.id == t.Commitment.project_id)
             .join(t.Company, t.Company.id == t.Commitment.contract_company_id)
             .where(t.Commitment.id.in_(ids)))
    rows = (await session.execute(query)).all()
    if not rows:
        return {}
    lines: dict[int, list[SovLine]] = defaultdict(list)
    found = await session.execute(select(t.SovLine).where(t.SovLine.commitment_id.in_(ids))
                                  .order_by(t.SovLine.position, t.SovLine.id))
    for line in found.scalars():
        lines[line.commitment_id].append(mapping.sov_line(line))
    return {commitment.id: CommitmentBilling(commitment, project, company,
                                             tuple(lines[commitment.id]))
            for commitment, project, company in rows}


async def history(session: AsyncSession, commitment_id: int,
                  ) -> list[tuple[t.Invoice, date, StoredInvoice]]:
    """Every invoice of the commitment in period order, with its period's start."""
    return (await histories(session, [commitment_id]))[commitment_id]


async def histories(session: AsyncSession, commitment_ids: Sequence[int],
                    ) -> dict[int, list[tuple[t.Invoice, date, StoredInvoice]]]:
    """`history` of several commitments in two statements, whatever their number."""
    ids = list(set(commitment_ids))
    query = (select(t.Invoice, t.BillingPeriod.start_date)
             .join(t.BillingPeriod, t.BillingPeriod.id == t.Invoice.billing_period_id)
             .where(t.Invoice.commitment_id.in_(ids))
             .order_by(t.BillingPeriod.start_date, t.Invoice.id))
    rows = (await session.execute(query)).all()
    entries: dict[int, list[LineEntry]] = defaultdict(list)
    if rows:
        lines = await session.execute(select(t.InvoiceLine).where(
            t.InvoiceLine.invoice_id.in_([invoice.id for invoice, _ in rows]))
            .order_by(t.InvoiceLine.id))
        for line in lines.scalars():
            entries[line.invoice_id].append(LineEntry(
                line.sov_line_id, line.work_completed_this_period,
                line.materials_presently_stored, line.retainage_released,
                line.quantity_this_period))
    result: dict[int, list[tuple[t.Invoice, date, StoredInvoice]]] = {id_: [] for id_ in ids}
    for invoice, start in rows:
        assert invoice.id is not None
        result[invoice.commitment_id].append((invoice, start, StoredInvoice(
            invoice.id, InvoiceStatus(invoice.status), tuple(entries[invoice.id]))))
    return result


async def number_taken(session: AsyncSession, commitment_id: int, number: str,
                       except_id: int | None = None) -> bool:
    query = select(func.count()).select_from(t.Invoice).where(
        t.Invoice.commitment_id == commitment_id, t.Invoice.number == number)
    if except_id is not None:
        query = query.where(t.Invoice.id != except_id)
    return bool((await session.execute(query)).scalar())


async def write_lines(session: AsyncSession, invoice_id: int,
                      entries: Sequence[LineEntry]) -> None:
    """Replace what was entered on the invoice."""
    await session.execute(delete(t.InvoiceLine).where(t.InvoiceLine.invoice_id == invoice_id))
    session.add_all(t.InvoiceLine(
        invoice_id=invoice_id, sov_line_id=entry.sov_line_id,
        work_completed_this_period=entry.work_completed_this_period,
        materials_presently_stored=entry.materials_presently_stored,
        retainage_released=entry.retainage_released,
        quantity_this_period=entry.quantity_this_period) for entry in entries)
    await session.flush()


async def invoice_row(session: AsyncSession, invoice_id: int) -> t.Invoice | None:
    return await session.get(t.Invoice, invoice_id)


async def period_of_project(session: AsyncSession, period_id: int,
                            project_id: int) -> t.BillingPeriod | None:
    period = await session.get(t.BillingPeriod, period_id)
    return period if period is not None and period.project_id == project_id else None


async def invoices_of_period(session: AsyncSession, company_id: int,
                             period_id: int) -> list[t.Invoice]:
    query = (select(t.Invoice)
             .join(t.BillingPeriod, t.BillingPeriod.id == t.Invoice.billing_period_id)
             .join(t.Project, t.Project.id == t.BillingPeriod.project_id)
             .where(t.Invoice.billing_period_id == period_id,
                    t.Project.company_id == company_id).order_by(t.Invoice.id))
    return list((await session.execute(query)).scalars())


async def company_of_invoice(session: AsyncSession, invoice_id: int) -> int | None:
    query = (select(t.Project.company_id)
             .join(t.Commitment, t.Commitment.project_id == t.Project.id)
             .join(t.Invoice, t.Invoice.commitment_id == t.Commitment.id)
             .where(t.Invoice.id == invoice_id))
    return (await session.execute(query)).scalar()


async def contact_ids(session: AsyncSession, commitment_id: int) -> list[int]:
    query = select(t.InvoiceContact.person_id).where(
        t.InvoiceContact.commitment_id == commitment_id).order_by(t.InvoiceContact.id)
    return list((await session.execute(query)).scalars())


async def is_contact_of(session: AsyncSession, person_id: int, commitment_id: int) -> bool:
    return person_id in await contact_ids(session, commitment_id)


async def add_sov_lines(session: AsyncSession, commitment_id: int,
                        lines: Sequence[NewSovLine]) -> None:
    last = (await session.execute(select(func.max(t.SovLine.position)).where(
        t.SovLine.commitment_id == commitment_id))).scalar() or 0
    session.add_all(t.SovLine(
        commitment_id=commitment_id, position=last + offset, item_number=line.item_number,
        cost_code=line.cost_code, description=line.description,
        scheduled_value=line.scheduled_value, change_order=line.change_order,
        quantity=line.quantity, unit=line.unit, unit_price=line.unit_price)
        for offset, line in enumerate(lines, start=1))
    await session.flush()


async def invoice_administrator(session: AsyncSession, commitment_id: int,
                                period_id: int, company_id: int) -> int | None:
    """Who reviews the invoice: the administrator who sent the period's invite, else the
    company's first administrator."""
    invited_by = (await session.execute(select(t.Invite.invited_by_id).where(
        t.Invite.commitment_id == commitment_id,
        t.Invite.billing_period_id == period_id))).scalar()
    if invited_by is not None:
        return int(invited_by)
    first = (await session.execute(select(t.Person.id).where(
        t.Person.company_id == company_id, t.Person.role == "admin")
        .order_by(t.Person.id))).scalar()
    return None if first is None else int(first)


async def invoice_of_period(session: AsyncSession, commitment_id: int,
                            period_id: int) -> t.Invoice | None:
    return (await session.execute(select(t.Invoice).where(
        t.Invoice.commitment_id == commitment_id,
        t.Invoice.billing_period_id == period_id))).scalars().first()


@dataclass(frozen=True)
class InvoiceMailFacts:
    invoice_id: int
    number: str
    status: str
    commitment_id: int
    commitment_number: str
    contract_company: str
    project_name: str
    locale: str


async def invoice_mail_facts(session: AsyncSession,
                             invoice_ids: Sequence[int]) -> dict[int, InvoiceMailFacts]:
    query = (select(t.Invoice.id, t.Invoice.number, t.Invoice.status, t.Commitment.id,
                    t.Commitment.number, t.Company.name, t.Project.name, t.Project.locale)
             .join(t.Commitment, t.Commitment.id == t.Invoice.commitment_id)
             .join(t.Company, t.Company.id == t.Commitment.contract_company_id)
             .join(t.Project, t.Project.id == t.Commitment.project_id)
             .where(t.Invoice.id.in_(list(invoice_ids))))
    return {row[0]: InvoiceMailFacts(*row) for row in (await session.execute(query)).all()}
