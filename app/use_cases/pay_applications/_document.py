"""From a loaded invoice to the figures of its G702/G703 document."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.document_words import document_words
from app.use_cases.invoices._loading import LoadedInvoice
from documents.pay_application import ROWS_PER_PAGE
from documents.words import DocumentWords
from domain.errors import NotFound
from domain.model import AccountingMethod
from domain.pay_application import PayApplication, PayApplicationHeader, pay_application
from store import pay_applications


async def document_of(session: AsyncSession, loaded: LoadedInvoice) -> PayApplication:
    billing, record = loaded.billing, loaded.record
    project, commitment = billing.project, billing.commitment
    period = await pay_applications.period_end(session, record.billing_period_id)
    if period is None:
        raise NotFound(f"invoice {record.id} not found")
    # The contract date is the day the commitment was recorded, in the project's zone.
    signed = commitment.created_at.astimezone(ZoneInfo(project.time_zone)).date()
    header = PayApplicationHeader(
        owner=await pay_applications.company_name(session, project.company_id),
        project=f"{project.name} ({project.number})", contractor=billing.contract_company,
        architect="", application_number=record.number, period_to=period.end_date,
        contract_date=signed, contract_for=f"{commitment.number} {commitment.title}",
        unit_based=project.accounting_method == AccountingMethod.UNIT.value,
        locale=project.locale, terminology=project.terminology)
    return pay_application(header, record.computed.lines, record.computed.summary,
                           rows_per_page=ROWS_PER_PAGE)


def words_of(document: PayApplication) -> DocumentWords:
    """The words the document prints: its project's language and dictionary."""
    return document_words(document.header.locale, document.header.terminology)
