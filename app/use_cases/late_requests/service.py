"""Late submission requests. After the due date (the project's zone) a contact asks for
more time for one invite's commitment, with an optional reason; the company's
administrators are mailed a signed link (purpose-bound, expiring, bound to the company);
granting opens the commitment for 1 to 30 days: answering, submitting and the reminders
follow the invite's new due date. Refusing closes the request. The contact is mailed either
way, and the invite's history records each step (who, when, days).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError

from app.jobs import JobQueue
from app.links import InvalidLink, LinkPurpose, LinkSigner
from app.use_cases.context import UseCaseContext
from app.use_cases.late_requests import _rules as rules
from app.use_cases.late_requests._writes import decision_rows, request_rows
from app.use_cases.reminders.schedule import reschedule
from domain.errors import Conflict, NotFound
from domain.invoice_records import EDITABLE_STATUSES, InvoiceStatus
from domain.model import Administrator
from domain.periods import is_past_due
from store import invites, invoices, late_requests, outbox
from store.late_requests import LateRequestFacts

__all__ = ["MAX_DAYS", "MIN_DAYS", "ContactLateState", "LateRequestFacts", "LateRequests"]
MIN_DAYS, MAX_DAYS = rules.MIN_DAYS, rules.MAX_DAYS

LINK_MAX_AGE = 14 * 24 * 3600  # an administrator's link works for two weeks


@dataclass(frozen=True)
class ContactLateState:
    """What the contact's invoice page says about more time for the commitment."""

    invite_id: int
    due_date: date           # the invite's due date now (extended once granted)
    past_due: bool
    can_ask: bool            # past due, the period open, no invoice sent, none open
    latest: LateRequestFacts | None


class LateRequests:
    def __init__(self, ctx: UseCaseContext, jobs: JobQueue, signer: LinkSigner) -> None:
        self.ctx = ctx
        self.jobs = jobs
        self.signer = signer

    async def for_contact(self, contact_id: int, commitment_id: int,
                          period_id: int) -> ContactLateState | None:
        """None when the commitment has no invite in the period (nothing to extend)."""
        async with self.ctx.sessions() as session:
            if not await invoices.is_contact_of(session, contact_id, commitment_id):
                raise NotFound(f"commitment {commitment_id} not found")
            invite = await late_requests.invite_of(session, commitment_id, period_id)
            if invite is None or invite.id is None:
                return None
            billing = await invoices.commitment_billing(session, commitment_id)
            period = await invoices.period_of_project(
                session, period_id, billing.commitment.project_id if billing else 0)
            if billing is None or period is None:
                return None
            due = await invoices.due_date_for(session, commitment_id, period)
            past_due = is_past_due(self.ctx.clock(), due, billing.project.time_zone)
            invoice = await invoices.invoice_of_period(session, commitment_id, period_id)
            sent = invoice is not None and InvoiceStatus(invoice.status) not in EDITABLE_STATUSES
            latest = await late_requests.latest_of_invite(session, invite.id)
            can_ask = (past_due and period.status == "open" and not sent
                       and (latest is None or latest.status != "open"))
            return ContactLateState(invite.id, due, past_due, can_ask, latest)

    async def ask(self, contact_id: int, commitment_id: int, period_id: int,
                  reason: str | None) -> LateRequestFacts:
        """Raises NotFound (not theirs), InvalidInput (the reason), Conflict (not past
        due, closed, already sent, or a request already open)."""
        reason = rules.clean_reason(reason)
        state = await self.for_contact(contact_id, commitment_id, period_id)
        if state is None:
            raise Conflict("there is no invite to extend for this billing period",
                           code="no_invite", words="late_no_invite")
        if not state.can_ask:
            english, words = _why_not(state)
            raise Conflict(english, code="late_request_not_possible", words=words)
        now = self.ctx.clock()
        async with self.ctx.sessions.begin() as session:
            try:
                row = await late_requests.open_request(session, state.invite_id, contact_id,
                                                       reason, now)
            except IntegrityError:  # asked twice at once: the first one stands
                raise Conflict("you have already asked for more time; the administrator "
                               "will answer by mail", code="late_request_open",
                               words="late_asked_already") from None
            facts = await late_requests.request_facts(session, row.id or 0)
            assert facts is not None
            admins = await late_requests.administrator_ids(session, facts.company_id)
            events, mails = request_rows(facts, admins, self.ctx.settings.inbound_domain, now)
            await invites.add_events(session, events)
            await outbox.enqueue(session, mails)
        await self.jobs.wake_email_delivery()
        return facts

    def link_token(self, request_id: int, company_id: int) -> str:
        return self.signer.sign(LinkPurpose.LATE_REQUEST, [request_id, company_id])

    async def for_admin(self, admin: Administrator, token: str) -> LateRequestFacts:
        """The request a link names, for an administrator of its company; NotFound for a
        damaged or expired link and for another company's administrator."""
        request_id = self._read(token, admin)
        async with self.ctx.sessions() as session:
            facts = await late_requests.request_facts(session, request_id)
        if facts is None or facts.company_id != admin.company_id:
            raise NotFound("late request not found")
        return facts

    async def decide(self, admin: Administrator, token: str, *, grant: bool,
                     days: int | None = None) -> LateRequestFacts:
        """Grant (1 to 30 days from today, local) or refuse; Conflict once decided or
        when the period has closed."""
        request_id = self._read(token, admin)
        if grant:
            days = rules.checked_days(days)
        now = self.ctx.clock()
        async with self.ctx.sessions.begin() as session:
            facts = await late_requests.request_facts(session, request_id)
            if facts is None or facts.company_id != admin.company_id:
                raise NotFound("late request not found")
            if grant and not facts.period_open:
                raise Conflict("the billing period is closed; more time can no longer be "
                               "granted", code="period_closed")
            due = rules.new_deadline(now, facts.time_zone, days or 0) if grant else None
            decided = await late_requests.decide(
                session, request_id, status="granted" if grant else "refused",
                person_id=admin.person_id, now=now, days=days if grant else None,
                new_due_date=due)
            if not decided:
                now_facts = await late_requests.request_facts(session, request_id)
                raise Conflict(_decided_already(now_facts or facts),
                               code="late_request_decided")
            if due is not None:
                await late_requests.extend_invite(session, facts.invite_id, due, now)
                # The reminders follow the new deadline (and the scan sees the change).
                await reschedule(session, now, period_id=facts.period_id)
            decided_facts = await late_requests.request_facts(session, request_id)
            assert decided_facts is not None
            events, mails = decision_rows(decided_facts, admin,
                                          self.ctx.settings.inbound_domain, now)
            await invites.add_events(session, events)
            await outbox.enqueue(session, mails)
        await self.jobs.wake_email_delivery()
        return decided_facts

    def _read(self, token: str, admin: Administrator) -> int:
        try:
            payload = self.signer.verify(LinkPurpose.LATE_REQUEST, token, max_age=LINK_MAX_AGE)
        except InvalidLink:
            raise NotFound("late request not found") from None
        if (len(payload) != 2 or not all(isinstance(part, int) for part in payload)
                or payload[1] != admin.company_id):
            raise NotFound("late request not found")  # another company's link: as unknown
        return int(payload[0])


def _why_not(state: ContactLateState) -> tuple[str, str]:
    """Why the contact may not ask, in English and as the key of its words."""
    if not state.past_due:
        return "the due date has not passed yet: you can still submit", "late_not_due"
    if state.latest is not None and state.latest.status == "open":
        return ("you have already asked for more time; the administrator will answer by "
                "mail", "late_asked_already")
    return ("more time cannot be asked for: the period is closed or the invoice is sent",
            "late_not_possible")


def _decided_already(facts: LateRequestFacts) -> str:
    who = facts.decided_by_name or "another administrator"
    return f"this request was already {facts.status} by {who}"
