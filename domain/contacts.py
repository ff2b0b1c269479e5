"""Invoice contacts on their own pages: who is signed in, what they may see, and how often
they may ask for a sign-in link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from domain.model import InviteStatus
from domain.time_left import TimeLeft

# A mailed sign-in link works once, within this time.
SIGN_IN_LINK_LIFETIME = timedelta(minutes=15)


@dataclass(frozen=True)
class SignedInContact:
    person_id: int
    name: str
    email: str
    # The person's current session version: a session cookie naming another is void.
    session_version: int = 1
    # Their preferred language ("fr-CA"), or None: their projects' then decide.
    language: str | None = None


@dataclass(frozen=True)
class ContactCommitment:
    """A commitment the contact is an invoice contact of, with its current period's invite."""

    commitment_id: int
    number: str
    title: str
    contract_company: str
    project_name: str
    time_zone: str
    period_id: int | None
    period_start: date | None
    period_end: date | None
    due_date: date | None
    invite_id: int | None
    invite_status: InviteStatus
    # As of the moment it was read: whether the period's due date has passed (or there is
    # no open period), and how long is left otherwise.
    closed: bool = True
    time_left: TimeLeft | None = None
    # The language and dictionary of the contact's pages about it: the contact's own
    # language over the project's locale, and the project's terminology.
    locale: str = "en-US"
    terminology: str = "general_contractor"


@dataclass(frozen=True)
class RateLimit:
    """At most `limit` requests per `window` (fixed windows, counted in the database)."""

    limit: int
    window: timedelta

    def window_start(self, now: datetime) -> datetime:
        """The start of the window `now` falls in (windows are aligned to the epoch)."""
        seconds = int(self.window.total_seconds())
        epoch = int(now.timestamp())
        return datetime.fromtimestamp(epoch - epoch % seconds, tz=UTC)

    def retry_after(self, now: datetime) -> timedelta:
        """How long until the current window ends."""
        return self.window_start(now) + self.window - now


# Per address: enough for a contact who mistyped or lost a mail, not for mail bombing.
PER_ADDRESS = RateLimit(5, timedelta(minutes=15))
# Per IP address: an office behind one address may have several contacts.
PER_IP = RateLimit(20, timedelta(minutes=15))


@dataclass(frozen=True)
class SignInRequest:
    """The outcome of asking for a link. `accepted` says nothing about whether a mail was
    sent (that depends on the address, which the page must not reveal)."""

    accepted: bool
    retry_after: timedelta = timedelta(0)

