"""The read side of a project's periods: each with its invite counts, and what "Open a
new period" proposes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from domain.model import BillingPeriod, InviteStatus
from domain.period_defaults import PeriodDates
from store import mapping, periods

COUNT_KEYS = (*(status.value for status in InviteStatus), "submitted")


@dataclass(frozen=True)
class PeriodSummary:
    """A period and its counts: invites per status (`not_invited`: the project's
    commitments without an invite in it) and `submitted` (invoices sent)."""

    period: BillingPeriod
    counts: dict[str, int]


@dataclass(frozen=True)
class PeriodsOverview:
    periods: tuple[PeriodSummary, ...]  # the latest first
    proposal: PeriodDates


async def summaries(session: AsyncSession, project_id: int) -> list[PeriodSummary]:
    rows = await periods.period_rows(session, project_id)
    counted = await periods.invite_counts(session, project_id)
    commitments = await periods.commitment_count(session, project_id)
    found = []
    for row in reversed(rows):
        assert row.id is not None
        counts = {key: counted.get(row.id, {}).get(key, 0) for key in COUNT_KEYS}
        invited = sum(counts[key] for key in COUNT_KEYS
                      if key not in ("not_invited", "submitted"))
        counts["not_invited"] = max(commitments - invited, 0)
        found.append(PeriodSummary(mapping.billing_period(row), counts))
    return found
