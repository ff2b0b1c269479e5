"""The team of a company's administrators: inviting a colleague, the list, removing one,
the sign-in history. Every read and write is scoped to the acting administrator's company:
anyone else's person is "not found"."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.links import LinkPurpose, LinkSigner
from app.use_cases.access._links import ADMIN_LINKS, mailed_link
from app.use_cases.context import UseCaseContext
from domain.errors import Conflict, InvalidInput, NotFound
from domain.model import Administrator
from domain.team import (
    ADMIN,
    FORMER,
    INVITATION_LIFETIME,
    INVITED,
    MAX_NAME,
    AdminStatus,
    HistoryPage,
    TeamMember,
    email_problem,
    removal_problem,
)
from store import outbox, people, sign_in, sign_in_history, team
from store.tables import Person

HISTORY_PAGE = 25


async def invite(ctx: UseCaseContext, signer: LinkSigner, actor: Administrator, *,
                 name: str, email: str, ip: str | None) -> TeamMember:
    """Invite `email` into the actor's company and mail the link to set a password.

    An address that is an administrator anywhere is refused; inviting an address already
    invited (or removed) by this company again replaces the older link."""
    name, email = name.strip(), email.strip().lower()
    if not name or len(name) > MAX_NAME:
        raise InvalidInput(f"Write the colleague's name (at most {MAX_NAME} characters).",
                           code="name")
    if email_problem(email) is not None:
        raise InvalidInput("Write the colleague's email address, such as "
                           "name@company.example.", code="email")
    now = ctx.clock()
    async with ctx.sessions.begin() as session:
        if await team.admins_elsewhere(session, email, actor.company_id):
            raise Conflict(f"{email} already belongs to an administrator.", code="email")
        person = await _invited_person(session, actor.company_id, name, email)
        assert person.id is not None
        await sign_in.void_links(session, person.id, now, ADMIN_LINKS)
        row = await mailed_link(
            session, signer, purpose=LinkPurpose.ADMIN_INVITATION, person_id=person.id, ip=ip,
            now=now, lifetime=INVITATION_LIFETIME, template="admin_invitation",
            inbound_domain=ctx.settings.inbound_domain,
            payload={"invited_by": actor.person_id})
        await outbox.enqueue(session, [row])
        return TeamMember(person.id, person.name, person.email, AdminStatus.INVITED, None)


async def _invited_person(session: AsyncSession, company_id: int, name: str,
                          email: str) -> Person:
    person = await team.invitable_row(session, company_id, email)
    if person is None:
        person = await people.add_admin(session, company_id=company_id, name=name, email=email)
    elif person.role == FORMER:  # back on the team: nothing of the old account works
        person.session_version += 1
    person.role, person.name, person.password_hash = INVITED, name, None
    await session.flush()
    return person


async def members(ctx: UseCaseContext, actor: Administrator) -> list[TeamMember]:
    async with ctx.sessions() as session:
        rows = await team.members(session, actor.company_id)
        last = await team.last_sign_ins(session, actor.company_id)
    return [TeamMember(row.id or 0, row.name, row.email,
                       AdminStatus.ACTIVE if row.role == ADMIN else AdminStatus.INVITED,
                       last.get(row.id or 0)) for row in rows]


async def remove(ctx: UseCaseContext, actor: Administrator, person_id: int) -> TeamMember:
    """Take the administrator (or the invitation) off the team: at once their sessions end,
    their API tokens are revoked and their links stop working. The row stays (invites and
    invoices name who acted)."""
    now = ctx.clock()
    async with ctx.sessions.begin() as session:
        rows = await team.members(session, actor.company_id, lock=True)
        target = next((row for row in rows if row.id == person_id), None)
        if target is None:
            raise NotFound(f"no administrator with id {person_id}")
        active = {row.id for row in rows if row.role == ADMIN and row.id is not None}
        problem = removal_problem(actor.person_id, person_id, active)
        if problem is not None:
            raise Conflict(problem)
        removed = TeamMember(person_id, target.name, target.email,
                             AdminStatus.ACTIVE if target.role == ADMIN else AdminStatus.INVITED,
                             None)
        target.role = FORMER
        target.password_hash = None
        target.session_version += 1
        await team.revoke_api_tokens(session, person_id, now)
        await sign_in.void_links(session, person_id, now, ADMIN_LINKS)
        return removed


async def history(ctx: UseCaseContext, actor: Administrator,
                  before: int | None) -> HistoryPage:
    async with ctx.sessions() as session:
        items = await sign_in_history.company_page(session, actor.company_id, before=before,
                                                   limit=HISTORY_PAGE + 1)
    shown = tuple(items[:HISTORY_PAGE])
    return HistoryPage(shown, shown[-1].id if len(items) > HISTORY_PAGE else None)

