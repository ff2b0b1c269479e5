"""Helpers for the directory and commitment-edit tests: the demo's people by address, a
bounce, and the rows the attacks must leave alone."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from domain.commands import SendInvites
from store import tables as t
from tests.support.world import World

LUIS = "luis@clearflow.example"  # SC-004's only contact
CLEARFLOW = "Clearflow Plumbing"


async def person_by_email(world: World, email: str, owner_id: int | None = None) -> t.Person:
    owner_id = world.admin.company_id if owner_id is None else owner_id
    async with world.container.ctx.sessions() as session:
        return (await session.execute(
            select(t.Person).join(t.Company, t.Company.id == t.Person.company_id)
            .where(t.Person.email == email, t.Company.owner_company_id == owner_id)
        )).scalars().one()


async def company_by_name(world: World, name: str, owner_id: int | None = None) -> t.Company:
    owner_id = world.admin.company_id if owner_id is None else owner_id
    async with world.container.ctx.sessions() as session:
        return (await session.execute(select(t.Company).where(
            t.Company.name == name, t.Company.owner_company_id == owner_id))).scalars().one()


async def commitment_by_number(world: World, number: str) -> t.Commitment:
    async with world.container.ctx.sessions() as session:
        return (await session.execute(select(t.Commitment).where(
            t.Commitment.project_id == world.demo.project_id,
            t.Commitment.number == number))).scalars().one()


async def invite_of(world: World, commitment_id: int) -> t.Invite:
    async with world.container.ctx.sessions() as session:
        return (await session.execute(select(t.Invite).where(
            t.Invite.commitment_id == commitment_id,
            t.Invite.billing_period_id == world.demo.billing_period_id))).scalars().one()


async def invite_everyone_and_deliver(world: World) -> None:
    await world.container.invites.send(world.admin,
                                       SendInvites(world.demo.billing_period_id, None))
    await world.container.delivery.deliver_due()


async def bounce(world: World, email: str, diagnostic: str = "550 5.1.1 user unknown") -> None:
    """A permanent failure of the newest mail to `email`, as a bounce report would say."""
    person = await person_by_email(world, email)
    async with world.container.ctx.sessions() as session:
        outbox_id = (await session.execute(
            select(t.OutboxMessage.id).where(t.OutboxMessage.person_id == person.id)
            .order_by(t.OutboxMessage.id.desc()))).scalars().first()
    assert outbox_id is not None
    assert await world.container.webhooks.bounces.hard_bounce(outbox_id, diagnostic, "test")


async def directory_snapshot(world: World) -> list[Any]:
    """Every company and person row (ids, names, addresses, marks), to compare before and
    after an attack."""
    async with world.container.ctx.sessions() as session:
        companies = (await session.execute(
            select(t.Company.id, t.Company.name, t.Company.owner_company_id)
            .order_by(t.Company.id))).all()
        people = (await session.execute(
            select(t.Person.id, t.Person.company_id, t.Person.name, t.Person.email,
                   t.Person.deliverable).order_by(t.Person.id))).all()
        contacts = (await session.execute(
            select(t.InvoiceContact.commitment_id, t.InvoiceContact.person_id)
            .order_by(t.InvoiceContact.id))).all()
        commitments = (await session.execute(
            select(t.Commitment.id, t.Commitment.number, t.Commitment.title,
                   t.Commitment.contract_company_id, t.Commitment.status)
            .order_by(t.Commitment.id))).all()
        lines = (await session.execute(
            select(t.SovLine.id, t.SovLine.description, t.SovLine.scheduled_value)
            .order_by(t.SovLine.id))).all()
    return [list(companies), list(people), list(contacts), list(commitments), list(lines)]


def received_by(world: World, address: str) -> list[Any]:
    return [mail for mail in world.sink.handler.received if mail.rcpt_tos == [address]]


async def sign_in_as(client: Any, email: str, password: str) -> None:
    """Signs `email` in on `client` (its cookie jar keeps the session)."""
    from tests.support.pages import csrf_token

    form = await client.get("/sign-in")
    response = await client.post("/sign-in", allow_redirects=False, data={
        "csrf_token": csrf_token(await form.text()), "next": "/admin",
        "email": email, "password": password})
    assert response.status == 303, await response.text()


async def form_post(client: Any, page_path: str, action: str,
                    data: dict[str, Any] | list[tuple[str, str]]) -> Any:
    """POST `data` to `action` with the form token of the page at `page_path` (which the
    client must be able to open), without following the redirect."""
    from tests.support.pages import csrf_token

    page = await client.get(page_path)
    assert page.status == 200, await page.text()
    token = csrf_token(await page.text())
    fields = [("csrf_token", token), *(data.items() if isinstance(data, dict) else data)]
    return await client.post(action, data=fields, allow_redirects=False)
