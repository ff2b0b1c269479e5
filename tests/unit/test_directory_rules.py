"""The directory's pure rules: a contact's delivery state, addresses, the SOV editor's rows
and the commitment changes."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from domain.commitment_changes import CommitmentChanges, check_sov_editable
from domain.directory import Delivery, LastMail, delivery_state, email_address
from domain.errors import Conflict, InvalidInput
from mailer.i18n import wording_for
from web.admin.sov_form import SovRow, lines_of

AT = datetime(2026, 11, 10, 15, 0, tzinfo=UTC)


def mail(status: str, error: str | None = None) -> LastMail:
    return LastMail(status, 1, error, AT, AT if status == "sent" else None)


@pytest.mark.parametrize(("deliverable", "last", "expected", "reason"), [
    (True, None, Delivery.UNKNOWN, None),
    (True, mail("sent"), Delivery.DELIVERED, None),
    (True, mail("pending"), Delivery.QUEUED, None),
    (True, mail("pending", "451 try later"), Delivery.DEFERRED, "451 try later"),
    (True, mail("dead", "451 try later"), Delivery.DEFERRED, "451 try later"),
    (False, mail("failed", "bounced: 550 5.1.1"), Delivery.BOUNCED, "bounced: 550 5.1.1"),
    # Marked by a complaint or a bounce of another mail: bounced whatever came last.
    (False, mail("sent"), Delivery.BOUNCED, "the address was reported undeliverable"),
])
def test_the_delivery_state(deliverable: bool, last: LastMail | None, expected: Delivery,
                            reason: str | None) -> None:
    state = delivery_state(deliverable, AT if not deliverable else None, last)
    assert (state.state, state.reason) == (expected, reason)
    if not deliverable:
        assert state.at == AT


def test_addresses_are_lower_case_and_checked() -> None:
    assert email_address("  Luis@ClearFlow.Example ") == "luis@clearflow.example"
    for wrong in ("", "luis", "luis@", "a b@c.example", "x@y.example\r\nBcc: z@e.example"):
        with pytest.raises(InvalidInput):
            email_address(wrong)


def test_the_sov_rows_are_saved_in_the_order_typed_without_blank_or_removed_rows() -> None:
    rows = [SovRow("2", "A", "", "First typed", "1,000.50"),
            SovRow("1", "B", "03", "Second typed", "20"),
            SovRow("3", "C", "", "Removed", "5", remove=True),
            SovRow("4"),
            SovRow("1", "D", "", "Same order as B, typed later", "-3", change_order=True)]
    lines = lines_of(rows)
    assert lines is not None
    assert [(x.item_number, x.scheduled_value, x.cost_code, x.change_order) for x in lines] == [
        ("B", Decimal("20"), "03", False), ("D", Decimal("-3"), None, True),
        ("A", Decimal("1000.50"), None, False)]


def test_a_wrong_row_says_why_and_nothing_is_saved() -> None:
    rows = [SovRow("x", "A", "", "", "12.345")]
    assert lines_of(rows) is None
    assert rows[0].errors == ["commitment.row_order_nan", "commitment.row_value_nan",
                              "commitment.row_description_required"]
    english = wording_for("en-US", domain="pages")
    assert [english.gettext(key) for key in rows[0].errors] == [
        "The order must be a number.", "The scheduled value must be a number such as 1250.00.",
        "The description is required."]


def test_commitment_changes_are_checked() -> None:
    with pytest.raises(InvalidInput):
        CommitmentChanges(retainage_percent_work=Decimal("100.01")).validated()
    with pytest.raises(InvalidInput):
        CommitmentChanges(contract_company_id=1, contract_company_name="X").validated()
    assert CommitmentChanges(title=" Roof ").validated().title == "Roof"
    with pytest.raises(Conflict, match="only change-order lines"):
        check_sov_editable(True)
    check_sov_editable(False)
