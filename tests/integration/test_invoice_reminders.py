"""Sending an invoice stops the commitment's reminders; Revise and Resubmit resumes them."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from domain.invoice_records import InvoiceStatus
from tests.support.invoicing import commitment_of, signed_in, submit
from tests.support.reminding import NOV_22_8AM, NOV_24_8AM, next_reminders, reminder_mails
from tests.support.world import World


async def reminded(world: World, invite_id: int) -> int:
    return len([row for row in await reminder_mails(world) if row.invite_id == invite_id])


async def test_sent_invoices_are_not_reminded_until_returned(world_api: TestClient,
                                                             world: World) -> None:
    link = await signed_in(world, world_api)
    first = (await commitment_of(world, link)).sov_lines[0]
    sent = await submit(world_api, link, {"number": "BW-4", f"work_{first.id}": "100"}, "send")
    assert sent.status == 303
    await world.container.reminders.scan(NOV_22_8AM)
    assert await reminded(world, link.invite_id) == 0

    invoice = (await world.container.invoices.contact_sheet(
        link.contact_id, link.commitment_id, world.demo.billing_period_id))
    world.clock.advance(days=12)  # Nov 22, after that reminder
    await world.container.invoices.change_status(
        world.admin, invoice.id, InvoiceStatus.REVISE_AND_RESUBMIT, "Add the lien waiver.")
    assert (await next_reminders(world))["SC-003"] == NOV_24_8AM
    await world.container.reminders.scan(NOV_24_8AM)
    assert await reminded(world, link.invite_id) > 0
