"""Every documented answer of the API matches its schema: each route is called through the
real application (the demo world, a rival company, real SMTP and a real webhook receiver)
and its JSON body validated against the OpenAPI document the application serves."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from app.background import inbound_smtp
from app.bootstrap import inbound_mail
from tests.support.api import COMMITMENT, PROJECT
from tests.support.contract import ContractClient, documented_answers, schema_errors
from tests.support.inbound_mail import ADDRESS, reply_to, send_over_smtp
from tests.support.invoicing import NOVEMBER, OCTOBER, line
from tests.support.waivering import contract_calls
from tests.support.webhook_receivers import WebhookReceiver
from tests.support.webhooking import event_body, new_id, signed_headers
from tests.support.world import WEBHOOK_SECRETS, World

KEVIN = "kevin@ironline.example"  # SC-002's only contact


async def contract_client(world_api: TestClient) -> ContractClient:
    response = await world_api.get("/api/openapi.json")
    assert response.status == 200
    checked = ContractClient(world_api, await response.json())
    await checked.call("GET", "/api/openapi.json", 200)
    return checked


async def projects_commitments_periods(api: ContractClient, admin: dict[str, str],
                                       rival: dict[str, str]) -> dict[str, Any]:
    project = await api.call("POST", "/api/projects", 201, headers=admin, json=PROJECT)
    await api.call("GET", "/api/projects", 200, headers=admin)
    await api.call("GET", "/api/projects/{id}", 200, headers=admin, id=project["id"])
    await api.call("GET", "/api/projects/{id}", 404, headers=rival, id=project["id"])
    await api.call("PATCH", "/api/projects/{id}", 200, headers=admin, id=project["id"],
                   json={"reminders": {"days_before": [2]}, "invitation_message": "Hi"})
    commitment = await api.call("POST", "/api/projects/{id}/commitments", 201, headers=admin,
                                id=project["id"], json=COMMITMENT)
    await api.call("GET", "/api/projects/{id}/commitments", 200, headers=admin,
                   id=project["id"])
    await api.call("GET", "/api/commitments/{id}", 200, headers=admin, id=commitment["id"])
    await api.call("POST", "/api/commitments/{id}/sov-lines", 201, headers=admin,
                   id=commitment["id"], json={"sov_lines": [{
                       "item_number": "CO-2", "description": "Added stairs",
                       "scheduled_value": "4200", "change_order": True}]})
    october = await api.call("POST", "/api/projects/{id}/billing-periods", 201,
                             headers=admin, id=project["id"], json=OCTOBER)
    await api.call("GET", "/api/projects/{id}/billing-periods", 200, headers=admin,
                   id=project["id"])
    await api.call("GET", "/api/billing-periods/{id}", 200, headers=admin, id=october["id"])
    await api.call("PATCH", "/api/billing-periods/{id}", 200, headers=admin,
                   id=october["id"], json={"due_date": "2030-10-24"})
    await api.call("POST", "/api/projects/{id}/billing-periods", 201, headers=admin,
                   id=project["id"], json=NOVEMBER)
    return {"commitment": commitment, "october": october}


async def invoices(api: ContractClient, admin: dict[str, str], made: dict[str, Any]) -> None:
    commitment, october = made["commitment"], made["october"]
    first = commitment["sov_lines"][0]["id"]
    invoice = await api.call(
        "POST", "/api/commitments/{id}/invoices", 201, headers=admin, id=commitment["id"],
        json={"billing_period_id": october["id"], "number": "INV-1",
              "lines": [line(first, work="1000.5", stored="20")]})
    await api.call("GET", "/api/invoices/{id}", 200, headers=admin, id=invoice["id"])
    await api.call("GET", "/api/invoices", 200, headers=admin,
                   params={"billing_period_id": october["id"]})
    await api.call("POST", "/api/invoices/{id}/status", 200, headers=admin, id=invoice["id"],
                   json={"status": "approved"})


async def sub_tiers(api: ContractClient, admin: dict[str, str], made: dict[str, Any]) -> None:
    commitment = made["commitment"]
    december = await api.call(
        "POST", "/api/projects/{id}/billing-periods", 201, headers=admin,
        id=commitment["project_id"],
        json={"start_date": "2026-12-01", "end_date": "2026-12-31", "due_date": "2026-12-24"})
    invoice = await api.call(
        "POST", "/api/commitments/{id}/invoices", 201, headers=admin, id=commitment["id"],
        json={"billing_period_id": december["id"], "number": "INV-SUB", "lines": []})
    tier = await api.call(
        "POST", "/api/commitments/{id}/sub-tiers", 201, headers=admin, id=commitment["id"],
        json={"company_name": "Copper Supply", "tier_type": "supplier", "city": "Reno",
              "state": "NV", "zip_code": "89501", "country": "USA"})
    await api.call("GET", "/api/commitments/{id}/sub-tiers", 200, headers=admin,
                   id=commitment["id"])
    await api.call("GET", "/api/commitments/{id}/sub-tiers/{sub_tier_id}", 200,
                   headers=admin, id=commitment["id"], sub_tier_id=tier["id"])
    await api.call("PATCH", "/api/commitments/{id}/sub-tiers/{sub_tier_id}", 200,
                   headers=admin, id=commitment["id"], sub_tier_id=tier["id"],
                   json={"estimated_contract_amount": "900.00"})
    await api.call("PUT", "/api/invoices/{id}/sub-tiers", 200, headers=admin,
                   id=invoice["id"], json={"lines": [
                       {"sub_tier_id": tier["id"], "amount_billed": "0.00"}]})
    await api.call("GET", "/api/invoices/{id}/sub-tiers", 200, headers=admin,
                   id=invoice["id"])
    await api.call("GET", "/api/invoices/{id}/sub-tier-waivers", 200, headers=admin,
                   id=invoice["id"])
    await api.call("GET", "/api/invoices/{id}/sub-tier-waivers", 404, headers=admin,
                   id=999_999)


async def subscribe(api: ContractClient, admin: dict[str, str],
                    receiver: WebhookReceiver) -> int:
    made = await api.call("POST", "/api/webhook-subscriptions", 201, headers=admin,
                          json={"url": receiver.url, "event_types": ["invite.sent"]})
    await api.call("GET", "/api/webhook-subscriptions", 200, headers=admin)
    await api.call("GET", "/api/webhook-subscriptions/{id}", 200, headers=admin, id=made["id"])
    unrotated = await api.call("PATCH", "/api/webhook-subscriptions/{id}", 200, headers=admin,
                               id=made["id"], json={"status": "active"})
    rotated = await api.call("PATCH", "/api/webhook-subscriptions/{id}", 200, headers=admin,
                             id=made["id"], json={"rotate_secret": True})
    assert "secret" not in unrotated and rotated["secret"] != made["secret"]
    receiver.secret = rotated["secret"]
    return int(made["id"])


async def invites_and_mail(api: ContractClient, world: World, admin: dict[str, str]) -> None:
    period = world.demo.billing_period_id
    # Kevin's mailbox is busy at every try, so his invite ends undelivered (dead).
    world.sink.handler.refuse_rcpt[KEVIN] = "450 4.2.1 mailbox busy"
    batch = await api.call("POST", "/api/billing-periods/{id}/invites", 202, headers=admin,
                           id=period, json={"all": True})
    await world.container.delivery.deliver_due()
    invite_to_priya = next(r.message for r in world.sink.handler.received
                           if r.rcpt_tos == [ADDRESS])
    await api.call("GET", "/api/batches/{id}", 200, headers=admin, id=batch["batch_id"])
    listing = await api.call("GET", "/api/billing-periods/{id}/invites", 200, headers=admin,
                             id=period)
    first = listing["items"][0]["invite_id"]
    await api.call("GET", "/api/invites/{id}", 200, headers=admin, id=first)
    await api.call("POST", "/api/invites/{id}/revoke-links", 200, headers=admin, id=first)

    inbound = inbound_mail(world.container)
    async with inbound_smtp(world.container, port=0, inbound=inbound,
                            background=False) as server:
        await send_over_smtp(server.port, ADDRESS, invite_to_priya["Reply-To"],
                             reply_to(invite_to_priya, ADDRESS, "Yes\n"))
    await inbound.process_pending()
    received = await api.call("GET", "/api/inbound-messages", 200, headers=admin)
    await api.call("GET", "/api/inbound-messages/{id}", 200, headers=admin,
                   id=received["items"][0]["id"])


async def undelivered_and_replayed(api: ContractClient, world: World,
                                   admin: dict[str, str], subscription_id: int) -> None:
    await world.container.webhooks.work.run_due()  # the receiver fails the first try
    for _ in range(12):  # every retry to Kevin fails, until the message is given up
        await world.container.delivery.deliver_due()
        world.clock.advance(hours=2)
    undelivered = await api.call("GET", "/api/outbox/undelivered", 200, headers=admin)
    [dead] = [item for item in undelivered["items"] if item["recipient"] == KEVIN]
    await api.call("POST", "/api/outbox/{id}/retry", 202, headers=admin, id=dead["id"])

    await world.container.webhooks.work.run_due()  # the second try succeeds
    log = await api.call("GET", "/api/webhook-subscriptions/{id}/deliveries", 200,
                         headers=admin, id=subscription_id)
    sent = next(item for item in log["items"] if item["succeeded"])
    await api.call("POST", "/api/webhook-deliveries/{id}/replay", 202, headers=admin,
                   id=sent["id"])
    await api.call("DELETE", "/api/webhook-subscriptions/{id}", 204, headers=admin,
                   id=subscription_id)


async def webhook_sources_and_receipts(api: ContractClient, admin: dict[str, str]) -> None:
    source = await api.call("POST", "/api/webhook-sources", 201, headers=admin,
                            json={"name": "contract"})
    await api.call("GET", "/api/webhook-sources", 200, headers=admin)
    await api.call("POST", "/api/webhook-sources/{id}/rotate", 200, headers=admin,
                   id=source["id"])
    await api.call("DELETE", "/api/webhook-sources/{id}", 204, headers=admin, id=source["id"])

    body = event_body("email.delivery", {"message_id": "<nobody@reply.localhost>",
                                         "status": "delivered"})
    signed = signed_headers(body, secret=WEBHOOK_SECRETS["erp"], webhook_id=new_id())
    for expect in (202, 200):  # the second is a duplicate, acknowledged
        await api.call("POST", "/webhooks/{source}", expect, headers=signed, data=body,
                       source="erp")


async def directory_and_commitment_edits(api: ContractClient, world: World,
                                        admin: dict[str, str]) -> None:
    companies = await api.call("GET", "/api/companies", 200, headers=admin)
    await api.call("GET", "/api/people", 200, headers=admin)
    kept = await api.call("POST", "/api/companies", 201, headers=admin,
                          json={"name": "Contract Glass"})
    twin = await api.call("POST", "/api/companies", 201, headers=admin,
                          json={"name": "Contract Glass Inc"})
    await api.call("GET", "/api/companies/{id}", 200, headers=admin, id=kept["id"])
    await api.call("PATCH", "/api/companies/{id}", 200, headers=admin, id=kept["id"],
                   json={"name": "Contract Glass LLC"})
    person = await api.call("POST", "/api/people", 201, headers=admin, json={
        "company_id": twin["id"], "name": "Gus Glass", "email": "gus@glass.example"})
    duplicate = await api.call("POST", "/api/people", 201, headers=admin, json={
        "company_id": twin["id"], "name": "G. Glass", "email": "g@glass.example"})
    await api.call("GET", "/api/people/{id}", 200, headers=admin, id=person["id"])
    await api.call("PATCH", "/api/people/{id}", 200, headers=admin, id=person["id"],
                   json={"email": "gus.glass@glass.example"})
    await api.call("POST", "/api/people/{id}/merge", 200, headers=admin, id=person["id"],
                   json={"merged_id": duplicate["id"]})
    await api.call("POST", "/api/people/{id}/resend", 200, headers=admin, id=person["id"])
    await api.call("POST", "/api/companies/{id}/merge", 200, headers=admin, id=kept["id"],
                   json={"merged_id": twin["id"]})
    commitment = await api.call("POST", "/api/projects/{id}/commitments", 201, headers=admin,
                                id=world.demo.project_id,
                                json={**COMMITMENT, "number": "SC-900"})
    await api.call("PATCH", "/api/commitments/{id}", 200, headers=admin, id=commitment["id"],
                   json={"contract_company_id": kept["id"], "title": "Glazing"})
    await api.call("POST", "/api/commitments/{id}/contacts", 200, headers=admin,
                   id=commitment["id"], json={"person_id": person["id"]})
    await api.call("DELETE", "/api/commitments/{id}/contacts/{person_id}", 200,
                   headers=admin, id=commitment["id"], person_id=person["id"])
    await api.call("PUT", "/api/commitments/{id}/sov-lines", 200, headers=admin,
                   id=commitment["id"], json={"sov_lines": COMMITMENT["sov_lines"][::-1]})
    await api.call("POST", "/api/commitments/{id}/close", 200, headers=admin,
                   id=commitment["id"])
    assert companies["items"]


async def test_every_documented_answer_matches_its_schema(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    api = await contract_client(world_api)
    rival = world.rival_headers
    await api.call("GET", "/healthz", 200)
    made = await projects_commitments_periods(api, world_headers, rival)
    await invoices(api, world_headers, made)
    await sub_tiers(api, world_headers, made)
    receiver = await WebhookReceiver(fail_first=1).start()
    try:
        subscription_id = await subscribe(api, world_headers, receiver)
        await invites_and_mail(api, world, world_headers)
        await undelivered_and_replayed(api, world, world_headers, subscription_id)
    finally:
        await receiver.stop()
    await webhook_sources_and_receipts(api, world_headers)
    await directory_and_commitment_edits(api, world, world_headers)
    await api.call("POST", "/api/projects/{id}/commitments/import", 200,
                   headers={**world_headers, "Content-Type": "text/csv"},
                   id=world.demo.project_id, params={"dry_run": "true"},
                   data=b"Commitment #,Title,Vendor,Item,Description,Amount\r\n"
                        b"IMP-1,Drywall,Wallboard,001,Framing,100.00\r\n")
    await contract_calls(api, world, world_headers)  # lien waivers and payments
    assert not api.unreached(), f"documented answers no call reached: {api.unreached()}"


def test_the_check_finds_an_answer_that_breaks_its_schema() -> None:
    """The mismatch this check was written for: a PATCH answer without `secret` against the
    schema that requires it."""
    document = {"components": {"schemas": {"WithSecret": {
        "type": "object", "required": ["id", "secret"],
        "properties": {"id": {"type": "integer"}, "secret": {"type": "string"}}}}}}
    schema = {"$ref": "#/components/schemas/WithSecret"}
    assert schema_errors(document, schema, {"id": 1, "secret": "whsec_x"}) == []
    assert schema_errors(document, schema, {"id": 1}) == ["(body): 'secret' is a required "
                                                          "property"]
    assert documented_answers({"paths": {"/x": {"get": {"responses": {
        "200": {"description": "", "content": {"application/json": {}}},
        "204": {"description": ""}, "404": {"$ref": "#/components/responses/NotFound"}}}}}}
    ) == {("GET", "/x", "200")}
