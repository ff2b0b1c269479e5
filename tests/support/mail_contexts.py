"""The facts a mail about an invite is rendered from, for the mail unit tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.answers import InviteFacts
from domain.model import InviteStatus

ANSWERED = datetime(2026, 11, 12, 15, 5, tzinfo=UTC)


def invite_facts(locale: str) -> InviteFacts:
    return InviteFacts(
        invite_id=7, commitment_id=2, billing_period_id=3, status=InviteStatus.DECLINED,
        token_version=1, invoice_sent=False, answered_at=ANSWERED, answered_by_name="Priya",
        project_name="Riverside & Co", time_zone="America/Chicago", locale=locale,
        commitment_number="SC-003", commitment_title="Electrical",
        contract_company="Brightwire Electric", period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 30), due_date=date(2026, 11, 25), period_open=True,
        inviter_id=9, inviter_name="Jordan Avery", inviter_email="admin@summit.example",
        contact_id=5, contact_name="Priya Shah", contact_email="priya@brightwire.example",
        is_contact=True)
