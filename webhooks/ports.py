"""What the HTTP edge needs from the application, as protocols (the edge never imports app/).

app/bootstrap.py hands concrete implementations to `webhooks.http.create_app`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from domain.answers import AnswerRequest, AnswerResult, AnswerView
from domain.attachments import AttachmentInfo
from domain.commands import (
    NewBillingPeriod,
    NewCommitment,
    NewProject,
    NewSovLine,
    PeriodChanges,
    ProjectChanges,
    SendInvites,
)
from domain.contacts import ContactCommitment, SignedInContact, SignInRequest
from domain.inbound_events import InboundEvent, InboundRejection, Receipt
from domain.inbound_mail import InboundMessageRecord
from domain.invites import BatchResult
from domain.invoice_records import InvoiceEntry, InvoiceListItem, InvoiceRecord, InvoiceStatus
from domain.model import (
    Administrator,
    BatchProgress,
    BillingPeriod,
    Channel,
    Commitment,
    Health,
    InviteRecord,
    PeriodInvites,
    Project,
    UndeliveredMessage,
)
from domain.sign_in import PasswordSignIn
from domain.webhooks import (
    ChangedSubscription,
    CreatedSubscription,
    DeliveryAttempt,
    NewSubscription,
    SourceWithSecret,
    Subscription,
    SubscriptionChanges,
    WebhookSource,
)


class Authenticator(Protocol):
    async def admin_for_api_token(self, token: str) -> Administrator | None: ...
    async def admin_for_password(self, email: str, password: str,
                                 client_ip: str | None = None) -> PasswordSignIn: ...
    async def admin_by_id(self, person_id: int) -> Administrator | None: ...
    async def end_sessions(self, person_id: int) -> None: ...


class HealthCheck(Protocol):
    async def check(self) -> Health: ...


class ProjectsService(Protocol):
    """Projects, commitments and billing periods, always scoped to the admin's company.

    Objects of another company raise domain.errors.NotFound, exactly as missing ones do.
    """

    async def create_project(self, admin: Administrator, command: NewProject) -> Project: ...
    async def list_projects(self, admin: Administrator) -> list[Project]: ...
    async def get_project(self, admin: Administrator, project_id: int) -> Project: ...
    async def change_project(self, admin: Administrator, project_id: int,
                             changes: ProjectChanges) -> Project: ...

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
    async def revoke_links(self, admin: Administrator, invite_id: int,
                           channel: Channel) -> InviteRecord: ...


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


class AnswersService(Protocol):
    """A contact's Yes/No to an invite (the answer pages)."""

    async def view(self, invite_id: int, contact_id: int,
                   token_version: int | None) -> AnswerView: ...
    async def answer(self, request: AnswerRequest) -> AnswerResult: ...


class ContactAccessService(Protocol):
    """Contacts' one-time sign-in links and the commitments a signed-in contact may see.

    `commitment` raises domain.errors.NotFound for a commitment that is not the contact's.
    """

    async def request_link(self, email: str, ip: str | None) -> SignInRequest: ...
    async def link_is_usable(self, token: str) -> bool: ...
    async def use_link(self, token: str) -> SignedInContact | None: ...
    async def contact(self, person_id: int) -> SignedInContact | None: ...
    async def end_sessions(self, person_id: int) -> None: ...
    async def commitments(self, contact: SignedInContact) -> list[ContactCommitment]: ...
    async def commitment(self, contact: SignedInContact,
                         commitment_id: int) -> ContactCommitment: ...


class InboundWebhooksService(Protocol):
    """Other systems' webhooks: the secrets of a source (none: unknown source), and
    recording a verified event once (`receive`) or a payload that did not validate."""

    async def secrets_for(self, source: str) -> tuple[str, ...]: ...
    async def receive(self, event: InboundEvent) -> Receipt: ...
    async def reject(self, rejection: InboundRejection) -> Receipt: ...


class WebhookSubscriptionsService(Protocol):
    """A company's webhook subscriptions and their delivery log.

    Another company's subscriptions raise domain.errors.NotFound, as missing ones do.
    """

    async def create(self, admin: Administrator,
                     command: NewSubscription) -> CreatedSubscription: ...
    async def list_all(self, admin: Administrator) -> list[Subscription]: ...
    async def get(self, admin: Administrator, subscription_id: int) -> Subscription: ...
    async def change(self, admin: Administrator, subscription_id: int,
                     changes: SubscriptionChanges) -> ChangedSubscription: ...
    async def delete(self, admin: Administrator, subscription_id: int) -> None: ...
    async def deliveries(self, admin: Administrator,
                         subscription_id: int) -> list[DeliveryAttempt]: ...
    async def replay(self, admin: Administrator, delivery_id: int) -> int: ...


class WebhookSourcesService(Protocol):
    """Inbound webhook sources managed through the API, scoped to the admin's company.

    `create` raises Conflict when the name exists (settings or database); another company's
    source, or a revoked one, raises domain.errors.NotFound.
    """

    async def create(self, admin: Administrator, name: str) -> SourceWithSecret: ...
    async def list_all(self, admin: Administrator) -> list[WebhookSource]: ...
    async def rotate(self, admin: Administrator, source_id: int) -> SourceWithSecret: ...
    async def revoke(self, admin: Administrator, source_id: int) -> None: ...


class InvoicesService(Protocol):
    """Invoices: administrators see and review their company's; contacts enter their own.

    Objects of another company (or a commitment not the contact's) raise NotFound.
    """

    async def create_on_behalf(self, admin: Administrator, commitment_id: int,
                               entry: InvoiceEntry) -> InvoiceRecord: ...
    async def get(self, admin: Administrator, invoice_id: int) -> InvoiceRecord: ...
    async def list_for_period(self, admin: Administrator,
                              period_id: int) -> list[InvoiceListItem]: ...
    async def change_status(self, admin: Administrator, invoice_id: int,
                            status: InvoiceStatus, note: str | None) -> InvoiceRecord: ...
    async def add_sov_lines(self, admin: Administrator, commitment_id: int,
                            lines: list[NewSovLine]) -> None: ...
    async def save_for_contact(self, contact_id: int, commitment_id: int,
                               entry: InvoiceEntry, *, send: bool) -> InvoiceRecord: ...
    async def contact_sheet(self, contact_id: int, commitment_id: int,
                            period_id: int) -> InvoiceRecord: ...

    # Attachments of the contact's invoice (AttachmentTooLarge, AttachmentTypeRefused).
    @property
    def max_attachment_bytes(self) -> int: ...
    async def attach_for_contact(self, contact_id: int, commitment_id: int, period_id: int,
                                 filename: str, data: bytes) -> AttachmentInfo: ...
    async def attachment_for_contact(self, contact_id: int,
                                     attachment_id: int) -> tuple[AttachmentInfo, Path]: ...
    async def attachment_for_admin(self, admin: Administrator,
                                   attachment_id: int) -> tuple[AttachmentInfo, Path]: ...


class InboundMailService(Protocol):
    """Mail the email bot received, as administrators see it (their company's only:
    any other message raises NotFound)."""

    async def messages(self, admin: Administrator) -> list[InboundMessageRecord]: ...
    async def message(self, admin: Administrator, message_id: int) -> InboundMessageRecord: ...
    async def raw(self, admin: Administrator, message_id: int) -> bytes: ...
