"""What the HTTP edge needs from the application, as protocols (the edge never imports app/).

app/bootstrap.py hands concrete implementations to `webhooks.http.create_app`.
"""

from __future__ import annotations

from typing import Protocol

from domain.commands import NewBillingPeriod, NewCommitment, NewProject, PeriodChanges
from domain.model import Administrator, BillingPeriod, Commitment, Health, Project


class Authenticator(Protocol):
    async def admin_for_api_token(self, token: str) -> Administrator | None: ...


class HealthCheck(Protocol):
    async def check(self) -> Health: ...


class ProjectsService(Protocol):
    """Projects, commitments and billing periods, always scoped to the admin's company.

    Objects of another company raise domain.errors.NotFound, exactly as missing ones do.
    """

    async def create_project(self, admin: Administrator, command: NewProject) -> Project: ...
    async def list_projects(self, admin: Administrator) -> list[Project]: ...
    async def get_project(self, admin: Administrator, project_id: int) -> Project: ...

    async def create_commitment(self, admin: Administrator, project_id: int,
                                command: NewCommitment) -> Commitment: ...
    async def list_commitments(self, admin: Administrator,
                               project_id: int) -> list[Commitment]: ...
    async def get_commitment(self, admin: Administrator, commitment_id: int) -> Commitment: ...

    async def open_period(self, admin: Administrator, project_id: int,
                          command: NewBillingPeriod) -> BillingPeriod: ...
    async def get_period(self, admin: Administrator, period_id: int) -> BillingPeriod: ...
    async def change_period(self, admin: Administrator, period_id: int,
                            changes: PeriodChanges) -> BillingPeriod: ...
