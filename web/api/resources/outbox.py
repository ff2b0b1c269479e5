"""Mail that could not be delivered (`UndeliveredMessage`) and a retry's answer."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from web.api.resources.base import Count, Id, Instant, ResponseModel


class UndeliveredMessage(ResponseModel):
    id: Id
    recipient: str | None
    template: str | None = Field(examples=["invite"])
    invite_id: int | None
    status: Literal["failed", "dead"] = Field(
        description="failed: refused for good; dead: retries used up")
    attempts: Count
    last_error: str | None
    created_at: Instant


class RetryQueued(ResponseModel):
    id: Id
    status: Literal["pending"] = "pending"
