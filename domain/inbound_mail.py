"""A received message as administrators see it: who sent it, to which of our addresses,
and how the email bot classified it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# What processing decided, for the administrators' list (store's `classification`).
CLASSIFICATIONS = {
    "answer_yes": "Answered Yes", "answer_no": "Answered No",
    "answer_refused": "Answer refused (due date passed, period closed, ...)",
    "unclear": "No Yes or No found: kept for you, the sender was told how to answer",
    "not_a_contact": "Not an invoice contact of the commitment (told once)",
    "unmatched": "Names no invite", "auto_reply": "Automatic reply (ignored)",
    "postmaster": "To postmaster", "bounce": "Bounce: delivery failed for good",
    "bounce_temporary": "Bounce: delivery delayed (counted only)",
    "bounce_unmatched": "Bounce naming no mail of ours", "error": "Could not be processed",
}


@dataclass(frozen=True)
class InboundMessageRecord:
    id: int
    received_at: datetime
    mail_from: str
    rcpt_to: str
    size: int
    invite_id: int | None
    classification: str | None
    processed_at: datetime | None
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def subject(self) -> str:
        return str(self.detail.get("subject") or "")

    @property
    def described(self) -> str:
        if self.classification is None:
            return "Waiting to be processed"
        return CLASSIFICATIONS.get(self.classification, self.classification)
