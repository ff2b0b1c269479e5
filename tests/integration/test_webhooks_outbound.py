"""Webhooks out, to a real receiver over loopback that verifies with standardwebhooks:
retries until delivered exactly once, 410 disables, pausing after a day of failure,
refusing private addresses, replay, and the arq worker's path."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from importlib.metadata import version
from pathlib import Path

import pytest

from app.background import in_process_jobs
from app.bootstrap import build
from app.use_cases.demo import Demo
from app.worker import make_worker
from domain.commands import SendInvites
from domain.errors import Conflict
from domain.webhook_retry import SCHEDULE
from domain.webhooks import NewSubscription, SubscriptionChanges, SubscriptionStatus
from store import tables as t
from tests.support.smtp_sinks import ScriptedSink
from tests.support.webhook_receivers import WebhookReceiver
from tests.support.webhooking import rows
from tests.support.world import MovableClock, World, make_settings


@pytest.fixture
async def receiver() -> AsyncIterator[WebhookReceiver]:
    server = await WebhookReceiver().start()
    yield server
    await server.stop()


async def subscribe(world: World, receiver: WebhookReceiver,
                    *types: str) -> int:
    made = await world.container.webhooks.subscriptions.create(
        world.admin, NewSubscription(receiver.url, types or ("invite.sent",)))
    receiver.secret = made.secret
    return made.subscription.id


async def send_all(world: World) -> int:
    result = await world.container.invites.send(world.admin,
                                                SendInvites(world.demo.billing_period_id, None))
    return result.invited


async def run(world: World, **advance: float) -> None:
    world.clock.advance(**advance)
    await world.container.webhooks.work.run_due()


async def test_the_user_agent_names_the_installed_version(
        world: World, receiver: WebhookReceiver) -> None:
    await subscribe(world, receiver)
    await send_all(world)
    await run(world)
    assert receiver.hooks
    installed = version("invite-to-bill")
    assert {hook.user_agent for hook in receiver.hooks} == {
        f"invite-to-bill-webhooks/{installed}"}
    assert installed != "0"


async def test_each_event_arrives_once_signed_after_two_failures(
        world: World, receiver: WebhookReceiver) -> None:
    subscription_id = await subscribe(world, receiver)
    receiver.fail_first = 2
    invited = await send_all(world)
    await run(world)
    await run(world, seconds=6)  # the first retry: 5 s, plus at most 20 % jitter
    assert receiver.accepted() == {}
    await run(world, minutes=6)  # the second: 5 min
    assert len(receiver.hooks) == 3 * invited
    assert all(hook.verified for hook in receiver.hooks)
    accepted = receiver.accepted()
    assert len(accepted) == invited and set(accepted.values()) == {1}

    first = receiver.hooks[0].body
    assert first["type"] == "invite.sent" and first["timestamp"].startswith("2026-11-10T15:00")
    assert set(first["data"]) >= {"invite_id", "commitment_id", "billing_period_id", "batch_id"}
    await run(world, hours=30)
    assert len(receiver.hooks) == 3 * invited  # nothing more: every event was delivered

    log = await world.container.webhooks.subscriptions.deliveries(world.admin, subscription_id)
    assert len(log) == 3 * invited
    newest = log[0]
    assert (newest.status_code, newest.attempt, newest.message_status) == (200, 3, "sent")
    assert newest.response_excerpt == "answered 200" and newest.latency_ms is not None
    assert {(a.status_code, a.error) for a in log if a.attempt < 3} == {(500, "HTTP 500")}


async def test_a_410_disables_the_subscription_and_tells_the_administrator(
        world: World, receiver: WebhookReceiver) -> None:
    subscription_id = await subscribe(world, receiver)
    receiver.status = 410
    await send_all(world)
    await run(world)
    found = await world.container.webhooks.subscriptions.get(world.admin, subscription_id)
    assert (found.status.value, found.status_reason) == ("disabled",
                                                         "the receiver answered 410 Gone")
    tried = len(receiver.hooks)
    await run(world, hours=1)
    assert len(receiver.hooks) == tried  # the others are not sent to a disabled receiver
    await world.container.delivery.deliver_due()
    [notice] = [r for r in world.sink.handler.received
                if "Webhooks to" in str(r.message["Subject"])]
    assert notice.rcpt_tos == ["admin@summit-builders.example"]


async def test_a_day_of_failure_pauses_it_and_a_replay_after_resuming_delivers(
        world: World, receiver: WebhookReceiver) -> None:
    subscription_id = await subscribe(world, receiver)
    receiver.fail_first = 100
    await world.container.invites.send(world.admin, SendInvites(
        world.demo.billing_period_id, (world.demo.commitment_ids[1],)))
    await run(world)
    for delay in SCHEDULE:
        await run(world, seconds=delay.total_seconds() * 1.2 + 1)
    assert len(receiver.hooks) == len(SCHEDULE) + 1
    subscriptions = world.container.webhooks.subscriptions
    paused = await subscriptions.get(world.admin, subscription_id)
    assert paused.status.value == "paused" and paused.consecutive_failures == 8
    log = await subscriptions.deliveries(world.admin, subscription_id)
    assert {a.message_status for a in log} == {"dead"}
    await world.container.delivery.deliver_due()
    assert any("Webhooks to" in str(r.message["Subject"]) for r in world.sink.handler.received)

    with pytest.raises(Conflict):
        await subscriptions.replay(world.admin, log[0].id)
    await subscriptions.change(world.admin, subscription_id,
                               SubscriptionChanges(status=SubscriptionStatus.ACTIVE))
    receiver.fail_first = 0
    await subscriptions.replay(world.admin, log[0].id)
    await run(world)
    assert receiver.hooks[-1].answered == 200 and receiver.hooks[-1].verified


async def test_private_addresses_are_refused_unless_allowed(
        world: World, receiver: WebhookReceiver) -> None:
    guarded = await build(world.container.settings.model_copy(
        update={"webhook_allow_private": False}), connect_redis=False, clock=world.clock)
    try:
        literal = await subscribe(world, receiver)
        receiver.host = "localhost"  # a name: refused after resolving it
        named = await subscribe(world, receiver)
        await world.container.invites.send(world.admin, SendInvites(
            world.demo.billing_period_id, (world.demo.commitment_ids[1],)))
        await guarded.webhooks.work.run_due()
        assert receiver.hooks == []
        for subscription_id in (literal, named):
            [attempt] = await guarded.webhooks.subscriptions.deliveries(world.admin,
                                                                        subscription_id)
            assert attempt.status_code is None and attempt.message_status == "failed"
            assert attempt.error is not None and "not a public address" in attempt.error
    finally:
        await guarded.aclose()


async def test_events_of_other_kinds_and_companies_are_not_sent(
        world: World, receiver: WebhookReceiver) -> None:
    await subscribe(world, receiver, "invite.accepted")
    rival = await world.container.access.create_admin(
        email="otto@rival.example", name="Otto Rival", password="correct horse battery",
        company_name="Rival Construction")
    await world.container.webhooks.subscriptions.create(
        rival, NewSubscription(receiver.url, ("invite.sent",)))
    await send_all(world)
    await run(world)
    assert receiver.hooks == []
    events = await rows(world, t.OutboxMessage, t.OutboxMessage.kind == "event")
    assert events and {e.status for e in events} == {"sent"}


@pytest.mark.redis
async def test_the_arq_worker_delivers_webhooks(db_url: str, redis_url: str, tmp_path: Path,
                                                sink: ScriptedSink, clock: MovableClock,
                                                receiver: WebhookReceiver) -> None:
    settings = make_settings(tmp_path, db_url, redis_url=redis_url, dev_mailbox_port=sink.port)
    container = await build(settings, clock=clock)
    try:
        demo = await Demo(container.ctx).load()
        admin = await container.access.admin_for_api_token(demo.api_token)
        assert admin is not None
        made = await container.webhooks.subscriptions.create(
            admin, NewSubscription(receiver.url, ("invite.sent",)))
        receiver.secret = made.secret
        result = await container.invites.send(admin, SendInvites(demo.billing_period_id, None))
        worker = make_worker(settings, burst=True, clock=clock)
        try:
            await worker.main()
        finally:
            await worker.close()
        assert worker.jobs_failed == 0
        assert len(receiver.accepted()) == result.invited == 6
        assert all(hook.verified for hook in receiver.hooks)
    finally:
        await container.aclose()


async def test_without_redis_the_serving_process_delivers_them_itself(
        world: World, receiver: WebhookReceiver) -> None:
    serving = await build(world.container.settings, connect_redis=False, clock=world.clock,
                          in_process_jobs=True)
    try:
        made = await serving.webhooks.subscriptions.create(
            world.admin, NewSubscription(receiver.url, ("invite.sent",)))
        receiver.secret = made.secret
        async with in_process_jobs(serving):
            result = await serving.invites.send(world.admin, SendInvites(
                world.demo.billing_period_id, (world.demo.commitment_ids[1],)))
            async with asyncio.timeout(20):  # woken by the batch, not by the 30 s sweep
                await receiver.wait_for(result.invited)
        assert receiver.hooks[0].verified and receiver.hooks[0].answered == 200
    finally:
        await serving.aclose()


def test_the_schedule_spans_about_a_day() -> None:
    assert sum(SCHEDULE, timedelta()) == timedelta(hours=27, minutes=35, seconds=5)
