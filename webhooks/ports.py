"""What the HTTP edge needs from the application, as protocols (the edge never imports app/).

app/bootstrap.py hands concrete implementations to `webhooks.http.create_app`.
"""

from __future__ import annotations

from typing import Protocol

from domain.commands import (
    NewBillingPeriod,
    NewCommitment,
    NewProject,
    PeriodChanges,
    SendInvites,
)
from domain.invites import BatchResult
from domain.model import (
    Administrator,
    BatchProgress,
    BillingPeriod,
    Commitment,
    Health,
    InviteRecord,
    PeriodInvites,
    Project,
    UndeliveredMessage,
)


class Authenticator(Protocol):
    async def admin_for_api_token(self, token: str) -> Administrator | None: ...
    async def admin_for_password(self, email: str, password: str) -> Administrator | None: ...
    async def admin_by_id(self, person_id: int) -> Administrator | None: ...


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
    async def list_periods(self, admin: Administrator,
                           project_id: int) -> list[BillingPeriod]: ...
    async def get_period(self, admin: Administrator, period_id: int) -> BillingPeriod: ...
    async def change_period(self, admin: Administrator, period_id: int,
                            changes: PeriodChanges) -> BillingPeriod: ...


class InvitesService(Protocol):
    """Invite batches and what became of them, scoped to the admin's company."""

    async def send(self, admin: Administrator, command: SendInvites) -> BatchResult: ...
    async def batch(self, admin: Administrator, batch_id: int) -> BatchProgress: ...
    async def period_invites(self, admin: Administrator, period_id: int) -> PeriodInvites: ...
    async def invite(self, admin: Administrator, invite_id: int) -> InviteRecord: ...


class OutboxService(Protocol):
    """Mail that could not be delivered, and putting it back in the queue."""

    async def undelivered(self, admin: Administrator) -> list[UndeliveredMessage]: ...
    async def retry(self, admin: Administrator, message_id: int) -> None: ...


class MailSummaryView(Protocol):
    """One line of the development mailbox's list."""

    @property
    def id(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def sender(self) -> str: ...
    @property
    def to(self) -> str: ...
    @property
    def date(self) -> str: ...
    @property
    def size(self) -> int: ...


class StoredMailView(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def headers(self) -> list[tuple[str, str]]: ...
    @property
    def text(self) -> str | None: ...
    @property
    def html(self) -> str | None: ...
    @property
    def raw(self) -> bytes: ...


class MailboxReader(Protocol):
    """The development mailbox (blocking file reads: call through asyncio.to_thread).

    `get` raises ValueError for a malformed id and KeyError for an unknown one.
    """

    def list(self, limit: int = 100) -> list[MailSummaryView]: ...
    def get(self, mail_id: str) -> StoredMailView: ...
