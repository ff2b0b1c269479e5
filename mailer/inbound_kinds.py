"""Is a received message a robot's? Auto-replies (RFC 3834 `Auto-Submitted`, the usual
vendor headers, `Precedence`, and out-of-office subjects in several languages) and mail
that presents itself as a delivery report (RFC 3464, or a mailer daemon's)."""

from __future__ import annotations

import re
import unicodedata
from email.message import Message

from mailer.delivery_status import is_delivery_status_report
from mailer.failure_texts import from_mail_system, from_mailer_daemon
from mailer.inbound_parsing import header

# Anywhere in the subject: clients prefix ("Automatic reply: Re: ...") but forwarding and
# list software put their own tags first ("[EXT] Out of Office: ..."). Accents are folded
# before matching, so "Réponse" and "Reponse" both match.
_OUT_OF_OFFICE = re.compile(
    r"\b(automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|auto:|"
    r"out of (the )?office|away from (the )?office|vacation (reply|response)|"
    r"reponse automatique|message d'absence|absen(t|ce) du bureau|absent\(e\)|"
    r"hors du bureau|"
    r"abwesenheitsnotiz|automatische antwort|"
    r"respuesta automatica|fuera de la oficina|ausencia de la oficina)", re.I)
_BULK_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply"})
_MAIL_SYSTEM = "(from a mail system)"
_VENDOR_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Vacation")


def auto_reply_reason(message: Message) -> str | None:
    """Why the message is an automatic one, or None when a person wrote it."""
    submitted = header(message, "Auto-Submitted").split(";")[0].strip().lower()
    if submitted and submitted != "no" and from_mailer_daemon(message):
        return f"Auto-Submitted: {submitted} {_MAIL_SYSTEM}"
    if submitted and submitted != "no":  # RFC 3834 section 5
        return f"Auto-Submitted: {submitted}"
    for name in _VENDOR_HEADERS:
        if header(message, name):
            return name
    precedence = header(message, "Precedence").lower()
    if precedence in _BULK_PRECEDENCE:
        return f"Precedence: {precedence}"
    if _OUT_OF_OFFICE.search(_folded(header(message, "Subject"))):
        return "out-of-office subject"
    return None


def is_weak_reason(reason: str) -> bool:
    """Signs that any robot sends, mailer daemons included (RFC 3834 "auto-generated",
    list and bulk precedence, and a mailer daemon's own `Auto-Submitted`, which RFC 3464
    section 2.1 asks a plain-text failure notice to carry as well): they do not make a
    failure report an auto-reply."""
    return (reason.startswith("Precedence: ") and not reason.endswith("auto_reply")) or \
        reason.startswith("Auto-Submitted: auto-generated") or reason.endswith(_MAIL_SYSTEM)


def looks_like_delivery_report(message: Message) -> bool:
    """A delivery-status report, or a mailer daemon's message (a bounce in plain text)."""
    return is_delivery_status_report(message) or from_mail_system(message)


def _folded(text: str) -> str:
    """Without accents (NFKD, combining marks dropped)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))
