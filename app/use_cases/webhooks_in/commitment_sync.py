"""`commitment.upserted`: create or update a commitment as another system (an ERP) has it.

The sender's `external_id` finds the commitment again; one it has never sent, but with a
number the project already has and no external id, is adopted (linked) rather than
duplicated. Everything is written in one transaction.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.context import UseCaseContext
from domain.errors import Conflict, InvalidInput, NotFound
from domain.inbound_events import EventSender, ProjectRef, UpsertCommitment
from domain.model import AccountingMethod
from store import projects
from store.commitment_sync import (
    commitment_by,
    contract_company,
    projects_numbered,
    sync_contacts,
    sync_sov,
    write_commitment,
)
from store.tables import Project


async def resolve_project(session: AsyncSession, ref: ProjectRef,
                          company_id: int | None) -> Project:
    """The project an event names, among the projects of `company_id` (the sending source's
    company; None: a source of the settings, which acts for every company). Another
    company's project is not found, exactly as one that does not exist. A number must name
    exactly one project."""
    if ref.id is not None:
        found = await projects.project_row_by_id(session, ref.id)
        if found is None or company_id not in (None, found.company_id):
            raise NotFound(f"project {ref.id} not found")
        return found
    assert ref.number is not None
    matches = await projects_numbered(session, ref.number, company_id)
    if not matches:
        raise NotFound(f"no project numbered {ref.number!r}")
    if len(matches) > 1:
        raise InvalidInput(f"several projects are numbered {ref.number!r}; give the "
                           "project's id instead")
    return matches[0]


class CommitmentSync:
    def __init__(self, ctx: UseCaseContext) -> None:
        self.ctx = ctx

    async def upsert(self, command: UpsertCommitment, sender: EventSender) -> str:
        """Write the commitment; returns what was done, for the received event's record.
        Its contract company and contacts are the project company's own."""
        async with self.ctx.sessions.begin() as session:
            project = await resolve_project(session, command.project, sender.company_id)
            assert project.id is not None
            wanted = command.commitment.validated(AccountingMethod(project.accounting_method))
            assert wanted.external_id is not None
            row = await commitment_by(session, project.id, external_id=wanted.external_id)
            created = row is None
            if row is None:
                row = await commitment_by(session, project.id, number=wanted.number)
                if row is not None and row.external_id not in (None, wanted.external_id):
                    raise Conflict(f"commitment {wanted.number!r} already exists with another "
                                   "external id", code="duplicate_commitment")
                created = row is None
            else:
                clash = await commitment_by(session, project.id, number=wanted.number)
                if clash is not None and clash.id != row.id:
                    raise Conflict(f"commitment {wanted.number!r} already exists in this "
                                   "project", code="duplicate_commitment")
            company = await contract_company(session, project.company_id, sender.source,
                                             wanted.contract_company,
                                             command.company_external_id)
            assert company.id is not None
            commitment_id = await write_commitment(session, row, project.id, wanted, company.id)
            await sync_sov(session, commitment_id, wanted.sov_lines)
            await sync_contacts(session, commitment_id, company.id, wanted.invoice_contacts,
                                dict(command.contact_external_ids))
            return f"commitment {commitment_id} {'created' if created else 'updated'}"
