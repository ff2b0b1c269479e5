"""A webhook subscription and its delivery log: the request bodies and the answers
(`WebhookSubscription`, `WebhookSubscriptionWithSecret` on create, `WebhookSubscriptionChange`
on PATCH, `WebhookDeliveryAttempt`, `WebhookReplayQueued`)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, StrictBool, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from domain.webhooks import (
    EVENT_TYPES,
    NewSubscription,
    Subscription,
    SubscriptionChanges,
    SubscriptionStatus,
)
from payloads.fields import SINGLE_LINE
from payloads.requests import RequestModel
from web.api.resources.base import Id, Instant, ResponseModel

Url = Annotated[str, Field(min_length=1, max_length=2000,
                           examples=["https://erp.example.com/hooks/invite-to-bill"]),
              SINGLE_LINE]
EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]
EventTypes = Annotated[list[EventType], Field(min_length=1, max_length=len(EVENT_TYPES))]


class NewSubscriptionRequest(RequestModel):
    """The body of POST /api/webhook-subscriptions."""

    url: Url = Field(description="Where to POST events: http(s), reachable from the "
                                 "internet (private addresses are refused).")
    event_types: EventTypes

    def to_command(self) -> NewSubscription:
        return NewSubscription(self.url, tuple(self.event_types))


class SubscriptionPatchRequest(RequestModel):
    """The body of PATCH /api/webhook-subscriptions/{id}: only the fields given change."""

    url: Url | None = None
    event_types: EventTypes | None = None
    status: Literal["active", "paused"] | None = Field(
        default=None, description="active resumes a paused or disabled subscription (and "
                                  "clears its failure count); paused stops it.")
    rotate_secret: StrictBool = Field(
        default=False, description="true: a new secret signs from now on; the answer "
                                   "shows it once.")

    @model_validator(mode="after")
    def _something(self) -> SubscriptionPatchRequest:
        if not self.model_fields_set:
            raise PydanticCustomError("empty_patch", "give at least one field to change")
        return self

    def to_changes(self) -> SubscriptionChanges:
        return SubscriptionChanges(
            self.url, tuple(self.event_types) if self.event_types is not None else None,
            SubscriptionStatus(self.status) if self.status else None, self.rotate_secret)


class WebhookSubscription(ResponseModel):
    id: Id
    url: str
    event_types: list[EventType]
    status: SubscriptionStatus = Field(
        description="paused: after an event failed every retry (about a day), or by hand; "
                    "disabled: the receiver answered 410 Gone.")
    status_reason: str | None
    consecutive_failures: int
    created_at: Instant

    @classmethod
    def from_record(cls, subscription: Subscription) -> WebhookSubscription:
        return cls.model_validate(subscription)


Secret = Annotated[str, Field(pattern="^whsec_", description=(
    "Verifies our signatures (Standard Webhooks). Shown only when created or rotated."))]


class WebhookSubscriptionWithSecret(WebhookSubscription):
    secret: Secret

    @classmethod
    def with_secret(cls, subscription: Subscription,
                    secret: str) -> WebhookSubscriptionWithSecret:
        return cls.model_validate({**WebhookSubscription.from_record(subscription).model_dump(),
                                   "secret": secret})


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


class WebhookSubscriptionChange(WebhookSubscription):
    """PATCH's answer: `secret` appears only when the request rotated it (interface.md
    shows the secret on create; a rotation is the one other time it is shown)."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=False)

    # Absent rather than null when not rotated, so the schema says string, not required.
    secret: Annotated[str | None, WithJsonSchema({
        "type": "string", "pattern": "^whsec_",
        "description": "The new secret, when the request rotated it (shown only now)."})] = \
        Field(default=None, json_schema_extra=_no_default)

    @classmethod
    def from_change(cls, subscription: Subscription,
                    secret: str | None) -> WebhookSubscriptionChange:
        fields = dict(WebhookSubscription.from_record(subscription).model_dump())
        if secret is not None:
            fields["secret"] = secret
        return cls.model_validate(fields)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_unset=True)


class WebhookDeliveryAttempt(ResponseModel):
    id: Id
    subscription_id: Id
    message_id: Id = Field(description="The event's delivery to this subscription (all "
                                       "attempts).")
    event_type: str
    attempt: int
    succeeded: bool
    status_code: int | None
    latency_ms: int | None
    response_excerpt: Annotated[str, Field(max_length=500)] | None
    error: str | None
    at: Instant
    message_status: Literal["pending", "sent", "failed", "dead"]


class WebhookReplayQueued(ResponseModel):
    message_id: Id
    status: Literal["pending"] = "pending"
