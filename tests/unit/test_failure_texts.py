"""The failure-text rules (mailer/failure_texts.py): each rule recognises its family's
phrasing, and each safety condition (a mail system's mail, the address in the rule's
entry, no sign of a delay) holds on its own."""

from __future__ import annotations

import pytest

from mailer.delivery_status import read_report
from mailer.failure_texts import RULES, FailureRule
from mailer.inbound_parsing import parse
from mailer.inbound_triage import triage

DAEMON = "MAILER-DAEMON@mx.brightwire.example"
CONTACT = "priya@brightwire.example"
BOUNCE = "bounce+7.0a1b2c3d4e5f60718293@reply.localhost"


def mail(body: str, sender: str = DAEMON, subject: str = "failure notice",
         headers: str = "") -> bytes:
    return (f"From: {sender}\r\nTo: {BOUNCE}\r\nSubject: {subject}\r\n{headers}"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}").replace(
        "\r\n", "\n").replace("\n", "\r\n").encode()


def verdict(raw: bytes) -> tuple[str, tuple[str, ...]]:
    report = read_report(parse(raw))
    return report.verdict, report.recipients


EXAMPLES = {
    "enhanced status 5.x.x": f"<{CONTACT}>: host mx said: 550 5.1.1 mailbox gone",
    "reply code 550-554": f"<{CONTACT}>: host mx said: 554 rejected by policy",
    "user unknown": f"<{CONTACT}>... User unknown",
    "mailbox unavailable": f"<{CONTACT}>:\nmailbox unavailable",
    "no mailbox by that name": f"<{CONTACT}>:\nSorry, no mailbox here by that name.",
    "permanent error, given up": f"This is a permanent error; I've given up.\n\n<{CONTACT}>:",
    "permanent fatal errors": f"----- The following addresses had permanent fatal errors "
                              f"-----\n\n{CONTACT}\n    (reason: 553)",
    "no valid recipients": f"no valid recipients were found\n\n {CONTACT} ... failed",
    "recipient name not recognized": f"{CONTACT} on Mon\n    The recipient name is not "
                                     f"recognized",
    "account disabled": f"<{CONTACT}>:\nThis account has been disabled or discontinued.",
    "no account here": f"<{CONTACT}>:\nThis user doesn't have a brightwire.example account",
}


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_every_rule_recognises_its_familys_phrasing(rule: FailureRule) -> None:
    if rule.screen_names_at:
        raw = mail("Your mail could not be delivered because they are not accepting mail "
                   "from billing@reply.localhost:\n\tpriya.nair\n",
                   sender="Mail Delivery Subsystem <MAILER-DAEMON@AOL.com>")
        assert verdict(raw) == ("permanent", ("priya.nair@aol.com",))
        return
    body = EXAMPLES[rule.name]
    assert rule.pattern.search(body), rule.name
    assert verdict(mail(body)) == ("permanent", (CONTACT,))


def test_aol_screen_names_are_believed_only_from_aols_own_daemon() -> None:
    raw = mail("Your mail could not be delivered because they are not accepting mail "
               "from billing@reply.localhost:\n\tpriya.nair\n")
    assert verdict(raw) == ("unrecognised", ())


@pytest.mark.parametrize(("sender", "subject"), [
    ("Tom Hale <tom.hale@brightwire.example>", "Re: Invite to bill SC-009"),
    ("Tom Hale <tom.hale@brightwire.example>", "Re: Undeliverable: Invite to bill SC-009"),
    ("Tom Hale <tom.hale@brightwire.example>", "Fwd: Mail delivery failed"),
    ("Tom Hale <tom.hale@brightwire.example>", "AW: Unzustellbar: Returned mail"),
])
def test_a_persons_text_is_no_delivery_report(sender: str, subject: str) -> None:
    body = f"<{CONTACT}>: 550 5.1.1 User unknown, this mailbox does not exist anymore"
    assert verdict(mail(body, sender=sender, subject=subject)) == ("unrecognised", ())


def test_a_failure_subject_alone_makes_a_mail_systems_notice() -> None:
    body = f"<{CONTACT}>: 550 5.1.1 User unknown"
    raw = mail(body, sender="Mail Gateway <gw@brightwire.example>", subject="Undeliverable")
    assert verdict(raw) == ("permanent", (CONTACT,))


def test_a_phone_number_is_no_reply_code() -> None:
    body = f"<{CONTACT}>:\nCould not deliver. Call support on +1 480 550-2500."
    assert verdict(mail(body)) == ("unrecognised", ())


def test_an_address_outside_the_failed_entry_is_not_named() -> None:
    body = (f"Your message to {CONTACT} was delivered; its forwarded copy was not:\n\n"
            "<p.nair@old-brightwire.example>:\nRemote host said: 550 5.1.1 No such user\n")
    assert verdict(mail(body)) == ("permanent", ("p.nair@old-brightwire.example",))


def test_report_wide_statements_leave_out_the_reports_own_addresses() -> None:
    body = (f"This is a permanent error. Questions to <postmaster@mx.brightwire.example>\n"
            f"or to {DAEMON}; the message came from {BOUNCE}.\n\n<{CONTACT}>:\n")
    assert verdict(mail(body)) == ("permanent", (CONTACT,))


def test_any_sign_of_a_delay_wins_over_a_permanent_phrase() -> None:
    body = (f"<{CONTACT}>: 451 4.7.1 greylisted, will be retried\n\n"
            f"> earlier: 550 5.1.1 <{CONTACT}>: User unknown\n")
    assert verdict(mail(body)) == ("temporary", (CONTACT,))


def test_a_full_mailbox_is_temporary_unless_the_mail_system_calls_it_permanent() -> None:
    full = f"<{CONTACT}>:\nSorry, your message cannot be delivered. This account is over quota."
    assert verdict(mail(full)) == ("temporary", (CONTACT,))
    assert verdict(mail("This is a permanent error.\n\n" + full)) == ("permanent", (CONTACT,))


def dsn(action: str, status: str, groups: bool = True) -> bytes:
    group = (f"Final-Recipient: rfc822; {CONTACT}\r\nAction: {action}\r\nStatus: {status}\r\n"
             if groups else "")
    return (f"From: {DAEMON}\r\nTo: {BOUNCE}\r\nSubject: Delivery status notification\r\n"
            "Content-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n"
            f"--B\r\nContent-Type: text/plain\r\n\r\n<{CONTACT}>: Domain does not exist\r\n"
            "\r\n--B\r\nContent-Type: message/delivery-status\r\n\r\n"
            f"Reporting-MTA: dns; mx.example\r\n\r\n{group}\r\n--B--\r\n").encode()


def test_opensmtpds_action_error_counts_only_with_a_permanent_status() -> None:
    assert verdict(dsn("error", "5.0.0")) == ("permanent", (CONTACT,))
    assert verdict(dsn("error", "4.4.1")) == ("temporary", (CONTACT,))
    assert verdict(dsn("delivered", "2.0.0")) == ("unrecognised", ())


def test_a_report_without_per_recipient_groups_is_read_by_its_text() -> None:
    report = read_report(parse(dsn("", "", groups=False)))
    assert (report.verdict, report.recipients, report.source) == \
        ("permanent", (CONTACT,), "text")


def test_a_mailer_daemons_auto_submitted_does_not_make_its_notice_an_auto_reply() -> None:
    body = f"<{CONTACT}>:\nSorry, no mailbox here by that name. (#5.1.1)"
    headers = "Auto-Submitted: auto-replied\r\n"
    found = triage(mail(body, headers=headers), (BOUNCE,), "reply.localhost")
    assert found.kind == "bounce" and found.report is not None
    assert found.report.permanent and found.report.names(CONTACT)
    person = triage(mail(body, sender=f"Priya <{CONTACT}>", subject="Away",
                         headers=headers), (BOUNCE,), "reply.localhost")
    assert person.kind == "auto_reply"
