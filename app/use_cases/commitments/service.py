"""Editing commitments (implements PATCH /api/commitments/{id}, its contacts, SOV lines and
close, and the commitment page): creating one stays with app/use_cases/projects/."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.context import UseCaseContext
from domain.commands import NewContact, NewSovLine
from domain.commitment_changes import CommitmentChanges, check_open, check_sov_editable
from domain.directory import email_address, person_name
from domain.errors import Conflict, InvalidInput, NotFound
from domain.model import AccountingMethod, Administrator, Channel, Commitment
from store import commitment_edits, contact_links, directory, projects
from store.tables import Commitment as CommitmentRow
from store.tables import Project


class Commitments:
    def __init__(self, ctx: UseCaseContext) -> None:
        self.ctx = ctx

    async def get(self, admin: Administrator, commitment_id: int) -> Commitment:
        async with self.ctx.sessions() as session:
            await self._row(session, admin, commitment_id)
            return (await projects.commitments(session, ids=[commitment_id]))[0]

    async def has_invoice(self, admin: Administrator, commitment_id: int) -> bool:
        async with self.ctx.sessions() as session:
            await self._row(session, admin, commitment_id)
            return await commitment_edits.has_invoice(session, commitment_id)

    async def change(self, admin: Administrator, commitment_id: int,
                     changes: CommitmentChanges) -> Commitment:
        changes = changes.validated()
        try:
            async with self.ctx.sessions.begin() as session:
                row, _ = await self._row(session, admin, commitment_id)
                check_open(row.status == "closed")
                await self._contract_company(session, admin, row, changes)
                for name in ("number", "title", "retainage_percent_work",
                             "retainage_percent_stored", "stored_materials_billed_separately"):
                    if (value := getattr(changes, name)) is not None:
                        setattr(row, name, value)
                if changes.kind is not None:
                    row.kind = changes.kind.value
                await session.flush()
        except IntegrityError:
            raise Conflict(f"commitment {changes.number!r} already exists in this project",
                           code="duplicate_commitment") from None
        return await self.get(admin, commitment_id)

    async def replace_sov_lines(self, admin: Administrator, commitment_id: int,
                                lines: list[NewSovLine]) -> Commitment:
        """The whole Schedule of Values, in order: lines edited, added, removed and
        reordered; refused once the commitment has an invoice."""
        async with self.ctx.sessions.begin() as session:
            row, project = await self._row(session, admin, commitment_id)
            check_open(row.status == "closed")
            check_sov_editable(await commitment_edits.has_invoice(session, commitment_id))
            method = AccountingMethod(project.accounting_method)
            validated = [line.validated(method) for line in lines]
            items = [line.item_number for line in validated]
            if len(items) != len(set(items)):
                raise InvalidInput("SOV item numbers must be unique within a commitment")
            await commitment_edits.replace_sov_lines(session, commitment_id, validated)
        return await self.get(admin, commitment_id)

    async def add_contact(self, admin: Administrator, commitment_id: int, *,
                          person_id: int | None = None,
                          contact: NewContact | None = None) -> Commitment:
        """An invoice contact from the directory (`person_id`), or by name and address:
        the directory's person with that address, else a new person of the contract
        company."""
        async with self.ctx.sessions.begin() as session:
            row, _ = await self._row(session, admin, commitment_id)
            check_open(row.status == "closed")
            if person_id is not None:
                if await directory.person_row(session, admin.company_id, person_id) is None:
                    raise NotFound(f"person {person_id} not found")
            elif contact is not None:
                email = email_address(contact.email)
                person = await directory.person_with_email(session, admin.company_id, email)
                if person is None:
                    person = await directory.add_person(session, row.contract_company_id,
                                                        person_name(contact.name), email)
                person_id = person.id
            else:
                raise InvalidInput("give person_id, or name and email")
            assert person_id is not None
            await commitment_edits.add_contact(session, commitment_id, person_id)
        return await self.get(admin, commitment_id)

    async def remove_contact(self, admin: Administrator, commitment_id: int, person_id: int,
                             channel: Channel = Channel.API) -> Commitment:
        """Off the commitment; the links of its open invites stop working (the person's
        mail carried them)."""
        async with self.ctx.sessions.begin() as session:
            await self._row(session, admin, commitment_id)
            if not await commitment_edits.remove_contact(session, commitment_id, person_id):
                raise NotFound(f"person {person_id} is not a contact of this commitment")
            await contact_links.revoke(
                session, await contact_links.open_invites_of_commitment(session, commitment_id),
                by_id=admin.person_id, channel=channel.value, reason="contact_removed",
                now=self.ctx.clock())
        return await self.get(admin, commitment_id)

    async def close(self, admin: Administrator, commitment_id: int) -> Commitment:
        async with self.ctx.sessions.begin() as session:
            row, _ = await self._row(session, admin, commitment_id)
            if row.status != "closed":
                await commitment_edits.close(session, row, self.ctx.clock())
        return await self.get(admin, commitment_id)

    async def _row(self, session: AsyncSession, admin: Administrator,
                   commitment_id: int) -> tuple[CommitmentRow, Project]:
        found = await commitment_edits.commitment_row(session, admin.company_id, commitment_id)
        if found is None:
            raise NotFound(f"commitment {commitment_id} not found")
        return found

    async def _contract_company(self, session: AsyncSession, admin: Administrator,
                                row: CommitmentRow, changes: CommitmentChanges) -> None:
        if changes.contract_company_id is not None:
            company = await directory.company_row(session, admin.company_id,
                                                  changes.contract_company_id)
            if company is None:
                raise NotFound(f"company {changes.contract_company_id} not found")
        elif changes.contract_company_name is not None:
            company = await directory.company_named(
                session, admin.company_id, changes.contract_company_name)
            if company is None:
                company = await directory.add_company(session, admin.company_id,
                                                      changes.contract_company_name)
        else:
            return
        assert company.id is not None
        row.contract_company_id = company.id
