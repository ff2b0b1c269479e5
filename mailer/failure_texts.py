"""Failure texts of mail systems that send no RFC 3464 report (qmail, Yahoo, AOL, old
Exchange, GroupWise, Sendmail, MDaemon, ...), read by small named rules, one table.

A text counts as a permanent failure for an address only when all three hold:

1. the mail comes from a mail system: a mailer-daemon-like sender (`MAILER-DAEMON@`,
   `postmaster@`, "Mail Delivery Subsystem", ...) or a failure subject ("Undeliverable",
   "failure notice", "Returned mail", ...; not "Re:" or "Fwd:" of one). A person's text,
   forwarded reports included, is not a delivery report: a
   colleague writing "this mailbox does not exist anymore, write to X" is recorded as
   unrecognised and changes nothing (the administrator sees it);
2. a rule of `RULES` matches a clear permanent statement: an RFC 3463 5.x.x code, a basic
   550-554 reply (RFC 5321 section 4.2.3), or a family's phrasing ("user unknown", qmail's
   "no mailbox here by that name", Yahoo's "doesn't have a ... account", ...);
3. the address is named where the rule says: in the same entry (the paragraph that holds
   the statement, as Postfix, qmail, Exim and Exchange write one entry per recipient), or,
   for the few rules that state permanence for the whole report (qmail's "This is a
   permanent error", Sendmail's "permanent fatal errors"), anywhere in the report but
   the sender's and receiver's own addresses. AOL lists bare screen names: those are
   read as `name@aol.com`, and only in a mail from AOL's own domain.

Any sign of a delay ("will be retried", a 4.x.x code) makes the text temporary, whatever
else it says. Full mailboxes, queue time-outs and unreachable hosts are temporary too
unless the mail system itself calls them permanent: they say nothing about the address.
The returned original message is cut off first: its text could name anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import EmailMessage, Message
from email.utils import getaddresses

from mailer.inbound_parsing import body_text, header

ENTRY, REPORT = "entry", "report"  # where a rule's statement holds


@dataclass(frozen=True)
class FailureRule:
    """`pattern` is a clear permanent statement of mail systems of `family`; `scope` says
    whether it fails the addresses of its entry or of the whole report. With
    `screen_names_at`, bare names listed under the statement are addresses at that domain
    (AOL lists its members' screen names), trusted only from that domain's daemon."""

    name: str
    family: str
    pattern: re.Pattern[str]
    scope: str = ENTRY
    screen_names_at: str = ""


def _rule(name: str, family: str, text: str, scope: str = ENTRY,
          screen_names_at: str = "") -> FailureRule:
    return FailureRule(name, family, re.compile(text, re.I), scope, screen_names_at)


RULES: tuple[FailureRule, ...] = (
    _rule("enhanced status 5.x.x", "RFC 3463", r"(?<![\d.])5\.[0-7]\.\d{1,3}(?![\d.])"),
    # A reply code, not a phone number ("550-5.1.1", "554 No ..." but not "550-1234").
    _rule("reply code 550-554", "RFC 5321", r"(?<![\d.#-])55[0-4](?=[ \t-]([^\d\s]|5\.\d))"),
    _rule("user unknown", "generic", r"\b(user unknown|unknown user|unknown recipient|"
          r"no such (user|mailbox|recipient)|invalid recipient|recipient not found)\b"),
    _rule("mailbox unavailable", "generic", r"\b(mailbox (unavailable|not found|does not "
          r"exist|is disabled)|(recipient )?address rejected|unrouteable address|"
          r"(domain|user|mailbox|address) does not exist|host unknown|unknown host)\b"),
    _rule("no mailbox by that name", "qmail", r"\b(no mailbox here by that name|couldn't "
          r"find any host (named|by that name)|couldn't find that user|not our customer)"),
    _rule("permanent error, given up", "qmail", r"\bthis\s+is\s+a\s+permanent\s+error\b", REPORT),
    _rule("permanent fatal errors", "Sendmail/MDaemon", r"\bpermanent (fatal )?(delivery )?"
          r"errors\b", REPORT),
    _rule("no valid recipients", "Airmail", r"\bno valid recipients\b", REPORT),
    _rule("recipient name not recognized", "Exchange/GroupWise",
          r"\brecipient name is not recognized\b"),
    _rule("account disabled", "Yahoo", r"\baccount (has been )?(disabled|discontinued)\b"),
    _rule("no account here", "Yahoo", r"\bdoes(n't| not) have an? [\w.-]+ account\b"),
    _rule("not accepting mail", "AOL", r"\bnot accepting mail from\b",
          screen_names_at="aol.com"),
)
_DELAY = re.compile(
    r"\b(delayed|will (be )?retr(y|ied)|still being retried|temporar(y|ily)|"
    r"not yet been delivered|warning only|try again later|deferred)\b|"
    r"(?<![\d.])4\.[0-7]\.\d{1,3}(?![\d.])|\b4[25][0-2][ -]\d", re.I)
_SOFT = re.compile(r"\b(over quota|quota exceeded|mail ?(box|folder) (is )?full|"
                   r"not responding|queue period|host not found)\b", re.I)
_MAIL_SYSTEM_SENDERS = re.compile(r"^(mailer-daemon|postmaster|mdaemon|mail delivery "
                                  r"(subsystem|system)|mail administrator|mailer)\b", re.I)
_REPLY_PREFIX = re.compile(r"^\s*(re|fwd?|aw|wg|tr|rv|sv|vs)\s*:", re.I)
_MAIL_SYSTEM_MAILBOX = re.compile(r"^(mailer-daemon|postmaster)@", re.I)
_FAILURE_SUBJECTS = re.compile(
    r"\b(undeliverable|undelivered mail|returned mail|delivery (status notification|"
    r"failure|failed|has failed)|failure notice|mail delivery failed|non[- ]?delivery|"
    r"permanent delivery failure|returned to sender)", re.I)
# The address characters of RFC 5322 dot-atoms and any non-ASCII letter (RFC 6531).
_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")  # entries (paragraphs) are separated by one
_X400_SMTP = re.compile(r"^smtp=", re.I)
_SCREEN_NAME = re.compile(r"^\s+([a-z][a-z0-9._-]{1,31})\s*$", re.I | re.M)
_RETURNED_COPY = ("------ This is a copy of the message", "--- Below this line is a copy",
                  "----- Original message -----", "Original message follows",
                  "--- Enclosed is a copy of the message", "--------RETURNED MAIL FOLLOWS")


@dataclass(frozen=True)
class TextVerdict:
    verdict: str  # "permanent", "temporary" or "unrecognised"
    addresses: tuple[str, ...] = ()
    diagnostic: str = ""


def from_mail_system(message: Message) -> bool:
    """The sender is a mailer daemon, or the subject is a mail system's failure notice
    (not a person's "Re:" or "Fwd:" of one: a forwarded old report is no report)."""
    subject = header(message, "Subject")
    return from_mailer_daemon(message) or (
        bool(_FAILURE_SUBJECTS.search(subject)) and not _REPLY_PREFIX.match(subject))


def from_mailer_daemon(message: Message) -> bool:
    """The author's name or mailbox is a mail system's (`MAILER-DAEMON@`, ...)."""
    author = header(message, "From")
    name, address = getaddresses([author])[0] if author else ("", "")
    local = address.split("@")[0]
    return any(_MAIL_SYSTEM_SENDERS.match(v.strip('" ')) for v in (name, local) if v)


def read_failure_text(message: Message) -> TextVerdict:
    """What a mail system's text says; each rule is searched once per entry (or once in
    the report), so a long hostile text costs no more than a linear scan per rule."""
    if not from_mail_system(message):
        return TextVerdict("unrecognised")
    text = report_text(message)
    if _DELAY.search(text):
        return TextVerdict("temporary", _recipients(message, text))
    entries = [entry for entry in _BLANK_LINE.split(text) if entry.strip()]
    failed: dict[str, None] = {}
    diagnostic = ""
    for rule in RULES:
        for where in [text] if rule.scope == REPORT else entries:
            found = rule.pattern.search(where)
            named = _named_by(rule, message, where, found) if found else ()
            failed.update(dict.fromkeys(named))
            if found and named and not diagnostic:
                diagnostic = _line_at(where, found.start())
    if failed:
        return TextVerdict("permanent", tuple(failed), diagnostic[:300])
    if _SOFT.search(text):
        return TextVerdict("temporary", _recipients(message, text))
    return TextVerdict("unrecognised")


def _named_by(rule: FailureRule, message: Message, where: str,
              found: re.Match[str]) -> tuple[str, ...]:
    """The addresses a rule's statement fails: those of its entry or of the report; for
    screen-name rules, the bare names listed after the statement in its entry."""
    if not rule.screen_names_at:
        return _recipients(message, where)
    if _sender_domain(message) != rule.screen_names_at:
        return ()
    return tuple(f"{name}@{rule.screen_names_at}"
                 for name in _SCREEN_NAME.findall(where[found.end():]))


def _recipients(message: Message, text: str) -> tuple[str, ...]:
    """The addresses named in `text`, but the report's own (author, receiver) and mail
    systems' mailboxes; an X.400 `SMTP=` prefix (old Exchange) removed."""
    own = _own_addresses(message)
    found = (_X400_SMTP.sub("", a) for a in _ADDRESS.findall(text))
    return tuple(dict.fromkeys(a for a in found if a.lower() not in own
                               and not _MAIL_SYSTEM_MAILBOX.match(a)))


def report_text(message: Message) -> str:
    """The human-readable part of the report (the first text part), without the returned
    original message."""
    if isinstance(message, EmailMessage):
        text = body_text(message)
    else:
        payload = message.get_payload(decode=True)
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    # Mail arrives with CRLF line ends (RFC 5322 section 2.3): entries are found by
    # blank lines, so read every text with LF alone.
    text = text.replace("\r\n", "\n")
    for marker in _RETURNED_COPY:
        text = text.split(marker, 1)[0]
    return text[:20000]


def _line_at(text: str, at: int) -> str:
    return text[text.rfind("\n", 0, at) + 1:].split("\n", 1)[0].strip()


def _sender_domain(message: Message) -> str:
    author = header(message, "From")
    address = getaddresses([author])[0][1] if author else ""
    return address.rpartition("@")[2].lower()


def _own_addresses(message: Message) -> frozenset[str]:
    """Addresses that are never the failed recipient: the report's author and receiver
    (mail systems' own mailboxes, "contact <postmaster@...>", are left out as well)."""
    pairs = getaddresses([header(message, name) for name in ("From", "To", "Reply-To")])
    return frozenset(a.lower() for _, a in pairs if a)

