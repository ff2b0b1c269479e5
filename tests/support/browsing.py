"""What the browser tests share: the running service they drive, Debian's chromium, and
the page errors they collect."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import aiohttp
from playwright.async_api import Page, expect

from app.bootstrap import Container
from app.use_cases.demo import DemoResult

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
WAIT_MS = 20_000


@dataclass
class Service:
    base_url: str
    demo: DemoResult
    # The running service's objects, for what a journey sets up outside the browser (a new
    # administrator, a bounce report arriving).
    container: Container | None = None


def console_errors(page: Page) -> list[str]:
    """Errors the page logs (a CSP violation, a failing script) end up here."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: errors.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    return errors


SUBJECT = "Riverside Medical Office Building: Jordan Avery has invited you to bill."


async def invite(service: Service, number: str) -> int:
    """Send the invite for one commitment over the API, as an administrator would; returns
    the batch id."""
    async with aiohttp.ClientSession(service.base_url, headers=api_headers(service)) as http:
        async with http.get(f"/api/projects/{service.demo.project_id}/commitments") as found:
            items = (await found.json())["items"]
        [commitment] = [item["id"] for item in items if item["number"] == number]
        async with http.post(f"/api/billing-periods/{service.demo.billing_period_id}/invites",
                             json={"commitment_ids": [commitment]}) as sent:
            assert sent.status == 202, await sent.text()
            return int((await sent.json())["batch_id"])


def api_headers(service: Service) -> dict[str, str]:
    return {"Authorization": f"Bearer {service.demo.api_token}"}


# Runs in the page until the batch's mail has all been delivered (Playwright polls it).
BATCH_DELIVERED = """async ([url, token]) => {
  const answer = await fetch(url, {headers: {Authorization: `Bearer ${token}`}});
  if (!answer.ok) return false;
  const batch = await answer.json();
  return batch.queued === 0 && batch.sent > 0;
}"""


async def open_link_from_the_mailbox(page: Page, service: Service, batch_id: int,
                                     label: str, subject: str = SUBJECT) -> Page:
    """Open the invite in /dev/mail and click one of its buttons; returns the new tab."""
    await page.goto(f"{service.base_url}/dev/mail")
    # Delivery runs in the background: wait until the batch reports its mail sent.
    await page.wait_for_function(
        BATCH_DELIVERED, arg=[f"/api/batches/{batch_id}", service.demo.api_token],
        polling=100, timeout=WAIT_MS)
    await page.reload()
    mail = page.get_by_role("link", name=subject)
    await expect(mail).to_have_count(1)
    await mail.click()
    link = page.frame_locator("iframe.mail-frame").get_by_role("link", name=label)
    async with page.context.expect_page() as opened:
        await link.click()  # the mail's links open a new tab
    tab = await opened.value
    await tab.wait_for_load_state()
    return tab


FRENCH_SUBJECT = "Riverside Medical Office Building : Jordan Avery vous invite à facturer."


async def prefer_french(service: Service, name: str) -> None:
    """The demo person `name` prefers fr-CA (over the API, as an administrator would)."""
    async with aiohttp.ClientSession(service.base_url, headers=api_headers(service)) as http:
        async with http.get("/api/people", params={"search": name}) as found:
            [person] = [item for item in (await found.json())["items"]
                        if item["name"] == name]
        async with http.patch(f"/api/people/{person['id']}",
                              json={"language": "fr-CA"}) as changed:
            assert changed.status == 200, await changed.text()
            assert (await changed.json())["language"] == "fr-CA"
