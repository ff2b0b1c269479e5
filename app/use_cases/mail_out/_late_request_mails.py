"""Mail about late submission requests: `late_request` to each administrator of the
company (a signed link to grant or refuse it) and `late_decided` to the contact who asked
(granted until a new date, or refused)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.links import LinkPurpose, LinkSigner
from app.use_cases.context import SharedSettings
from app.use_cases.mail_out.contexts import Built, ContextBuilder, OutgoingMail, Rows
from mailer.i18n import format_date
from store import answers, late_requests


def _builder(settings: SharedSettings, signer: LinkSigner, *,
             for_admin: bool) -> ContextBuilder:
    async def build(session: AsyncSession, rows: Rows) -> Built:
        people = await answers.people_by_id(session, [row["person_id"] for row in rows])
        built: Built = {}
        for row in rows:
            recipient = people.get(row["person_id"])
            facts = await late_requests.request_facts(
                session, int(row["payload"].get("late_request_id") or 0))
            if recipient is None or facts is None:
                continue
            if for_admin:  # signed when the mail is written: the token is never stored
                token = signer.sign(LinkPurpose.LATE_REQUEST, [facts.id, facts.company_id])
                url = f"{settings.base_url}/admin/late-requests/{token}"
            else:
                url = f"{settings.base_url}/c/commitments/{facts.commitment_id}/invoices/new"
            built[row["id"]] = OutgoingMail(
                to_addr=recipient.email, to_name=recipient.name, person_id=row["person_id"],
                deliverable=recipient.deliverable,
                context={"locale": facts.locale, "project_name": facts.project_name,
                         "commitment_number": facts.commitment_number,
                         "commitment_title": facts.commitment_title,
                         "contract_company": facts.contract_company,
                         "contact_name": facts.requested_by_name,
                         "contact_email": facts.requested_by_email,
                         "reason": facts.reason or "",
                         "due_date": format_date(facts.period_due_date, facts.locale),
                         "granted": facts.status == "granted", "days": facts.days or 0,
                         "new_due_date": (format_date(facts.new_due_date, facts.locale)
                                          if facts.new_due_date else ""),
                         "decided_by": facts.decided_by_name or "", "url": url})
        return built

    return build


def late_request_contexts(settings: SharedSettings, signer: LinkSigner) -> ContextBuilder:
    return _builder(settings, signer, for_admin=True)


def late_decided_contexts(settings: SharedSettings, signer: LinkSigner) -> ContextBuilder:
    return _builder(settings, signer, for_admin=False)
