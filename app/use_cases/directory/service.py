"""The administrator's directory (implements the directory pages and /api/companies,
/api/people): the company's own contract companies and their people, merging duplicates,
a contact's delivery state, fixing a bounced address and resending the open invites."""

from __future__ import annotations

from app.jobs import JobQueue
from app.use_cases.context import UseCaseContext
from app.use_cases.directory import _lookups as lookups
from app.use_cases.directory import _views as views
from domain.commands import check_locale
from domain.directory import (
    MAX_PAGE,
    DirectoryCommitment,
    DirectoryCompany,
    DirectoryPage,
    DirectoryPerson,
    MergeRecord,
    company_name,
    email_address,
    person_name,
)
from domain.errors import Conflict, InvalidInput
from domain.model import Administrator, Channel
from mailer.message_ids import new_message_id
from store import contact_links, directory, merges, outbox


class Directory:
    def __init__(self, ctx: UseCaseContext, jobs: JobQueue) -> None:
        self.ctx = ctx
        self.jobs = jobs

    async def page(self, admin: Administrator, *, search: str = "", limit: int = 50,
                   cursor: int | None = None) -> DirectoryPage:
        """One page of companies by name; `cursor` is the last company of the page before."""
        limit = max(1, min(limit, MAX_PAGE))
        async with self.ctx.sessions() as session:
            rows = await directory.companies_page(session, admin.company_id,
                                                  search=search.strip(), limit=limit + 1,
                                                  after=cursor)
            found = await views.companies(session, rows[:limit])
        more = len(rows) > limit
        return DirectoryPage(tuple(found), found[-1].id if more and found else None)

    async def company(self, admin: Administrator, company_id: int) -> DirectoryCompany:
        async with self.ctx.sessions() as session:
            row = await lookups.company(session, admin, company_id)
            return (await views.companies(session, [row]))[0]

    async def company_choices(self, admin: Administrator) -> list[tuple[int, str]]:
        async with self.ctx.sessions() as session:
            return [(row.id, row.name) for row in
                    await directory.all_companies(session, admin.company_id)
                    if row.id is not None]

    async def add_company(self, admin: Administrator, name: str) -> DirectoryCompany:
        name = company_name(name)
        async with self.ctx.sessions.begin() as session:
            if await directory.company_named(session, admin.company_id, name):
                raise Conflict(f"the directory already has a company named {name!r}",
                               code="duplicate_company")
            row = await directory.add_company(session, admin.company_id, name)
            assert row.id is not None
        return await self.company(admin, row.id)

    async def rename_company(self, admin: Administrator, company_id: int,
                             name: str) -> DirectoryCompany:
        name = company_name(name)
        async with self.ctx.sessions.begin() as session:
            row = await lookups.company(session, admin, company_id)
            if await directory.company_named(session, admin.company_id, name, company_id):
                raise Conflict(f"the directory already has a company named {name!r}",
                               code="duplicate_company")
            row.name = name
        return await self.company(admin, company_id)

    async def person(self, admin: Administrator, person_id: int) -> DirectoryPerson:
        async with self.ctx.sessions() as session:
            person, company = await lookups.person(session, admin, person_id)
            return (await views.people(session, [(person, company)]))[0]

    async def person_with_email(self, admin: Administrator,
                                email: str) -> DirectoryPerson | None:
        """The directory's person with this address (any case), or None."""
        email = email.strip().lower()
        async with self.ctx.sessions() as session:
            found = await directory.person_with_email(session, admin.company_id, email)
            if found is None or found.id is None:
                return None
            person, company = await lookups.person(session, admin, found.id)
            return (await views.people(session, [(person, company)]))[0]

    async def add_person(self, admin: Administrator, company_id: int, name: str,
                         email: str) -> DirectoryPerson:
        name, email = person_name(name), email_address(email)
        async with self.ctx.sessions.begin() as session:
            await lookups.company(session, admin, company_id)
            await lookups.address_free(session, admin, email)
            row = await directory.add_person(session, company_id, name, email)
            assert row.id is not None
        return await self.person(admin, row.id)

    async def change_person(self, admin: Administrator, person_id: int, *,
                            name: str | None = None, email: str | None = None,
                            channel: Channel = Channel.API, language: str | None = None,
                            clear_language: bool = False) -> DirectoryPerson:
        """A new name, or a new address: the address is then mailable again (the
        undeliverable mark goes) and the links mailed to the old one stop working.
        A `language` ("fr-CA") is the one their mail is written in (`clear_language`: the
        project's again)."""
        now = self.ctx.clock()
        if language is not None:
            check_locale(language)
        async with self.ctx.sessions.begin() as session:
            person, _ = await lookups.person(session, admin, person_id)
            if language is not None or clear_language:
                person.language = language
            if name is not None:
                person.name = person_name(name)
            if email is not None and (email := email_address(email)) != person.email:
                await lookups.address_free(session, admin, email, person_id)
                person.email, person.deliverable, person.bounced_at = email, True, None
                # Signed-in sessions and sign-in links were the old address's too.
                person.session_version += 1
                await contact_links.revoke(
                    session, await contact_links.open_invites_of_person(session, person_id),
                    by_id=admin.person_id, channel=channel.value, reason="address_changed",
                    now=now)
        return await self.person(admin, person_id)

    async def resend(self, admin: Administrator, person_id: int,
                     channel: Channel = Channel.API) -> int:
        """Queue the open invites' mail to this contact again, with the invites' current
        links; pressing it twice queues nothing more (one mail per link version).
        Returns how many mails were queued."""
        now, domain = self.ctx.clock(), self.ctx.settings.inbound_domain
        async with self.ctx.sessions.begin() as session:
            person, _ = await lookups.person(session, admin, person_id)
            if not person.deliverable:
                raise Conflict("the address bounced; fix the address before resending",
                               code="address_undeliverable")
            queued = 0
            for invite in await contact_links.open_invites_of_person(session, person_id):
                if invite.status != "invited":
                    continue  # answered: nothing is waiting for this contact
                key = (f"invite:{invite.invite_id}:contact:{person_id}:"
                       f"directory-resend:v{invite.token_version}")
                if await outbox.key_exists(session, key):
                    continue
                await outbox.enqueue(session, [outbox.pending_row(
                    kind="email", template="invite", invite_id=invite.invite_id,
                    person_id=person_id, now=now, idempotency_key=key,
                    message_id=new_message_id(domain), payload={"resend": True})])
                await contact_links.log(session, invite.invite_id, kind="resent",
                                        by_id=admin.person_id, channel=channel.value, now=now,
                                        detail={"contact_id": person_id})
                queued += 1
        if queued:
            await self.jobs.wake_email_delivery()
        return queued

    async def merge_companies(self, admin: Administrator, kept_id: int,
                              merged_id: int) -> MergeRecord:
        if kept_id == merged_id:
            raise InvalidInput("a company cannot be merged into itself")
        async with self.ctx.sessions.begin() as session:
            kept = await lookups.company(session, admin, kept_id)
            merged = await lookups.company(session, admin, merged_id)
            name = merged.name
            moved = await merges.merge_companies(session, kept, merged)
            row = await merges.record(session, owner_id=admin.company_id, kind="company",
                                      kept_id=kept_id, merged_id=merged_id, merged_name=name,
                                      merged_email=None, moved=moved, by_id=admin.person_id,
                                      now=self.ctx.clock())
            return merges.merge_record(row, admin.name)

    async def merge_people(self, admin: Administrator, kept_id: int,
                           merged_id: int) -> MergeRecord:
        if kept_id == merged_id:
            raise InvalidInput("a person cannot be merged into themselves")
        async with self.ctx.sessions.begin() as session:
            kept, _ = await lookups.person(session, admin, kept_id)
            merged, _ = await lookups.person(session, admin, merged_id)
            name, email = merged.name, merged.email
            moved = await merges.merge_people(session, kept, merged)
            row = await merges.record(session, owner_id=admin.company_id, kind="person",
                                      kept_id=kept_id, merged_id=merged_id, merged_name=name,
                                      merged_email=email, moved=moved, by_id=admin.person_id,
                                      now=self.ctx.clock())
            return merges.merge_record(row, admin.name)

    async def commitments(self, admin: Administrator, *, company_id: int | None = None,
                          person_id: int | None = None) -> list[DirectoryCommitment]:
        """The company's commitments, or the person's (as an invoice contact)."""
        async with self.ctx.sessions() as session:
            if company_id is not None:
                await lookups.company(session, admin, company_id)
            if person_id is not None:
                await lookups.person(session, admin, person_id)
            return await directory.commitments_of(session, company_id=company_id,
                                                  person_id=person_id)

    async def merges(self, admin: Administrator, kind: str, kept_id: int) -> list[MergeRecord]:
        async with self.ctx.sessions() as session:
            return await merges.merges_into(session, admin.company_id, kind, kept_id)
