"""The answer rules around the transition: who may answer, until when (the cutoff in the
project's zone, across daylight-saving changes), and the words the page uses for time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.links import InviteLink
from domain.answers import (
    AnswerView,
    InviteFacts,
    check_access,
    ensure_open,
)
from domain.contacts import RateLimit
from domain.errors import Forbidden, PastDue
from domain.invites import Answer, answer_invite
from domain.model import InviteStatus
from domain.periods import due_cutoff, is_past_due, local_date
from domain.time_left import TimeLeft, time_left_until
from web.answer_views import PageState, form_scope, page_state, posted_answer

ZONES = ["America/Chicago", "America/New_York", "Europe/London", "Australia/Lord_Howe",
         "America/Santiago", "Pacific/Apia", "Asia/Kolkata", "UTC"]
# Due dates on and around daylight-saving changes (both hemispheres), and ordinary ones.
DST_DATES = [date(2026, 3, 7), date(2026, 3, 8), date(2026, 3, 28), date(2026, 3, 29),
             date(2026, 4, 4), date(2026, 4, 5), date(2026, 9, 5), date(2026, 9, 6),
             date(2026, 10, 3), date(2026, 10, 4), date(2026, 10, 24), date(2026, 10, 25),
             date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 25), date(2026, 12, 31)]


def facts(**changes: object) -> InviteFacts:
    base = InviteFacts(
        invite_id=1, commitment_id=2, billing_period_id=3, status=InviteStatus.INVITED,
        token_version=1, invoice_sent=False, answered_at=None, answered_by_name=None,
        project_name="Riverside", time_zone="America/Chicago", locale="en-US",
        commitment_number="SC-003", commitment_title="Electrical",
        contract_company="Brightwire Electric", period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 30), due_date=date(2026, 11, 25), period_open=True,
        inviter_id=9, inviter_name="Jordan Avery", inviter_email="admin@summit.example",
        contact_id=5, contact_name="Priya Shah", contact_email="priya@brightwire.example",
        is_contact=True)
    return replace(base, **changes)  # type: ignore[arg-type]


@settings(max_examples=400)
@given(zone=st.sampled_from(ZONES), due=st.sampled_from(DST_DATES),
       offset=st.integers(min_value=-3 * 3600, max_value=3 * 3600),
       status=st.sampled_from([InviteStatus.INVITED, InviteStatus.ACCEPTED,
                               InviteStatus.DECLINED]),
       answer=st.sampled_from(Answer))
def test_answers_are_taken_exactly_until_the_end_of_the_local_due_date(
        zone: str, due: date, offset: int, status: InviteStatus, answer: Answer) -> None:
    invite = facts(time_zone=zone, due_date=due, status=status)
    now = due_cutoff(due, zone) + timedelta(seconds=offset)
    still_due_day = local_date(now, zone) <= due
    assert invite.is_closed(now) is (not still_due_day)
    assert invite.is_closed(now) is is_past_due(now, due, zone)
    if still_due_day:
        ensure_open(invite, now)
        outcome = answer_invite(status, answer, past_due=False, invoice_sent=False)
        assert outcome.status is (InviteStatus.ACCEPTED if answer is Answer.YES
                                  else InviteStatus.DECLINED)
    else:
        with pytest.raises(PastDue) as caught:
            ensure_open(invite, now)
        assert "Jordan Avery (admin@summit.example)" in caught.value.message


@pytest.mark.parametrize(("zone", "due", "last_local_moment"), [
    # Chicago falls back on Sunday November 1: that day has 25 hours.
    ("America/Chicago", date(2026, 11, 1), datetime(2026, 11, 2, 5, 59, 59, tzinfo=UTC)),
    # and springs forward on March 8 (23 hours).
    ("America/Chicago", date(2026, 3, 8), datetime(2026, 3, 9, 4, 59, 59, tzinfo=UTC)),
    # Lord Howe moves by half an hour.
    ("Australia/Lord_Howe", date(2026, 4, 5), datetime(2026, 4, 5, 13, 29, 59, tzinfo=UTC)),
])
def test_the_last_second_of_the_due_date_is_open_and_the_next_is_not(
        zone: str, due: date, last_local_moment: datetime) -> None:
    invite = facts(time_zone=zone, due_date=due)
    ensure_open(invite, last_local_moment)
    with pytest.raises(PastDue):
        ensure_open(invite, last_local_moment + timedelta(seconds=1))


def test_a_closed_period_takes_no_answers_whatever_the_date() -> None:
    with pytest.raises(PastDue) as caught:
        ensure_open(facts(period_open=False), datetime(2026, 11, 10, tzinfo=UTC))
    assert caught.value.code == "period_closed"
    assert "closed" in caught.value.message


def test_a_replaced_link_and_a_removed_contact_are_refused_with_the_reason() -> None:
    with pytest.raises(Forbidden) as replaced:
        check_access(facts(token_version=2), 1)
    assert replaced.value.code == "link_replaced"
    assert "replaced by a newer invite" in replaced.value.message
    with pytest.raises(Forbidden) as removed:
        check_access(facts(is_contact=False), 1)
    assert removed.value.code == "not_a_contact"
    assert "no longer an invoice contact of SC-003" in removed.value.message
    check_access(facts(token_version=7), None)  # a reply by email carries no version


@pytest.mark.parametrize(("left", "parts"), [
    (timedelta(days=15, hours=15), (("days", 15), ("hours", 15))),
    (timedelta(days=1), (("days", 1),)),
    (timedelta(days=2, minutes=59), (("days", 2),)),
    (timedelta(hours=5, minutes=10, seconds=59), (("hours", 5), ("minutes", 10))),
    (timedelta(hours=1, minutes=1), (("hours", 1), ("minutes", 1))),
    (timedelta(minutes=1), (("minutes", 1),)),
    (timedelta(seconds=59), ()),
])
def test_time_left_parts(left: timedelta, parts: tuple[tuple[str, int], ...]) -> None:
    now = datetime(2026, 11, 10, 15, tzinfo=UTC)
    found = time_left_until(now, now + left)
    assert not found.passed and found.parts() == parts


@pytest.mark.parametrize("left", [timedelta(0), timedelta(seconds=-1)])
def test_no_time_is_left_once_the_cutoff_is_reached(left: timedelta) -> None:
    now = datetime(2026, 11, 10, 15, tzinfo=UTC)
    found = time_left_until(now, now + left)
    assert found.passed and found.parts() == ()


@given(seconds=st.integers(min_value=-10**6, max_value=10**8))
def test_time_left_never_promises_more_than_there_is(seconds: int) -> None:
    now = datetime(2026, 11, 10, 15, tzinfo=UTC)
    found = time_left_until(now, now + timedelta(seconds=seconds))
    assert found.passed is (seconds <= 0)
    promised = timedelta(days=found.days, hours=found.hours, minutes=found.minutes)
    assert promised <= timedelta(seconds=max(seconds, 0)) < promised + timedelta(minutes=1)


def test_the_answer_view_counts_down_to_the_cutoff() -> None:
    view = AnswerView(facts(), datetime(2026, 11, 10, 15, tzinfo=UTC))
    assert not view.closed and view.time_left == TimeLeft(days=15, hours=15)
    late = AnswerView(facts(), datetime(2026, 11, 26, 6, tzinfo=UTC))
    assert late.closed and late.time_left.passed


@pytest.mark.parametrize(("status", "answer", "sent", "state", "posts"), [
    (InviteStatus.INVITED, Answer.YES, False, PageState.ASK, Answer.YES),
    (InviteStatus.INVITED, Answer.NO, False, PageState.ASK, Answer.NO),
    (InviteStatus.ACCEPTED, Answer.YES, False, PageState.REPEAT, Answer.YES),
    (InviteStatus.DECLINED, Answer.NO, False, PageState.REPEAT, Answer.YES),
    (InviteStatus.DECLINED, Answer.YES, False, PageState.ASK, Answer.YES),
    (InviteStatus.ACCEPTED, Answer.NO, True, PageState.INVOICE_SENT, None),
    (InviteStatus.ACCEPTED, Answer.NO, False, PageState.ASK, Answer.NO),
])
def test_the_answer_page_offers_one_fitting_button(status: InviteStatus, answer: Answer,
                                                   sent: bool, state: PageState,
                                                   posts: Answer | None) -> None:
    view = AnswerView(facts(status=status, invoice_sent=sent),
                      datetime(2026, 11, 10, 15, tzinfo=UTC))
    assert page_state(view, answer) is state
    assert posted_answer(state, answer) is posts
    closed = AnswerView(view.facts, datetime(2026, 12, 1, tzinfo=UTC))
    assert page_state(closed, answer) is PageState.CLOSED
    assert posted_answer(PageState.CLOSED, answer) is None


def test_form_tokens_are_scoped_to_one_answer_of_one_invite_for_one_contact() -> None:
    scopes = {form_scope(InviteLink(1, 5, 1), Answer.YES), form_scope(InviteLink(1, 5, 1),
              Answer.NO), form_scope(InviteLink(1, 6, 1), Answer.YES),
              form_scope(InviteLink(2, 5, 1), Answer.YES), form_scope(InviteLink(1, 5, 2),
                                                                      Answer.YES)}
    assert len(scopes) == 5


@given(moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                           timezones=st.just(UTC)))
def test_rate_limit_windows_contain_the_moment(moment: datetime) -> None:
    limit = RateLimit(5, timedelta(minutes=15))
    start = limit.window_start(moment)
    assert start <= moment < start + limit.window
    assert timedelta(0) < limit.retry_after(moment) <= limit.window
