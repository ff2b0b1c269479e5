"""Each inbound event type end to end: signed request, 202, the worker's run, the effects."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiohttp.test_utils import TestClient

from domain.commands import SendInvites
from store import tables as t
from tests.support.webhooking import PROJECT, new_id, post_event, received, rows
from tests.support.world import World


def commitment(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "project": PROJECT, "external_id": "ERP-SC-900", "number": "SC-900",
        "title": "Elevators", "kind": "subcontract",
        "contract_company": {"name": "Upward Lifts", "external_id": "V-77"},
        "retainage_percent_work": "10.00", "retainage_percent_stored": "5.00",
        "sov_lines": [
            {"item_number": "001", "description": "Cab and rails", "scheduled_value": "90000.00"},
            {"item_number": "002", "description": "Controls", "scheduled_value": "30000.00"}],
        "invoice_contacts": [{"name": "Eve Lift", "email": "eve@upward.example",
                              "external_id": "C-1"}]}
    data.update(changes)
    return data


async def deliver(world_api: TestClient, world: World, event_type: str,
                  data: dict[str, Any]) -> t.ReceivedWebhook:
    webhook_id = new_id()
    response = await post_event(world_api, event_type, data, webhook_id=webhook_id)
    assert response.status == 202, await response.text()
    await world.container.webhooks.work.run_due()
    return await received(world, webhook_id)


async def test_commitment_upserted_creates_then_updates_by_external_id(
        world: World, world_api: TestClient) -> None:
    done = await deliver(world_api, world, "commitment.upserted", commitment())
    assert (done.status, done.processed_at) == ("processed", world.clock.now)
    [row] = await rows(world, t.Commitment, t.Commitment.external_id == "ERP-SC-900")
    created = await world.container.projects.get_commitment(world.admin, row.id)
    assert (created.number, created.contract_company, created.project_id) == (
        "SC-900", "Upward Lifts", world.demo.project_id)
    assert [line.scheduled_value for line in created.sov_lines] == [90000, 30000]
    assert [c.email for c in created.invoice_contacts] == ["eve@upward.example"]

    again = await deliver(world_api, world, "commitment.upserted", commitment(
        title="Elevators and escalators",
        contract_company={"name": "Upward Lifts Inc.", "external_id": "V-77"},
        sov_lines=[{"item_number": "002", "description": "Controls",
                    "scheduled_value": "35000.00"},
                   {"item_number": "003", "description": "Escalator",
                    "scheduled_value": "150000.00"}],
        invoice_contacts=[{"name": "Frank Up", "email": "frank@upward.example"}]))
    assert again.status == "processed", again.reason
    updated = await world.container.projects.get_commitment(world.admin, row.id)
    assert (updated.title, updated.contract_company) == ("Elevators and escalators",
                                                         "Upward Lifts Inc.")
    assert [(line.item_number, line.scheduled_value) for line in updated.sov_lines] == [
        ("002", 35000), ("003", 150000)]
    assert [c.email for c in updated.invoice_contacts] == ["frank@upward.example"]
    assert len(await rows(world, t.Commitment, t.Commitment.number == "SC-900")) == 1
    [company] = await rows(world, t.Company, t.Company.external_id == "V-77")
    assert company.name == "Upward Lifts Inc."


async def test_an_existing_commitment_with_that_number_is_adopted_not_duplicated(
        world: World, world_api: TestClient) -> None:
    done = await deliver(world_api, world, "commitment.upserted", commitment(
        number="SC-001", external_id="ERP-1", title="Concrete and Foundations",
        contract_company={"name": "Granite Ridge Concrete"}))
    assert done.status == "processed", done.reason
    [row] = await rows(world, t.Commitment, t.Commitment.number == "SC-001",
                       t.Commitment.project_id == world.demo.project_id)
    assert (row.id, row.external_id) == (world.demo.commitment_ids[0], "ERP-1")


async def test_an_unknown_project_fails_the_event_with_the_reason(
        world: World, world_api: TestClient) -> None:
    done = await deliver(world_api, world, "commitment.upserted",
                         commitment(project={"number": "NOPE-1"}))
    assert (done.status, done.reason) == ("failed", "no project numbered 'NOPE-1'")
    assert await rows(world, t.Commitment, t.Commitment.external_id == "ERP-SC-900") == []


async def test_billing_period_opened_creates_it_and_invites_everyone(
        world: World, world_api: TestClient) -> None:
    period = {"project": PROJECT, "start_date": "2026-12-01", "end_date": "2026-12-31",
              "due_date": "2026-12-26", "send_invites": True}
    done = await deliver(world_api, world, "billing_period.opened", period)
    assert done.status == "processed", done.reason
    [opened] = await rows(world, t.BillingPeriod, t.BillingPeriod.start_date == date(2026, 12, 1))
    assert opened.status == "open"
    previous = await world.container.projects.get_period(world.admin,
                                                         world.demo.billing_period_id)
    assert previous.status.value == "closed"
    invites = await world.container.invites.period_invites(world.admin, opened.id)
    assert invites.counts["invited"] == 6 and invites.counts["not_invited"] == 1
    events = await rows(world, t.InviteEvent, t.InviteEvent.kind == "invited")
    assert {(e.channel, e.person_id) for e in events} == {("webhook", world.admin.person_id)}
    assert done.reason == f"billing period {opened.id} opened; batch 1 invited 6, skipped 1"

    # Sent again (another webhook-id): only the commitment without an invite is tried.
    again = await deliver(world_api, world, "billing_period.opened", period)
    assert again.status == "processed"
    assert again.reason == (f"billing period {opened.id} was already open; batch 2 invited 0, "
                            "skipped 1")
    assert len(await rows(world, t.Invite, t.Invite.billing_period_id == opened.id)) == 6


async def test_invites_requested_by_our_id_and_external_id(
        world: World, world_api: TestClient) -> None:
    await deliver(world_api, world, "commitment.upserted", commitment())
    done = await deliver(world_api, world, "invites.requested", {
        "project": PROJECT, "commitments": [
            {"id": world.demo.commitment_ids[0]}, {"external_id": "ERP-SC-900"},
            {"external_id": "ERP-UNKNOWN"}]})
    assert done.status == "processed", done.reason
    assert done.reason == ("batch 1: 2 invited, 0 resent, 0 skipped; unknown external ids: "
                           "ERP-UNKNOWN")
    mails = await rows(world, t.OutboxMessage, t.OutboxMessage.template == "invite")
    assert len(mails) == 3  # SC-001 has two contacts, SC-900 one
    await world.container.delivery.deliver_due()
    assert {r.rcpt_tos[0] for r in world.sink.handler.received} >= {"eve@upward.example"}

    closed = await deliver(world_api, world, "invites.requested",
                           {"billing_period_id": 999_999, "all": True})
    assert (closed.status, closed.reason) == ("failed", "billing period 999999 not found")


async def test_a_hard_bounce_report_has_every_effect_of_a_bounce(
        world: World, world_api: TestClient) -> None:
    await world.container.invites.send(world.admin, SendInvites(
        world.demo.billing_period_id, (world.demo.commitment_ids[1],)))  # SC-002: Kevin
    await world.container.delivery.deliver_due()
    [mail] = await rows(world, t.OutboxMessage, t.OutboxMessage.template == "invite")
    assert mail.status == "sent"

    delivered = await deliver(world_api, world, "email.delivery", {
        "message_id": mail.message_id.strip("<>"), "status": "delivered"})
    assert delivered.status == "processed", delivered.reason
    report = {"message_id": mail.message_id, "status": "bounced", "bounce_type": "hard",
              "diagnostic": "550 5.1.1 mailbox unknown"}
    done = await deliver(world_api, world, "email.delivery", report)
    assert (done.status, done.reason) == ("processed",
                                          f"message {mail.id}: hard bounce recorded")
    [person] = await rows(world, t.Person, t.Person.id == mail.person_id)
    assert person.deliverable is False and person.bounced_at == world.clock.now
    [failed] = await rows(world, t.OutboxMessage, t.OutboxMessage.id == mail.id)
    assert (failed.status, failed.last_error) == ("failed", "bounced: 550 5.1.1 mailbox unknown")
    kinds = [e.kind for e in await rows(world, t.InviteEvent,
                                        t.InviteEvent.invite_id == mail.invite_id)]
    assert kinds == ["invited", "delivered", "bounced"]
    [event] = await rows(world, t.OutboxMessage,
                         t.OutboxMessage.idempotency_key == f"event:email.bounced:{mail.id}")
    assert event.payload["data"]["recipient"] == person.email
    assert event.payload["data"]["source"] == "webhook"

    await world.container.delivery.deliver_due()
    notice = world.sink.handler.received[-1]
    assert notice.rcpt_tos == ["admin@summit-builders.example"]
    assert str(notice.message["Subject"]) == ("Riverside Medical Office Building: mail to "
                                              "Kevin O'Brien bounced (SC-002)")

    twice = await deliver(world_api, world, "email.delivery", report)
    assert twice.reason == f"message {mail.id}: hard bounce already recorded"
    assert len(await rows(world, t.OutboxMessage,
                          t.OutboxMessage.template == "bounce_notice")) == 1
