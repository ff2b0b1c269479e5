"""The administrator's notice that a contact answered No (template `declined_notice`).

Sent to the administrator who sent the invite; Reply-To is the contact, so that replying
reaches the person who declined.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.context import SharedSettings
from app.use_cases.mail_out.contexts import Built, ContextBuilder, OutgoingMail, Rows
from domain.answers import InviteFacts
from mailer.i18n import format_date, language_of
from store import answers
from store.tables import Person


async def admin_notices(session: AsyncSession, rows: Rows,
                        ) -> AsyncIterator[tuple[Mapping[str, Any], Person, InviteFacts]]:
    """The rows of notices to an administrator about one contact of an invite, with the
    administrator (the row's person) and the invite's facts; rows whose person, contact or
    invite has gone are left out."""
    people = await answers.people_by_id(session, [row["person_id"] for row in rows])
    for row in rows:
        recipient = people.get(row["person_id"])
        contact_id = row["payload"].get("contact_id")
        if recipient is None or not isinstance(contact_id, int):
            continue
        # One query per notice: notices are rare, and each names another invite.
        facts = await answers.invite_facts(session, row["invite_id"], contact_id)
        if facts is not None:
            yield row, recipient, facts


def declined_notice_contexts(settings: SharedSettings) -> ContextBuilder:
    async def build(session: AsyncSession, rows: Rows) -> Built:
        built: Built = {}
        async for row, recipient, facts in admin_notices(session, rows):
            answered = datetime.fromisoformat(str(row["payload"].get("answered_at")))
            built[row["id"]] = OutgoingMail(
                to_addr=recipient.email, to_name=recipient.name, person_id=row["person_id"],
                deliverable=recipient.deliverable, reply_to=facts.contact_email,
                context=notice_context(facts, answered,
                                       f"{settings.base_url}/admin/invites/{facts.invite_id}"))
        return built

    return build


def notice_context(facts: InviteFacts, answered: datetime, history_url: str) -> dict[str, Any]:
    locale = facts.locale
    return {
        "locale": locale, "project_name": facts.project_name,
        "contact_name": facts.contact_name, "contact_email": facts.contact_email,
        "contract_company": facts.contract_company,
        "commitment_number": facts.commitment_number,
        "commitment_title": facts.commitment_title,
        "invoice_type": facts.invoice_type.value,
        "period_start": format_date(facts.period_start, locale),
        "period_end": format_date(facts.period_end, locale),
        "due_date": format_date(facts.due_date, locale),
        "answered_at": local_moment(answered, facts.time_zone, locale),
        "history_url": history_url,
    }


def local_moment(moment: datetime, zone: str, locale: str) -> str:
    """November 12, 2026, 9:15 AM CST (en) or 12 novembre 2026, 09:15 CST (fr), in the
    project's time zone."""
    local = moment.astimezone(ZoneInfo(zone))
    day = format_date(local.date(), locale)
    if language_of(locale) == "fr":
        return f"{day}, {local:%H:%M} {local.tzname()}"
    hour = local.hour % 12 or 12
    return f"{day}, {hour}:{local:%M %p} {local.tzname()}"
