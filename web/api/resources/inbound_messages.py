"""Mail the email bot received (`InboundMessage`)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, WithJsonSchema

from domain.inbound_mail import CLASSIFICATIONS
from web.api.resources.base import Count, Id, Instant, ResponseModel

Classification = Annotated[str | None, WithJsonSchema({
    "anyOf": [{"enum": sorted(CLASSIFICATIONS)}, {"type": "null"}],
    "description": "null until processed"})]


class InboundMessage(ResponseModel):
    id: Id
    received_at: Instant
    mail_from: str = Field(description="The envelope sender ('' for bounces).")
    rcpt_to: str = Field(examples=["bill+k7q2m9x4w1@reply.example.com"])
    size: Count
    subject: str
    invite_id: int | None
    classification: Classification
    description: str = Field(validation_alias="described")
    processed_at: Instant | None
    detail: dict[str, Any] = Field(description=(
        "What processing found: sender, subject, the reply's text, the answer and whether "
        "it changed anything, `authentication` (dkim: pass, fail, temperror or none; "
        "from_domain; signing_domains; dmarc: the From domain's policy); for bounces the "
        "recipients, verdict (permanent, temporary, unrecognised), permanent, diagnostic "
        "and outbox_id."))
