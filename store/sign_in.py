"""Queries for contacts' one-time sign-in links."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store import tables as t

L = t.SignInLink


async def contacts_with_email(session: AsyncSession,
                              email: str) -> list[tuple[int, str, str, str]]:
    """(person id, name, email, locale) of every deliverable invoice contact with `email`
    (lower-case); the locale is that of one of their projects."""
    query = (select(t.Person.id, t.Person.name, t.Person.email, func.min(t.Project.locale))
             .join(t.InvoiceContact, t.InvoiceContact.person_id == t.Person.id)
             .join(t.Commitment, t.Commitment.id == t.InvoiceContact.commitment_id)
             .join(t.Project, t.Project.id == t.Commitment.project_id)
             .where(t.Person.email == email, t.Person.role == "contact",
                    t.Person.deliverable.is_(True))
             .group_by(t.Person.id, t.Person.name, t.Person.email).order_by(t.Person.id))
    return [(pid, name, address, locale)
            for pid, name, address, locale in (await session.execute(query)).all()]


async def add_link(session: AsyncSession, *, person_id: int, token_hash: str, nonce: str,
                   ip: str | None, now: datetime, expires_at: datetime) -> int:
    link = L(person_id=person_id, token_hash=token_hash, nonce=nonce, requested_ip=ip,
             created_at=now, expires_at=expires_at)
    session.add(link)
    await session.flush()
    assert link.id is not None
    return link.id


async def is_usable(session: AsyncSession, token_hash: str, now: datetime) -> bool:
    found = await session.scalar(select(L.id).where(
        L.token_hash == token_hash, L.used_at.is_(None), L.expires_at > now))
    return found is not None


async def use(session: AsyncSession, token_hash: str, now: datetime) -> int | None:
    """Mark the link used and return its person, in one statement: of two requests with
    the same link, exactly one gets the person."""
    result = await session.execute(
        update(L).where(L.token_hash == token_hash, L.used_at.is_(None), L.expires_at > now)
        .values(used_at=now).returning(L.person_id))
    return result.scalar()


async def links_with_people(session: AsyncSession,
                            ids: list[int]) -> dict[int, tuple[t.SignInLink, t.Person]]:
    query = (select(L, t.Person).join(t.Person, t.Person.id == L.person_id)
             .where(L.id.in_(ids)))
    return {link.id: (link, person) for link, person in (await session.execute(query)).all()
            if link.id is not None}
