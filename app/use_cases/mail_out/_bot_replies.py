"""The email bot's replies (template `inbound_reply`): a confirmation, how to answer, why
an answer came too late, or a polite not-a-contact notice. Each is marked
`Auto-Submitted: auto-replied` (RFC 3834) and threads under the message it answers."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.links import LinkPurpose, LinkSigner, sign_in_url
from app.use_cases.context import SharedSettings
from app.use_cases.mail_out.contexts import Built, ContextBuilder, NotSendable, OutgoingMail, Rows
from store import answers, sign_in


def inbound_reply_contexts(settings: SharedSettings, signer: LinkSigner) -> ContextBuilder:
    async def build(session: AsyncSession, rows: Rows) -> Built:
        people = await answers.people_by_id(session, [row["person_id"] for row in rows
                                                      if row["person_id"]])
        built: Built = {}
        for row in rows:
            payload = row["payload"]
            person = people.get(row["person_id"])
            context = {key: str(payload.get(key) or "") for key in (
                "variant", "contact_name", "commitment_number", "subject", "reason")}
            context["locale"] = str(payload.get("locale") or "en-US")
            context["sign_in_url"] = ""
            context["invoice_type"] = ""  # known once the invite is
            if row["invite_id"] and person is not None:
                facts = await answers.invite_facts(session, row["invite_id"], person.id)
                if facts is not None:
                    context.update(contact_name=facts.contact_name, locale=facts.locale,
                                   commitment_number=facts.commitment_number,
                                   invoice_type=facts.invoice_type.value)
            link_id = payload.get("link_id")
            if isinstance(link_id, int):
                found = (await sign_in.links_with_people(session, [link_id])).get(link_id)
                if found is None or found[0].used_at is not None:
                    built[row["id"]] = NotSendable("the sign-in link is gone or was used")
                    continue
                # As for sign_in_link: the token is derived again, never stored.
                token = signer.one_time_token(LinkPurpose.SIGN_IN, found[0].nonce)
                context["sign_in_url"] = sign_in_url(settings.base_url, token)
            headers = {"Auto-Submitted": "auto-replied"}
            if payload.get("in_reply_to"):
                headers["In-Reply-To"] = str(payload["in_reply_to"])
                headers["References"] = str(payload.get("references") or
                                            payload["in_reply_to"])
            built[row["id"]] = OutgoingMail(
                to_addr=str(payload.get("to") or (person.email if person else "")),
                to_name=person.name if person else "",
                # 0 when the sender is nobody we know: a bounce then marks no one.
                person_id=row["person_id"] or 0,
                deliverable=person.deliverable if person else True,
                context=context, headers=headers)
        return built

    return build
