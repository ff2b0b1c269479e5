"""The contact's sub-tier pages over HTTP: a sub-tier's fields as the form sends them, the
rows a page lists, and a POST with the page's own form token."""

from __future__ import annotations

import re

from aiohttp.test_utils import TestClient

from tests.support.answering import form_token

FIELDS = {"company_name": "Étincelle Électrique", "tier_type": "subcontractor",
          "hired_by_id": "", "city": "Montréal", "state": "QC", "zip_code": "H2X",
          "country": "Canada", "estimated_contract_amount": "", "waiver_email": ""}


def rows(page: str) -> list[int]:
    return [int(found) for found in re.findall(r'id="tier-row-(\d+)"', page)]


async def post(api: TestClient, path: str, fields: dict[str, str]):  # type: ignore[no-untyped-def]
    page = await api.get(path.rsplit("/", 1)[0] if path.endswith(("/amounts", "/certify"))
                         else path.split("/sub-tiers")[0] + "/sub-tiers")
    token = form_token(await page.text())
    return await api.post(path, data={"csrf_token": token, **fields}, allow_redirects=False)
