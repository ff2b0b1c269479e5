"""Mail about invoices: `invoice_submitted` to the administrator who reviews it, and
`invoice_returned` (Revise and Resubmit, with the note) to each of the contacts."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.context import SharedSettings
from app.use_cases.mail_out.contexts import Built, ContextBuilder, OutgoingMail, Rows
from store import answers, mail_facts


def _contexts(settings: SharedSettings, link: str) -> ContextBuilder:
    """`link` is formatted with the invoice's and the commitment's ids."""

    async def build(session: AsyncSession, rows: Rows) -> Built:
        people = await answers.people_by_id(session, [row["person_id"] for row in rows])
        facts = await mail_facts.invoice_mail_facts(
            session, [int(row["payload"].get("invoice_id") or 0) for row in rows])
        built: Built = {}
        for row in rows:
            recipient = people.get(row["person_id"])
            fact = facts.get(int(row["payload"].get("invoice_id") or 0))
            if recipient is None or fact is None:
                continue
            built[row["id"]] = OutgoingMail(
                to_addr=recipient.email, to_name=recipient.name, person_id=row["person_id"],
                deliverable=recipient.deliverable,
                context={"locale": fact.locale, "project_name": fact.project_name,
                         "terminology": fact.terminology, "invoice_number": fact.number,
                         "commitment_number": fact.commitment_number,
                         "contract_company": fact.contract_company,
                         "note": str(row["payload"].get("note") or ""),
                         "url": settings.base_url + link.format(
                             invoice_id=fact.invoice_id, commitment_id=fact.commitment_id)})
        return built

    return build


def invoice_submitted_contexts(settings: SharedSettings) -> ContextBuilder:
    return _contexts(settings, "/admin/invoices/{invoice_id}")


def invoice_returned_contexts(settings: SharedSettings) -> ContextBuilder:
    return _contexts(settings, "/c/commitments/{commitment_id}/invoices/new")
