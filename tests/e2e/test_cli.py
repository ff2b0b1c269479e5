"""The `invite-to-bill` command as an operator runs it: real processes, real databases."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import sys

import aiohttp
import pytest

from store.migrate import head_revision
from tests.support.processes import free_port, run
from tests.support.smtp_sinks import ScriptedSink

DEMO_KEYS = {"base_url", "admin_email", "admin_password", "api_token", "project_id",
             "billing_period_id", "commitment_ids"}


async def test_migrate_and_demo_are_idempotent(cli_env: dict[str, str]) -> None:
    for _ in range(2):
        code, out, err = await run(cli_env, "migrate")
        assert code == 0, err
        assert f"database at revision {head_revision()}" in out
    code, first, err = await run(cli_env, "demo", "--json")
    assert code == 0, err
    code, second, err = await run(cli_env, "demo", "--json")
    assert code == 0, err
    assert json.loads(first) == json.loads(second)  # the second run adds nothing
    demo = json.loads(first)
    assert set(demo) == DEMO_KEYS and len(demo["commitment_ids"]) == 7


async def test_send_invites_delivers_with_progress_and_exit_codes(
        cli_env: dict[str, str], sink: ScriptedSink) -> None:
    cli_env["ITB_SMTP_URL"] = f"smtp://127.0.0.1:{sink.port}"
    assert (await run(cli_env, "migrate"))[0] == 0
    demo = json.loads((await run(cli_env, "demo", "--json"))[1])
    period = str(demo["billing_period_id"])

    code, _, err = await run(cli_env, "send-invites", "--period", period, "--all")
    assert code == 0, err
    assert "skipped commitment" in err and "no invoice contact" in err
    assert "10/10" in err  # the progress bar reached the end
    assert len(sink.handler.received) == 10

    no_contact = str(demo["commitment_ids"][5])
    code, _, err = await run(cli_env, "send-invites", "--period", period,
                             "--commitment", no_contact)
    assert code == 1 and "no invoice contact" in err
    code, _, err = await run(cli_env, "send-invites", "--period", "999", "--all")
    assert code == 1 and "not found" in err
    assert len(sink.handler.received) == 10


@pytest.mark.parametrize("jobs", ["in-process", pytest.param("redis", marks=pytest.mark.redis)])
async def test_serve_answers_health_and_stops_cleanly(
        cli_env: dict[str, str], jobs: str, request: pytest.FixtureRequest) -> None:
    """Without Redis the jobs run in the process; with it, an arq worker in the process,
    which stops with it (within the stop's grace period, exiting with 0)."""
    if jobs == "redis":
        cli_env["ITB_REDIS_URL"] = request.getfixturevalue("redis_url")
    assert (await run(cli_env, "migrate"))[0] == 0
    port = free_port()
    cli_env.update(ITB_HTTP_PORT=str(port), ITB_DEV_MAILBOX_PORT=str(free_port()),
                   ITB_INBOUND_PORT=str(free_port()), ITB_BASE_URL=f"http://127.0.0.1:{port}")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "app", "serve", env=cli_env, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL)
    try:
        assert process.stdout is not None
        async with asyncio.timeout(30):
            banner = (await process.stdout.readline()).decode()
        assert f"serving at http://127.0.0.1:{port}/" in banner
        async with aiohttp.ClientSession() as http, http.get(
                f"http://127.0.0.1:{port}/healthz") as answer:
            assert answer.status == 200
            assert (await answer.json())["status"] == "ok"
    finally:
        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(30):
            assert await process.wait() == 0


async def test_serve_explains_a_port_in_use(cli_env: dict[str, str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        cli_env.update(ITB_HTTP_PORT=str(free_port()),
                       ITB_DEV_MAILBOX_PORT=str(taken.getsockname()[1]))
        code, _, err = await run(cli_env, "serve")
    assert code == 2
    assert "ITB_DEV_MAILBOX_PORT" in err and "Traceback" not in err


async def test_send_invites_takes_the_invoice_type(cli_env: dict[str, str],
                                                   sink: ScriptedSink) -> None:
    cli_env["ITB_SMTP_URL"] = f"smtp://127.0.0.1:{sink.port}"
    assert (await run(cli_env, "migrate"))[0] == 0
    demo = json.loads((await run(cli_env, "demo", "--json"))[1])
    period, first = str(demo["billing_period_id"]), str(demo["commitment_ids"][0])
    code, _, err = await run(cli_env, "send-invites", "--period", period,
                             "--commitment", first, "--type", "partial")
    assert code == 2 and "invalid choice: 'partial'" in err
    assert not sink.handler.received
    code, _, err = await run(cli_env, "send-invites", "--period", period,
                             "--commitment", first, "--type", "retainage_release")
    assert code == 0, err
    texts = [r.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
             for r in sink.handler.received]
    assert texts and all("Invoice type: Retainage release" in text for text in texts)
