"""The administrator's notice that mail to an invoice contact bounced (`bounce_notice`)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.context import SharedSettings
from app.use_cases.mail_out._answer_notices import admin_notices
from app.use_cases.mail_out.contexts import Built, ContextBuilder, OutgoingMail, Rows


def bounce_notice_contexts(settings: SharedSettings) -> ContextBuilder:
    async def build(session: AsyncSession, rows: Rows) -> Built:
        built: Built = {}
        async for row, recipient, facts in admin_notices(session, rows):
            built[row["id"]] = OutgoingMail(
                to_addr=recipient.email, to_name=recipient.name, person_id=row["person_id"],
                deliverable=recipient.deliverable,
                context={
                    "locale": facts.locale, "project_name": facts.project_name,
                    "contact_name": facts.contact_name, "contact_email": facts.contact_email,
                    "contract_company": facts.contract_company,
                    "commitment_number": facts.commitment_number,
                    "commitment_title": facts.commitment_title,
                    "diagnostic": str(row["payload"].get("diagnostic") or ""),
                    "history_url": f"{settings.base_url}/admin/invites/{facts.invite_id}"})
        return built

    return build
