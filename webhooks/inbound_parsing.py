"""Turning a received body into a validated event, and an event into a domain command."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter, ValidationError

from domain.commands import NewContact
from domain.inbound_events import (
    CommitmentRef,
    DeliveryStatus,
    EmailDeliveryReport,
    InboundCommand,
    OpenPeriod,
    RecordPayment,
    RequestInvites,
    UpsertCommitment,
)
from webhooks.inbound_schemas import (
    EVENT_TYPES,
    AnyEvent,
    BillingPeriodOpenedEvent,
    CommitmentUpsertedEvent,
    InvitesRequestedEvent,
    InvoicePaidEvent,
)

_ADAPTER: TypeAdapter[Any] = TypeAdapter(AnyEvent)


class InvalidEvent(Exception):
    def __init__(self, reason: str, event_type: str | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.event_type = event_type


def event_type_of(body: dict[str, Any]) -> str | None:
    value = body.get("type")
    return value if isinstance(value, str) and value in EVENT_TYPES else None


def validate_event(body: dict[str, Any]) -> Any:
    """The event model for `body`; raises InvalidEvent with a reason naming the fields."""
    if event_type_of(body) is None:
        raise InvalidEvent(f"\"type\" must be one of: {', '.join(EVENT_TYPES)}", None)
    try:
        return _ADAPTER.validate_python(body)
    except ValidationError as error:
        raise InvalidEvent(_summary(error), event_type_of(body)) from None


def parse_event(body: dict[str, Any]) -> InboundCommand:
    """The domain command an event asks for (the body was validated when it arrived)."""
    event = validate_event(body)
    data = event.data
    if isinstance(event, CommitmentUpsertedEvent):
        return UpsertCommitment(
            data.project.to_ref(), data.to_command(), data.contract_company.external_id,
            tuple((NewContact(c.name, c.email).validated().email, c.external_id)
                  for c in data.invoice_contacts if c.external_id))
    if isinstance(event, BillingPeriodOpenedEvent):
        return OpenPeriod(data.project.to_ref(), data.to_command(), data.send_invites)
    if isinstance(event, InvitesRequestedEvent):
        return RequestInvites(
            data.billing_period_id, data.project.to_ref() if data.project else None,
            None if data.all else tuple(CommitmentRef(c.id, c.external_id)
                                        for c in data.commitments or ()),
            data.resend_answered, data.invoice_type)
    if isinstance(event, InvoicePaidEvent):
        return RecordPayment(data.invoice_id, data.amount, data.paid_on, data.method,
                             data.reference, data.external_id)
    return EmailDeliveryReport(
        data.message_id.strip(), DeliveryStatus(data.status),
        permanent=data.bounce_type == "hard", diagnostic=data.diagnostic)


def _summary(error: ValidationError) -> str:
    parts = []
    problems = error.errors(include_url=False, include_input=False)
    for item in problems[:5]:
        location = list(item["loc"])
        if location and location[0] in EVENT_TYPES:  # the union's tag, not a field
            location.pop(0)
        where = ".".join(str(part) for part in location) or "body"
        parts.append(f"{where}: {item['msg']}")
    more = f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
    return ("; ".join(parts) + more)[:500]
