"""An administrator signing in with a password: counted per account and per client
address before the (deliberately costly) hash, and recorded in the sign-in history."""

from __future__ import annotations

from functools import partial

from app.credentials import UNMATCHABLE_HASH, verify_password
from app.use_cases.access._history import record_attempt
from app.use_cases.access._passwords import account_bucket
from app.use_cases.access._rate_limits import wait_for
from app.use_cases.context import UseCaseContext
from domain.sign_in import ADMIN_PER_ACCOUNT, ADMIN_PER_IP, PasswordSignIn
from domain.team import SignInOutcome
from store import mapping, people


async def password_sign_in(ctx: UseCaseContext, email: str, password: str,
                           client_ip: str | None, user_agent: str | None) -> PasswordSignIn:
    """The administrator, or None, or how long to wait: an attempt over either limit is
    refused before the hash is computed. Every attempt is recorded (never the password)."""
    typed, email = email, email.strip().lower()
    now = ctx.clock()
    record = partial(record_attempt, now=now, typed_email=typed, client_ip=client_ip,
                     user_agent=user_agent)
    async with ctx.sessions.begin() as session:
        waits = [await wait_for(session, account_bucket(email), ADMIN_PER_ACCOUNT, now)]
        if client_ip:
            waits.append(await wait_for(session, f"admin-sign-in:ip:{client_ip[:64]}",
                                        ADMIN_PER_IP, now))
        person = await people.admin_row_by_email(session, email)
        if max(waits):
            await record(session, person=person, outcome=SignInOutcome.THROTTLED)
            return PasswordSignIn(None, retry_after=max(waits))
    # Hash even for an unknown address, so the answer's timing does not reveal accounts.
    stored = person.password_hash if person is not None else UNMATCHABLE_HASH
    signed_in = verify_password(password, stored) and person is not None
    async with ctx.sessions.begin() as session:
        await record(session, person=person, outcome=SignInOutcome.SIGNED_IN if signed_in
                     else SignInOutcome.WRONG_PASSWORD)
    if not signed_in or person is None:
        return PasswordSignIn(None)
    return PasswordSignIn(mapping.administrator(person))
