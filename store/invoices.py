"""Invoice queries: a commitment's billing terms and invoice history, writing what was
entered, review status changes, and a period's list."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, delete, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.commands import NewSovLine
from domain.invoice_chain import StoredInvoice
from domain.invoice_records import EnteredBy, LineEntry
from domain.listing import PageRequest
from domain.model import SovLine
from store import mapping, tables


@dataclass(frozen=True)
class CommitmentBilling:
    """A commitment with what its invoices depend on."""

    commitment: tables.Commitment
    project: tables.Project
    contract_company: str
    sov_lines: tuple[SovLine, ...]


async def commitment_billing(session: AsyncSession, commitment_id: int) -> CommitmentBilling | None:
    return (await commitment_billings(session, [commitment_id])).get(commitment_id)


async def commitment_billings(session: AsyncSession, commitment_ids: Sequence[int],
                              ) -> dict[int, CommitmentBilling]:
    """Several commitments' billing terms in two statements, whatever their number."""
    ids = list(set(commitment_ids))
    query = (select(tables.Commitment, tables.Project, tables.Company.name)
             .join(tables.Project, tables.Project.id == tables.Commitment.project_id)
             .join(tables.Company, tables.Company.id == tables.Commitment.contract_company_id)
             .where(tables.Commitment.id.in_(ids)))
    rows = (await session.execute(query)).all()
    if not rows:
        return {}
    lines: dict[int, list[SovLine]] = defaultdict(list)
    found = await session.execute(select(tables.SovLine)
                                  .where(tables.SovLine.commitment_id.in_(ids))
                                  .order_by(tables.SovLine.position, tables.SovLine.id))
    for line in found.scalars():
        lines[line.commitment_id].append(mapping.sov_line(line))
    return {commitment.id: CommitmentBilling(commitment, project, company,
                                             tuple(lines[commitment.id]))
            for commitment, project, company in rows}


async def history(session: AsyncSession, commitment_id: int,
                  ) -> list[tuple[tables.Invoice, date, StoredInvoice]]:
    """Every invoice of the commitment in period order, with its period's start."""
    return (await histories(session, [commitment_id]))[commitment_id]


async def histories(session: AsyncSession, commitment_ids: Sequence[int],
                    ) -> dict[int, list[tuple[tables.Invoice, date, StoredInvoice]]]:
    """`history` of several commitments in two statements, whatever their number."""
    ids = list(set(commitment_ids))
    query = (select(tables.Invoice, tables.BillingPeriod.start_date)
             .join(tables.BillingPeriod,
                   tables.BillingPeriod.id == tables.Invoice.billing_period_id)
             .where(tables.Invoice.commitment_id.in_(ids))
             .order_by(tables.BillingPeriod.start_date, tables.Invoice.id))
    rows = (await session.execute(query)).all()
    entries: dict[int, list[LineEntry]] = defaultdict(list)
    if rows:
        lines = await session.execute(select(tables.InvoiceLine).where(
            tables.InvoiceLine.invoice_id.in_([invoice.id for invoice, _ in rows]))
            .order_by(tables.InvoiceLine.id))
        for line in lines.scalars():
            entries[line.invoice_id].append(mapping.line_entry(line))
    result: dict[int, list[tuple[tables.Invoice, date, StoredInvoice]]] = {id_: [] for id_ in ids}
    for invoice, start in rows:
        assert invoice.id is not None
        result[invoice.commitment_id].append(
            (invoice, start, mapping.stored_invoice(invoice, entries[invoice.id])))
    return result


async def number_taken(session: AsyncSession, commitment_id: int, number: str,
                       except_id: int | None = None) -> bool:
    query = select(func.count()).select_from(tables.Invoice).where(
        tables.Invoice.commitment_id == commitment_id, tables.Invoice.number == number)
    if except_id is not None:
        query = query.where(tables.Invoice.id != except_id)
    return bool((await session.execute(query)).scalar())


async def write_lines(session: AsyncSession, invoice_id: int,
                      entries: Sequence[LineEntry]) -> None:
    """Replace what was entered on the invoice."""
    await session.execute(delete(tables.InvoiceLine)
                          .where(tables.InvoiceLine.invoice_id == invoice_id))
    session.add_all(tables.InvoiceLine(
        invoice_id=invoice_id, sov_line_id=entry.sov_line_id,
        work_completed_this_period=entry.work_completed_this_period,
        materials_presently_stored=entry.materials_presently_stored,
        retainage_released=entry.retainage_released,
        quantity_this_period=entry.quantity_this_period,
        closed_short=entry.closed_short) for entry in entries)
    await session.flush()


async def invoice_row(session: AsyncSession, invoice_id: int) -> tables.Invoice | None:
    return await session.get(tables.Invoice, invoice_id)


async def period_of_project(session: AsyncSession, period_id: int,
                            project_id: int) -> tables.BillingPeriod | None:
    period = await session.get(tables.BillingPeriod, period_id)
    return period if period is not None and period.project_id == project_id else None


def invoices_of_period_query(company_id: int, period_id: int,
                             page: PageRequest | None = None) -> Select[Any]:
    """The period's invoices in id order; with `page`, up to `limit + 1` after its key
    (keyset on the index (billing_period_id, id))."""
    # The company's ownership of the period as an uncorrelated EXISTS (checked once, a
    # "one-time filter"), not a join: joined, PostgreSQL misjudged the rows and sorted
    # the whole period instead of reading the index in order.
    owned = exists().where(tables.BillingPeriod.id == period_id,
                           tables.Project.id == tables.BillingPeriod.project_id,
                           tables.Project.company_id == company_id)
    query: Select[Any] = (select(tables.Invoice)
                          .where(tables.Invoice.billing_period_id == period_id, owned)
                          .order_by(tables.Invoice.id))
    if page is not None:
        if page.after is not None:
            query = query.where(tables.Invoice.id > page.after)
        query = query.limit(page.limit + 1)
    return query


async def invoices_of_period(session: AsyncSession, company_id: int, period_id: int,
                             page: PageRequest | None = None) -> list[tables.Invoice]:
    query = invoices_of_period_query(company_id, period_id, page)
    return list((await session.execute(query)).scalars())


async def company_of_invoice(session: AsyncSession, invoice_id: int) -> int | None:
    query = (select(tables.Project.company_id)
             .join(tables.Commitment, tables.Commitment.project_id == tables.Project.id)
             .join(tables.Invoice, tables.Invoice.commitment_id == tables.Commitment.id)
             .where(tables.Invoice.id == invoice_id))
    return (await session.execute(query)).scalar()


async def contact_ids(session: AsyncSession, commitment_id: int) -> list[int]:
    query = select(tables.InvoiceContact.person_id).where(
        tables.InvoiceContact.commitment_id == commitment_id).order_by(tables.InvoiceContact.id)
    return list((await session.execute(query)).scalars())


async def is_contact_of(session: AsyncSession, person_id: int, commitment_id: int) -> bool:
    return person_id in await contact_ids(session, commitment_id)


async def add_sov_lines(session: AsyncSession, commitment_id: int,
                        lines: Sequence[NewSovLine]) -> None:
    last = (await session.execute(select(func.max(tables.SovLine.position)).where(
        tables.SovLine.commitment_id == commitment_id))).scalar() or 0
    session.add_all(tables.SovLine(
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
    invited_by = (await session.execute(select(tables.Invite.invited_by_id).where(
        tables.Invite.commitment_id == commitment_id,
        tables.Invite.billing_period_id == period_id))).scalar()
    if invited_by is not None:
        return int(invited_by)
    first = (await session.execute(select(tables.Person.id).where(
        tables.Person.company_id == company_id, tables.Person.role == "admin")
        .order_by(tables.Person.id))).scalar()
    return None if first is None else int(first)


async def invoice_of_period(session: AsyncSession, commitment_id: int,
                            period_id: int) -> tables.Invoice | None:
    return (await session.execute(select(tables.Invoice).where(
        tables.Invoice.commitment_id == commitment_id,
        tables.Invoice.billing_period_id == period_id))).scalars().first()


async def entered_by(session: AsyncSession, invoice: tables.Invoice) -> EnteredBy | None:
    """The administrator who entered an invoice on a contact's behalf (None otherwise)."""
    if not invoice.on_behalf or invoice.created_by_id is None:
        return None
    person = await session.get(tables.Person, invoice.created_by_id)
    return None if person is None else EnteredBy(person.id or 0, person.name, person.email)


@dataclass(frozen=True)
class PeriodCommitment:
    """A commitment of a period's project, with its invoice of the period if it has one."""

    commitment_id: int
    number: str
    title: str
    contract_company: str
    invoice_id: int | None


async def period_commitments(session: AsyncSession, period_id: int,
                             project_id: int) -> list[PeriodCommitment]:
    c, company, invoice = tables.Commitment, tables.Company, tables.Invoice
    query = (select(c.id, c.number, c.title, company.name, invoice.id)
             .join(company, company.id == c.contract_company_id)
             .outerjoin(invoice, (invoice.commitment_id == c.id)
                        & (invoice.billing_period_id == period_id))
             .where(c.project_id == project_id).order_by(c.number, c.id))
    return [PeriodCommitment(row[0], row[1], row[2], row[3], row[4])
            for row in (await session.execute(query)).all()]


async def due_date_for(session: AsyncSession, commitment_id: int,
                       period: tables.BillingPeriod) -> date:
    """The commitment's due date in the period: the invite's own once a late request was
    granted, else the period's."""
    extended = (await session.execute(select(tables.Invite.extended_due_date).where(
        tables.Invite.commitment_id == commitment_id,
        tables.Invite.billing_period_id == period.id))).scalar()
    return max(extended, period.due_date) if extended is not None else period.due_date
