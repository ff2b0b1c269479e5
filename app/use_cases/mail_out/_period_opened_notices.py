"""The administrators' notice that the scheduler opened a billing period
(`period_opened`; app/use_cases/projects/automatic.py writes it)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.context import SharedSettings
from app.use_cases.mail_out.contexts import Built, ContextBuilder, OutgoingMail, Rows
from mailer.i18n import format_date
from store import answers, periods


def period_opened_contexts(settings: SharedSettings) -> ContextBuilder:
    async def build(session: AsyncSession, rows: Rows) -> Built:
        people = await answers.people_by_id(session, [row["person_id"] for row in rows])
        built: Built = {}
        for row in rows:
            recipient = people.get(row["person_id"])
            found = await periods.period_and_project(
                session, int(row["payload"].get("billing_period_id", 0)))
            if recipient is None or found is None:
                continue
            period, project = found
            locale = project.locale
            built[row["id"]] = OutgoingMail(
                to_addr=recipient.email, to_name=recipient.name, person_id=row["person_id"],
                deliverable=recipient.deliverable,
                context={
                    "locale": locale, "project_name": project.name,
                    "period": f"{format_date(period.start_date, locale)} \u2013 "
                              f"{format_date(period.end_date, locale)}",
                    "due_date": format_date(period.due_date, locale),
                    "invites_sent": bool(row["payload"].get("send_invites")),
                    "periods_url": f"{settings.base_url}/admin/projects/{project.id}/periods"})
        return built

    return build
