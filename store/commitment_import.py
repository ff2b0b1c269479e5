"""Writing an import of commitments in bulk: Core inserts for what is new (thousands of rows
per statement, docs/performance.md), the commitment sync's per-row updates for what
changed. Contract companies and contacts are found or added among the importing company's
own directory only (`owner_company_id`), never another company's rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain import model as records
from domain.commands import NewCommitment, NewContact
from store import mapping
from store.commitment_sync import sync_sov
from store.tables import Commitment, Company, Invoice, InvoiceContact, Person, SovLine

CHUNK = 1000  # rows per statement, and values per IN (...)
Progress = Callable[[int], None]
T = TypeVar("T")


def _table(model: type) -> Table:
    """The model's Core table: inserting through it skips the ORM's per-row bookkeeping
    (about twice as fast here), and nothing of these rows is in the session anyway."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _chunks(items: Sequence[T]) -> list[Sequence[T]]:
    return [items[start:start + CHUNK] for start in range(0, len(items), CHUNK)]


async def existing(session: AsyncSession, project_id: int,
                   numbers: Sequence[str]) -> dict[str, records.Commitment]:
    """The project's commitments with these numbers, with SOV lines and contacts, read as
    plain rows (no ORM objects: a re-import of 500 commitments reads 5,000 lines)."""
    found: dict[str, records.Commitment] = {}
    for part in _chunks(sorted(set(numbers))):
        heads: list[Any] = list((await session.execute(
            select(_table(Commitment), Company.name.label("company_name"))
            .join(Company, Company.id == Commitment.contract_company_id)
            .where(Commitment.project_id == project_id, Commitment.number.in_(part)))).all())
        if not heads:
            continue
        ids = [head.id for head in heads]
        lines: dict[int, list[records.SovLine]] = defaultdict(list)
        for line in (await session.execute(
                select(_table(SovLine)).where(SovLine.commitment_id.in_(ids))
                .order_by(SovLine.position, SovLine.id))).all():
            lines[line.commitment_id].append(mapping.sov_line(line))
        people: dict[int, list[records.Contact]] = defaultdict(list)
        for person in (await session.execute(
                select(InvoiceContact.commitment_id.label("commitment_id"), Person.id,
                       Person.name, Person.email, Person.deliverable)
                .join(Person, Person.id == InvoiceContact.person_id)
                .where(InvoiceContact.commitment_id.in_(ids))
                .order_by(InvoiceContact.id))).all():
            people[person.commitment_id].append(mapping.contact(person))
        for head in heads:
            found[head.number] = records.Commitment(
                id=head.id, project_id=head.project_id, number=head.number, title=head.title,
                kind=records.CommitmentKind(head.kind), contract_company=head.company_name,
                retainage_percent_work=head.retainage_percent_work,
                retainage_percent_stored=head.retainage_percent_stored,
                stored_materials_billed_separately=head.stored_materials_billed_separately,
                sov_lines=tuple(lines[head.id]), invoice_contacts=tuple(people[head.id]),
                external_id=head.external_id)
    return found


async def invoiced(session: AsyncSession, commitment_ids: Sequence[int]) -> set[int]:
    """Those of the commitments that have an invoice (any period, any status)."""
    found: set[int] = set()
    for part in _chunks(list(commitment_ids)):
        query = select(Invoice.commitment_id).where(Invoice.commitment_id.in_(part)).distinct()
        found.update((await session.execute(query)).scalars())
    return found


async def company_ids(session: AsyncSession, owner_company_id: int, names: set[str],
                      now: datetime) -> dict[str, int]:
    """Contract company name -> id among the owner's own (the oldest of a name), the
    missing ones added (matched back by name: RETURNING order is not promised)."""
    found: dict[str, int] = {}
    for part in _chunks(sorted(names)):
        query = (select(Company.name, Company.id)
                 .where(Company.owner_company_id == owner_company_id,
                        Company.kind == "contract", Company.name.in_(part))
                 .order_by(Company.id.desc()))
        found.update((await session.execute(query)).all())
    missing = sorted(names - found.keys())
    for part in _chunks(missing):
        result = await session.execute(
            insert(_table(Company)).returning(Company.name, Company.id),
            [{"name": name, "kind": "contract", "owner_company_id": owner_company_id,
              "created_at": now} for name in part])
        found.update((name, id_) for name, id_ in result.all())
    return found


async def person_ids(session: AsyncSession, wanted: dict[tuple[int, str], str],
                     now: datetime) -> dict[tuple[int, str], int]:
    """(contract company id, email) -> the contact's id, for `wanted` (-> name): found among
    that company's people (renamed to the imported name) or added."""
    found: dict[tuple[int, str], int] = {}
    renamed = []
    keys = sorted(wanted)
    for part in _chunks(keys):
        query = select(Person.company_id, Person.email, Person.id, Person.name).where(
            Person.company_id.in_({company for company, _ in part}),
            Person.email.in_({email for _, email in part}))
        for company, email, person_id, name in (await session.execute(query)).all():
            if (company, email) in wanted:
                found[(company, email)] = person_id
                if name != wanted[(company, email)]:
                    renamed.append({"id": person_id, "name": wanted[(company, email)]})
    if renamed:
        await session.execute(update(Person), renamed)
    missing = [key for key in keys if key not in found]
    for part in _chunks(missing):
        result = await session.execute(
            insert(_table(Person)).returning(Person.company_id, Person.email, Person.id),
            [{"company_id": company, "email": email, "name": wanted[(company, email)],
              "role": "contact", "deliverable": True, "session_version": 1, "created_at": now}
             for company, email in part])
        found.update(((company, email), id_) for company, email, id_ in result.all())
    return found


def _commitment_values(command: NewCommitment, company_id: int) -> dict[str, object]:
    return {"number": command.number, "title": command.title, "kind": command.kind.value,
            "contract_company_id": company_id,
            "retainage_percent_work": command.retainage_percent_work,
            "retainage_percent_stored": command.retainage_percent_stored,
            "stored_materials_billed_separately": command.stored_materials_billed_separately}


async def add_commitments(session: AsyncSession, project_id: int,
                          commands: Sequence[tuple[NewCommitment, int, list[int]]],
                          now: datetime, progress: Progress) -> None:
    """New commitments: (command, contract company id, contact ids), in bulk."""
    for part in _chunks(commands):
        result = await session.execute(
            insert(_table(Commitment)).returning(Commitment.number, Commitment.id),
            [{**_commitment_values(command, company), "project_id": project_id,
              "status": "approved", "created_at": now} for command, company, _ in part])
        # Matched by number (unique in the project): RETURNING rows of a multi-row INSERT
        # come in no promised order, and asking for one makes SQLite insert row by row.
        by_number = dict(result.all())
        ids = [by_number[command.number] for command, _, _ in part]
        lines = [{"commitment_id": commitment_id, "position": position,
                  "item_number": line.item_number, "cost_code": line.cost_code,
                  "description": line.description, "scheduled_value": line.scheduled_value,
                  "change_order": line.change_order, "quantity": line.quantity,
                  "unit": line.unit, "unit_price": line.unit_price, "created_at": now}
                 for commitment_id, (command, _, _) in zip(ids, part, strict=True)
                 for position, line in enumerate(command.sov_lines, start=1)]
        for lines_part in _chunks(lines):
            await session.execute(insert(_table(SovLine)), list(lines_part))
        links = [{"commitment_id": commitment_id, "person_id": person_id, "created_at": now}
                 for commitment_id, (_, _, people) in zip(ids, part, strict=True)
                 for person_id in people]
        for links_part in _chunks(links):
            await session.execute(insert(_table(InvoiceContact)), list(links_part))
        progress(len(part))


async def update_commitment(session: AsyncSession, commitment_id: int, command: NewCommitment,
                            company_id: int, people: list[int], *, sov: bool) -> bool:
    """An existing commitment becomes what the import says; its SOV lines (matched by item
    number, so their ids stay) only when `sov` (the caller checked that no invoice exists);
    its contacts become those of the file, unless the file names none for it. True when a
    contact was taken off (the caller revokes the links they were mailed)."""
    await session.execute(update(Commitment).where(Commitment.id == commitment_id)
                          .values(**_commitment_values(command, company_id)))
    if sov:
        await sync_sov(session, commitment_id, command.sov_lines)
    if not people:  # the file names no contact for it (many ERPs export none): keep them
        await session.flush()
        return False
    linked = set((await session.execute(select(InvoiceContact.person_id).where(
        InvoiceContact.commitment_id == commitment_id))).scalars())
    if linked - set(people):
        await session.execute(delete(InvoiceContact).where(
            InvoiceContact.commitment_id == commitment_id,
            InvoiceContact.person_id.in_(sorted(linked - set(people)))))
    for person_id in people:
        if person_id not in linked:
            session.add(InvoiceContact(commitment_id=commitment_id, person_id=person_id))
    await session.flush()
    return bool(linked - set(people))


def contact_keys(commands: Sequence[NewCommitment],
                 companies: dict[str, int]) -> dict[tuple[int, str], str]:
    """Every (contract company id, email) the commands name, with the name to keep."""
    wanted: dict[tuple[int, str], str] = {}
    for command in commands:
        company = companies[command.contract_company]
        for contact in command.invoice_contacts:
            wanted[(company, contact.email)] = contact.name
    return wanted


def contact_ids(contacts: Sequence[NewContact], company_id: int,
                people: dict[tuple[int, str], int]) -> list[int]:
    return [people[(company_id, contact.email)] for contact in contacts]
