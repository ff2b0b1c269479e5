"""The reply corpus (tests/fixtures/replies/answers.txt) and the mail clients around it.

Each reply is wrapped the way real clients send it: Gmail and Apple Mail quote below an
attribution line ("On ... wrote:", "Le ... a écrit :"), Outlook puts its header block
("From: / Sent:", "De : / Envoyé :") under a rule, phones add "Sent from my iPhone",
Thunderbird users often answer below the quote, and many sign with "-- ". The wrapped
replies go through the real triage (mail-parser-reply, then the grammar).
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

CORPUS = Path(__file__).parent.parent / "fixtures" / "replies" / "answers.txt"
INVITE_LINES = ("Riverside Medical Office Building: Jane Doe has invited you to bill.",
                "Do you want to bill this period?", "Yes: https://itb.example/a/y1",
                "No: https://itb.example/a/n1")


@dataclass(frozen=True)
class Reply:
    expected: str  # "yes", "no" or "unclear"
    language: str
    words: str


def load_corpus() -> list[Reply]:
    replies = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        expected, language, words = (part.strip() for part in line.split("|", 2))
        replies.append(Reply(expected, language, words.replace("\\n", "\n")))
    return replies


def _quoted() -> str:
    return "\n".join(f"> {line}" for line in INVITE_LINES)


def _gmail(words: str, language: str) -> str:
    attribution = ("Le lun. 7 déc. 2026, à 09 h 14, Jane Doe <jane@gc.example> a écrit :"
                   if language == "fr" else
                   "On Mon, Dec 7, 2026 at 9:14 AM Jane Doe <jane@gc.example> wrote:")
    return f"{words}\n\n{attribution}\n\n{_quoted()}\n"


def _outlook(words: str, language: str) -> str:
    if language == "fr":
        header = ("De : Invite to Bill <no-reply@itb.example>\n"
                  "Envoyé : lundi 7 décembre 2026 09:14\nÀ : Luc Tremblay <luc@elec.example>\n"
                  "Objet : Riverside : Jane Doe vous invite à facturer.")
        signature = "Cordialement,\nLuc Tremblay\nComptabilité | Électricité Côté"
    else:
        header = ("From: Invite to Bill <no-reply@itb.example>\n"
                  "Sent: Monday, December 7, 2026 9:14 AM\nTo: Bob Smith <bob@acme.example>\n"
                  "Subject: Riverside: Jane Doe has invited you to bill.")
        signature = "Kind regards,\nBob Smith\nProject Accountant | Acme Electric"
    body = "\n".join(INVITE_LINES)
    return f"{words}\n\n{signature}\n\n________________________________\n{header}\n\n{body}\n"


def _iphone(words: str, language: str) -> str:
    if language == "fr":
        sent, attribution = ("Envoyé de mon iPhone",
                             "Le 7 déc. 2026 à 09:14, Jane Doe <jane@gc.example> a écrit :")
    else:
        sent, attribution = ("Sent from my iPhone",
                             "On Dec 7, 2026, at 9:14 AM, Jane Doe <jane@gc.example> wrote:")
    return f"{words}\n\n{sent}\n\n> {attribution}\n>\n{_quoted()}\n"


def _thunderbird_below(words: str, language: str) -> str:
    attribution = ("Le 07/12/2026 à 09:14, Jane Doe a écrit :" if language == "fr"
                   else "On 07/12/2026 09:14, Jane Doe wrote:")
    return f"{attribution}\n{_quoted()}\n\n{words}\n\n-- \nBob Smith\n555-0100\n"


def _signed(words: str, language: str) -> str:
    closing = "Merci,\nLuc" if language == "fr" else "Thanks,\nBob"
    return f"{words}\n\n{closing}\n-- \nBob Smith | Acme Electric | 555-0100\n"


CLIENTS = {"gmail": _gmail, "outlook": _outlook, "iphone": _iphone,
           "thunderbird_below": _thunderbird_below, "signed": _signed}


def reply_message(reply: Reply, client: str, reply_address: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Bob Smith <bob@acme.example>"
    message["To"] = reply_address
    message["Subject"] = "Re: Riverside: Jane Doe has invited you to bill."
    message["Message-ID"] = "<reply-corpus@acme.example>"
    message.set_content(CLIENTS[client](reply.words, reply.language))
    return bytes(message)
