"""Writing a commitment as another system has it: found by external ids, updated in place.

SOV lines are matched by item number, contacts by email, the contract company by its
external id (else its name), so ids, invoices and invites that refer to them stay valid.
Every lookup stays within the project's company: another company's rows are never found,
so never changed.
"""

from __future__ import annotations

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.commands import NewCommitment, NewContact, NewSovLine
from domain.errors import Conflict
from store.projects import find_or_add_company, find_or_add_contact
from store.tables import Commitment, Company, InvoiceContact, InvoiceLine, Project, SovLine


async def projects_numbered(session: AsyncSession, number: str,
                            company_id: int | None) -> list[Project]:
    """Projects with that number: of `company_id` only, or of every company (None)."""
    query = select(Project).where(Project.number == number)
    if company_id is not None:
        query = query.where(Project.company_id == company_id)
    return list((await session.execute(query.order_by(Project.id).limit(2))).scalars())


async def commitment_by(session: AsyncSession, project_id: int, *,
                        external_id: str | None = None,
                        number: str | None = None) -> Commitment | None:
    query = select(Commitment).where(Commitment.project_id == project_id)
    if external_id is not None:
        query = query.where(Commitment.external_id == external_id)
    if number is not None:
        query = query.where(Commitment.number == number)
    return (await session.execute(query.limit(1))).scalars().first()


async def contract_company(session: AsyncSession, owner_company_id: int, source: str,
                           name: str, external_id: str | None) -> Company:
    """Among the owner's contract companies: by the id this source sent (renamed if the
    name changed), else by name (then the id is remembered for next time). An id stored
    before sources were recorded is adopted by the first of the owner's sources to send it.
    """
    if external_id is not None:
        query = select(Company).where(
            Company.owner_company_id == owner_company_id, Company.kind == "contract",
            Company.external_id == external_id,
            or_(Company.external_source == source, Company.external_source.is_(None)))
        found = (await session.execute(query.order_by(Company.id).limit(1))).scalars().first()
        if found is not None:
            found.name, found.external_source = name, source
            return found
    company = await find_or_add_company(session, name, "contract",
                                        owner_company_id=owner_company_id)
    if company.external_id is None and external_id is not None:
        company.external_id, company.external_source = external_id, source
    return company


async def write_commitment(session: AsyncSession, row: Commitment | None, project_id: int,
                           command: NewCommitment, company_id: int) -> int:
    """Create the commitment (`row` None) or update `row` to what the command says; its id."""
    if row is None:
        row = Commitment(project_id=project_id, contract_company_id=company_id,
                         number=command.number, title=command.title, kind=command.kind.value)
    row.number, row.title, row.kind = command.number, command.title, command.kind.value
    row.contract_company_id = company_id
    row.retainage_percent_work = command.retainage_percent_work
    row.retainage_percent_stored = command.retainage_percent_stored
    row.stored_materials_billed_separately = command.stored_materials_billed_separately
    row.external_id = command.external_id
    session.add(row)
    await session.flush()
    assert row.id is not None
    return row.id


async def sync_sov(session: AsyncSession, commitment_id: int,
                   lines: tuple[NewSovLine, ...]) -> None:
    """Update lines by item number, add new ones, delete the rest. A line already billed
    on an invoice cannot be deleted: Conflict, and nothing of the event is written."""
    query = select(SovLine).where(SovLine.commitment_id == commitment_id)
    existing = {line.item_number: line for line in (await session.execute(query)).scalars()}
    wanted = {line.item_number for line in lines}
    removed = [line.id for item, line in existing.items() if item not in wanted]
    if removed:
        billed = (await session.execute(select(InvoiceLine.sov_line_id).where(
            InvoiceLine.sov_line_id.in_(removed)).limit(1))).scalar()
        if billed is not None:
            raise Conflict("an SOV line that was already billed cannot be removed",
                           code="sov_line_billed")
        await session.execute(delete(SovLine).where(SovLine.id.in_(removed)))
    for position, line in enumerate(lines, start=1):
        row = existing.get(line.item_number) or SovLine(
            commitment_id=commitment_id, item_number=line.item_number,
            description=line.description, scheduled_value=line.scheduled_value)
        row.position, row.cost_code, row.description = position, line.cost_code, line.description
        assert line.scheduled_value is not None  # validated: computed when not given
        row.scheduled_value, row.change_order = line.scheduled_value, line.change_order
        row.quantity, row.unit, row.unit_price = line.quantity, line.unit, line.unit_price
        session.add(row)


async def sync_contacts(session: AsyncSession, commitment_id: int, company_id: int,
                        contacts: tuple[NewContact, ...],
                        external_ids: dict[str, str]) -> None:
    """The commitment's invoice contacts become exactly `contacts` (people are kept: they
    may be contacts elsewhere, and their invites' history names them)."""
    people = []
    for contact in contacts:
        person = await find_or_add_contact(session, company_id, contact)
        person.name = contact.name
        if contact.email in external_ids:
            person.external_id = external_ids[contact.email]
        people.append(person)
    wanted = {person.id for person in people if person.id is not None}
    linked_query = select(InvoiceContact.person_id).where(
        InvoiceContact.commitment_id == commitment_id)
    linked = set((await session.execute(linked_query)).scalars())
    if linked - wanted:
        await session.execute(delete(InvoiceContact).where(
            InvoiceContact.commitment_id == commitment_id,
            InvoiceContact.person_id.in_(list(linked - wanted))))
    for person_id in sorted(wanted - linked):
        session.add(InvoiceContact(commitment_id=commitment_id, person_id=person_id))
    await session.flush()
