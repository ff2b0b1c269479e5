"""The invoice form's script computes what the domain computes: 200 seeded invoices (amount
and unit lines, change orders, odd rates, half cents, thousands separators, empty cells)
run through static/invoice_form.js in chromium and through domain.sov.compute_invoice."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Browser

from tests.support.invoice_math_cases import cases

pytestmark = pytest.mark.browser

SCRIPT = Path(__file__).resolve().parents[2] / "templates" / "pages" / "static" / "invoice_form.js"

# Runs every case in the page with the script's own functions; answers strings as shown.
RUN = """(cases) => cases.map((item) => {
  const m = window.ITBInvoiceMath;
  const rows = item.lines.map((line) => m.line(Object.assign(
    {rateWork: item.rateWork, rateStored: item.rateStored}, line)));
  const summary = m.summary(rows, item.lessPrevious);
  const shown = {};
  Object.keys(summary).forEach((name) => { shown[name] = m.money(summary[name]); });
  return {lines: rows.map((row) => ({E: m.money(row.thisPeriod), G: m.money(row.toDate),
                                     GC: m.percent(row.percent), H: m.money(row.balance),
                                     I: m.money(row.retainage)})),
          summary: shown};
})"""


async def test_the_script_computes_what_the_domain_computes(browser: Browser) -> None:
    seeded = cases(200)
    page = await browser.new_page()
    await page.set_content("<!DOCTYPE html><title>math</title>")
    await page.add_script_tag(path=str(SCRIPT))
    computed = await page.evaluate(RUN, seeded)
    assert len(computed) == 200
    mismatches = [(index, item["lines"], item["expected"], got)
                  for index, (item, got) in enumerate(zip(seeded, computed, strict=True))
                  if got != item["expected"]]
    assert mismatches == []
    # The cases exercise what they claim to (so the comparison above means something).
    lines = [line for item in seeded for line in item["lines"]]
    assert any("unit" in line and line["quantity"] for line in lines)
    assert any(line["changeOrder"] for line in lines)
    assert any(line["e"].endswith("5") and line["e"].count(".") == 1
               and len(line["e"].split(".")[1]) == 3 for line in lines)
    assert any("," in line["e"] for line in lines)
