"""What the administrator's *Enter invoice* form starts from: the commitment's sheet for a
period of its project, and the period's commitments with their invoices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.use_cases.invoices import _loading as loading
from domain.errors import Conflict, NotFound
from domain.invoice_records import InvoiceRecord
from domain.model import Administrator
from store import invoices, periods
from store.invoices import CommitmentBilling, PeriodCommitment
from store.tables import BillingPeriod

CLOSED_MESSAGE = ("this billing period is closed: invoices can no longer be entered for it, "
                  "not even on a contact's behalf")


@dataclass(frozen=True)
class OnBehalfSheet:
    """A commitment's invoice of a period as the administrator's form shows it: blank
    (record id 0) until one is saved; `period_open` False for a closed period."""

    record: InvoiceRecord
    project_id: int
    project_name: str
    commitment_number: str
    commitment_title: str
    period_start: date
    period_end: date
    due_date: date
    period_open: bool
    # The project's language and dictionary: the page speaks them (web/admin/words.py).
    locale: str = "en-US"
    terminology: str = "general_contractor"


async def admins_period(session: AsyncSession, admin: Administrator, period_id: int,
                        billing: CommitmentBilling) -> BillingPeriod:
    period = await invoices.period_of_project(session, period_id,
                                              billing.commitment.project_id)
    if period is None:
        raise NotFound(f"billing period {period_id} not found")
    return period


def ensure_open(period: BillingPeriod) -> None:
    if period.status != "open":
        raise Conflict(CLOSED_MESSAGE, code="period_closed")


async def sheet(session: AsyncSession, admin: Administrator, commitment_id: int,
                period_id: int) -> OnBehalfSheet:
    billing = await loading.admins_commitment(session, admin, commitment_id)
    period = await admins_period(session, admin, period_id, billing)
    record = await loading.sheet(session, billing, period)
    return OnBehalfSheet(record, billing.project.id or 0, billing.project.name,
                         billing.commitment.number, billing.commitment.title,
                         period.start_date, period.end_date, period.due_date,
                         period.status == "open", billing.project.locale,
                         billing.project.terminology)


async def commitments_of_period(session: AsyncSession, admin: Administrator,
                                period_id: int) -> list[PeriodCommitment]:
    if await periods.company_of_period(session, period_id) != admin.company_id:
        raise NotFound(f"billing period {period_id} not found")
    period = await session.get(BillingPeriod, period_id)
    assert period is not None
    return await invoices.period_commitments(session, period_id, period.project_id)
