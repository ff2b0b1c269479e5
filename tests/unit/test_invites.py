"""Invite answers (the Yes/No transition table) and what a batch does with a commitment."""

from __future__ import annotations

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import Conflict, DomainError, PastDue
from domain.invites import (
    Answer,
    SendAction,
    SkipReason,
    answer_invite,
    decide_send,
)
from domain.model import InviteStatus

NOT, INVITED, ACCEPTED, DECLINED = (InviteStatus.NOT_INVITED, InviteStatus.INVITED,
                                    InviteStatus.ACCEPTED, InviteStatus.DECLINED)
YES, NO = Answer.YES, Answer.NO

# (current, answer, past_due, invoice_sent) -> (new status, changed) or an error code.
# Written out in full so that a change to any cell is a deliberate one.
TABLE: dict[tuple[InviteStatus, Answer, bool, bool], tuple[InviteStatus, bool] | str] = {}
for _answer, _past, _sent in product((YES, NO), (False, True), (False, True)):
    TABLE[NOT, _answer, _past, _sent] = "not_invited"
    for _status in (INVITED, ACCEPTED, DECLINED):
        TABLE[_status, _answer, True, _sent] = "past_due"
TABLE.update({
    (INVITED, YES, False, False): (ACCEPTED, True),
    (INVITED, YES, False, True): (ACCEPTED, True),
    (INVITED, NO, False, False): (DECLINED, True),
    (INVITED, NO, False, True): "invoice_sent",
    (ACCEPTED, YES, False, False): (ACCEPTED, False),
    (ACCEPTED, YES, False, True): (ACCEPTED, False),
    (ACCEPTED, NO, False, False): (DECLINED, True),
    (ACCEPTED, NO, False, True): "invoice_sent",
    (DECLINED, YES, False, False): (ACCEPTED, True),
    (DECLINED, YES, False, True): (ACCEPTED, True),
    (DECLINED, NO, False, False): (DECLINED, False),
    (DECLINED, NO, False, True): (DECLINED, False),
})


def test_the_table_covers_every_case() -> None:
    assert len(TABLE) == len(InviteStatus) * len(Answer) * 2 * 2


@pytest.mark.parametrize(("case", "expected"), sorted(TABLE.items()))
def test_answer_transition(case: tuple[InviteStatus, Answer, bool, bool],
                           expected: tuple[InviteStatus, bool] | str) -> None:
    current, answer, past_due, invoice_sent = case
    if isinstance(expected, str):
        with pytest.raises(DomainError) as caught:
            answer_invite(current, answer, past_due=past_due, invoice_sent=invoice_sent)
        assert caught.value.code == expected
        assert isinstance(caught.value, PastDue if expected == "past_due" else Conflict)
    else:
        outcome = answer_invite(current, answer, past_due=past_due, invoice_sent=invoice_sent)
        assert (outcome.status, outcome.changed) == expected


@settings(max_examples=200)
@given(current=st.sampled_from(InviteStatus), answer=st.sampled_from(Answer),
       invoice_sent=st.booleans())
def test_repeating_an_answer_changes_nothing(current: InviteStatus, answer: Answer,
                                             invoice_sent: bool) -> None:
    try:
        first = answer_invite(current, answer, past_due=False, invoice_sent=invoice_sent)
    except DomainError:
        return
    again = answer_invite(first.status, answer, past_due=False, invoice_sent=invoice_sent)
    assert again.status is first.status
    assert not again.changed
    assert first.status in (ACCEPTED, DECLINED)
    assert first.changed == (first.status is not current)


@pytest.mark.parametrize(("status", "contacts", "deliverable", "sent", "resend", "expected"), [
    (NOT, 2, 2, False, False, (SendAction.SEND, None)),
    (INVITED, 1, 1, False, False, (SendAction.RESEND, None)),
    (ACCEPTED, 1, 1, False, False, (SendAction.SKIP, SkipReason.ALREADY_ANSWERED)),
    (DECLINED, 1, 1, False, False, (SendAction.SKIP, SkipReason.ALREADY_ANSWERED)),
    (ACCEPTED, 1, 1, False, True, (SendAction.RESEND, None)),
    (DECLINED, 1, 1, False, True, (SendAction.RESEND, None)),
    (NOT, 0, 0, False, False, (SendAction.SKIP, SkipReason.NO_INVOICE_CONTACT)),
    (NOT, 2, 0, False, False, (SendAction.SKIP, SkipReason.CONTACTS_UNDELIVERABLE)),
    (NOT, 2, 1, False, False, (SendAction.SEND, None)),
    (INVITED, 2, 2, True, True, (SendAction.SKIP, SkipReason.INVOICE_SENT)),
    (NOT, 0, 0, True, False, (SendAction.SKIP, SkipReason.INVOICE_SENT)),
])
def test_send_decision(status: InviteStatus, contacts: int, deliverable: int, sent: bool,
                       resend: bool, expected: tuple[SendAction, SkipReason | None]) -> None:
    decision = decide_send(status, contacts=contacts, deliverable_contacts=deliverable,
                           invoice_sent=sent, resend_answered=resend)
    assert (decision.action, decision.reason) == expected
    assert bool(decision.message) == (decision.reason is not None)


def test_skip_messages_read_as_sentences() -> None:
    decision = decide_send(NOT, contacts=0, deliverable_contacts=0, invoice_sent=False,
                           resend_answered=False)
    assert decision.message == "The commitment has no invoice contact."
