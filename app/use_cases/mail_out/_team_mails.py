"""The administrators' one-time links: a colleague's invitation to set a password
(`admin_invitation`) and a password reset (`password_reset`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.links import (
    LinkPurpose,
    LinkSigner,
    admin_invitation_url,
    password_reset_url,
)
from app.use_cases.context import SharedSettings
from app.use_cases.mail_out.contexts import Built, ContextBuilder, NotSendable, OutgoingMail, Rows
from domain.team import INVITATION_LIFETIME, PASSWORD_RESET_LIFETIME
from store import answers, sign_in, team

# Companies have no language of their own yet: an administrator's own language, else this.
LOCALE = "en-US"


def _link_mails(settings: SharedSettings, signer: LinkSigner, purpose: LinkPurpose,
                lifetime: timedelta, url: Callable[[str, str], str],
                extra: Callable[..., dict[str, object]]) -> ContextBuilder:
    async def build(session: AsyncSession, rows: Rows) -> Built:
        ids = [row["payload"].get("link_id") for row in rows]
        links = await sign_in.links_with_people(session, [i for i in ids if isinstance(i, int)])
        names = await team.company_names(session, {person.company_id
                                                   for _, person in links.values()})
        inviters = await answers.people_by_id(
            session, [row["payload"].get("invited_by", 0) for row in rows])
        built: Built = {}
        for row in rows:
            found = links.get(row["payload"].get("link_id"))
            if found is None or found[0].purpose != purpose.value:
                continue
            link, person = found
            if link.used_at is not None or link.expires_at < link.created_at + lifetime:
                # Used, or cut short (replaced by a newer link, its administrator removed)
                # before it went out: a link that cannot work is not sent.
                built[row["id"]] = NotSendable("the link was replaced or withdrawn")
                continue
            token = signer.one_time_token(purpose, link.nonce)
            inviter = inviters.get(row["payload"].get("invited_by", 0))
            built[row["id"]] = OutgoingMail(
                to_addr=person.email, to_name=person.name, person_id=link.person_id,
                deliverable=person.deliverable,
                context={"locale": person.language or LOCALE, "name": person.name,
                         "to_email": person.email,
                         "company_name": names.get(person.company_id, ""),
                         "url": url(settings.base_url, token),
                         **extra(inviter=inviter)})
        return built

    return build


def admin_invitation_contexts(settings: SharedSettings, signer: LinkSigner) -> ContextBuilder:
    days = INVITATION_LIFETIME.days
    return _link_mails(settings, signer, LinkPurpose.ADMIN_INVITATION,
                       INVITATION_LIFETIME, admin_invitation_url,
                       lambda inviter: {"inviter_name": inviter.name if inviter else "",
                                        "inviter_email": inviter.email if inviter else "",
                                        "days": days})


def password_reset_contexts(settings: SharedSettings, signer: LinkSigner) -> ContextBuilder:
    minutes = int(PASSWORD_RESET_LIFETIME.total_seconds() // 60)
    return _link_mails(settings, signer, LinkPurpose.PASSWORD_RESET,
                       PASSWORD_RESET_LIFETIME, password_reset_url,
                       lambda inviter: {"minutes": minutes})
