"""Late submission requests end to end over HTTP and SMTP (the loopback sink), on SQLite
and PostgreSQL: after the due date the contact asks for more time; the administrators get
a mail with a signed link; opening it changes nothing; granting opens the commitment until
a new local deadline, so the contact can submit, the reminders follow the new date and the
invite's history says who granted how many days. Refusing mails the contact too. Another
company's administrator, a stranger and a damaged link cannot decide."""

from __future__ import annotations

from datetime import timedelta

from aiohttp.test_utils import TestClient, TestServer

from app.bootstrap import build_web_app
from app.use_cases.demo import ADMIN_EMAIL
from domain.periods import local_date
from domain.reminders import ReminderKind, next_reminder_at
from tests.support.answering import Invitation, answer, form_token
from tests.support.invoicing import commitment_of, form_url, signed_in, submit
from tests.support.late_requests import (
    ask,
    invite_row,
    late_rows,
    link_path,
    mails_to,
    text_of,
)
from tests.support.on_behalf import sign_in_rival
from tests.support.pages import csrf_token, dashboard_url, sign_in
from tests.support.world import World

ZONE = "America/Chicago"


async def answer_no(api: TestClient, link: Invitation) -> int:
    page = await api.get(link.url("no"))
    html = await page.text()
    if "<form" not in html.split("<main", 1)[1]:
        return page.status
    posted = await api.post(link.url("no"), allow_redirects=False,
                            data={"csrf_token": form_token(html)})
    return posted.status


async def past_due_with_a_request(world: World, api: TestClient,
                                  reason: str = "") -> tuple[Invitation, str]:
    """SC-003 answered Yes, the due date passed, more time asked; returns the link and the
    path of the grant link mailed to the administrator."""
    link = await signed_in(world, api)
    world.clock.advance(days=16)  # November 26 in Chicago: the due date has passed
    asked = await ask(api, link, reason)
    assert asked.status == 303, await asked.text()  # type: ignore[attr-defined]
    await world.container.delivery.deliver_due()
    [mail] = mails_to(world, ADMIN_EMAIL, "asks for more time")
    return link, link_path(mail)


async def contact_email(world: World, link: Invitation) -> str:
    commitment = await commitment_of(world, link)
    return commitment.invoice_contacts[0].email


async def test_ask_grant_submit_and_the_reminders_follow(world_api: TestClient,
                                                         world: World) -> None:
    link, path = await past_due_with_a_request(world, world_api, "Waiting for the "
                                               "supplier's delivery tickets")
    page = await (await world_api.get(form_url(link) + "?late=asked")).text()
    assert "request for more time is sent" in page and "You asked for more time" in page
    again = await ask(world_api, link, "again")
    assert again.status == 409  # type: ignore[attr-defined]
    assert len(await late_rows(world)) == 1
    [mail] = mails_to(world, ADMIN_EMAIL, "asks for more time")
    assert "Waiting for the supplier's delivery tickets" in text_of(mail)
    assert "SC-003" in mail["Subject"]
    assert await answer_no(world_api, link) == 410  # past the due date: no answers

    await sign_in(world_api, world, path)
    shown = await world_api.get(path)
    html = await shown.text()
    assert shown.status == 200 and "Waiting for the supplier" in html
    assert "Grant more time" in html
    [row] = await late_rows(world)
    assert row.status == "open"  # opening the link changed nothing
    assert (await invite_row(world, link.invite_id)).extended_due_date is None

    zero = await world_api.post(path, allow_redirects=False, data={
        "csrf_token": csrf_token(html), "action": "grant", "days": "0"})
    assert zero.status == 422 and "between 1 and 30 days" in await zero.text()
    assert (await late_rows(world))[0].status == "open"
    granted = await world_api.post(path, allow_redirects=False, data={
        "csrf_token": csrf_token(html), "action": "grant", "days": "5"})
    assert granted.status == 303, await granted.text()
    now = world.clock()
    new_due = local_date(now, ZONE) + timedelta(days=5)
    invite = await invite_row(world, link.invite_id)
    assert invite.extended_due_date == new_due
    [row] = await late_rows(world)
    assert (row.status, row.days, row.new_due_date) == ("granted", 5, new_due)
    assert row.decided_by_id == world.admin.person_id and row.decided_at is not None
    twice = await world_api.post(path, data={"csrf_token": csrf_token(html),
                                             "action": "refuse"})
    assert twice.status == 409 and "already granted" in await twice.text()

    # The reminders follow the new deadline: "before" reminders 3 and 1 days before it.
    project = await world.container.projects.get_project(world.admin, world.demo.project_id)
    expected = next_reminder_at(project.reminders, ZONE, new_due, now,
                                invited_at=invite.invited_at)
    assert expected is not None and invite.next_reminder_at == expected
    run = await world.container.reminders.scan(at=expected)
    kinds = {reminder.kind for reminder in run.reminders if reminder.invite_id == link.invite_id}
    assert kinds == {ReminderKind.BEFORE_DUE}

    history = await (await world_api.get(f"/admin/invites/{link.invite_id}")).text()
    assert "Asked for more time" in history and "More time granted" in history
    assert "5 more days" in history
    dashboard = await (await world_api.get(dashboard_url(world))).text()
    assert "more time until" in dashboard.lower()

    await world.container.delivery.deliver_due()
    email = await contact_email(world, link)
    [told] = mails_to(world, email, "more time to invoice")
    assert "until" in told["Subject"]
    form = await (await world_api.get(form_url(link))).text()
    assert "More time granted" in form and "Save as Draft" in form
    assert await answer_no(world_api, link) == 200  # answering is open again too
    assert (await invite_row(world, link.invite_id)).status == "declined"
    assert (await answer(world_api, link, "yes")).status == 303
    first = (await commitment_of(world, link)).sov_lines[0]
    sent = await submit(world_api, link, {"number": "LATE-1", f"work_{first.id}": "100"},
                        "send")
    assert sent.status == 303, await sent.text()


async def test_refused_the_contact_is_told_and_may_ask_again(world_api: TestClient,
                                                             world: World) -> None:
    link, path = await past_due_with_a_request(world, world_api)
    await sign_in(world_api, world, path)
    html = await (await world_api.get(path)).text()
    refused = await world_api.post(path, allow_redirects=False, data={
        "csrf_token": csrf_token(html), "action": "refuse"})
    assert refused.status == 303
    assert (await invite_row(world, link.invite_id)).extended_due_date is None
    await world.container.delivery.deliver_due()
    assert mails_to(world, await contact_email(world, link), "no more time to invoice")
    form = await (await world_api.get(form_url(link))).text()
    assert "Your last request for more time was refused" in form
    assert "Save as Draft" not in form and "Ask for more time" in form
    history = await (await world_api.get(f"/admin/invites/{link.invite_id}")).text()
    assert "More time refused" in history


async def test_before_the_due_date_and_bad_reasons_are_refused(world_api: TestClient,
                                                               world: World) -> None:
    link = await signed_in(world, world_api)
    early = await ask(world_api, link)
    assert early.status == 409  # type: ignore[attr-defined]
    assert "has not passed yet" in await early.text()  # type: ignore[attr-defined]
    world.clock.advance(days=16)
    long = await ask(world_api, link, "x" * 1001)
    text = await long.text()  # type: ignore[attr-defined]
    assert long.status == 422 and "keep it under 1000" in text  # type: ignore[attr-defined]
    assert 'aria-invalid="true"' in text and "x" * 1001 in text  # kept as typed
    bell = await ask(world_api, link, "ring\x07")
    assert bell.status in (400, 422)  # type: ignore[attr-defined]
    assert await late_rows(world) == []
    # Another commitment of the same project is not theirs: 404, nothing written.
    other = next(c for c in world.demo.commitment_ids if c != link.commitment_id)
    page = await world_api.get(form_url(link))

    posted = await world_api.post(f"/c/commitments/{other}/late-request", data={
        "csrf_token": form_token(await page.text()), "reason": ""})
    assert posted.status == 404
    assert await late_rows(world) == []


async def test_a_rival_a_stranger_and_a_damaged_link_cannot_decide(
        world_api: TestClient, world: World) -> None:
    link, path = await past_due_with_a_request(world, world_api)
    async with TestClient(TestServer(build_web_app(world.container))) as stranger:
        shown = await stranger.get(path, allow_redirects=False)
        assert (shown.status, shown.headers["Location"][:8]) == (303, "/sign-in")
        form = await stranger.get("/sign-in")
        posted = await stranger.post(path, allow_redirects=False, data={
            "csrf_token": csrf_token(await form.text()), "action": "grant", "days": "30"})
        assert (posted.status, posted.headers.get("Location", "")[:8]) == (303, "/sign-in")
    async with TestClient(TestServer(build_web_app(world.container))) as rival:
        token = await sign_in_rival(rival)
        assert (await rival.get(path)).status == 404
        granted = await rival.post(path, data={"csrf_token": token, "action": "grant",
                                               "days": "30"})
        assert granted.status == 404
    await sign_in(world_api, world)
    html = await (await world_api.get(dashboard_url(world))).text()
    damaged = path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB")
    assert (await world_api.get(damaged)).status == 404
    tampered = await world_api.post(damaged, data={"csrf_token": csrf_token(html),
                                                   "action": "grant", "days": "3"})
    assert tampered.status == 404
    [row] = await late_rows(world)
    assert row.status == "open"
    assert (await invite_row(world, link.invite_id)).extended_due_date is None
