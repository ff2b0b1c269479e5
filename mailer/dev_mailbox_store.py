"""The development mailbox's storage: one `<directory>/<id>.eml` file per message.

The id is the receipt time (UTC, so names sort by arrival) and a random UUID:
`20261125T143012123456Z-<32 hex digits>`. `store_message` writes (the SMTP side);
`DevMailbox` lists, reads and clears (the development web page and tests).
"""

import builtins
import datetime
import email.parser
import email.policy
import os
import re
import uuid
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

_MAIL_ID = re.compile(r"\d{8}T\d{12}Z-[0-9a-f]{32}")


def store_message(directory: Path, raw: bytes) -> str:
    """Write one message; returns its id. Blocking file I/O."""
    mail_id = f"{datetime.datetime.now(datetime.UTC):%Y%m%dT%H%M%S%f}Z-{uuid.uuid4().hex}"
    # Readers list `*.eml`: writing under a dot-name first and renaming means they never
    # see half a message (os.replace is atomic within one directory).
    temporary = directory / f".{mail_id}.tmp"
    temporary.write_bytes(raw)
    os.replace(temporary, directory / f"{mail_id}.eml")
    return mail_id


@dataclass(frozen=True, slots=True)
class MailSummary:
    id: str
    subject: str
    sender: str  # the From header
    to: str
    date: str
    size: int  # bytes on disk


@dataclass(frozen=True, slots=True)
class StoredMail:
    id: str
    headers: list[tuple[str, str]]
    text: str | None
    html: str | None
    raw: bytes = field(repr=False)


class DevMailbox:
    """The messages stored by the development mailbox. Plain blocking file I/O (it is a
    development tool): from async code, call it through `asyncio.to_thread`."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)

    def get(self, mail_id: str) -> StoredMail:
        """The message `mail_id`; ValueError for a malformed id, KeyError if absent."""
        try:
            raw = self._path(mail_id).read_bytes()
        except FileNotFoundError:
            raise KeyError(mail_id) from None
        message = email.parser.BytesParser(policy=email.policy.default).parsebytes(raw)
        assert isinstance(message, EmailMessage)  # what policy.default produces
        return StoredMail(
            id=mail_id,
            headers=[(name, str(value)) for name, value in message.items()],
            text=_body_text(message, "plain"),
            html=_body_text(message, "html"),
            raw=raw,
        )

    def clear(self) -> int:
        """Delete every stored message; returns how many there were."""
        paths = self._message_paths()
        for path in paths:
            path.unlink(missing_ok=True)
        return len(paths)

    def list(self, limit: int = 100) -> builtins.list[MailSummary]:
        """Summaries of the `limit` newest messages, newest first."""
        parser = email.parser.BytesParser(policy=email.policy.default)
        summaries: builtins.list[MailSummary] = []
        for path in sorted(self._message_paths(), reverse=True)[:limit]:
            try:
                with path.open("rb") as file:
                    headers = parser.parse(file, headersonly=True)
                size = path.stat().st_size
            except FileNotFoundError:
                continue  # cleared while we were listing
            summaries.append(
                MailSummary(
                    id=path.stem,
                    subject=str(headers.get("Subject", "")),
                    sender=str(headers.get("From", "")),
                    to=str(headers.get("To", "")),
                    date=str(headers.get("Date", "")),
                    size=size,
                )
            )
        return summaries

    def _path(self, mail_id: str) -> Path:
        # The id becomes a file name: accept only our own format, so no "../" or "/etc".
        if not isinstance(mail_id, str) or not _MAIL_ID.fullmatch(mail_id):
            raise ValueError(f"not a dev mailbox message id: {mail_id!r}")
        return self.directory / f"{mail_id}.eml"

    def _message_paths(self) -> builtins.list[Path]:
        if not self.directory.is_dir():
            return []
        return [p for p in self.directory.glob("*.eml") if _MAIL_ID.fullmatch(p.stem)]


def _body_text(message: EmailMessage, subtype: str) -> str | None:
    part: Any = message.get_body(preferencelist=(subtype,))
    if part is None or part.get_content_subtype() != subtype:
        return None
    try:
        text = str(part.get_content())
    except LookupError:  # an unknown charset: show what we can
        payload = part.get_payload(decode=True) or b""
        text = bytes(payload).decode("utf-8", errors="replace")
    # Stored as received, with SMTP's CRLF line ends; the view uses Python's "\n".
    return text.replace("\r\n", "\n")
