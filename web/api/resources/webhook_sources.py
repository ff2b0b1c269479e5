"""An inbound webhook source managed through the API: the body of POST
/api/webhook-sources and the answers (`WebhookSource`, `WebhookSourceWithSecret`)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from domain.webhooks import SourceWithSecret
from payloads.requests import RequestModel
from web.api.resources.base import Id, Instant, ResponseModel

NAME_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,49}$"


class NewWebhookSourceRequest(RequestModel):
    """The body of POST /api/webhook-sources."""

    name: Annotated[str, Field(
        pattern=NAME_PATTERN, examples=["erp"],
        description="The source's name in POST /webhooks/<name>: lower-case letters, "
                    "digits, '_', '.', '-' (at most 50); unique among all sources.")]


class WebhookSource(ResponseModel):
    id: Id
    name: str = Field(pattern=NAME_PATTERN)
    created_at: Instant


class WebhookSourceWithSecret(WebhookSource):
    secret: str = Field(pattern="^whsec_", description=(
        "Signs the source's events (Standard Webhooks). Shown only here."))

    @classmethod
    def from_record(cls, made: SourceWithSecret) -> WebhookSourceWithSecret:
        return cls.model_validate({**WebhookSource.model_validate(made.source).model_dump(),
                                   "secret": made.secret})
