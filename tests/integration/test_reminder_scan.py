"""The reminder scan on SQLite and PostgreSQL: the hour, idempotency, downtime, and when
reminders stop. The demo period is due on 2026-11-25 in America/Chicago."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import update

from domain.commands import PeriodChanges
from domain.reminders import ReminderKind
from store import tables as t
from tests.support.reminding import (
    NOV_22_8AM,
    NOV_24_8AM,
    NOV_26_8AM,
    NOV_27_8AM,
    add_invoice,
    emails_by_person,
    invite_log,
    mark_undeliverable,
    next_reminders,
    recipients,
    reminded_events,
    reminder_mails,
    send_all,
    set_status,
    utc,
)
from tests.support.world import World

DEMO_CONTACTS = 10  # six invited commitments: 2 + 1 + 3 + 1 + 2 + 1 contacts


async def test_sending_invites_schedules_the_first_reminder(world: World) -> None:
    await send_all(world)
    scheduled = await next_reminders(world)
    assert len(scheduled) == 6
    assert set(scheduled.values()) == {NOV_22_8AM}  # 3 days before, 08:00 in Chicago


async def test_each_contact_is_reminded_once_at_the_local_hour(world: World) -> None:
    await send_all(world)
    reminders = world.container.reminders
    world.clock.now = NOV_22_8AM - timedelta(minutes=1)
    early = await reminders.scan()
    assert (early.queued, early.invites_seen) == (0, 0)

    world.clock.now = NOV_22_8AM
    run = await reminders.scan()
    assert run.queued == DEMO_CONTACTS and run.invites_seen == 6
    assert {(r.kind, r.local_date.isoformat()) for r in run.reminders} == {
        (ReminderKind.BEFORE_DUE, "2026-11-22")}
    mails = await reminder_mails(world)
    assert len(mails) == DEMO_CONTACTS
    assert {m.idempotency_key for m in mails} == {
        f"reminder:{m.invite_id}:{m.person_id}:2026-11-22" for m in mails}
    assert {m.payload["kind"] for m in mails} == {"before_due"}
    assert set((await next_reminders(world)).values()) == {NOV_24_8AM}

    again = await reminders.scan()
    assert (again.queued, again.invites_seen) == (0, 0)
    # Even when every invite is due again (an instant written back by another change),
    # the idempotency keys hold: nothing new, no second event.
    async with world.container.ctx.sessions.begin() as session:
        await session.execute(update(t.Invite).values(next_reminder_at=NOV_22_8AM))
    rerun = await reminders.scan()
    assert rerun.invites_seen == 6 and rerun.queued == 0
    assert len(await reminder_mails(world)) == DEMO_CONTACTS

    logged = await invite_log(world, "reminded")
    assert len(logged) == 6 and {e.channel for e in logged} == {"system"}
    events = await reminded_events(world)
    assert len(events) == 6
    assert {e.payload["type"] for e in events} == {"invite.reminded"}
    assert sum(len(e.payload["data"]["contacts"]) for e in events) == DEMO_CONTACTS
    assert {e.payload["data"]["local_date"] for e in events} == {"2026-11-22"}


async def test_delivery_sends_reminders_and_leaves_webhook_events_to_their_sender(
        world: World) -> None:
    await send_all(world)
    world.clock.now = NOV_22_8AM
    await world.container.reminders.scan()
    report = await world.container.delivery.deliver_due()
    assert (report.sent, report.failed, report.retried) == (2 * DEMO_CONTACTS, 0, 0)
    assert {m.status for m in await reminder_mails(world)} == {"sent"}
    assert {e.status for e in await reminded_events(world)} == {"pending"}


async def test_after_downtime_only_todays_reminder_goes_out_never_a_backlog(
        world: World) -> None:
    await send_all(world)
    reminders = world.container.reminders
    # Down through the 22nd; back at 07:00 in Chicago on the 24th: not yet the hour.
    world.clock.now = NOV_24_8AM - timedelta(hours=1)
    assert (await reminders.scan()).queued == 0
    assert set((await next_reminders(world)).values()) == {NOV_24_8AM}

    # Down again from the 24th to the evening of the 26th: one reminder, the 26th's.
    world.clock.now = NOV_26_8AM + timedelta(hours=6)
    late = await reminders.scan()
    assert late.queued == DEMO_CONTACTS
    assert {(r.kind, r.local_date.isoformat()) for r in late.reminders} == {
        (ReminderKind.AFTER_DUE, "2026-11-26")}
    assert set((await next_reminders(world)).values()) == {NOV_27_8AM}

    world.clock.now = NOV_27_8AM
    assert (await reminders.scan()).queued == DEMO_CONTACTS
    per_contact_day = Counter(m.idempotency_key.rsplit(":", 1)[0] + m.payload["local_date"]
                              for m in await reminder_mails(world))
    assert len(per_contact_day) == 2 * DEMO_CONTACTS and max(per_contact_day.values()) == 1


async def test_reminders_skip_no_sent_invoices_and_undeliverable_addresses(
        world: World) -> None:
    await send_all(world)
    await mark_undeliverable(world, "dan@graniteridge.example")  # SC-001's second contact
    await set_status(world, "SC-002", "declined")
    await set_status(world, "SC-003", "accepted")
    await add_invoice(world, "SC-003", "draft")  # still to finish: keeps being reminded
    await set_status(world, "SC-004", "accepted")
    await add_invoice(world, "SC-004", "under_review")  # sent: no more reminders
    emails = await emails_by_person(world)

    world.clock.now = NOV_22_8AM
    await world.container.reminders.scan()
    assert recipients(await reminder_mails(world), emails) == {
        "maria@graniteridge.example", "priya@brightwire.example", "tom@brightwire.example",
        "angela@brightwire.example", "hannah@northwind.example", "greg@northwind.example",
        "sam@prairiesupply.example"}
    scheduled = await next_reminders(world)
    assert scheduled["SC-004"] is None  # the invoice was sent
    assert scheduled["SC-002"] == NOV_24_8AM  # a No may still become Yes before the due date

    await set_status(world, "SC-002", "accepted")  # changed their mind
    world.clock.now = NOV_24_8AM
    run = await world.container.reminders.scan()
    assert {r.commitment_number for r in run.reminders} == {
        "SC-001", "SC-002", "SC-003", "SC-005", "PO-001"}
    answered_yes = {m.payload["answered_yes"] for m in await reminder_mails(world)
                    if m.payload["local_date"] == "2026-11-24" and emails[m.person_id]
                    == "kevin@ironline.example"}
    assert answered_yes == {True}


async def test_no_reminders_after_a_no_past_the_due_date_or_once_the_period_closed(
        world: World) -> None:
    await send_all(world)
    await set_status(world, "SC-002", "declined")
    world.clock.now = NOV_26_8AM
    run = await world.container.reminders.scan()
    assert "SC-002" not in {r.commitment_number for r in run.reminders}
    assert (await next_reminders(world))["SC-002"] is None  # answers are final now

    world.clock.now = utc(2026, 11, 26, 18)
    await world.container.projects.change_period(
        world.admin, world.demo.billing_period_id, PeriodChanges(close=True))
    assert set((await next_reminders(world)).values()) == {None}
    world.clock.now = NOV_27_8AM
    closed = await world.container.reminders.scan()
    assert (closed.queued, closed.invites_seen) == (0, 0)


async def test_a_dry_run_reports_and_writes_nothing(world: World) -> None:
    await send_all(world)
    dry = await world.container.reminders.scan(NOV_22_8AM, dry_run=True)
    assert dry.queued == DEMO_CONTACTS and dry.dry_run
    assert await reminder_mails(world) == []
    assert set((await next_reminders(world)).values()) == {NOV_22_8AM}
    real = await world.container.reminders.scan(NOV_22_8AM)
    assert sorted(r.contact_email for r in real.reminders) == sorted(
        r.contact_email for r in dry.reminders)
