"""The mails of answering and signing in, rendered from their templates in both languages."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.bootstrap import TEMPLATES_DIR
from app.use_cases.mail_out._answer_notices import local_moment, notice_context
from domain.answers import InviteFacts
from domain.model import InviteStatus
from mailer.render import MailRenderer

ANSWERED = datetime(2026, 11, 12, 15, 5, tzinfo=UTC)


def facts(locale: str) -> InviteFacts:
    return InviteFacts(
        invite_id=7, commitment_id=2, billing_period_id=3, status=InviteStatus.DECLINED,
        token_version=1, invoice_sent=False, answered_at=ANSWERED, answered_by_name="Priya",
        project_name="Riverside & Co", time_zone="America/Chicago", locale=locale,
        commitment_number="SC-003", commitment_title="Electrical",
        contract_company="Brightwire <Electric>", period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 30), due_date=date(2026, 11, 25), period_open=True,
        inviter_id=9, inviter_name="Jordan Avery", inviter_email="admin@summit.example",
        contact_id=5, contact_name="Priya Shah", contact_email="priya@brightwire.example",
        is_contact=True)


@pytest.mark.parametrize(("locale", "subject", "answered"), [
    ("en-US", "Riverside & Co: Priya Shah will not bill SC-003 this period",
     "November 12, 2026, 9:05 AM CST"),
    ("fr-CA", "Riverside & Co : Priya Shah ne facturera pas SC-003 pour cette période",
     "12 novembre 2026, 09:05 CST"),
])
def test_the_declined_notice(locale: str, subject: str, answered: str) -> None:
    mail = MailRenderer(TEMPLATES_DIR).render("declined_notice", notice_context(
        facts(locale), ANSWERED, "https://itb.example/admin/invites/7"))
    assert mail.subject == subject
    for body in (mail.text, mail.html):
        assert answered in body and "https://itb.example/admin/invites/7" in body
        assert "priya@brightwire.example" in body
    assert "Brightwire &lt;Electric&gt;" in mail.html  # the HTML part escapes
    assert "Brightwire <Electric>" in mail.text


@pytest.mark.parametrize(("locale", "subject", "expiry"), [
    ("en-US", "Your sign-in link for Invite to Bill", "within 15 minutes"),
    ("fr-CA", "Votre lien de connexion à Invite to Bill", "pendant 15 minutes"),
])
def test_the_sign_in_link(locale: str, subject: str, expiry: str) -> None:
    url = "https://itb.example/c/sign-in/abc_DEF-123"
    mail = MailRenderer(TEMPLATES_DIR).render("sign_in_link", {
        "locale": locale, "contact_name": "Priya Shah", "minutes": 15, "sign_in_url": url})
    assert mail.subject == subject
    for body in (mail.text, mail.html):
        assert url in body and expiry in body and "Priya Shah" in body


def test_times_are_written_in_the_projects_zone() -> None:
    summer = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
    assert local_moment(summer, "America/Chicago", "en-US") == "July 1, 2026, 6:30 PM CDT"
    assert local_moment(summer, "Europe/Paris", "fr-FR") == "2 juillet 2026, 01:30 CEST"
