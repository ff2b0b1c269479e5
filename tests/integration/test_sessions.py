"""Sessions and sign-in, attacked through the real application: password guessing is
throttled per account and per client address (429 with Retry-After, without hashing) and
locks no other account; X-Forwarded-For is believed only from a trusted proxy; a cookie
kept from before sign-out or a password change is refused; HSTS over https only."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from app.bootstrap import build_web_app
from tests.support.answering import answer, answer_events, invitation
from tests.support.pages import csrf_token, sign_in
from tests.support.world import World

WRONG = "The email address or the password is not correct."
THROTTLED = "Too many sign-in attempts."


@pytest.fixture
def scrypt_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts password hashes computed (hashlib's scrypt, wrapped; ours stays real)."""
    calls: list[int] = []
    real: Callable[..., bytes] = hashlib.scrypt

    def counting(*args: Any, **kwargs: Any) -> bytes:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counting)
    return calls


async def try_password(client: TestClient, email: str, password: str,
                       **headers: str) -> Any:
    form = await client.get("/sign-in")
    return await client.post("/sign-in", allow_redirects=False, headers=headers, data={
        "csrf_token": csrf_token(await form.text()), "email": email, "password": password,
        "next": "/admin"})


async def second_admin(world: World, email: str = "sam@summit.example") -> str:
    """Another administrator of the demo company; returns the password."""
    await world.container.access.create_admin(email=email, name="Sam Second",
                                              password="sams own password",
                                              company_name="Summit Builders")
    return "sams own password"


@pytest.fixture
async def app_factory(world: World) -> AsyncIterator[Callable[..., Any]]:
    """Builds the world's application with settings changed (trusted proxies, base URL)."""
    clients: list[TestClient] = []

    async def build(**changes: Any) -> TestClient:
        for name, value in changes.items():
            setattr(world.container.settings, name, value)
        client = TestClient(TestServer(build_web_app(world.container)))
        await client.start_server()
        clients.append(client)
        return client

    yield build
    for client in clients:
        await client.close()


async def test_guessing_a_password_is_throttled_without_hashing_and_locks_no_one_else(
        world_api: TestClient, world: World, scrypt_calls: list[int]) -> None:
    other_password = await second_admin(world)
    scrypt_calls.clear()  # creating the second account hashed its password
    statuses = []
    for attempt in range(20):
        response = await try_password(world_api, world.demo.admin_email, f"guess {attempt}")
        statuses.append(response.status)
    assert statuses == [401] * 10 + [429] * 10
    assert len(scrypt_calls) == 10  # the throttled ten cost no hash
    assert 0 < int(response.headers["Retry-After"]) <= 15 * 60
    assert THROTTLED in await response.text()

    # Even the right password waits: the account is throttled, not the guess.
    right = await try_password(world_api, world.demo.admin_email, world.demo.admin_password)
    assert right.status == 429 and "itb_session" not in right.cookies
    assert len(scrypt_calls) == 10
    # Another account, from the same address, signs in at once.
    other = await try_password(world_api, "sam@summit.example", other_password)
    assert other.status == 303 and other.headers["Location"] == "/admin"
    assert (await world_api.get("/admin", allow_redirects=False)).status == 200


async def test_one_address_trying_many_accounts_is_throttled(
        world_api: TestClient, world: World, scrypt_calls: list[int]) -> None:
    for number in range(30):
        response = await try_password(world_api, f"nobody{number}@summit.example", "guess",
                                      **{"X-Forwarded-For": f"198.51.100.{number}"})
        assert response.status == 401 and WRONG in await response.text()
    # A new account from the same peer: the forged X-Forwarded-For changed nothing.
    response = await try_password(world_api, world.demo.admin_email,
                                  world.demo.admin_password,
                                  **{"X-Forwarded-For": "198.51.100.200"})
    assert response.status == 429 and int(response.headers["Retry-After"]) > 0
    assert len(scrypt_calls) == 30


async def test_forwarded_for_is_believed_only_from_a_trusted_proxy(
        world: World, app_factory: Callable[..., Any]) -> None:
    direct = await app_factory()
    link = await invitation(world)
    response = await answer(direct, link, "no", **{"X-Forwarded-For": "203.0.113.7"})
    assert response.status == 200
    [event] = await answer_events(world, link.invite_id)
    assert event.ip_address == "127.0.0.1"  # the peer: nobody vouched for the header

    proxied = await app_factory(trusted_proxies=["127.0.0.0/8"])
    # The client wrote the left entry itself; our proxy appended the address it saw.
    response = await answer(proxied, link, "yes",
                            **{"X-Forwarded-For": "10.9.9.9, 203.0.113.8"})
    assert response.status == 303
    declined, accepted = await answer_events(world, link.invite_id)
    assert (declined.ip_address, accepted.ip_address) == ("127.0.0.1", "203.0.113.8")

    # Behind the trusted proxy the throttle counts the client's address, not the proxy's.
    for number in range(31):
        last = await try_password(proxied, f"nobody{number}@summit.example", "guess",
                                  **{"X-Forwarded-For": "203.0.113.9"})
    assert last.status == 429
    response = await try_password(proxied, world.demo.admin_email, world.demo.admin_password,
                                  **{"X-Forwarded-For": "203.0.113.10"})
    assert response.status == 303


async def test_a_cookie_kept_from_before_sign_out_is_refused(
        world_api: TestClient, world: World, app_factory: Callable[..., Any]) -> None:
    await sign_in(world_api, world)
    kept = world_api.session.cookie_jar.filter_cookies(world_api.make_url("/"))["itb_session"]
    laptop = await app_factory()  # a second browser, signed in too
    await sign_in(laptop, world)
    assert (await laptop.get("/admin", allow_redirects=False)).status == 200

    page = await (await world_api.get("/admin")).text()
    out = await world_api.post("/sign-out", data={"csrf_token": csrf_token(page)},
                               allow_redirects=False)
    assert out.status == 303
    world_api.session.cookie_jar.clear()
    stolen = {"Cookie": f"itb_session={kept.value}"}
    response = await world_api.get("/admin", headers=stolen, allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (303, "/sign-in?next=/admin")
    assert (await world_api.get("/admin/batches/1.json", headers=stolen)).status == 401
    # Signing out ends every session of the person, the other browser's too.
    assert (await laptop.get("/admin", allow_redirects=False)).status == 303
    await sign_in(world_api, world)  # and a new sign-in works
    assert (await world_api.get("/admin", allow_redirects=False)).status == 200


async def test_a_cookie_kept_from_before_a_password_change_is_refused(
        world_api: TestClient, world: World) -> None:
    await sign_in(world_api, world)
    kept = world_api.session.cookie_jar.filter_cookies(world_api.make_url("/"))["itb_session"]
    await world.container.access.create_admin(  # what `invite-to-bill create-admin` does
        email=world.demo.admin_email, name="Jordan Avery", password="a brand new password")
    world_api.session.cookie_jar.clear()
    response = await world_api.get("/admin", headers={"Cookie": f"itb_session={kept.value}"},
                                   allow_redirects=False)
    assert response.status == 303
    assert (await try_password(world_api, world.demo.admin_email,
                               world.demo.admin_password)).status == 401
    assert (await try_password(world_api, world.demo.admin_email,
                               "a brand new password")).status == 303


async def test_a_contacts_cookie_kept_from_before_sign_out_is_refused(
        world_api: TestClient, world: World) -> None:
    link = await invitation(world)
    response = await answer(world_api, link, "yes")
    kept = response.cookies["itb_contact"].value
    page = await world_api.get("/c/commitments")
    assert page.status == 200
    out = await world_api.post("/c/sign-out", allow_redirects=False,
                               data={"csrf_token": csrf_token(await page.text())})
    assert (out.status, out.headers["Location"]) == (303, "/c/sign-in")
    world_api.session.cookie_jar.clear()
    again = await world_api.get("/c/commitments", headers={"Cookie": f"itb_contact={kept}"},
                                allow_redirects=False)
    assert (again.status, again.headers["Location"]) == (303, "/c/sign-in")
    invoice = await world_api.get(f"/c/commitments/{link.commitment_id}/invoices/new",
                                  headers={"Cookie": f"itb_contact={kept}"},
                                  allow_redirects=False)
    assert invoice.status == 303


async def test_a_yes_after_a_sign_out_starts_a_session_of_the_new_version(
        world_api: TestClient, world: World) -> None:
    """The cookie of a Yes carries the contact's session version as it is now (read with
    the answer), not the first one: after a sign-out a repeated Yes signs in again."""
    link = await invitation(world)
    kept = (await answer(world_api, link, "yes")).cookies["itb_contact"].value
    page = await world_api.get("/c/commitments")
    await world_api.post("/c/sign-out", data={"csrf_token": csrf_token(await page.text())})
    again = await answer(world_api, link, "yes")
    assert again.headers["Location"].endswith("?answer=repeat")
    fresh = again.cookies["itb_contact"].value
    world_api.session.cookie_jar.clear()
    signed_in = await world_api.get("/c/commitments", allow_redirects=False,
                                    headers={"Cookie": f"itb_contact={fresh}"})
    assert signed_in.status == 200 and "Priya Shah" in await signed_in.text()
    old = await world_api.get("/c/commitments", allow_redirects=False,
                              headers={"Cookie": f"itb_contact={kept}"})
    assert (old.status, old.headers["Location"]) == (303, "/c/sign-in")
    assert len(await answer_events(world, link.invite_id)) == 1


async def test_a_cookie_without_a_session_version_is_refused(world_api: TestClient,
                                                             world: World) -> None:
    from itsdangerous import URLSafeTimedSerializer

    from tests.support.world import TEST_KEY

    # The form cookies had before sessions were versioned: a bare person id.
    old_form = URLSafeTimedSerializer([TEST_KEY], salt="itb.admin-session").dumps(
        world.admin.person_id)
    response = await world_api.get("/admin", headers={"Cookie": f"itb_session={old_form}"},
                                   allow_redirects=False)
    assert response.status == 303


async def test_hsts_only_when_the_base_url_is_https(
        world_api: TestClient, world: World, app_factory: Callable[..., Any]) -> None:
    for path in ("/sign-in", "/healthz", "/api/projects"):
        assert "Strict-Transport-Security" not in (await world_api.get(path)).headers
    secure = await app_factory(base_url="https://bill.example.com")
    for path in ("/sign-in", "/healthz", "/api/projects", "/a/not-a-token/yes"):
        response = await secure.get(path)
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000", path
