"""Administrators: creation, passwords, API tokens, and authenticating them."""

from __future__ import annotations

import hashlib
from functools import cache

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.credentials import hash_password, new_api_token, token_hash, verify_password
from app.use_cases.context import UseCaseContext
from app.use_cases.rate_limiting import wait_for
from domain.commands import EMAIL
from domain.errors import InvalidInput, NotFound
from domain.model import Administrator
from domain.sign_in import ADMIN_PER_ACCOUNT, ADMIN_PER_IP, PasswordSignIn
from store import projects as pq
from store import tables as t
from store.engine import SessionFactory
from store.projects import find_or_add_company
from store.sessions import bump_session_version


@cache
def _dummy_hash() -> str:
    """A hash to verify against for an unknown address (constant-time refusal); scrypt
    costs 50 ms and 16 MiB, so it is computed on the first such sign-in, not at import."""
    return hash_password("an unknown account never matches this")


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
            person = (await session.execute(select(t.Person).where(
                t.Person.email == email, t.Person.role == "admin"))).scalars().first()
            if person is None:
                company = await find_or_add_company(session, company_name, "upstream")
                person = t.Person(company_id=company.id, name=name, email=email, role="admin")
                session.add(person)
            else:
                person.session_version += 1
            person.name = name
            person.password_hash = hash_password(password)
            await session.flush()
            return _admin(person)

    async def issue_api_token(self, email: str, label: str = "") -> str:
        async with self.ctx.sessions.begin() as session:
            person = await _admin_by_email(session, email)
            token = new_api_token()
            session.add(t.ApiToken(person_id=person.id, token_hash=token_hash(token),
                                   label=label))
            return token

    async def admin_for_api_token(self, token: str) -> Administrator | None:
        query = (select(t.Person).join(t.ApiToken, t.ApiToken.person_id == t.Person.id)
                 .where(t.ApiToken.token_hash == token_hash(token),
                        t.ApiToken.revoked_at.is_(None), t.Person.role == "admin"))
        async with self.ctx.sessions() as session:
            person = (await session.execute(query)).scalars().first()
        return None if person is None else _admin(person)

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
            person = (await session.execute(select(t.Person).where(
                t.Person.email == email, t.Person.role == "admin"))).scalars().first()
        # Hash even for an unknown address, so the answer's timing does not reveal accounts.
        stored = person.password_hash if person is not None else _dummy_hash()
        if not verify_password(password, stored) or person is None:
            return PasswordSignIn(None)
        return PasswordSignIn(_admin(person))

    async def end_sessions(self, person_id: int) -> None:
        """Sign the administrator out everywhere: every session cookie issued so far."""
        async with self.ctx.sessions.begin() as session:
            await bump_session_version(session, person_id)

    async def admin_by_id(self, person_id: int) -> Administrator | None:
        async with self.ctx.sessions() as session:
            person = await session.get(t.Person, person_id)
        return None if person is None or person.role != "admin" else _admin(person)


async def _admin_by_email(session: AsyncSession, email: str) -> t.Person:
    person = (await session.execute(select(t.Person).where(
        t.Person.email == email.strip().lower(), t.Person.role == "admin"))).scalars().first()
    if person is None:
        raise NotFound(f"no administrator with the email {email}")
    return person


def _admin(person: t.Person) -> Administrator:
    assert person.id is not None
    return Administrator(person_id=person.id, company_id=person.company_id, name=person.name,
                         email=person.email, session_version=person.session_version)


async def admin_acting_on_period(sessions: SessionFactory, period_id: int,
                                 email: str | None) -> Administrator:
    """The administrator a command-line action is recorded under: the one named, or the
    first administrator of the company that owns the period's project."""
    async with sessions() as session:
        company_id = await pq.company_of_period(session, period_id)
        if company_id is None:
            raise NotFound(f"billing period {period_id} not found")
        query = select(t.Person).where(t.Person.company_id == company_id,
                                       t.Person.role == "admin")
        if email:
            query = query.where(t.Person.email == email.strip().lower())
        person = (await session.execute(query.order_by(t.Person.id))).scalars().first()
    if person is None:
        raise NotFound("no administrator of the project's company"
                       + (f" with the email {email}" if email else ""))
    return _admin(person)
