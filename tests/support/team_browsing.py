"""What the team's browser tests share: signing in on the page, and waiting for a mail to
arrive in the development mailbox (delivered in the background over SMTP)."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.support.browsing import WAIT_MS

# Runs in the page until the mailbox lists a mail with this subject (Playwright polls it).
MAIL_LISTED = """async (subject) => {
  const answer = await fetch('/dev/mail');
  return answer.ok && (await answer.text()).includes(subject);
}"""


async def sign_in_on_page(page: Page, base_url: str, email: str, password: str) -> None:
    await page.goto(f"{base_url}/sign-in")
    await page.get_by_label("Email address").fill(email)
    await page.get_by_label("Password").fill(password)
    await page.get_by_role("button", name="Sign in").click()
    await expect(page).to_have_url(f"{base_url}/admin")


async def link_in_mail(page: Page, base_url: str, subject: str, label: str) -> str:
    """Opens the mail with `subject` in /dev/mail once it arrived; the address its button
    `label` links to (to be opened in another browser, as its recipient would)."""
    await page.goto(f"{base_url}/dev/mail")
    await page.wait_for_function(MAIL_LISTED, arg=subject, polling=100, timeout=WAIT_MS)
    await page.reload()
    await page.get_by_role("link", name=subject).click()
    link = page.frame_locator("iframe.mail-frame").get_by_role("link", name=label)
    href = await link.get_attribute("href")
    assert href and href.startswith(base_url), href
    return href


async def set_new_password(page: Page, password: str) -> None:
    await page.get_by_label("New password", exact=True).fill(password)
    await page.get_by_label("New password again").fill(password)
    await page.get_by_role("button", name="Set the password").click()
