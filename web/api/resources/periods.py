"""A billing period (`BillingPeriod`). Its request bodies are shared with inbound webhooks
(payloads.requests.NewBillingPeriodRequest, BillingPeriodPatchRequest)."""

from __future__ import annotations

import datetime as dt

from domain import model as records
from web.api.resources.base import Id, Instant, ResponseModel


class BillingPeriod(ResponseModel):
    id: Id
    project_id: Id
    start_date: dt.date
    end_date: dt.date
    due_date: dt.date
    billing_date: dt.date | None
    status: records.PeriodStatus
    created_at: Instant | None
