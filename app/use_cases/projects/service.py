"""Projects, commitments and billing periods for administrators (implements ProjectsService)."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from app.use_cases.context import UseCaseContext
from app.use_cases.projects._details import as_new_project, write_details
from app.use_cases.projects._opening import existing_ranges, open_in
from app.use_cases.projects._period_views import PeriodsOverview, summaries
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
from domain.model import (
    AccountingMethod,
    Administrator,
    BillingPeriod,
    Commitment,
    PeriodStatus,
    Project,
)
from domain.period_defaults import proposed_period
from domain.periods import (
    PeriodRange,
    local_date,
    refuse_past_due,
    validate_dates,
)
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
        """Any of the project's fields; a new reminder policy or time zone reschedules the
        reminders of the project's open period in the same transaction."""
        try:
            async with self.ctx.sessions.begin() as session:
                row = await projects.project_row(session, admin.company_id, project_id)
                if row is None:
                    raise NotFound(f"project {project_id} not found")
                current = mapping.project(row)
                policy = changes.policy(current.reminders)
                details = changes.details(as_new_project(current))
                if (details.accounting_method is not current.accounting_method
                        and await periods.commitment_count(session, project_id)):
                    raise Conflict("the accounting method cannot change once the project has "
                                   "commitments", code="accounting_method_locked")
                write_details(row, details)
                row.invitation_message = changes.message(row.invitation_message)
                row.reminder_days_before = days_before_text(policy.days_before)
                row.reminder_hour, row.reminder_daily_after_due, row.reminder_max_after_due = (
                    policy.local_hour, policy.daily_after_due, policy.max_after_due)
                row.reminder_every_days_before = policy.every_days_before
                sub_tier_waivers = changes.sub_tier_waivers(current.sub_tier_waivers)
                row.sub_tier_waiver_rule = sub_tier_waivers.rule.value
                row.sub_tier_waiver_threshold = sub_tier_waivers.threshold
                await session.flush()
                if policy != current.reminders or details.time_zone != current.time_zone:
                    await reschedule(session, self.ctx.clock(), project_id=project_id)
                return mapping.project(row)
        except IntegrityError:
            raise Conflict(f"a project numbered {changes.number!r} already exists",
                           code="duplicate_project") from None

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
        project = await self.get_project(admin, project_id)
        command = command.validated()
        refuse_past_due(self.ctx.clock(), command.due_date, project.time_zone)
        try:
            async with self.ctx.sessions.begin() as session:
                ranges = await existing_ranges(session, project_id)
                return await open_in(session, project_id, command, self.ctx.clock(), ranges)
        except IntegrityError:
            raise Conflict("a billing period with these dates already exists",
                           code="duplicate_period") from None

    async def list_periods(self, admin: Administrator, project_id: int) -> list[BillingPeriod]:
        await self.get_project(admin, project_id)
        async with self.ctx.sessions() as session:
            rows = await periods.period_rows(session, project_id)
        return [mapping.billing_period(row) for row in rows]

    async def periods_overview(self, admin: Administrator, project_id: int) -> PeriodsOverview:
        """The project's periods with their counts (latest first), and the dates "Open a
        new period" proposes from the project's defaults."""
        project = await self.get_project(admin, project_id)
        async with self.ctx.sessions() as session:
            found = await summaries(session, project_id)
        today = local_date(self.ctx.clock(), project.time_zone)
        proposal = proposed_period(project.period_defaults, today, [
            PeriodRange(s.period.id or 0, s.period.start_date, s.period.end_date,
                        s.period.status is PeriodStatus.OPEN) for s in found])
        return PeriodsOverview(tuple(found), proposal)

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
            row, project = found
            earlier_due = row.due_date
            if row.status == "closed" and not changes.close:
                raise Conflict("a closed billing period cannot be changed",
                               code="period_closed")
            row.start_date = changes.start_date or row.start_date
            row.end_date = changes.end_date or row.end_date
            row.due_date = changes.due_date or row.due_date
            row.billing_date = changes.billing_date or row.billing_date
            validate_dates(row.start_date, row.end_date, row.due_date)
            if changes.due_date is not None and changes.due_date != earlier_due:
                refuse_past_due(self.ctx.clock(), changes.due_date, project.time_zone)
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
