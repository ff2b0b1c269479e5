"""What the invoice form's browser tests check on a page: that it fits the screen, that
every box can be reached, and the figures the page shows."""

from __future__ import annotations

from typing import Any

from playwright.async_api import Page, expect

from tests.support.browsing import Service

# Everything that makes the page wider than the window, or hides part of the form.
OVERFLOW = """() => {
  const doc = document.documentElement;
  const problems = [];
  if (doc.scrollWidth > doc.clientWidth) {
    problems.push(`the page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
  }
  document.querySelectorAll("form.invoice-form *").forEach((element) => {
    // (visually hidden labels are 1 px wide on purpose: screen readers read them)
    if (element.clientWidth > 1 && element.scrollWidth > element.clientWidth + 1 &&
        getComputedStyle(element).overflowX !== "visible") {
      problems.push(`${element.tagName}.${element.className} scrolls sideways`);
    }
  });
  const controls = "form.invoice-form input:not([type=hidden]), form.invoice-form button," +
                   " form.invoice-form thead th, form.invoice-form [data-out]";
  document.querySelectorAll(controls).forEach((element) => {
    const box = element.getBoundingClientRect();
    const name = element.id || element.name || element.textContent.trim().slice(0, 30);
    if (box.width > 0 && (box.left < 0 || box.right > doc.clientWidth + 0.5)) {
      problems.push(`${name} is cut off: ${box.left}..${box.right} of ${doc.clientWidth}`);
    }
  });
  return problems;
}"""

# The figures the form shows: every computed cell, total and summary line.
FIGURES = """() => {
  const rows = Array.from(document.querySelectorAll("tbody tr[data-line]")).map((tr) => {
    const row = {};
    tr.querySelectorAll("[data-out]").forEach((cell) => {
      row[cell.getAttribute("data-out")] = cell.textContent.trim();
    });
    return row;
  });
  const summary = {};
  document.querySelectorAll("[data-sum]").forEach((cell) => {
    summary[cell.getAttribute("data-sum")] = cell.textContent.trim();
  });
  const totals = {};
  document.querySelectorAll("[data-total]").forEach((cell) => {
    totals[cell.getAttribute("data-total")] = cell.textContent.trim();
  });
  return {rows, summary, totals};
}"""


async def fits(page: Page) -> list[str]:
    return list(await page.evaluate(OVERFLOW))


async def every_box_is_reachable(page: Page) -> int:
    """Scroll to each entered box the invoice type allows (others are disabled), check it
    is visible and takes typing; returns how many."""
    boxes = page.locator("form.invoice-form input.entered-input:not([disabled])")
    count = await boxes.count()
    for index in range(count):
        box = boxes.nth(index)
        await box.scroll_into_view_if_needed()
        await expect(box).to_be_visible()
        await expect(box).to_be_editable()
        size = await box.bounding_box()
        assert size is not None and size["width"] >= 40, (index, size)
    return count


async def figures(page: Page) -> dict[str, Any]:
    return dict(await page.evaluate(FIGURES))


async def sign_in_admin(page: Page, service: Service, path: str) -> None:
    await page.goto(f"{service.base_url}{path}")
    await page.get_by_label("Email address").fill(service.demo.admin_email)
    await page.get_by_label("Password").fill(service.demo.admin_password)
    await page.get_by_role("button", name="Sign in").click()
