"""Answers as the records see them: the administrators' event log (page and API), links
across a key rotation, the email channel, and contacts of one commitment answering at
once."""

from __future__ import annotations

import asyncio
from pathlib import Path

from aiohttp.test_utils import TestClient

from domain.answers import AnswerRequest
from domain.invites import Answer
from domain.model import Channel
from tests.support.answering import (
    answer,
    answer_events,
    form_token,
    invitation,
    invite_row,
)
from tests.support.pages import app_with_keys, sign_in
from tests.support.world import TEST_KEY, World

UA = "Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 Safari/605.1.15"
NEW_KEY = "rotated-in-key-9876543210fedcba9876543210fedcba"


async def test_answers_show_in_the_invite_log_of_the_api_and_the_dashboard(
        world_api: TestClient, world: World, world_headers: dict[str, str]) -> None:
    link = await invitation(world)
    assert (await answer(world_api, link, "no", **{"User-Agent": UA})).status == 200
    world.clock.advance(minutes=30)
    assert (await answer(world_api, link, "yes", **{"User-Agent": UA})).status == 303

    record = await (await world_api.get(f"/api/invites/{link.invite_id}",
                                        headers=world_headers)).json()
    assert record["status"] == "accepted"
    answers = [e for e in record["events"] if e["kind"] in ("accepted", "declined")]
    assert [(e["kind"], e["channel"], e["person_name"], e["ip_address"], e["user_agent"])
            for e in answers] == [("declined", "link", "Priya Shah", "127.0.0.1", UA),
                                  ("accepted", "link", "Priya Shah", "127.0.0.1", UA)]
    assert answers[0]["at"] == "2026-11-10T15:00:00+00:00"
    assert answers[1]["detail"] == {"previous_status": "declined"}

    await sign_in(world_api, world)
    page = await (await world_api.get(f"/admin/invites/{link.invite_id}")).text()
    for text in ("Answered No", "Answered Yes", "Priya Shah", "Link", "127.0.0.1", UA,
                 "Nov 10, 2026, 9:00 AM CST", "Nov 10, 2026, 9:30 AM CST"):
        assert text in page


async def test_a_rotated_key_still_verifies_old_links_while_it_is_listed(
        world: World, tmp_path: Path, db_url: str) -> None:
    link = await invitation(world)  # signed with TEST_KEY, as mailed before the rotation
    async with app_with_keys(world, tmp_path, db_url, [NEW_KEY, TEST_KEY]) as rotated:
        assert (await rotated.get(link.url("yes"))).status == 200
        assert (await answer(rotated, link, "yes")).status == 303
    assert (await invite_row(world, link.invite_id)).status == "accepted"
    async with app_with_keys(world, tmp_path, db_url, [NEW_KEY]) as retired:
        response = await retired.get(link.url("no"))
        assert response.status == 400
        assert "This link is not valid" in await response.text()


async def test_an_answer_by_email_goes_through_the_same_rules(world: World) -> None:
    link = await invitation(world)
    answers = world.container.answers
    result = await answers.answer(AnswerRequest(link.invite_id, link.contact_id, Answer.NO,
                                                Channel.EMAIL))
    assert result.changed and result.rules.status.value == "declined"
    [event] = await answer_events(world, link.invite_id)
    assert (event.channel, event.ip_address, event.user_agent) == ("email", None, None)


async def test_contacts_of_one_commitment_answering_at_once_are_applied_one_by_one(
        world: World) -> None:
    maria = await invitation(world, "SC-001", "maria@graniteridge.example")
    dan = await invitation(world, "SC-001", "dan@graniteridge.example", send=False)
    answers = world.container.answers
    results = await asyncio.gather(
        answers.answer(AnswerRequest(maria.invite_id, maria.contact_id, Answer.YES,
                                     Channel.LINK)),
        answers.answer(AnswerRequest(dan.invite_id, dan.contact_id, Answer.NO,
                                     Channel.LINK)))
    assert all(result.changed for result in results)
    events = await answer_events(world, maria.invite_id)
    assert sorted(e.kind for e in events) == ["accepted", "declined"]
    # Each saw the other's answer as the previous status, or the invite's first state.
    assert sorted(e.detail["previous_status"] for e in events) in (
        ["accepted", "invited"], ["declined", "invited"])
    row = await invite_row(world, maria.invite_id)
    assert row.status == events[-1].kind and row.answered_by_id == events[-1].person_id


async def test_on_https_the_contacts_cookie_is_secure_and_host_only(
        world: World, tmp_path: Path, db_url: str) -> None:
    link = await invitation(world)
    async with app_with_keys(world, tmp_path, db_url, [TEST_KEY],
                             base_url="https://itb.example") as client:
        page = await client.get(link.url("yes"))
        seed = page.cookies["__Host-itb_csrf"]
        assert seed["secure"]
        # The test client speaks plain http, so it would not send a Secure cookie back.
        response = await client.post(
            link.url("yes"), allow_redirects=False,
            headers={"Cookie": f"__Host-itb_csrf={seed.value}"},
            data={"csrf_token": form_token(await page.text())})
        assert response.status == 303
        cookie = response.cookies["__Host-itb_contact"]
        assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"
        assert cookie["path"] == "/" and not cookie["domain"]
