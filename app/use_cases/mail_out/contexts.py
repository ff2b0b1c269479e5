"""What each mail says and to whom: a registry from template name to a context builder.

Outbox rows of kind "email" name a `template`. Delivery hands the rows of one claim to the
builder registered for their template, once per template, and gets back for each row the
recipient, the template's context and any extra headers (`OutgoingMail`), or why the row
cannot be sent (`NotSendable`). A new kind of mail registers its builder here
(`default_mail_contexts`); delivery itself does not change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.links import InviteLink, LinkSigner, answer_urls
from app.use_cases.context import SharedSettings
from mailer.i18n import format_date
from mailer.reply_address import reply_address
from store.mail_facts import InviteMailFacts, invite_mail_facts


@dataclass(frozen=True)
class OutgoingMail:
    """One outbox row, ready to render and send."""

    to_addr: str
    to_name: str
    # The recipient: a permanent failure marks this person's address undeliverable.
    person_id: int
    context: dict[str, Any]
    reply_to: str | None = None
    # Set for mail to an invoice contact about an invite: a bounce is logged on the invite.
    invite_id: int | None = None
    deliverable: bool = True
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class NotSendable:
    """Why a row can never be sent; it fails at once and shows on the undelivered list."""

    reason: str


Rows = Sequence[Mapping[str, Any]]
Built = dict[int, OutgoingMail | NotSendable]
# (session, the claimed rows of one template) -> outbox id -> mail or reason.
ContextBuilder = Callable[[AsyncSession, Rows], Awaitable[Built]]


class MailContexts:
    """Template name -> the builder of its rows' contexts."""

    def __init__(self) -> None:
        self._builders: dict[str, ContextBuilder] = {}

    def register(self, template: str, builder: ContextBuilder) -> None:
        self._builders[template] = builder

    @property
    def templates(self) -> frozenset[str]:
        return frozenset(self._builders)

    async def build(self, session: AsyncSession, rows: Rows) -> Built:
        """Every row's mail or reason, in one query per template present."""
        by_template: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for row in rows:
            by_template[row["template"] or ""].append(row)
        built: Built = {}
        for template, group in by_template.items():
            builder = self._builders.get(template)
            if builder is None:
                built.update({row["id"]: NotSendable(f"no mail template {template!r}")
                              for row in group})
                continue
            found = await builder(session, group)
            built.update({row["id"]: found.get(row["id"], NotSendable(
                "what this mail was about no longer exists")) for row in group})
        return built


def mail_to_invite_contact(settings: SharedSettings, signer: LinkSigner, found: InviteMailFacts,
                           *, resend: bool, wording: Mapping[str, Any] | None = None,
                           headers: Mapping[str, str] | None = None) -> OutgoingMail:
    """A mail about an invite to one of its contacts: Yes/No links signed now with the
    invite's current token version, and the invite's reply address."""
    token = signer.invite_token(InviteLink(found.invite_id, found.contact_id,
                                           found.token_version))
    yes_url, no_url = answer_urls(settings.base_url, token)
    return OutgoingMail(
        to_addr=found.contact_email, to_name=found.contact_name, person_id=found.contact_id,
        invite_id=found.invite_id, deliverable=found.contact_deliverable,
        reply_to=reply_address(found.reply_token, found.token_version,
                               settings.inbound_domain),
        context={**invite_context(found, yes_url, no_url, resend=resend), **(wording or {})},
        headers=headers or {})


def invite_contexts(settings: SharedSettings, signer: LinkSigner) -> ContextBuilder:
    """The invite mail: one per (invite, invoice contact), with signed Yes/No links."""

    async def build(session: AsyncSession, rows: Rows) -> Built:
        facts = await invite_mail_facts(session, [(r["invite_id"], r["person_id"]) for r in rows])
        built: Built = {}
        for row in rows:
            found = facts.get((row["invite_id"], row["person_id"]))
            if found is None:
                built[row["id"]] = NotSendable("the contact is no longer on the commitment")
                continue
            built[row["id"]] = mail_to_invite_contact(
                settings, signer, found, resend=bool(row["payload"].get("resend")))
        return built

    return build


def invite_context(facts: InviteMailFacts, yes_url: str, no_url: str, *,
                   resend: bool) -> dict[str, Any]:
    locale = facts.locale
    return {
        "project_name": facts.project_name, "inviter_name": facts.inviter_name,
        "inviter_email": facts.inviter_email, "contact_name": facts.contact_name,
        "commitment_number": facts.commitment_number,
        "commitment_title": facts.commitment_title,
        "contract_company": facts.contract_company,
        "period_start": format_date(facts.period_start, locale),
        "period_end": format_date(facts.period_end, locale),
        "due_date": format_date(facts.due_date, locale),
        "invitation_message": facts.invitation_message, "yes_url": yes_url,
        "no_url": no_url, "locale": locale, "resend": resend,
        "invoice_type": facts.invoice_type,
        "terminology": facts.terminology,
    }

