"""Rows to domain records: the one place that knows both shapes."""

from __future__ import annotations

from domain.attachments import AttachmentInfo
from domain.contacts import SignedInContact
from domain.inbound_mail import InboundMessageRecord
from domain.invoice_chain import StoredInvoice
from domain.invoice_records import InvoiceStatus, LineEntry
from domain.model import (
    AccountingMethod,
    Administrator,
    BillingPeriod,
    Commitment,
    CommitmentKind,
    Contact,
    InviteEventRecord,
    PeriodStatus,
    Project,
    ReminderPolicy,
    SovLine,
    UndeliveredMessage,
)
from domain.period_defaults import Cadence, PeriodDefaults, day_spec
from domain.sub_tier_policy import SubTierWaiverPolicy, SubTierWaiverRule
from domain.webhooks import Subscription, SubscriptionStatus, WebhookSource
from store import tables


def reminder_policy(days_before: str, hour: int, daily_after_due: bool,
                    max_after_due: int, every_days_before: int | None) -> ReminderPolicy:
    """The project's reminder columns; `days_before` is stored as text, e.g. "3,1"."""
    days = tuple(int(part) for part in days_before.split(",") if part.strip())
    return ReminderPolicy(days, hour, daily_after_due, max_after_due, every_days_before)


def days_before_text(days: tuple[int, ...]) -> str:
    return ",".join(str(day) for day in days)


def project(row: tables.Project) -> Project:
    assert row.id is not None
    return Project(
        id=row.id, company_id=row.company_id, name=row.name, number=row.number,
        time_zone=row.time_zone, locale=row.locale,
        accounting_method=AccountingMethod(row.accounting_method),
        invitation_message=row.invitation_message, allow_overbilling=row.allow_overbilling,
        reminders=reminder_policy(row.reminder_days_before, row.reminder_hour,
                                  row.reminder_daily_after_due, row.reminder_max_after_due,
                                  row.reminder_every_days_before),
        period_defaults=period_defaults(row), terminology=row.terminology,
        sub_tier_waivers=SubTierWaiverPolicy(SubTierWaiverRule(row.sub_tier_waiver_rule),
                                             row.sub_tier_waiver_threshold),
        state=row.state,
    )


def period_defaults(row: tables.Project) -> PeriodDefaults:
    return PeriodDefaults(
        start_day=row.period_start_day, end_day=day_spec(row.period_end_day, "end_day"),
        due_day=day_spec(row.period_due_day, "due_day"), cadence=Cadence(row.period_cadence),
        week_start=row.period_week_start, send_invites=row.period_send_invites)


def set_period_defaults(row: tables.Project, defaults: PeriodDefaults) -> None:
    row.period_start_day, row.period_week_start = defaults.start_day, defaults.week_start
    row.period_end_day, row.period_due_day = str(defaults.end_day), str(defaults.due_day)
    row.period_cadence, row.period_send_invites = defaults.cadence.value, defaults.send_invites


def sov_line(row: tables.SovLine) -> SovLine:
    return SovLine(
        id=row.id, item_number=row.item_number, cost_code=row.cost_code,
        description=row.description, scheduled_value=row.scheduled_value,
        change_order=row.change_order, quantity=row.quantity, unit=row.unit,
        unit_price=row.unit_price,
    )


def contact(person: tables.Person) -> Contact:
    return Contact(id=person.id, name=person.name, email=person.email,
                   deliverable=person.deliverable)


def commitment(row: tables.Commitment, company: tables.Company, lines: list[tables.SovLine],
               people: list[tables.Person]) -> Commitment:
    return Commitment(
        id=row.id, project_id=row.project_id, number=row.number, title=row.title,
        kind=CommitmentKind(row.kind), contract_company=company.name,
        retainage_percent_work=row.retainage_percent_work,
        retainage_percent_stored=row.retainage_percent_stored,
        stored_materials_billed_separately=row.stored_materials_billed_separately,
        sov_lines=tuple(sov_line(line) for line in lines),
        invoice_contacts=tuple(contact(person) for person in people),
        external_id=row.external_id,
        contract_company_id=company.id, closed=row.status == "closed",
    )


def billing_period(row: tables.BillingPeriod) -> BillingPeriod:
    assert row.id is not None
    return BillingPeriod(
        id=row.id, project_id=row.project_id, start_date=row.start_date,
        end_date=row.end_date, due_date=row.due_date, billing_date=row.billing_date,
        status=PeriodStatus(row.status), created_at=row.created_at,
    )


def inbound_message(row: tables.InboundMessage) -> InboundMessageRecord:
    assert row.id is not None
    return InboundMessageRecord(
        id=row.id, received_at=row.received_at, mail_from=row.mail_from,
        rcpt_to=row.rcpt_to, size=row.size, invite_id=row.invite_id,
        classification=row.classification, processed_at=row.processed_at,
        detail=dict(row.detail or {}))


def invite_event(row: tables.InviteEvent, person_name: str | None) -> InviteEventRecord:
    return InviteEventRecord(
        kind=row.kind, at=row.at, channel=row.channel, person_id=row.person_id,
        person_name=person_name, ip_address=row.ip_address, user_agent=row.user_agent,
        detail=dict(row.detail or {}))


def administrator(person: tables.Person) -> Administrator:
    assert person.id is not None
    return Administrator(person_id=person.id, company_id=person.company_id, name=person.name,
                         email=person.email, session_version=person.session_version,
                         language=person.language)


def attachment(row: tables.Attachment) -> AttachmentInfo:
    return AttachmentInfo(row.id or 0, row.filename, row.content_type, row.size, row.sha256)


def webhook_subscription(row: tables.WebhookSubscription) -> Subscription:
    assert row.id is not None
    return Subscription(id=row.id, url=row.url, event_types=tuple(row.event_types),
                        status=SubscriptionStatus(row.status), status_reason=row.status_reason,
                        consecutive_failures=row.consecutive_failures,
                        created_at=row.created_at)


def webhook_source(row: tables.WebhookSource) -> WebhookSource:
    assert row.id is not None
    return WebhookSource(id=row.id, name=row.name, created_at=row.created_at)


def signed_in_contact(person: tables.Person) -> SignedInContact:
    assert person.id is not None
    return SignedInContact(person.id, person.name, person.email, person.session_version,
                           person.language)


def line_entry(row: tables.InvoiceLine) -> LineEntry:
    return LineEntry(row.sov_line_id, row.work_completed_this_period,
                     row.materials_presently_stored, row.retainage_released,
                     row.quantity_this_period, row.closed_short)


def stored_invoice(row: tables.Invoice, entries: list[LineEntry]) -> StoredInvoice:
    """The invoice as its commitment's history needs it: status and what was entered."""
    assert row.id is not None
    return StoredInvoice(row.id, InvoiceStatus(row.status), tuple(entries))


def undelivered_message(row: tables.OutboxMessage, person_email: str | None) -> UndeliveredMessage:
    return UndeliveredMessage(
        id=row.id or 0, recipient=person_email or row.recipient, template=row.template,
        invite_id=row.invite_id, status=row.status, attempts=row.attempts,
        last_error=row.last_error, created_at=row.created_at)
