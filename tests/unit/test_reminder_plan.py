"""The scan's decisions over whole calendars: waking an invite only at its next reminder
instant (the indexed column) must send exactly what ticking through every moment would,
after any answers, invoices, closing and downtime; plus the small pure helpers."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.remind_cli import moment
from app.use_cases.mail_out._reminder_mails import thread_headers
from app.use_cases.reminders._plan import Cadence, mail_rows, plan_invite
from app.use_cases.reminders.schedule import first_reminder_at
from domain.commands import ProjectChanges
from domain.errors import DomainError, InvalidInput
from domain.invites import Answer, answer_invite
from domain.model import InviteStatus, ReminderPolicy
from domain.periods import is_past_due
from domain.reminders import answer_wakes_reminders, schedule_continues
from store.reminders import ContactFacts, DueInvite
from tests.support.reminder_calendars import ZONES, Calendar, calendars, run_worker
from web.admin.reminder_words import reminder_summary

CONTACTS = (ContactFacts(7, "Ada", "ada@sub.example", True),
            ContactFacts(8, "Bounced", "old@sub.example", False))


def due_invite(calendar: Calendar) -> DueInvite:
    return DueInvite(
        invite_id=1, status=InviteStatus.INVITED, invited_at=calendar.invited_at,
        commitment_id=1, commitment_number="SC-001", commitment_title="Concrete",
        billing_period_id=1, due_date=calendar.due, period_open=True, closed_at=None,
        project_id=1, project_name="Tower", project_number="T-1", time_zone=calendar.zone,
        policy=calendar.policy, invoice_sent=False, contacts=CONTACTS)


def run_scan(calendar: Calendar) -> list[tuple[datetime, date]]:
    """The scan's loop over the same calendar: an invite is looked at only when its next
    instant has come; what it writes is keyed by contact and local date."""
    invite = due_invite(calendar)
    next_at = first_reminder_at(calendar.policy, calendar.zone, calendar.due,
                                calendar.invited_at)
    timeline, keys, sent = sorted(calendar.events), set[str](), []
    tick = calendar.invited_at
    while tick < calendar.invited_at + timedelta(days=32):
        while timeline and timeline[0][0] <= tick:
            at, kind = timeline.pop(0)
            before, invite = invite.status, apply(invite, at, kind)
            if answer_wakes_reminders(before, invite.status):
                next_at = at  # what the answer use case writes (store.answer_writes)
        if calendar.closed_at is not None and tick >= calendar.closed_at:
            invite = replace(invite, period_open=False, closed_at=calendar.closed_at)
        down = any(start <= tick < stop for start, stop in calendar.downtime)
        if not down and next_at is not None and next_at <= tick:
            plan = plan_invite(invite, Cadence(tick))
            assert [c.email for c in plan.recipients] in ([], ["ada@sub.example"])
            for row in mail_rows(plan, "reply.example", tick):
                if row["idempotency_key"] not in keys:
                    keys.add(row["idempotency_key"])
                    sent.append((tick, date.fromisoformat(row["payload"]["local_date"])))
            assert plan.next_at is None or plan.next_at > tick
            next_at = plan.next_at
        tick += calendar.step
    return sent


def apply(invite: DueInvite, moment_: datetime, kind: str) -> DueInvite:
    if kind == "invoice":
        return replace(invite, invoice_sent=True)
    try:
        outcome = answer_invite(invite.status, Answer(kind),
                                past_due=is_past_due(moment_, invite.due_date,
                                                     invite.time_zone),
                                invoice_sent=invite.invoice_sent)
    except DomainError:
        return invite
    return replace(invite, status=outcome.status)


# Found by hypothesis: No at the invite, Yes an hour after the day's reminder instant.
YES_AFTER_NO_ON_A_REMINDER_DAY = Calendar(
    zone="America/New_York", due=date(2000, 1, 1), policy=ReminderPolicy((1,), 0, False, 0),
    invited_at=datetime(1999, 12, 25, 5, tzinfo=UTC), step=timedelta(minutes=20),
    events=[(datetime(1999, 12, 25, 5, tzinfo=UTC), "no"),
            (datetime(1999, 12, 31, 6, tzinfo=UTC), "yes")])


@settings(max_examples=60, deadline=None)
@given(calendar=calendars(st.sampled_from(ZONES)))
@example(calendar=YES_AFTER_NO_ON_A_REMINDER_DAY)
def test_waking_at_the_next_instant_sends_what_ticking_every_moment_would(
        calendar: Calendar) -> None:
    _, expected = run_worker(calendar)
    assert run_scan(calendar) == expected


@pytest.mark.parametrize(("status", "invoice_sent", "period_open", "past_due", "continues"), [
    (InviteStatus.INVITED, False, True, True, True),
    (InviteStatus.ACCEPTED, False, True, False, True),
    (InviteStatus.DECLINED, False, True, False, True),  # may still become Yes
    (InviteStatus.DECLINED, False, True, True, False),  # answers are final
    (InviteStatus.ACCEPTED, True, True, False, False),
    (InviteStatus.INVITED, False, False, False, False),
])
def test_when_the_schedule_ends(status: InviteStatus, invoice_sent: bool, period_open: bool,
                                past_due: bool, continues: bool) -> None:
    assert schedule_continues(status, invoice_sent=invoice_sent, period_open=period_open,
                              past_due=past_due) is continues


def test_project_changes_keep_what_they_do_not_name_and_check_the_rest() -> None:
    current = ReminderPolicy()
    assert ProjectChanges(days_before=(1, 7, 1)).policy(current) == ReminderPolicy(
        (7, 1), 8, True, 14)
    assert ProjectChanges(reminder_hour=6, daily_after_due=False).policy(current) == \
        ReminderPolicy((3, 1), 6, False, 14)
    for bad in (ProjectChanges(reminder_hour=24), ProjectChanges(days_before=tuple(range(11))),
                ProjectChanges(max_after_due=61)):
        with pytest.raises(InvalidInput):
            bad.policy(current)
    assert ProjectChanges(clear_invitation_message=True).message("Hi") is None
    assert ProjectChanges().message("Hi") == "Hi"


@pytest.mark.parametrize(("policy", "words"), [
    (ReminderPolicy(), "3 and 1 days before the due date, then every day after it for up to "
                       "14 days, at 8:00 AM (America/Chicago)."),
    (ReminderPolicy((1,), 13, False, 14), "1 day before the due date, at 1:00 PM "
                                          "(America/Chicago)."),
    (ReminderPolicy((5, 3, 1), 0, True, 1), "5, 3 and 1 days before the due date, then every "
                                            "day after it for up to 1 day, at 12:00 AM "
                                            "(America/Chicago)."),
    (ReminderPolicy((), 8, False, 14), "No reminders."),
    (ReminderPolicy((3, 1), 8, True, 5, 2), "Every 2 days from the invite up to the due date, "
                                           "then every day after it for up to 5 days, at "
                                           "8:00 AM (America/Chicago)."),
    (ReminderPolicy((), 9, False, 0, 1), "Every day from the invite up to the due date, at "
                                         "9:00 AM (America/Chicago)."),
])
def test_the_dashboard_says_the_cadence_in_words(policy: ReminderPolicy, words: str) -> None:
    assert reminder_summary(policy, "America/Chicago") == words


def test_remind_on_is_utc_unless_it_carries_an_offset() -> None:
    assert moment("2026-11-22T08:00") == datetime(2026, 11, 22, 8, tzinfo=UTC)
    assert moment("2026-11-22T08:00-06:00") == datetime(2026, 11, 22, 14, tzinfo=UTC)
    with pytest.raises(argparse.ArgumentTypeError):
        moment("22/11/2026 8am")


def test_reminders_are_automatic_and_thread_under_every_invite_mail() -> None:
    assert thread_headers([]) == {"Auto-Submitted": "auto-generated"}
    assert thread_headers(["<a@x>", "<b@x>"]) == {
        "Auto-Submitted": "auto-generated", "In-Reply-To": "<b@x>",
        "References": "<a@x> <b@x>"}
