"""Bulk loading for large demo and benchmark projects: Core inserts, thousands per statement."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from store import tables as t

CHUNK = 2000
SOV = (("01-1000", "Mobilization", Decimal("0.10")), ("02-2000", "Labor", Decimal("0.55")),
       ("03-3000", "Materials", Decimal("0.35")))


async def _insert_returning_ids(session: AsyncSession, table: type, rows: list[dict[str, object]],
                                ) -> list[int]:
    ids: list[int] = []
    for start in range(0, len(rows), CHUNK):
        result = await session.execute(insert(table).returning(table.id),
                                       rows[start:start + CHUNK])
        ids.extend(result.scalars())
    return ids


async def _insert(session: AsyncSession, table: type, rows: list[dict[str, object]]) -> None:
    for start in range(0, len(rows), CHUNK):
        await session.execute(insert(table), rows[start:start + CHUNK])


async def add_many_commitments(session: AsyncSession, project_id: int, count: int,
                               now: datetime) -> list[int]:
    """`count` subcontracts, each with its own company, one contact and a 3-line SOV."""
    tag = f"p{project_id}"
    companies = await _insert_returning_ids(session, t.Company, [
        {"name": f"Subcontractor {tag}-{i:05d}", "kind": "contract", "created_at": now}
        for i in range(1, count + 1)])
    people = await _insert_returning_ids(session, t.Person, [
        {"company_id": company, "name": f"Billing Clerk {i:05d}",
         "email": f"billing{i:05d}@sub-{tag}-{i:05d}.example", "role": "contact",
         "deliverable": True, "created_at": now}
        for i, company in enumerate(companies, start=1)])
    commitments = await _insert_returning_ids(session, t.Commitment, [
        {"project_id": project_id, "contract_company_id": company,
         "number": f"SC-{i:05d}", "title": f"Trade package {i:05d}", "kind": "subcontract",
         "retainage_percent_work": Decimal("10.00"), "retainage_percent_stored": Decimal("10.00"),
         "stored_materials_billed_separately": True, "status": "approved", "created_at": now}
        for i, company in enumerate(companies, start=1)])
    total = Decimal("100000.00")
    await _insert(session, t.SovLine, [
        {"commitment_id": commitment, "position": position, "item_number": f"{position:03d}",
         "cost_code": code, "description": text, "scheduled_value": total * share,
         "change_order": False, "created_at": now}
        for commitment in commitments
        for position, (code, text, share) in enumerate(SOV, start=1)])
    await _insert(session, t.InvoiceContact, [
        {"commitment_id": commitment, "person_id": person, "created_at": now}
        for commitment, person in zip(commitments, people, strict=True)])
    return commitments
