"""A contact's answer to an invite: who may answer, until when, and what the page says.

The transition itself (Yes/No on the current status) is `domain.invites.answer_invite`;
this module adds the checks around it that every channel shares (link, email, API).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.contacts import SignedInContact
from domain.errors import Forbidden, PastDue
from domain.invites import Answer
from domain.invoice_types import DEFAULT_INVITE_TYPE, InviteType
from domain.model import Channel, InviteStatus
from domain.periods import due_cutoff
from domain.time_left import TimeLeft, time_left_until


@dataclass(frozen=True)
class AnswerRules:
    """What the answer rules read of an invite, for one contact (the slim read that the
    hot path locks)."""

    invite_id: int
    commitment_id: int
    billing_period_id: int
    status: InviteStatus
    token_version: int
    invoice_sent: bool
    due_date: date
    time_zone: str
    period_open: bool
    inviter_id: int | None
    contact_id: int
    # False once the contact was removed from the commitment.
    is_contact: bool

    @property
    def cutoff(self) -> datetime:
        """The first instant after the due date, in UTC."""
        return due_cutoff(self.due_date, self.time_zone)

    def is_closed(self, now: datetime) -> bool:
        """No answer can be given or changed: the due date has passed or the period closed."""
        return not self.period_open or now >= self.cutoff

    def admits(self, token_version: int | None, now: datetime) -> bool:
        """Whether `check_access` and `ensure_open` pass (they say why when not)."""
        return ((token_version is None or token_version == self.token_version)
                and self.is_contact and not self.is_closed(now))


@dataclass(frozen=True)
class InviteFacts(AnswerRules):
    """One invite as one of its contacts sees it: the rules' facts and what the page says."""

    answered_at: datetime | None
    answered_by_name: str | None
    project_name: str
    locale: str
    commitment_number: str
    commitment_title: str
    contract_company: str
    period_start: date
    period_end: date
    inviter_name: str
    inviter_email: str
    contact_name: str
    contact_email: str
    # What the contact is invited to bill (shown beside the commitment).
    invoice_type: InviteType = DEFAULT_INVITE_TYPE
    # The project's dictionary of terms; `locale` is the contact's language when they
    # chose one, else the project's.
    terminology: str = "general_contractor"


@dataclass(frozen=True)
class AnswerRequest:
    """An answer from any channel. `token_version` is checked when the channel carried one
    (a signed link); a reply by email identifies the invite by its reply address instead."""

    invite_id: int
    contact_id: int
    answer: Answer
    channel: Channel
    token_version: int | None = None
    ip_address: str | None = None
    user_agent: str | None = None


@dataclass(frozen=True)
class AnswerView:
    """The answer page's subject: the invite's facts as of `now`."""

    facts: InviteFacts
    now: datetime

    @property
    def closed(self) -> bool:
        return self.facts.is_closed(self.now)

    @property
    def time_left(self) -> TimeLeft:
        return time_left_until(self.now, self.facts.cutoff)


@dataclass(frozen=True)
class AnswerResult:
    """What became of an answer: the invite's rules' facts after it, and `changed`, False
    when it repeated the current answer. `contact` is the person who answered as a session
    names them (their current session version), read with the rules under the invite's
    lock; None when the person is not a contact."""

    rules: AnswerRules
    answer: Answer
    changed: bool
    contact: SignedInContact | None = None


def check_access(facts: InviteFacts, token_version: int | None) -> None:
    """Refuse a link that was replaced, or a person no longer on the commitment (403)."""
    if token_version is not None and token_version != facts.token_version:
        raise Forbidden("This link was replaced by a newer invite: a newer invitation was "
                        "sent for this billing period (or the sender withdrew this link). "
                        "Use the link in the most recent email about it, or ask "
                        f"{facts.inviter_name} ({facts.inviter_email}) to send it again.",
                        code="link_replaced")
    if not facts.is_contact:
        raise Forbidden(f"You are no longer an invoice contact of {facts.commitment_number}, "
                        f"so this invite is not yours to answer. If that is a mistake, ask "
                        f"{facts.inviter_name} ({facts.inviter_email}).",
                        code="not_a_contact")


def ensure_open(facts: InviteFacts, now: datetime) -> None:
    """PastDue (410) once answers are closed, saying whom to ask instead."""
    if not facts.period_open:
        raise PastDue("This billing period is closed. Ask "
                      f"{facts.inviter_name} ({facts.inviter_email}) to create the invoice "
                      "on your behalf.", code="period_closed")
    if now >= facts.cutoff:
        raise PastDue("The due date has passed, so answers can no longer be given or "
                      f"changed. Ask {facts.inviter_name} ({facts.inviter_email}) to create "
                      "the invoice on your behalf.")


def answer_status(answer: Answer) -> InviteStatus:
    return InviteStatus.ACCEPTED if answer is Answer.YES else InviteStatus.DECLINED
