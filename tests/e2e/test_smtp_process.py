"""`invite-to-bill smtp` as the Procfile runs it: a real process on a real port."""

from __future__ import annotations

import asyncio
import signal
import sys

from tests.support.processes import free_port, run
from tests.support.smtp_client import SmtpDialogue


async def test_the_smtp_role_refuses_strangers_and_stops_cleanly(
        cli_env: dict[str, str]) -> None:
    assert (await run(cli_env, "migrate"))[0] == 0
    port = free_port()
    cli_env.update(ITB_INBOUND_PORT=str(port), ITB_INBOUND_DOMAIN="reply.example.com")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "app", "smtp", env=cli_env, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL)
    try:
        assert process.stdout is not None
        async with asyncio.timeout(30):
            banner = (await process.stdout.readline()).decode()
        assert f"listening on 127.0.0.1:{port} for reply.example.com" in banner
        smtp = await SmtpDialogue.open(port)
        assert (await smtp.say("MAIL FROM:<a@example.org>")).startswith("250")
        assert (await smtp.say("RCPT TO:<victim@example.org>")).startswith("550 5.1.1")
        assert (await smtp.say("RCPT TO:<bill+nosuch@reply.example.com>")).startswith(
            "550 5.1.1")
        assert (await smtp.say("RCPT TO:<postmaster@reply.example.com>")).startswith("250")
        await smtp.close()
    finally:
        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(30):
            assert await process.wait() == 0
