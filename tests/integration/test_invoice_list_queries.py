"""The period's invoice list costs the same number of SQL statements for one invoice as for
many (it used to load each invoice's commitment, history and attachments one by one)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aiohttp.test_utils import TestClient
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from app.bootstrap import Container
from tests.support.invoicing import COMMITMENT, line, ok, post_invoice, setup_commitment


@contextmanager
def statements_on(engine: AsyncEngine) -> Iterator[list[str]]:
    """Every statement the engine sends to the database while the block runs."""
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)


async def add_invoiced_commitment(api: TestClient, headers: dict[str, str], ids: dict[str, Any],
                                  number: str) -> None:
    body = {**COMMITMENT, "number": number}
    commitment = await ok(await api.post(f"/api/projects/{ids['project']}/commitments",
                                         json=body, headers=headers), 201)
    first_line = commitment["sov_lines"][0]["id"]
    await ok(await post_invoice(api, headers, commitment["id"], {
        "billing_period_id": ids["october"], "number": f"INV-{number}",
        "billing_type": "progress", "lines": [line(first_line, "1000")]}), 201)


async def listed(api: TestClient, headers: dict[str, str], container: Container,
                 period_id: int) -> tuple[list[dict[str, Any]], int]:
    with statements_on(container.ctx.engine) as seen:
        body = await ok(await api.get(f"/api/invoices?billing_period_id={period_id}",
                                      headers=headers))
    return body["items"], len(seen)


async def test_listing_a_period_does_not_query_per_invoice(
        api: TestClient, admin_headers: dict[str, str], container: Container) -> None:
    ids = await setup_commitment(api, admin_headers)
    await add_invoiced_commitment(api, admin_headers, ids, "SC-1")
    one, with_one = await listed(api, admin_headers, container, ids["october"])
    for number in ("SC-2", "SC-3", "SC-4", "SC-5"):
        await add_invoiced_commitment(api, admin_headers, ids, number)
    five, with_five = await listed(api, admin_headers, container, ids["october"])

    assert [item["number"] for item in one] == ["INV-SC-1"]
    assert sorted(item["number"] for item in five) == [f"INV-SC-{n}" for n in range(1, 6)]
    assert {item["total_completed_and_stored_to_date"] for item in five} == {"1000.00"}
    assert with_one > 0
    assert with_five == with_one
