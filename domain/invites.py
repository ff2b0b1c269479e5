"""Invite status transitions and the per-commitment decision of a batch."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.errors import Conflict, PastDue
from domain.model import InviteStatus


class Answer(StrEnum):
    YES = "yes"
    NO = "no"


@dataclass(frozen=True)
class AnswerOutcome:
    status: InviteStatus
    changed: bool


def answer_invite(current: InviteStatus, answer: Answer, *, past_due: bool,
                  invoice_sent: bool) -> AnswerOutcome:
    """Apply a contact's Yes/No. Repeating the same answer is harmless (changed=False).

    Declined -> Accepted and Accepted -> Declined are allowed until the cutoff; declining
    after the invoice was sent is not, since the invoice already answers the question.
    """
    if current is InviteStatus.NOT_INVITED:
        raise Conflict("this commitment has not been invited for the period",
                       code="not_invited")
    if past_due:
        raise PastDue("the due date has passed; answers can no longer be changed")
    target = InviteStatus.ACCEPTED if answer is Answer.YES else InviteStatus.DECLINED
    if current is target:
        return AnswerOutcome(current, changed=False)
    if target is InviteStatus.DECLINED and invoice_sent:
        raise Conflict("an invoice has already been sent for this period",
                       code="invoice_sent")
    return AnswerOutcome(target, changed=True)


class SendAction(StrEnum):
    SEND = "send"        # first invite for the period
    RESEND = "resend"    # a fresh copy of an invite already sent
    SKIP = "skip"


class SkipReason(StrEnum):
    NO_INVOICE_CONTACT = "no_invoice_contact"
    CONTACTS_UNDELIVERABLE = "contacts_undeliverable"
    INVOICE_SENT = "invoice_sent"
    ALREADY_ANSWERED = "already_answered"
    NOT_FOUND = "not_found"
    COMMITMENT_CLOSED = "commitment_closed"


SKIP_MESSAGES = {
    SkipReason.NO_INVOICE_CONTACT: "The commitment has no invoice contact.",
    SkipReason.CONTACTS_UNDELIVERABLE: "Every invoice contact's address bounced.",
    SkipReason.INVOICE_SENT: "An invoice for this period has already been sent.",
    SkipReason.ALREADY_ANSWERED: "The invite was already answered; ask to resend to send it again.",
    SkipReason.NOT_FOUND: "No such commitment in this project.",
    SkipReason.COMMITMENT_CLOSED: "The commitment is closed.",
}


@dataclass(frozen=True)
class SendDecision:
    action: SendAction
    reason: SkipReason | None = None

    @property
    def message(self) -> str:
        return SKIP_MESSAGES[self.reason] if self.reason else ""


def decide_send(status: InviteStatus, *, contacts: int, deliverable_contacts: int,
                invoice_sent: bool, resend_answered: bool) -> SendDecision:
    """What a batch does with one commitment. The period checks come first (see periods)."""
    if invoice_sent:
        return SendDecision(SendAction.SKIP, SkipReason.INVOICE_SENT)
    if contacts == 0:
        return SendDecision(SendAction.SKIP, SkipReason.NO_INVOICE_CONTACT)
    if deliverable_contacts == 0:
        return SendDecision(SendAction.SKIP, SkipReason.CONTACTS_UNDELIVERABLE)
    if status is InviteStatus.NOT_INVITED:
        return SendDecision(SendAction.SEND)
    if status is InviteStatus.INVITED or resend_answered:
        return SendDecision(SendAction.RESEND)
    return SendDecision(SendAction.SKIP, SkipReason.ALREADY_ANSWERED)


@dataclass(frozen=True)
class Skipped:
    commitment_id: int
    reason: SkipReason

    @property
    def message(self) -> str:
        return SKIP_MESSAGES[self.reason]


@dataclass(frozen=True)
class BatchResult:
    batch_id: int
    invited: int
    resent: int
    messages: int
    skipped: tuple[Skipped, ...]
