"""DKIM over real SMTP: a reply signed with a key the test generates and serves from its own
DNS table. A valid signature is recorded and the answer counts; a broken one from a domain
that publishes DMARC p=reject changes nothing and is shown as such."""

from __future__ import annotations

import base64
import subprocess
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

import dkim
import pytest
from aiohttp.test_utils import TestClient

from app.background import inbound_smtp
from app.bootstrap import inbound_mail
from mailer.mail_authentication import MailAuthenticator, static_txt_lookup
from tests.support.inbound_mail import (
    ADDRESS,
    classifications,
    invite_delivery,
    invite_status,
    reply_to,
    send_over_smtp,
)
from tests.support.world import World

DOMAIN = ADDRESS.split("@")[1]


@pytest.fixture(scope="module")
def signing_key(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    """(private key PEM, the DNS record publishing its public half), made with openssl."""
    folder = tmp_path_factory.mktemp("dkim")
    key = folder / "key.pem"
    subprocess.run(["openssl", "genrsa", "-traditional", "-out", str(key), "2048"],
                   check=True, capture_output=True)
    public = subprocess.run(["openssl", "rsa", "-in", str(key), "-pubout", "-outform", "DER"],
                            check=True, capture_output=True).stdout
    return Path(key).read_bytes(), b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)


def dns(record: bytes, policy: str) -> MailAuthenticator:
    return MailAuthenticator(static_txt_lookup({
        f"s1._domainkey.{DOMAIN}": record,
        f"_dmarc.{DOMAIN}": f"v=DMARC1; p={policy}; rua=mailto:d@{DOMAIN}".encode()}),
        timeout=1.0)


def signed(raw: bytes, key: bytes) -> bytes:
    crlf = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    signature = dkim.sign(crlf, b"s1", DOMAIN.encode(), key,
                          canonicalize=(b"relaxed", b"relaxed"),
                          include_headers=[b"from", b"to", b"subject", b"message-id"])
    return signature + crlf


async def answer(world: World, authenticator: MailAuthenticator,
                 make: Callable[[EmailMessage], bytes]) -> None:
    inbound = inbound_mail(world.container, authenticator=authenticator)
    invite, _ = await invite_delivery(world, ADDRESS)
    async with inbound_smtp(world.container, port=0, inbound=inbound,
                            background=False) as server:
        assert await send_over_smtp(server.port, ADDRESS, invite["Reply-To"], make(invite)) \
            == "250 2.0.0 OK: queued"
    await inbound.process_pending()


async def test_a_valid_signature_is_recorded_and_the_answer_counts(
        world: World, world_api: TestClient, world_headers: dict[str, str],
        signing_key: tuple[bytes, bytes]) -> None:
    key, record = signing_key
    await answer(world, dns(record, "reject"),
                 lambda invite: signed(reply_to(invite, ADDRESS, "Yes"), key))
    assert (await invite_status(world, ADDRESS))[0] == "accepted"
    response = await world_api.get("/api/inbound-messages", headers=world_headers)
    [shown] = (await response.json())["items"]
    assert shown["detail"]["authentication"]["dkim"] == "pass"
    assert shown["detail"]["authentication"]["signing_domains"] == [DOMAIN]


async def test_a_broken_signature_under_dmarc_reject_changes_nothing(
        world: World, world_api: TestClient, world_headers: dict[str, str],
        signing_key: tuple[bytes, bytes]) -> None:
    key, record = signing_key

    def tampered(invite: EmailMessage) -> bytes:
        # Signed as "Maybe later", altered on the way to "Yes".
        return signed(reply_to(invite, ADDRESS, "Maybe later"), key).replace(
            b"Maybe later", b"Yes")

    await answer(world, dns(record, "reject"), tampered)
    assert (await invite_status(world, ADDRESS))[0] == "invited"
    assert await classifications(world) == ["unauthenticated"]
    page = await world_api.get("/api/inbound-messages", headers=world_headers)
    [shown] = (await page.json())["items"]
    assert shown["detail"]["authentication"]["dkim"] == "fail"
    assert shown["detail"]["authentication"]["dmarc"] == "reject"
    assert "DKIM signature failed" in shown["description"]


async def test_a_broken_signature_without_a_strict_policy_is_recorded_only(
        world: World, signing_key: tuple[bytes, bytes]) -> None:
    key, record = signing_key

    def tampered(invite: EmailMessage) -> bytes:
        return signed(reply_to(invite, ADDRESS, "No thanks"), key).replace(
            b"No thanks", b"Yes please")

    await answer(world, dns(record, "none"), tampered)
    # p=none asks receivers to deliver anyway: the answer counts, the result is kept.
    assert (await invite_status(world, ADDRESS))[0] == "accepted"
