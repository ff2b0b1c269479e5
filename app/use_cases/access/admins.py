"""Administrators: creation, passwords, API tokens, and authenticating them."""

from __future__ import annotations

import hashlib

from sqlalchemy.ext.asyncio import AsyncSession

from app.credentials import (
    UNMATCHABLE_HASH,
    hash_password,
    new_api_token,
    token_hash,
    verify_password,
)
from app.use_cases.access._rate_limits import wait_for
from app.use_cases.context import UseCaseContext
from domain.commands import EMAIL
from domain.errors import InvalidInput, NotFound
from domain.model import Administrator
from domain.sign_in import ADMIN_PER_ACCOUNT, ADMIN_PER_IP, PasswordSignIn
from store import mapping, people, periods, projects
from store.engine import SessionFactory
from store.tables import Person


class Admins:
    def __init__(self, ctx: UseCaseContext) -> None:
        self.ctx = ctx

    async def create_admin(self, *, email: str, name: str, password: str,
                           company_name: str = "My Company") -> Administrator:
        """Create (or update the password of) an administrator. A new password ends every
        session of the administrator (a stolen cookie must not outlive it)."""
        email = email.strip().lower()
        if not EMAIL.match(email):
            raise InvalidInput(f"{email!r} is not an email address")
        if len(password) < 8:
            raise InvalidInput("the password must have at least 8 characters")
        async with self.ctx.sessions.begin() as session:
            person = await people.admin_row_by_email(session, email)
            if person is None:
                company = await projects.find_or_add_company(session, company_name, "upstream")
                assert company.id is not None
                person = await people.add_admin(session, company_id=company.id, name=name,
                                                email=email)
            else:
                person.session_version += 1
            person.name = name
            person.password_hash = hash_password(password)
            await session.flush()
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
                                 client_ip: str | None = None) -> PasswordSignIn:
        """Check a password, counted per account and per client address first: an attempt
        over either limit is refused before the (deliberately costly) hash is computed."""
        email = email.strip().lower()
        now = self.ctx.clock()
        async with self.ctx.sessions.begin() as session:
            # The account is counted as a hash: addresses typed into the form are not kept.
            account = hashlib.sha256(email.encode()).hexdigest()[:40]
            waits = [await wait_for(session, f"admin-sign-in:account:{account}",
                                    ADMIN_PER_ACCOUNT, now)]
            if client_ip:
                waits.append(await wait_for(session, f"admin-sign-in:ip:{client_ip[:64]}",
                                            ADMIN_PER_IP, now))
            if max(waits):
                return PasswordSignIn(None, retry_after=max(waits))
            person = await people.admin_row_by_email(session, email)
        # Hash even for an unknown address, so the answer's timing does not reveal accounts.
        stored = person.password_hash if person is not None else UNMATCHABLE_HASH
        if not verify_password(password, stored) or person is None:
            return PasswordSignIn(None)
        return PasswordSignIn(mapping.administrator(person))

    async def end_sessions(self, person_id: int) -> None:
        """Sign the administrator out everywhere: every session cookie issued so far."""
        async with self.ctx.sessions.begin() as session:
            await people.bump_session_version(session, person_id)

    async def admin_by_id(self, person_id: int) -> Administrator | None:
        async with self.ctx.sessions() as session:
            return await people.admin_by_id(session, person_id)


async def _admin_by_email(session: AsyncSession, email: str) -> Person:
    person = await people.admin_row_by_email(session, email.strip().lower())
    if person is None:
        raise NotFound(f"no administrator with the email {email}")
    return person


async def admin_acting_on_period(sessions: SessionFactory, period_id: int,
                                 email: str | None) -> Administrator:
    """The administrator a command-line action is recorded under: the one named, or the
    first administrator of the company that owns the period's project."""
    async with sessions() as session:
        company_id = await periods.company_of_period(session, period_id)
        if company_id is None:
            raise NotFound(f"billing period {period_id} not found")
        person = await people.first_admin(session, company_id,
                                          email.strip().lower() if email else None)
    if person is None:
        raise NotFound("no administrator of the project's company"
                       + (f" with the email {email}" if email else ""))
    return mapping.administrator(person)
