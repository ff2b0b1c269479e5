"""A period's invites are written as plain dicts for speed: they must be exactly the JSON
the pydantic models give (and so match the documented schema)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from domain import model as records
from domain.invoice_types import InviteType
from web.api.resources.invites import InviteSummary, PeriodInvites

NOW = datetime(2026, 11, 10, 15, 0, 12, 345678, tzinfo=UTC)
PERIOD = records.BillingPeriod(3, 2, date(2026, 11, 1), date(2026, 11, 30), date(2026, 11, 25),
                               date(2026, 11, 28), records.PeriodStatus.OPEN, NOW)


def item(status: records.InviteStatus, **changes: object) -> records.InviteRecord:
    values: dict[str, object] = dict(
        invite_id=7, commitment_id=11, commitment_number="SC-001",
        commitment_title="Électricité \"générale\" <b>&</b> 工事", contract_company="Zoë's Co",
        status=status, invoice_submitted=True, invited_at=NOW, answered_at=NOW,
        contacts=(records.Contact(5, "Ana", "ana@x.example"),
                  records.Contact(6, "Bo", "bo@x.example", deliverable=False)),
        billing_period_id=3, next_reminder_at=NOW + timedelta(days=2))
    values.update(changes)
    return records.InviteRecord(**values)  # type: ignore[arg-type]


CASES = [item(status) for status in records.InviteStatus] + [
    item(records.InviteStatus.NOT_INVITED, invite_id=None, invited_at=None, answered_at=None,
         next_reminder_at=None, contacts=(), invoice_submitted=False),
    item(records.InviteStatus.INVITED,
         invited_at=datetime(2026, 3, 8, 1, 30, tzinfo=timezone(timedelta(hours=-6)))),
    *(item(records.InviteStatus.INVITED, invoice_type=kind) for kind in InviteType),
]


@pytest.mark.parametrize("record", CASES)
def test_an_items_json_is_the_models(record: records.InviteRecord) -> None:
    assert InviteSummary.json_of(record) == InviteSummary.model_validate(record).to_json()


def test_a_periods_json_is_the_models() -> None:
    counts = {"not_invited": 1, "invited": 2, "accepted": 1, "declined": 1, "submitted": 3}
    view = records.PeriodInvites(PERIOD, counts, tuple(CASES))
    for cursor in (None, "abc.def"):
        assert PeriodInvites.json_of(view, cursor) == (
            PeriodInvites.from_record(view, cursor).to_json())
