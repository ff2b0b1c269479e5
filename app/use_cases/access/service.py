"""Who may act. Administrators: creation, passwords, API tokens, and authenticating them
(every attempt recorded); the team of a company's administrators (inviting a colleague by
mail, removing one, password resets by mail). Invoice contacts, without passwords:
one-time sign-in links by mail, rate-limited, and what a signed-in contact may see (only
the commitments they are an invoice contact of). Both: signing out everywhere."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.credentials import (
    hash_password,
    new_api_token,
    token_hash,
)
from app.jobs import JobQueue
from app.links import LinkPurpose, LinkSigner
from app.use_cases.access import _passwords, _sign_in, _team
from app.use_cases.access._links import ADMIN_LINKS, mailed_link
from app.use_cases.access._rate_limits import wait_for
from app.use_cases.context import UseCaseContext
from domain.contacts import (
    PER_ADDRESS,
    PER_IP,
    SIGN_IN_LINK_LIFETIME,
    ContactCommitment,
    SignedInContact,
    SignInRequest,
)
from domain.errors import InvalidInput, NotFound
from domain.model import Administrator
from domain.periods import due_cutoff
from domain.sign_in import PasswordSignIn
from domain.team import (
    ADMIN,
    HistoryPage,
    TeamMember,
    email_problem,
    password_problem,
)
from domain.time_left import time_left_until
from store import contacts, mapping, outbox, people, periods, projects, sign_in, team
from store.tables import Person

MAX_EMAIL = 254


class Access:
    def __init__(self, ctx: UseCaseContext, jobs: JobQueue, signer: LinkSigner) -> None:
        self.ctx = ctx
        self.jobs = jobs
        self.signer = signer

    async def create_admin(self, *, email: str, name: str, password: str,
                           company_name: str = "My Company") -> Administrator:
        """Create (or update the password of) an administrator. A new password ends every
        session of the administrator (a stolen cookie must not outlive it)."""
        email = email.strip().lower()
        problem = email_problem(email) or password_problem(password)
        if problem is not None:
            raise InvalidInput(problem)
        async with self.ctx.sessions.begin() as session:
            person = await people.admin_row_by_email(session, email)
            if person is None:
                company = await projects.find_or_add_company(session, company_name, "upstream")
                assert company.id is not None
                # Invited to (or removed from) that company before: the same person.
                person = await team.invitable_row(session, company.id, email) \
                    or await people.add_admin(session, company_id=company.id, name=name,
                                              email=email)
            person.session_version += 1
            person.role = ADMIN
            person.name = name
            person.password_hash = hash_password(password)
            await session.flush()
            assert person.id is not None
            # A pending invitation or reset link has nothing left to do.
            await sign_in.void_links(session, person.id, self.ctx.clock(), ADMIN_LINKS)
            return mapping.administrator(person)

    async def issue_api_token(self, email: str, label: str = "") -> str:
        async with self.ctx.sessions.begin() as session:
            person = await _admin_by_email(session, email)
            token = new_api_token()
            assert person.id is not None
            await people.add_api_token(session, person.id, token_hash(token), label)
            return token

    async def admin_for_api_token(self, token: str) -> Administrator | None:
        async with self.ctx.sessions() as session:
            return await people.admin_for_token_hash(session, token_hash(token))

    async def admin_for_password(self, email: str, password: str,
                                 client_ip: str | None = None,
                                 user_agent: str | None = None) -> PasswordSignIn:
        """Check a password, counted per account and per client address first: an attempt
        over either limit is refused before the (deliberately costly) hash is computed.
        Every attempt is recorded in the sign-in history (never the password)."""
        return await _sign_in.password_sign_in(self.ctx, email, password, client_ip,
                                               user_agent)

    async def end_sessions(self, person_id: int) -> None:
        """Sign the person (an administrator or a contact) out everywhere: every session
        cookie issued so far."""
        async with self.ctx.sessions.begin() as session:
            await people.bump_session_version(session, person_id)

    async def admin_by_id(self, person_id: int) -> Administrator | None:
        async with self.ctx.sessions() as session:
            return await people.admin_by_id(session, person_id)

    async def admin_acting_on_period(self, period_id: int,
                                     email: str | None) -> Administrator:
        """The administrator a command-line action is recorded under: the one named, or the
        first administrator of the company that owns the period's project."""
        async with self.ctx.sessions() as session:
            company_id = await periods.company_of_period(session, period_id)
            if company_id is None:
                raise NotFound(f"billing period {period_id} not found")
            person = await people.first_admin(session, company_id,
                                              email.strip().lower() if email else None)
        if person is None:
            raise NotFound("no administrator of the project's company"
                           + (f" with the email {email}" if email else ""))
        return mapping.administrator(person)

    async def request_link(self, email: str, ip: str | None) -> SignInRequest:
        """Mail a one-time link if `email` belongs to an invoice contact. The outcome is the
        same either way, unless the address or the IP asked too often (rate limits)."""
        email = email.strip().lower()[:MAX_EMAIL]
        now = self.ctx.clock()
        async with self.ctx.sessions.begin() as session:
            # The address is counted as a hash: addresses typed into the form are not kept.
            address = hashlib.sha256(email.encode()).hexdigest()[:40]
            waits = [await wait_for(session, f"sign-in:address:{address}", PER_ADDRESS, now)]
            if ip:
                waits.append(await wait_for(session, f"sign-in:ip:{ip[:64]}", PER_IP, now))
            wait = max(waits)
            if wait > timedelta(0):
                return SignInRequest(accepted=False, retry_after=wait)
            recipients = await sign_in.contacts_with_email(session, email)
            rows = [await self.link_row(session, person_id, locale, ip, now)
                    for person_id, _, _, locale in recipients]
            await outbox.enqueue(session, rows)
        if rows:
            await self.jobs.wake_email_delivery()
        return SignInRequest(accepted=True)

    async def link_row(self, session: AsyncSession, person_id: int, locale: str,
                       ip: str | None, now: datetime) -> dict[str, Any]:
        """Store a new link for `person_id`; returns the outbox row that mails it.

        Also for other channels (a Yes by email answers with a sign-in link)."""
        return await mailed_link(
            session, self.signer, purpose=LinkPurpose.SIGN_IN, person_id=person_id, ip=ip,
            now=now, lifetime=SIGN_IN_LINK_LIFETIME, template="sign_in_link",
            inbound_domain=self.ctx.settings.inbound_domain, payload={"locale": locale})

    async def link_is_usable(self, token: str) -> bool:
        """Whether the link can still sign in (unused and not expired). Changes nothing."""
        async with self.ctx.sessions() as session:
            return await sign_in.is_usable(session, token_hash(token), self.ctx.clock(),
                                           LinkPurpose.SIGN_IN.value)

    async def use_link(self, token: str) -> SignedInContact | None:
        """Spend the link; the contact it signs in, or None (unknown, used or expired)."""
        async with self.ctx.sessions.begin() as session:
            person_id = await sign_in.use(session, token_hash(token), self.ctx.clock(),
                                          LinkPurpose.SIGN_IN.value)
            return None if person_id is None else await contacts.contact(session, person_id)

    async def contact(self, person_id: int) -> SignedInContact | None:
        """The contact a session names, or None when the person is not a contact."""
        async with self.ctx.sessions() as session:
            return await contacts.contact(session, person_id)

    async def commitments(self, contact: SignedInContact) -> list[ContactCommitment]:
        async with self.ctx.sessions() as session:
            found = await contacts.commitments_of(session, contact.person_id)
        return [self._as_of_now(item) for item in found]

    async def commitment(self, contact: SignedInContact,
                         commitment_id: int) -> ContactCommitment:
        """One of the contact's commitments; NotFound for any other (it may not exist, or
        it may be someone else's: the contact cannot tell which)."""
        async with self.ctx.sessions() as session:
            found = await contacts.commitments_of(session, contact.person_id, commitment_id)
        if not found:
            raise NotFound(f"commitment {commitment_id} not found")
        return self._as_of_now(found[0])

    # The team (app/use_cases/access/_team.py, _passwords.py).

    async def invite_admin(self, actor: Administrator, *, name: str, email: str,
                           ip: str | None = None) -> TeamMember:
        member = await _team.invite(self.ctx, self.signer, actor, name=name, email=email,
                                    ip=ip)
        await self.jobs.wake_email_delivery()
        return member

    async def team(self, actor: Administrator) -> list[TeamMember]:
        return await _team.members(self.ctx, actor)

    async def remove_admin(self, actor: Administrator, person_id: int) -> TeamMember:
        return await _team.remove(self.ctx, actor, person_id)

    async def sign_in_history(self, actor: Administrator,
                              before: int | None = None) -> HistoryPage:
        return await _team.history(self.ctx, actor, before)

    async def change_password(self, admin: Administrator, *, current: str,
                              new: str) -> Administrator:
        return await _passwords.change(self.ctx, admin, current=current, new=new)

    async def request_password_reset(self, email: str, ip: str | None) -> SignInRequest:
        outcome, queued = await _passwords.request_reset(self.ctx, self.signer, email, ip)
        if queued:
            await self.jobs.wake_email_delivery()
        return outcome

    async def password_link_email(self, token: str, purpose: LinkPurpose) -> str | None:
        return await _passwords.link_email(self.ctx, token, purpose)

    async def set_password_with_link(self, token: str, purpose: LinkPurpose,
                                     password: str) -> Administrator | None:
        return await _passwords.set_with_link(self.ctx, token, purpose, password)

    def _as_of_now(self, item: ContactCommitment) -> ContactCommitment:
        if item.due_date is None:
            return item
        cutoff = due_cutoff(item.due_date, item.time_zone)
        now = self.ctx.clock()
        return replace(item, closed=now >= cutoff, time_left=time_left_until(now, cutoff))


async def _admin_by_email(session: AsyncSession, email: str) -> Person:
    person = await people.admin_row_by_email(session, email.strip().lower())
    if person is None:
        raise NotFound(f"no administrator with the email {email}")
    return person
