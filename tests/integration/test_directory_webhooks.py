"""Each upstream company owns its directory (issue #11), webhook side: a rival's own source
acts only within the rival's company. External ids are scoped to the company and the source
that sent them, project numbers to the source's company, and another company's project
answers as one that does not exist. Both databases."""

from __future__ import annotations

from aiohttp.test_utils import TestClient
from sqlalchemy import select

from store import tables as t
from tests.support.directory_attacks import (
    HACKED,
    MALLORY,
    OURS,
    contacts_of,
    deliver,
    json_of,
    rival_source,
    upsert,
)
from tests.support.webhooking import counts
from tests.support.world import WEBHOOK_SECRETS, World


async def test_an_external_id_is_scoped_to_the_company_and_the_source_that_sent_it(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    ours = {"number": "RMOB-2026"}
    lifts = {"name": "Upward Lifts", "external_id": "V-77"}
    sent = upsert(ours, lifts, "Eve Lift", number="SC-900", external_id="ERP-900",
                  email="eve@upward.example")
    done = await deliver(world, world_api, "erp", WEBHOOK_SECRETS["erp"],
                         "commitment.upserted", sent)
    assert done.status == "processed", done.reason

    # The rival's source sends our vendor id with its own names, for its own project.
    secret = await rival_source(world, world_api)
    attack = upsert({"number": "RCA-2026"}, {"name": "Hacked Lifts", "external_id": "V-77"},
                    MALLORY, email="eve@upward.example")
    done = await deliver(world, world_api, "rival-erp", secret, "commitment.upserted", attack)
    assert done.status == "processed", done.reason
    # Another of our own sources: the id is not the one "erp" gave, so no rename either.
    other = upsert(ours, {"name": "Other Lifts", "external_id": "V-77"}, "Eve Lift",
                   number="SC-901", external_id="M-901", email="eve@upward.example")
    done = await deliver(world, world_api, "mailer", WEBHOOK_SECRETS["mailer"],
                         "commitment.upserted", other)
    assert done.status == "processed", done.reason

    async with world.container.ctx.sessions() as session:
        names = dict((await session.execute(
            select(t.Commitment.number, t.Company.name)
            .join(t.Company, t.Company.id == t.Commitment.contract_company_id)
            .where(t.Commitment.number.in_(["SC-900", "SC-901", "RC-001"])))).all())
    assert names == {"SC-900": "Upward Lifts", "SC-901": "Other Lifts",
                     "RC-001": "Hacked Lifts"}
    listed = await json_of(await world_api.get(
        f"/api/projects/{world.demo.project_id}/commitments", headers=world_headers))
    [sc900] = [c for c in listed["items"] if c["number"] == "SC-900"]
    assert contacts_of(sc900) == [("Eve Lift", "eve@upward.example")]


async def test_the_rivals_source_cannot_reach_our_project_nor_learn_that_it_exists(
        world: World, world_api: TestClient) -> None:
    secret = await rival_source(world, world_api)
    before = await counts(world)
    attacks = (
        ("commitment.upserted", upsert({"number": "RMOB-2026"}, {"name": HACKED}, MALLORY,
                                       number="SC-001", external_id="X-1"),
         "no project numbered 'RMOB-2026'"),
        ("commitment.upserted", upsert({"id": world.demo.project_id}, {"name": HACKED},
                                       MALLORY, number="SC-001", external_id="X-1"),
         f"project {world.demo.project_id} not found"),
        ("invites.requested", {"billing_period_id": world.demo.billing_period_id, "all": True},
         f"billing period {world.demo.billing_period_id} not found"),
    )
    for event_type, data, reason in attacks:
        done = await deliver(world, world_api, "rival-erp", secret, event_type, data)
        assert (done.status, done.reason) == ("failed", reason)
    after = await counts(world)
    assert {name: after[name] - before[name] for name in after} == {
        **{name: 0 for name in after}, "received_webhook": 3, "outbox_message": 3}


async def test_a_project_number_matches_only_the_projects_of_the_sources_company(
        world: World, world_api: TestClient, world_headers: dict[str, str]) -> None:
    await json_of(await world_api.post("/api/projects", headers=world.rival_headers, json={
        "name": "Rival copy", "number": "RMOB-2026", "time_zone": "America/Chicago"}), 201)
    secret = await rival_source(world, world_api)
    done = await deliver(world, world_api, "rival-erp", secret, "commitment.upserted",
                         upsert({"number": "RMOB-2026"}, {"name": OURS}, MALLORY,
                                number="SC-777", external_id="R-777"))
    assert done.status == "processed", done.reason
    ours = await json_of(await world_api.get(
        f"/api/projects/{world.demo.project_id}/commitments", headers=world_headers))
    assert "SC-777" not in [c["number"] for c in ours["items"]]
