"""Projects, commitments and billing periods for administrators (implements ProjectsService)."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from app.use_cases.context import UseCaseContext
from app.use_cases.reminders.schedule import reschedule, stop_period
from domain.commands import (
    NewBillingPeriod,
    NewCommitment,
    NewProject,
    PeriodChanges,
    ProjectChanges,
)
from domain.errors import Conflict, NotFound
from domain.listing import Page, PageRequest
from domain.model import AccountingMethod, Administrator, BillingPeriod, Commitment, Project
from domain.periods import PeriodRange, periods_to_close, validate_dates
from store import mapping, periods, projects
from store.mapping import days_before_text


class Projects:
    def __init__(self, ctx: UseCaseContext) -> None:
        self.ctx = ctx

    async def create_project(self, admin: Administrator, command: NewProject) -> Project:
        command = command.validated()
        try:
            async with self.ctx.sessions.begin() as session:
                project_id = await projects.add_project(session, admin.company_id, command)
        except IntegrityError:
            raise Conflict(f"a project numbered {command.number!r} already exists",
                           code="duplicate_project") from None
        return await self.get_project(admin, project_id)

    async def change_project(self, admin: Administrator, project_id: int,
                             changes: ProjectChanges) -> Project:
        """Reminder policy and invitation message; a new policy reschedules the reminders
        of the project's open period in the same transaction."""
        async with self.ctx.sessions.begin() as session:
            row = await projects.project_row(session, admin.company_id, project_id)
            if row is None:
                raise NotFound(f"project {project_id} not found")
            current = mapping.project(row)
            policy = changes.policy(current.reminders)
            row.invitation_message = changes.message(row.invitation_message)
            row.reminder_days_before = days_before_text(policy.days_before)
            row.reminder_hour, row.reminder_daily_after_due, row.reminder_max_after_due = (
                policy.local_hour, policy.daily_after_due, policy.max_after_due)
            await session.flush()
            if policy != current.reminders:
                await reschedule(session, self.ctx.clock(), project_id=project_id)
            return mapping.project(row)

    async def list_projects(self, admin: Administrator) -> list[Project]:
        async with self.ctx.sessions() as session:
            return await projects.projects_of(session, admin.company_id)

    async def get_project(self, admin: Administrator, project_id: int) -> Project:
        async with self.ctx.sessions() as session:
            row = await projects.project_row(session, admin.company_id, project_id)
        if row is None:
            raise NotFound(f"project {project_id} not found")
        return mapping.project(row)

    async def create_commitment(self, admin: Administrator, project_id: int,
                                command: NewCommitment) -> Commitment:
        project = await self.get_project(admin, project_id)
        command = command.validated(AccountingMethod(project.accounting_method))
        try:
            async with self.ctx.sessions.begin() as session:
                commitment_id = await projects.add_commitment(session, admin.company_id, project_id,
                                                              command)
        except IntegrityError:
            raise Conflict(f"commitment {command.number!r} already exists in this project",
                           code="duplicate_commitment") from None
        return await self.get_commitment(admin, commitment_id)

    async def list_commitments(self, admin: Administrator, project_id: int) -> list[Commitment]:
        await self.get_project(admin, project_id)
        async with self.ctx.sessions() as session:
            return await projects.commitments(session, project_id=project_id)

    async def commitments_page(self, admin: Administrator, project_id: int,
                               page: PageRequest) -> Page[Commitment]:
        """One page of the project's commitments in id order (keyset)."""
        await self.get_project(admin, project_id)
        async with self.ctx.sessions() as session:
            return await projects.commitment_page(session, project_id, page)

    async def get_commitment(self, admin: Administrator, commitment_id: int) -> Commitment:
        async with self.ctx.sessions() as session:
            if await projects.commitment_project(session, admin.company_id, commitment_id) is None:
                raise NotFound(f"commitment {commitment_id} not found")
            found = await projects.commitments(session, ids=[commitment_id])
        return found[0]

    async def open_period(self, admin: Administrator, project_id: int,
                          command: NewBillingPeriod) -> BillingPeriod:
        """Open a period; the previous open one closes in the same transaction."""
        await self.get_project(admin, project_id)
        command = command.validated()
        try:
            async with self.ctx.sessions.begin() as session:
                existing = await periods.period_rows(session, project_id)
                ranges = [PeriodRange(p.id, p.start_date, p.end_date, p.status == "open")
                          for p in existing if p.id is not None]
                to_close = periods_to_close(ranges, command.start_date, command.end_date)
                await periods.close_periods(session, to_close, self.ctx.clock())
                for closed in to_close:
                    await stop_period(session, closed)
                return await periods.add_period(session, project_id, command)
        except IntegrityError:
            raise Conflict("a billing period with these dates already exists",
                           code="duplicate_period") from None

    async def list_periods(self, admin: Administrator, project_id: int) -> list[BillingPeriod]:
        await self.get_project(admin, project_id)
        async with self.ctx.sessions() as session:
            rows = await periods.period_rows(session, project_id)
        return [mapping.billing_period(row) for row in rows]

    async def get_period(self, admin: Administrator, period_id: int) -> BillingPeriod:
        async with self.ctx.sessions() as session:
            found = await periods.period_with_project(session, admin.company_id, period_id)
        if found is None:
            raise NotFound(f"billing period {period_id} not found")
        return mapping.billing_period(found[0])

    async def change_period(self, admin: Administrator, period_id: int,
                            changes: PeriodChanges) -> BillingPeriod:
        async with self.ctx.sessions.begin() as session:
            found = await periods.period_with_project(session, admin.company_id, period_id)
            if found is None:
                raise NotFound(f"billing period {period_id} not found")
            row = found[0]
            if row.status == "closed" and not changes.close:
                raise Conflict("a closed billing period cannot be changed",
                               code="period_closed")
            row.start_date = changes.start_date or row.start_date
            row.end_date = changes.end_date or row.end_date
            row.due_date = changes.due_date or row.due_date
            row.billing_date = changes.billing_date or row.billing_date
            validate_dates(row.start_date, row.end_date, row.due_date)
            if changes.close and row.status != "closed":
                row.status, row.closed_at = "closed", self.ctx.clock()
            try:
                await session.flush()
            except IntegrityError:
                raise Conflict("another billing period already has these dates",
                               code="duplicate_period") from None
            if row.status == "closed":
                await stop_period(session, period_id)
            elif changes.due_date is not None:
                await reschedule(session, self.ctx.clock(), period_id=period_id)
            return mapping.billing_period(row)
