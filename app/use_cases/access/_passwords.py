"""Administrators' passwords: changing one's own, asking for a reset link by mail, and
setting a password with a one-time link (a reset, or the invitation of a new colleague).
Every new password ends the person's other sessions (the session version moves on)."""

from __future__ import annotations

import hashlib
import math
from datetime import timedelta

from app.credentials import hash_password, token_hash, verify_password
from app.links import LinkPurpose, LinkSigner
from app.use_cases.access._links import ADMIN_LINKS, mailed_link
from app.use_cases.access._rate_limits import wait_for
from app.use_cases.context import UseCaseContext
from domain.contacts import SignInRequest
from domain.errors import Conflict, InvalidInput
from domain.model import Administrator
from domain.sign_in import ADMIN_PER_ACCOUNT
from domain.team import (
    ADMIN,
    INVITED,
    MAX_EMAIL,
    PASSWORD_RESET_LIFETIME,
    RESET_PER_ADDRESS,
    RESET_PER_IP,
    password_problem,
)
from store import mapping, outbox, people, sign_in, team

# What a link may set the password of: a reset an administrator's, an invitation an
# invited colleague's (who becomes an administrator by it).
ROLE_FOR = {LinkPurpose.PASSWORD_RESET: ADMIN, LinkPurpose.ADMIN_INVITATION: INVITED}


def account_bucket(email: str) -> str:
    # Counted as a hash: addresses typed into the form are not kept in the counters.
    return "admin-sign-in:account:" + hashlib.sha256(email.encode()).hexdigest()[:40]


def checked_new_password(password: str) -> str:
    problem = password_problem(password)
    if problem is not None:
        raise InvalidInput(problem[:1].upper() + problem[1:] + ".", code="new_password")
    return hash_password(password)


async def change(ctx: UseCaseContext, admin: Administrator, *, current: str,
                 new: str) -> Administrator:
    """Set a new password, the current one given; the administrator with the new session
    version (this browser's cookie is issued again, every other session ends).

    Guessing the current password with a stolen session is counted like sign-in attempts
    (the same per-account limit, checked before the costly hash)."""
    new_hash = checked_new_password(new)
    async with ctx.sessions.begin() as session:
        wait = await wait_for(session, account_bucket(admin.email), ADMIN_PER_ACCOUNT,
                              ctx.clock())
        person = await people.person_row(session, admin.person_id)
    if wait > timedelta(0):
        minutes = max(1, math.ceil(wait.total_seconds() / 60))
        raise Conflict("Too many attempts with a wrong password. Try again in "
                       f"{minutes} minute{'' if minutes == 1 else 's'}.", code="throttled")
    if person is None or person.role != ADMIN or not verify_password(current,
                                                                      person.password_hash):
        raise InvalidInput("The current password is not correct.", code="current_password")
    async with ctx.sessions.begin() as session:
        person = await people.person_row(session, admin.person_id)
        assert person is not None
        person.password_hash = new_hash
        person.session_version += 1
        await session.flush()
        return mapping.administrator(person)


async def request_reset(ctx: UseCaseContext, signer: LinkSigner, email: str,
                        ip: str | None) -> tuple[SignInRequest, bool]:
    """Mail a reset link if `email` is an administrator's; the outcome (the same either
    way, unless asked too often) and whether a mail was queued (for waking delivery)."""
    email = email.strip().lower()[:MAX_EMAIL]
    now = ctx.clock()
    async with ctx.sessions.begin() as session:
        address = hashlib.sha256(email.encode()).hexdigest()[:40]
        waits = [await wait_for(session, f"password-reset:address:{address}",
                                RESET_PER_ADDRESS, now)]
        if ip:
            waits.append(await wait_for(session, f"password-reset:ip:{ip[:64]}",
                                        RESET_PER_IP, now))
        if max(waits) > timedelta(0):
            return SignInRequest(accepted=False, retry_after=max(waits)), False
        person = await people.admin_row_by_email(session, email)
        if person is None or person.id is None:
            return SignInRequest(accepted=True), False
        # Only the newest link works: a reset asked for twice leaves one way in.
        await sign_in.void_links(session, person.id, now, (LinkPurpose.PASSWORD_RESET.value,))
        row = await mailed_link(
            session, signer, purpose=LinkPurpose.PASSWORD_RESET, person_id=person.id, ip=ip,
            now=now, lifetime=PASSWORD_RESET_LIFETIME, template="password_reset",
            inbound_domain=ctx.settings.inbound_domain)
        await outbox.enqueue(session, [row])
    return SignInRequest(accepted=True), True


async def link_email(ctx: UseCaseContext, token: str, purpose: LinkPurpose) -> str | None:
    """The address a usable link sets the password of (for the form), or None."""
    async with ctx.sessions() as session:
        person = await sign_in.usable_link_person(session, token_hash(token), ctx.clock(),
                                                  purpose.value)
    return None if person is None or person.role != ROLE_FOR[purpose] else person.email


async def set_with_link(ctx: UseCaseContext, token: str, purpose: LinkPurpose,
                        password: str) -> Administrator | None:
    """Spend the link and set the password; the administrator, or None when the link is
    unknown, used or expired. An invited colleague becomes an administrator; an address
    that became an administrator elsewhere meanwhile is refused (one account per address)."""
    if await link_email(ctx, token, purpose) is None:
        return None  # checked before hashing: a wrong link costs no scrypt
    new_hash = checked_new_password(password)
    now = ctx.clock()
    async with ctx.sessions.begin() as session:
        person_id = await sign_in.use(session, token_hash(token), now, purpose.value)
        person = None if person_id is None else await people.person_row(session, person_id)
        if person is None or person.role != ROLE_FOR[purpose]:
            return None
        if purpose is LinkPurpose.ADMIN_INVITATION and await team.admins_elsewhere(
                session, person.email, person.company_id):
            raise Conflict(f"{person.email} already has an administrator's account: sign in "
                           "with it, or ask for a new password.")
        await sign_in.void_links(session, person_id, now, ADMIN_LINKS)
        person.role = ADMIN
        person.password_hash = new_hash
        person.session_version += 1
        await session.flush()
        return mapping.administrator(person)
