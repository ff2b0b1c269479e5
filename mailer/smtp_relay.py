"""Deliver built messages to an SMTP relay over one reused connection."""

import asyncio
import email.message
import email.policy
import logging
import re
import socket
import ssl
from collections.abc import Sequence
from types import TracebackType
from typing import Self

import aiosmtplib
from aiosmtplib import SMTPStatus

from mailer.errors import DeliveryError, PermanentDeliveryError, TemporaryDeliveryError
from mailer.send_rate import SendRate
from mailer.smtp_url import SmtpSecurity, SmtpUrl

logger = logging.getLogger(__name__)

# Recipients the relay refused while accepting the message for the others:
# address -> (SMTP reply code, server text).
RefusedRecipients = dict[str, tuple[int, str]]

_CONNECTION_ERRORS = (aiosmtplib.SMTPException, OSError, TimeoutError)


class SmtpRelay:
    """One SMTP connection, opened on first use and reused for every send.

    A connection carries one transaction at a time, so concurrent `send` calls on the same
    relay queue up; use several relays for parallel delivery.
    """

    def __init__(
        self,
        host: str,
        port: int,
        *,
        security: SmtpSecurity = SmtpSecurity.PLAIN,
        username: str | None = None,
        password: str | None = None,
        timeout: float = 30.0,
        local_hostname: str | None = None,
        tls_context: ssl.SSLContext | None = None,
        rate: SendRate | None = None,
    ) -> None:
        self._target = SmtpUrl(security, host, port, username, password)
        self.timeout = timeout
        # Given explicitly because aiosmtplib would otherwise call the blocking
        # socket.getfqdn() for the EHLO name; gethostname() is a plain syscall.
        self.local_hostname = local_hostname or socket.gethostname()
        self._tls_context = tls_context
        self._client: aiosmtplib.SMTP | None = None
        self._lock = asyncio.Lock()
        # The relay's sending limit, shared with the process's other connections.
        self._rate = rate

    @classmethod
    def from_url(
        cls,
        url: str,
        *,
        timeout: float = 30.0,
        local_hostname: str | None = None,
        tls_context: ssl.SSLContext | None = None,
        rate: SendRate | None = None,
    ) -> Self:
        """A relay for `smtp://[user:pass@]host[:port]`, `smtp+starttls://...` or
        `smtps://...` (default ports 25, 587, 465)."""
        target = SmtpUrl.parse(url)
        return cls(
            target.host,
            target.port,
            security=target.security,
            username=target.username,
            password=target.password,
            timeout=timeout,
            local_hostname=local_hostname,
            tls_context=tls_context,
            rate=rate,
        )

    @property
    def url(self) -> str:
        """The relay's URL with the password masked."""
        return self._target.masked()

    def __repr__(self) -> str:
        return f"SmtpRelay({self.url!r})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    async def send(
        self,
        message: email.message.Message | bytes,
        envelope_from: str,
        recipients: Sequence[str],
    ) -> RefusedRecipients:
        """Hand `message` to the relay for `recipients`, with `envelope_from` as the
        envelope sender (MAIL FROM: where bounces go). Bytes are sent as they are (CRLF
        line ends, as `compose_message` writes them); a message object is serialised.

        Returns the recipients refused while others were accepted (normally empty).
        Raises TemporaryDeliveryError or PermanentDeliveryError.
        """
        if isinstance(recipients, str):
            recipients = [recipients]  # a bare string would be sent letter by letter
        async with self._lock:
            try:
                return await self._send_reconnecting_once(message, envelope_from, recipients)
            except aiosmtplib.SMTPResponseException as exc:
                raise _error_for_reply(exc.code, exc.message) from exc
            except aiosmtplib.SMTPRecipientsRefused as exc:
                # Every recipient was refused; if any refusal was temporary, so is the whole.
                replies = sorted(exc.recipients, key=lambda reply: reply.code)
                raise _error_for_reply(replies[0].code, replies[0].message) from exc
            except ValueError as exc:
                # aiosmtplib refuses addresses that cannot go on an SMTP command line.
                raise PermanentDeliveryError(str(exc)) from exc
            except _CONNECTION_ERRORS as exc:
                self._discard_client()
                raise TemporaryDeliveryError(f"{type(exc).__name__}: {exc}") from exc

    async def close(self) -> None:
        """QUIT and close the connection, if one is open."""
        async with self._lock:
            client, self._client = self._client, None
            if client is None or not client.is_connected:
                return
            try:
                await client.quit()
            except _CONNECTION_ERRORS:
                pass  # closing anyway
            finally:
                client.close()

    async def _send_reconnecting_once(
        self,
        message: email.message.Message | bytes,
        envelope_from: str,
        recipients: Sequence[str],
    ) -> RefusedRecipients:
        client = await self._connected_client()
        try:
            await self._turn()
            refused = await _transmit(client, message, envelope_from, recipients,
                                      self.timeout)
        except aiosmtplib.SMTPServerDisconnected:
            # Relays close idle connections and restart; the first command on a stale
            # connection is where we learn it. One fresh connection, one more try. (Had the
            # relay already accepted DATA, the mail goes twice: the window the outbox accepts.)
            logger.info("SMTP connection to %s dropped; reconnecting once", self.url)
            self._discard_client()
            client = await self._connected_client()
            await self._turn()
            refused = await _transmit(client, message, envelope_from, recipients,
                                      self.timeout)
        return {address: (reply.code, reply.message) for address, reply in refused.items()}

    async def _turn(self) -> None:
        if self._rate is not None:
            await self._rate.wait_turn()

    async def _connected_client(self) -> aiosmtplib.SMTP:
        if self._client is not None and self._client.is_connected:
            return self._client
        target = self._target
        client = aiosmtplib.SMTP(
            hostname=target.host,
            port=target.port,
            username=target.username,
            password=target.password,
            local_hostname=self.local_hostname,
            timeout=self.timeout,
            use_tls=target.security is SmtpSecurity.TLS,
            start_tls=target.security is SmtpSecurity.STARTTLS,
            tls_context=self._tls_context,
        )
        try:
            await client.connect()
            # Greeted once per connection (aiosmtplib's `sendmail` did it; our commands
            # need the server's extensions, SIZE among them).
            if client.is_ehlo_or_helo_needed:
                try:
                    await client.ehlo()
                except aiosmtplib.SMTPHeloError:
                    await client.helo()
        except _CONNECTION_ERRORS as exc:
            client.close()
            # Whatever fails before MAIL FROM (a refused connection, a 5xx greeting, failed
            # STARTTLS or AUTH) is about the relay, not this message: retry later.
            raise TemporaryDeliveryError(
                f"cannot connect to {self.url}: {type(exc).__name__}: {exc}",
                getattr(exc, "code", None),
            ) from exc
        self._client = client
        return client

    def _discard_client(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.close()


def _error_for_reply(code: int, text: str) -> DeliveryError:
    return (PermanentDeliveryError if 500 <= code <= 599 else TemporaryDeliveryError)(text, code)


# What may stand between the angle brackets of MAIL FROM and RCPT TO: no space, no angle
# bracket, no control character (which would end the command or add ESMTP parameters),
# ASCII only (the relay is not asked for SMTPUTF8).
_ENVELOPE_ADDRESS = re.compile(r"[!-;=?-~]+@[!-;=?-~]+")


def _envelope_address(address: str) -> bytes:
    if not _ENVELOPE_ADDRESS.fullmatch(address):
        raise ValueError(f"{address!r} cannot be sent as an SMTP envelope address")
    return b"<" + address.encode("ascii") + b">"


async def _transmit(
    client: aiosmtplib.SMTP,
    message: email.message.Message | bytes,
    envelope_from: str,
    recipients: Sequence[str],
    seconds_allowed: float,
) -> dict[str, aiosmtplib.SMTPResponse]:
    """One mail transaction: MAIL FROM, RCPT TO per recipient, DATA.

    Written with aiosmtplib's commands rather than its `sendmail`, which parses each
    address twice with the email package and normalises the whole message twice (once for
    SIZE, once for DATA): measured, a fifth of the worker's CPU per message. Our messages
    already have CRLF line ends (`compose_message`), so their length is the SIZE. One
    deadline for the whole transaction instead of aiosmtplib's per reply (a task and a
    timer for each of the four replies).
    """
    if not recipients:
        raise ValueError("a message needs at least one recipient")
    raw = message if isinstance(message, bytes) else message.as_bytes(policy=email.policy.SMTP)
    sender = _envelope_address(envelope_from)
    targets = [(address, _envelope_address(address)) for address in recipients]
    try:
        async with asyncio.timeout(seconds_allowed):
            return await _transaction(client, raw, envelope_from, sender, targets)
    except (aiosmtplib.SMTPResponseException, aiosmtplib.SMTPRecipientsRefused):
        async with asyncio.timeout(seconds_allowed):
            await _reset_envelope(client)
        raise


async def _transaction(client: aiosmtplib.SMTP, raw: bytes, envelope_from: str,
                       sender: bytes, targets: list[tuple[str, bytes]],
                       ) -> dict[str, aiosmtplib.SMTPResponse]:
    # timeout=None: the caller's deadline covers every reply.
    mail_from = [b"MAIL", b"FROM:" + sender]
    if client.supports_extension("size"):
        mail_from.append(b"SIZE=%d" % len(raw))
    reply = await client.execute_command(*mail_from, timeout=None)
    if reply.code != SMTPStatus.completed:
        raise aiosmtplib.SMTPSenderRefused(reply.code, reply.message, envelope_from)
    refused: dict[str, aiosmtplib.SMTPResponse] = {}
    for address, target in targets:
        reply = await client.execute_command(b"RCPT", b"TO:" + target, timeout=None)
        if reply.code not in (SMTPStatus.completed, SMTPStatus.will_forward):
            refused[address] = reply
    if len(refused) == len(targets):
        raise aiosmtplib.SMTPRecipientsRefused([
            aiosmtplib.SMTPRecipientRefused(reply.code, reply.message, address)
            for address, reply in refused.items()])
    await client.data(raw, timeout=None)
    return refused


async def _reset_envelope(client: aiosmtplib.SMTP) -> None:
    """RSET after a refusal, so the connection's next message starts a clean envelope."""
    try:
        await client.rset(timeout=None)
    except (ConnectionError, aiosmtplib.SMTPException):
        pass  # a failed reset surfaces as the next send's connection error
