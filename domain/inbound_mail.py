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
    "not_a_contact": "From someone who is not an invoice contact of the invite (not "
                     "answered, changes nothing)",
    "unauthenticated": "DKIM signature failed and the sender's domain asks to reject "
                       "such mail (changes nothing)",
    "stale_reply_address": "Sent to the reply address of an older mail of the invite (a "
                           "newer one was sent, or its links were revoked): changes nothing",
    "unmatched": "Names no invite", "auto_reply": "Automatic reply (ignored)",
    "postmaster": "To postmaster (received mail only: answers count only at the invite's "
                  "reply address)",
    "bounce": "Bounce: delivery failed for good",
    "bounce_temporary": "Bounce: delivery delayed (counted only)",
    "bounce_unrecognised": "Sent to a bounce address, but no permanent failure found "
                           "(changes nothing)",
    "bounce_other_recipient": "Bounce about another recipient than our mail's (changes "
                              "nothing)",
    "bounce_unverified": "Bounce to an address whose mark does not verify (changes "
                         "nothing)",
    "bounce_unmatched": "Bounce naming no mail of ours", "error": "Could not be processed",
}
# The DKIM results of mailer.mail_authentication, for the administrators' list.
DKIM_RESULTS = {"pass": "DKIM: valid signature", "fail": "DKIM: signature failed",
                "temperror": "DKIM: could not be checked (DNS)", "none": "DKIM: unsigned"}


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
    def dkim(self) -> str:
        """How the DKIM check went ("" when the message was not checked)."""
        found = self.detail.get("authentication")
        result = found.get("dkim") if isinstance(found, dict) else None
        return DKIM_RESULTS.get(str(result), "") if result else ""

    @property
    def described(self) -> str:
        if self.classification is None:
            return "Waiting to be processed"
        return CLASSIFICATIONS.get(self.classification, self.classification)
