"""Webhook subscriptions in JSON: request models, serializers and response schemas."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StrictBool, model_validator
from pydantic_core import PydanticCustomError

from domain.webhooks import (
    EVENT_TYPES,
    DeliveryAttempt,
    NewSubscription,
    Subscription,
    SubscriptionChanges,
    SubscriptionStatus,
)
from payloads.fields import SINGLE_LINE
from payloads.openapi_parts import JsonObject, ref
from payloads.requests import RequestModel

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


def subscription_json(subscription: Subscription,
                      secret: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": subscription.id, "url": subscription.url,
        "event_types": list(subscription.event_types), "status": subscription.status.value,
        "status_reason": subscription.status_reason,
        "consecutive_failures": subscription.consecutive_failures,
        "created_at": subscription.created_at.isoformat()}
    if secret is not None:
        body["secret"] = secret
    return body


def attempt_json(attempt: DeliveryAttempt) -> dict[str, Any]:
    return {"id": attempt.id, "subscription_id": attempt.subscription_id,
            "message_id": attempt.message_id, "event_type": attempt.event_type,
            "attempt": attempt.attempt, "succeeded": attempt.succeeded,
            "status_code": attempt.status_code, "latency_ms": attempt.latency_ms,
            "response_excerpt": attempt.response_excerpt, "error": attempt.error,
            "at": attempt.at.isoformat(), "message_status": attempt.message_status}


_NULLABLE_TEXT: JsonObject = {"type": ["string", "null"]}
_NULLABLE_INT: JsonObject = {"type": ["integer", "null"]}
_TIME: JsonObject = {"type": "string", "format": "date-time"}

SUBSCRIPTION_PROPERTIES: JsonObject = {
    "id": {"type": "integer"}, "url": {"type": "string"},
    "event_types": {"type": "array", "items": {"enum": list(EVENT_TYPES)}},
    "status": {"enum": [s.value for s in SubscriptionStatus],
               "description": "paused: after an event failed every retry (about a day), or "
                              "by hand; disabled: the receiver answered 410 Gone."},
    "status_reason": _NULLABLE_TEXT, "consecutive_failures": {"type": "integer"},
    "created_at": _TIME,
}

SCHEMAS: dict[str, JsonObject] = {
    "WebhookSubscription": {"type": "object", "required": list(SUBSCRIPTION_PROPERTIES),
                            "properties": SUBSCRIPTION_PROPERTIES},
    "WebhookSubscriptionWithSecret": {
        "type": "object", "required": [*SUBSCRIPTION_PROPERTIES, "secret"],
        "properties": {**SUBSCRIPTION_PROPERTIES, "secret": {
            "type": "string", "pattern": "^whsec_",
            "description": "Verifies our signatures (Standard Webhooks). Shown only here."}}},
    "WebhookDeliveryAttempt": {
        "type": "object",
        "required": ["id", "subscription_id", "message_id", "event_type", "attempt",
                     "succeeded", "status_code", "latency_ms", "response_excerpt", "error",
                     "at", "message_status"],
        "properties": {
            "id": {"type": "integer"}, "subscription_id": {"type": "integer"},
            "message_id": {"type": "integer", "description": "The event's delivery to this "
                                                             "subscription (all attempts)."},
            "event_type": {"type": "string"}, "attempt": {"type": "integer"},
            "succeeded": {"type": "boolean"}, "status_code": _NULLABLE_INT,
            "latency_ms": _NULLABLE_INT,
            "response_excerpt": {**_NULLABLE_TEXT, "maxLength": 500},
            "error": _NULLABLE_TEXT, "at": _TIME,
            "message_status": {"enum": ["pending", "sent", "failed", "dead"]}}},
    "WebhookReplayQueued": {
        "type": "object", "required": ["message_id", "status"],
        "properties": {"message_id": {"type": "integer"}, "status": {"const": "pending"}}},
}

SUBSCRIPTION = ref("WebhookSubscription")
