"""Queries for one-time links: contacts' sign-in links, administrators' invitations and
password resets (`purpose`). A link is found, and spent, only for its own purpose."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.tables import Commitment, InvoiceContact, Person, Project, SignInLink

L = SignInLink
# The contacts' sign-in links (app/links.py LinkPurpose.SIGN_IN); rows from before
# purposes were recorded have it too.
SIGN_IN = "sign-in"


async def contacts_with_email(session: AsyncSession,
                              email: str) -> list[tuple[int, str, str, str]]:
    """(person id, name, email, locale) of every deliverable invoice contact with `email`
    (lower-case); the locale is their own language, else that of one of their projects."""
    query = (select(Person.id, Person.name, Person.email,
                    func.coalesce(Person.language, func.min(Project.locale)))
             .join(InvoiceContact, InvoiceContact.person_id == Person.id)
             .join(Commitment, Commitment.id == InvoiceContact.commitment_id)
             .join(Project, Project.id == Commitment.project_id)
             .where(Person.email == email, Person.role == "contact",
                    Person.deliverable.is_(True))
             .group_by(Person.id, Person.name, Person.email, Person.language)
             .order_by(Person.id))
    return [(pid, name, address, locale)
            for pid, name, address, locale in (await session.execute(query)).all()]


async def add_link(session: AsyncSession, *, person_id: int, token_hash: str, nonce: str,
                   ip: str | None, now: datetime, expires_at: datetime,
                   purpose: str = SIGN_IN) -> int:
    link = L(person_id=person_id, token_hash=token_hash, nonce=nonce, requested_ip=ip,
             created_at=now, expires_at=expires_at, purpose=purpose)
    session.add(link)
    await session.flush()
    assert link.id is not None
    return link.id


async def is_usable(session: AsyncSession, token_hash: str, now: datetime,
                    purpose: str = SIGN_IN) -> bool:
    return await usable_link_person(session, token_hash, now, purpose) is not None


async def usable_link_person(session: AsyncSession, token_hash: str, now: datetime,
                             purpose: str) -> Person | None:
    """The person an unused, unexpired link of `purpose` names (changes nothing)."""
    query = (select(Person).join(L, L.person_id == Person.id)
             .where(L.token_hash == token_hash, L.purpose == purpose, L.used_at.is_(None),
                    L.expires_at > now))
    return (await session.execute(query)).scalars().first()


async def use(session: AsyncSession, token_hash: str, now: datetime,
              purpose: str = SIGN_IN) -> int | None:
    """Mark the link used and return its person, in one statement: of two requests with
    the same link, exactly one gets the person."""
    result = await session.execute(
        update(L).where(L.token_hash == token_hash, L.purpose == purpose,
                        L.used_at.is_(None), L.expires_at > now)
        .values(used_at=now).returning(L.person_id))
    return result.scalar()


async def void_links(session: AsyncSession, person_id: int, now: datetime,
                     purposes: tuple[str, ...]) -> None:
    """End the person's unused links of these purposes (a newer invitation replaces the
    older; a removed administrator's links must not work). They expire now: `used_at`
    keeps meaning that somebody used the link."""
    await session.execute(update(L).where(L.person_id == person_id, L.purpose.in_(purposes),
                                          L.used_at.is_(None), L.expires_at > now)
                          .values(expires_at=now))


async def links_with_people(session: AsyncSession,
                            ids: list[int]) -> dict[int, tuple[SignInLink, Person]]:
    query = (select(L, Person).join(Person, Person.id == L.person_id)
             .where(L.id.in_(ids)))
    return {link.id: (link, person) for link, person in (await session.execute(query)).all()
            if link.id is not None}
