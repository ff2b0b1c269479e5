"""Imports: commitments with their SOV lines and invoice contacts from a CSV or XLSX file.

Every import is previewed the same way it is written: the file is read and checked
(domain/commitment_import.py), compared with the project (created, updated, unchanged,
and a row error for an SOV change on a commitment that has an invoice); it is written only
when no row has an error, in one transaction, idempotent on the commitment number.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.context import UseCaseContext
from app.use_cases.imports._reading import parsed_file
from domain.commitment_import import RowError
from domain.errors import Conflict, InvalidInput, NotFound
from domain.import_plan import Change, ImportReport, Outcome, change_for
from domain.model import AccountingMethod, Administrator, Channel
from store import commitment_import as writes
from store import contact_links, import_uploads, mapping, people, projects, statistics
from store.tables import Project

MAX_IMPORT_BYTES = 5 * 1024 * 1024  # ~40,000 rows of CSV; an XLSX of as many is smaller
Progress = Callable[[int, int], None]  # (commitments written, of how many)


class FileTooLarge(InvalidInput):
    code = "file_too_large"


# Two imports (or an import and another change) added the same commitment number or
# contact at once: the second transaction is refused as a whole and can simply be retried.
def _concurrent() -> Conflict:
    return Conflict("another change to these commitments was written at the same time; "
                    "nothing was imported, try again", code="concurrent_import")


@dataclass(frozen=True)
class UploadView:
    id: int
    project_id: int
    filename: str
    report: ImportReport  # the preview (as of now), or what the confirmation wrote


class Imports:
    def __init__(self, ctx: UseCaseContext, max_bytes: int = MAX_IMPORT_BYTES) -> None:
        self.ctx = ctx
        self.max_bytes = max_bytes

    async def project_name(self, admin: Administrator, project_id: int) -> str:
        async with self.ctx.sessions() as session:
            return (await self._project(session, admin, project_id)).name

    async def admin_for_project(self, project_id: int, email: str | None) -> Administrator:
        """Whom a command-line import acts as: the one named, or the first administrator
        of the company that owns the project."""
        async with self.ctx.sessions() as session:
            project = await projects.project_row_by_id(session, project_id)
            if project is None:
                raise NotFound(f"project {project_id} not found")
            person = await people.first_admin(session, project.company_id,
                                              email.strip().lower() if email else None)
        if person is None:
            raise NotFound("no administrator of the project's company"
                           + (f" with the email {email}" if email else ""))
        return mapping.administrator(person)

    async def run(self, admin: Administrator, project_id: int, data: bytes, *, apply: bool,
                  progress: Progress | None = None) -> ImportReport:
        """The preview (`apply` False), or the import: written only when valid."""
        self._check_size(data)
        try:
            async with self.ctx.sessions.begin() as session:
                project = await self._project(session, admin, project_id)
                report = await self._import(session, admin, project, data, apply, progress)
        except IntegrityError:
            raise _concurrent() from None
        if report.applied:
            await self._refresh_statistics(report.created)
        return report

    async def upload(self, admin: Administrator, project_id: int, filename: str,
                     data: bytes) -> tuple[int | None, ImportReport]:
        """Preview an uploaded file and keep it for the confirmation when it is valid."""
        self._check_size(data)
        async with self.ctx.sessions.begin() as session:
            project = await self._project(session, admin, project_id)
            report = await self._import(session, admin, project, data, False, None)
            if not report.valid:
                return None, report
            upload_id = await import_uploads.add_upload(
                session, project_id, admin.person_id, filename[:200] or "upload",
                data, hashlib.sha256(data).hexdigest(), self.ctx.clock())
        return upload_id, report

    async def uploaded(self, admin: Administrator, project_id: int,
                       upload_id: int) -> UploadView:
        async with self.ctx.sessions() as session:
            project = await self._project(session, admin, project_id)
            row = await import_uploads.upload_row(session, admin.company_id, project_id,
                                                  upload_id)
            if row is None or row.id is None:
                raise NotFound(f"import {upload_id} not found")
            if row.applied_at is not None or row.content is None:
                report = ImportReport(0, row.created_count, row.updated_count,
                                      row.unchanged_count, (), (), applied=True)
            else:
                report = await self._import(session, admin, project, row.content, False, None)
            return UploadView(row.id, project_id, row.filename, report)

    async def confirm(self, admin: Administrator, project_id: int,
                      upload_id: int) -> UploadView:
        """Import a previewed upload (checked again: the project may have changed). A
        second confirmation of the same upload changes nothing."""
        try:
            view, created_now = await self._confirm(admin, project_id, upload_id)
        except IntegrityError:
            raise _concurrent() from None
        await self._refresh_statistics(created_now)
        return view

    async def _refresh_statistics(self, created: int) -> None:
        await statistics.refresh_after_bulk_write(self.ctx.engine, created, statistics.IMPORTED)

    async def _confirm(self, admin: Administrator, project_id: int,
                       upload_id: int) -> tuple[UploadView, int]:
        """The upload's view, and how many commitments this confirmation created."""
        created_now = 0
        async with self.ctx.sessions.begin() as session:
            project = await self._project(session, admin, project_id)
            row = await import_uploads.upload_row(session, admin.company_id, project_id,
                                                  upload_id)
            if row is None or row.id is None:
                raise NotFound(f"import {upload_id} not found")
            if row.applied_at is None and row.content is not None:
                report = await self._import(session, admin, project, row.content, True, None)
                if not report.applied:
                    return UploadView(row.id, project_id, row.filename, report), 0
                created_now = report.created
                row.applied_at, row.content = self.ctx.clock(), None
                row.created_count, row.updated_count, row.unchanged_count = (
                    report.created, report.updated, report.unchanged)
            report = ImportReport(0, row.created_count, row.updated_count,
                                  row.unchanged_count, (), (), applied=True)
            return UploadView(row.id, project_id, row.filename, report), created_now

    def _check_size(self, data: bytes) -> None:
        if len(data) > self.max_bytes:
            raise FileTooLarge(f"the file is larger than the limit of "
                               f"{self.max_bytes // (1024 * 1024)} MB")

    async def _project(self, session: AsyncSession, admin: Administrator,
                       project_id: int) -> Project:
        project = await projects.project_row(session, admin.company_id, project_id)
        if project is None:
            raise NotFound(f"project {project_id} not found")
        return project

    async def _import(self, session: AsyncSession, admin: Administrator, project: Project,
                      data: bytes, apply: bool, progress: Progress | None) -> ImportReport:
        assert project.id is not None
        parsed = await asyncio.to_thread(parsed_file, data,
                                         AccountingMethod(project.accounting_method))
        existing = await writes.existing(session, project.id,
                                         [c.command.number for c in parsed.commitments])
        invoiced = await writes.invoiced(session, [c.id for c in existing.values()
                                                   if c.id is not None])
        errors: list[RowError] = list(parsed.errors)
        changes: list[Change] = []
        for imported in parsed.commitments:
            found = existing.get(imported.command.number)
            decided = change_for(imported, found, found is not None and found.id in invoiced)
            if isinstance(decided, RowError):
                errors.append(decided)
            else:
                changes.append(decided)
        counts = {outcome: sum(1 for c in changes if c.outcome is outcome) for outcome in Outcome}
        valid = not errors
        if apply and valid:
            await self._write(session, admin, project, changes, progress)
        return ImportReport(parsed.rows, counts[Outcome.CREATED], counts[Outcome.UPDATED],
                            counts[Outcome.UNCHANGED],
                            tuple(sorted(errors, key=lambda e: e.row or 0)),
                            parsed.ignored_columns, applied=apply and valid)

    async def _write(self, session: AsyncSession, admin: Administrator, project: Project,
                     changes: list[Change], progress: Progress | None) -> None:
        assert project.id is not None
        now = self.ctx.clock()
        to_write = [c for c in changes if c.outcome is not Outcome.UNCHANGED]
        commands = [c.imported.command for c in to_write]
        companies = await writes.company_ids(
            session, project.company_id, {c.contract_company for c in commands}, now)
        contacts = await writes.person_ids(session, writes.contact_keys(commands, companies),
                                           now)
        done, total = 0, len(to_write)

        def step(count: int) -> None:
            nonlocal done
            done += count
            if progress is not None:
                progress(done, total)

        step(0)
        new = [(c.imported.command, companies[c.imported.command.contract_company],
                writes.contact_ids(c.imported.command.invoice_contacts,
                                   companies[c.imported.command.contract_company], contacts))
               for c in to_write if c.outcome is Outcome.CREATED]
        await writes.add_commitments(session, project.id, new, now, step)
        for change in to_write:
            if change.outcome is Outcome.UPDATED and change.existing_id is not None:
                command = change.imported.command
                company = companies[command.contract_company]
                removed = await writes.update_commitment(
                    session, change.existing_id, command, company,
                    writes.contact_ids(command.invoice_contacts, company, contacts),
                    sov=change.sov_changed)
                if removed:  # as when a contact is removed by hand: their links stop
                    await contact_links.revoke(
                        session, await contact_links.open_invites_of_commitment(
                            session, change.existing_id),
                        by_id=admin.person_id, channel=Channel.SYSTEM.value,
                        reason="contact_removed_by_import",
                        now=now)
                step(1)
