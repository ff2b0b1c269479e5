"""A billing period: the body of PATCH /api/billing-periods/{id} and the answer
(`BillingPeriod`). The body of POST is shared with inbound webhooks
(payloads.requests.NewBillingPeriodRequest)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from domain import model as records
from domain.commands import PeriodChanges
from payloads.fields import IsoDate
from payloads.requests import RequestModel
from web.api.resources.base import Id, Instant, ResponseModel


class BillingPeriodPatchRequest(RequestModel):
    """The body of PATCH /api/billing-periods/{id}: only the fields given change."""

    start_date: IsoDate | None = None
    end_date: IsoDate | None = None
    due_date: IsoDate | None = None
    billing_date: IsoDate | None = None
    status: Literal["closed"] | None = Field(
        default=None, description="\"closed\" closes the period; a period is never reopened.")

    def to_changes(self) -> PeriodChanges:
        return PeriodChanges(self.start_date, self.end_date, self.due_date, self.billing_date,
                             close=self.status == "closed")


class BillingPeriod(ResponseModel):
    id: Id
    project_id: Id
    start_date: dt.date
    end_date: dt.date
    due_date: dt.date
    billing_date: dt.date | None
    status: records.PeriodStatus
    created_at: Instant | None
