"""A contact's one-time sign-in link (template `sign_in_link`)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.links import LinkPurpose, LinkSigner, sign_in_url
from app.use_cases.context import SharedSettings
from app.use_cases.mail_out.contexts import Built, ContextBuilder, NotSendable, OutgoingMail, Rows
from domain.contacts import SIGN_IN_LINK_LIFETIME
from store import sign_in

MINUTES = int(SIGN_IN_LINK_LIFETIME.total_seconds() // 60)


def sign_in_link_contexts(settings: SharedSettings, signer: LinkSigner) -> ContextBuilder:
    async def build(session: AsyncSession, rows: Rows) -> Built:
        ids = [row["payload"].get("link_id") for row in rows]
        links = await sign_in.links_with_people(session, [i for i in ids if isinstance(i, int)])
        built: Built = {}
        for row in rows:
            found = links.get(row["payload"].get("link_id"))
            if found is None:
                continue
            link, person = found
            if link.used_at is not None:
                built[row["id"]] = NotSendable("the sign-in link was already used")
                continue
            # The token is derived again from the stored nonce: it is never stored.
            token = signer.one_time_token(LinkPurpose.SIGN_IN, link.nonce)
            built[row["id"]] = OutgoingMail(
                to_addr=person.email, to_name=person.name, person_id=link.person_id,
                deliverable=person.deliverable,
                context={"locale": str(row["payload"].get("locale") or "en-US"),
                         "contact_name": person.name, "minutes": MINUTES,
                         "sign_in_url": sign_in_url(settings.base_url, token)})
        return built

    return build
