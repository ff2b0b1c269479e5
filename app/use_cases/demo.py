"""The demo company, projects, commitments and open period; running it twice adds nothing."""

from __future__ import annotations

import calendar
import hashlib
import hmac
from dataclasses import dataclass
from datetime import date

from app import demo_data
from app.credentials import hash_password, token_hash
from app.use_cases.context import UseCaseContext
from app.use_cases.projects.service import Projects
from domain.commands import NewBillingPeriod, NewCommitment, NewProject
from domain.errors import InvalidInput
from domain.model import AccountingMethod, Administrator
from domain.periods import local_date
from store import people, projects, statistics
from store.bulk import add_many_commitments
from store.invites import commitment_ids_of

ADMIN_EMAIL = "admin@summit-builders.example"
COMPANY = "Summit Builders"
ZONE = "America/Chicago"


@dataclass(frozen=True)
class DemoResult:
    base_url: str
    admin_email: str
    admin_password: str
    api_token: str
    project_id: int
    billing_period_id: int
    commitment_ids: list[int]


def demo_secret(secret_key: str, purpose: str) -> str:
    """Stable per installation, so a second run prints the same credentials."""
    return hmac.new(secret_key.encode(), f"demo:{purpose}".encode(), hashlib.sha256).hexdigest()


def current_period(today: date) -> NewBillingPeriod:
    """This month, due on the 25th, or on the last day when today is already past the 25th."""
    last = calendar.monthrange(today.year, today.month)[1]
    due = today.replace(day=25) if today.day <= 25 else today.replace(day=last)
    return NewBillingPeriod(today.replace(day=1), today.replace(day=last), due,
                            billing_date=today.replace(day=min(20, last)))


class Demo:
    def __init__(self, ctx: UseCaseContext) -> None:
        self.ctx = ctx

    async def load(self) -> DemoResult:
        key = self.ctx.settings.secret_keys[-1]  # the oldest key: survives rotations
        password, token = demo_secret(key, "password")[:16], "itb_demo_" + demo_secret(key, "api")
        admin = await self._admin(password, token)
        medical = await self._project(admin, NewProject(
            "Riverside Medical Office Building", "RMOB-2026", ZONE,
            invitation_message="Please bill for work completed through the end of the month."),
            demo_data.MEDICAL_OFFICE)
        paving = await self._project(admin, NewProject(
            "Oak Street Parking Lot", "OSPL-2026", ZONE,
            accounting_method=AccountingMethod.UNIT), demo_data.PAVING)
        today = local_date(self.ctx.clock(), ZONE)
        period_id = await self._open_period(admin, medical, today)
        await self._open_period(admin, paving, today)
        async with self.ctx.sessions() as session:
            ids = [c.id for c in await projects.commitments(session, project_id=medical) if c.id]
        return DemoResult(self.ctx.settings.base_url, ADMIN_EMAIL, password, token, medical,
                          period_id, ids)

    async def load_large(self, count: int) -> DemoResult:
        """The demo, plus a project with `count` commitments for benchmarks and load tests."""
        if count < 1:
            raise InvalidInput("--commitments takes a positive number")
        base = await self.load()
        admin = await self._admin(base.admin_password, base.api_token)
        number = f"LOAD-{count}"
        projects = Projects(self.ctx)
        existing = {p.number: p.id for p in await projects.list_projects(admin)}
        project_id = existing.get(number)
        if project_id is None:
            project_id = (await projects.create_project(admin, NewProject(
                f"Load Test Tower ({count} commitments)", number, ZONE))).id
            async with self.ctx.sessions.begin() as session:
                await add_many_commitments(session, admin.company_id, project_id, count,
                                           self.ctx.clock())
            await statistics.refresh_after_bulk_write(self.ctx.engine, count,
                                                      statistics.IMPORTED)
        period_id = await self._open_period(admin, project_id,
                                            local_date(self.ctx.clock(), ZONE))
        async with self.ctx.sessions() as session:
            ids = await commitment_ids_of(session, project_id)
        return DemoResult(base.base_url, base.admin_email, base.admin_password, base.api_token,
                          project_id, period_id, ids)

    async def _admin(self, password: str, token: str) -> Administrator:
        async with self.ctx.sessions.begin() as session:
            company = await projects.find_or_add_company(session, COMPANY, "upstream")
            person = await people.admin_row_by_email(session, ADMIN_EMAIL)
            if person is None:
                assert company.id is not None
                person = await people.add_admin(session, company_id=company.id,
                                                name="Jordan Avery", email=ADMIN_EMAIL,
                                                password_hash=hash_password(password))
                assert person.id is not None
                await people.add_api_token(session, person.id, token_hash(token), "demo")
            return Administrator(person.id, person.company_id, person.name, person.email)

    async def _project(self, admin: Administrator, project: NewProject,
                       commitments: tuple[NewCommitment, ...]) -> int:
        projects = Projects(self.ctx)
        existing = {p.number: p.id for p in await projects.list_projects(admin)}
        if project.number in existing:
            return existing[project.number]
        created = await projects.create_project(admin, project)
        for commitment in commitments:
            await projects.create_commitment(admin, created.id, commitment)
        return created.id

    async def _open_period(self, admin: Administrator, project_id: int, today: date) -> int:
        wanted = current_period(today)
        projects = Projects(self.ctx)
        for period in await projects.list_periods(admin, project_id):
            if (period.start_date, period.end_date) == (wanted.start_date, wanted.end_date):
                assert period.id is not None
                return period.id
        opened = await projects.open_period(admin, project_id, wanted)
        assert opened.id is not None
        return opened.id
