"""Bulk loading for large demo and benchmark projects: Core inserts, thousands per statement."""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from store.tables import (
    BillingPeriod,
    Commitment,
    Company,
    Invite,
    Invoice,
    InvoiceContact,
    Person,
    Project,
    SovLine,
)

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


async def add_many_commitments(session: AsyncSession, company_id: int, project_id: int,
                               count: int, now: datetime) -> list[int]:
    """`count` subcontracts, each with its own company (owned by `company_id`, the
    project's), one contact and a 3-line SOV."""
    tag = f"p{project_id}"
    companies = await _insert_returning_ids(session, Company, [
        {"name": f"Subcontractor {tag}-{i:05d}", "kind": "contract",
         "owner_company_id": company_id, "created_at": now}
        for i in range(1, count + 1)])
    people = await _insert_returning_ids(session, Person, [
        {"company_id": company, "name": f"Billing Clerk {i:05d}",
         "email": f"billing{i:05d}@sub-{tag}-{i:05d}.example", "role": "contact",
         "deliverable": True, "created_at": now}
        for i, company in enumerate(companies, start=1)])
    commitments = await _insert_returning_ids(session, Commitment, [
        {"project_id": project_id, "contract_company_id": company,
         "number": f"SC-{i:05d}", "title": f"Trade package {i:05d}", "kind": "subcontract",
         "retainage_percent_work": Decimal("10.00"), "retainage_percent_stored": Decimal("10.00"),
         "stored_materials_billed_separately": True, "status": "approved", "created_at": now}
        for i, company in enumerate(companies, start=1)])
    total = Decimal("100000.00")
    await _insert(session, SovLine, [
        {"commitment_id": commitment, "position": position, "item_number": f"{position:03d}",
         "cost_code": code, "description": text, "scheduled_value": total * share,
         "change_order": False, "created_at": now}
        for commitment in commitments
        for position, (code, text, share) in enumerate(SOV, start=1)])
    await _insert(session, InvoiceContact, [
        {"commitment_id": commitment, "person_id": person, "created_at": now}
        for commitment, person in zip(commitments, people, strict=True)])
    return commitments


async def add_invite_history(session: AsyncSession, project_id: int, commitment_ids: list[int],
                             periods: int, now: datetime, *, not_yet_due: int = 2,
                             before: date = date(2026, 1, 1)) -> int:
    """`periods` closed one-day billing periods ending the day before `before`, each inviting
    every commitment; every `not_yet_due`-th invite has a reminder instant 1-30 days after
    `now`, the rest none. The history a reminder scan must not read (benchmarks,
    query-plan tests).

    Rows are built one period at a time, so a million invites never sit in memory at once.
    """
    first = before - timedelta(days=periods)
    period_ids = await _insert_returning_ids(session, BillingPeriod, [
        {"project_id": project_id, "start_date": first + timedelta(days=i),
         "end_date": first + timedelta(days=i), "due_date": first + timedelta(days=i),
         "status": "closed", "created_at": now, "closed_at": now} for i in range(periods)])
    count = 0
    for period_id in period_ids:
        rows: list[dict[str, object]] = []
        for commitment_id in commitment_ids:
            count += 1
            later = (now + timedelta(days=1 + count % 30) if count % not_yet_due == 0
                     else None)
            rows.append({
                "billing_period_id": period_id, "commitment_id": commitment_id,
                "status": "invited", "invited_at": now, "token_version": 1,
                "reply_token": secrets.token_hex(10), "next_reminder_at": later,
                "created_at": now, "updated_at": now})
        # The Core table: executemany without the ORM's per-row bookkeeping.
        await session.execute(insert(Invite.__table__), rows)
    return count


async def add_crowd(session: AsyncSession, company_id: int, projects: int,
                    commitments_each: int, now: datetime) -> int:
    """`projects` other projects of the company, each with one open period and
    `commitments_each` bare commitments (one shared contract company, no lines, no
    contacts), each with a sent invoice in that period: the neighbours a list of one
    project or one period must not read (query-plan tests, benchmarks). Returns the
    number of commitments added."""
    tag = secrets.token_hex(4)
    contractor = (await _insert_returning_ids(session, Company, [
        {"name": f"Crowd Contractor {tag}", "kind": "contract",
         "owner_company_id": company_id, "created_at": now}]))[0]
    project_ids = await _insert_returning_ids(session, Project, [
        {"company_id": company_id, "name": f"Crowd project {tag}-{i}",
         "number": f"CROWD-{tag}-{i}", "time_zone": "America/Chicago", "locale": "en-US",
         "accounting_method": "amount", "allow_overbilling": False,
         "reminder_days_before": "3,1", "reminder_hour": 8, "reminder_daily_after_due": True,
         "reminder_max_after_due": 14, "created_at": now} for i in range(projects)])
    period_ids = await _insert_returning_ids(session, BillingPeriod, [
        {"project_id": project_id, "start_date": date(2026, 11, 1),
         "end_date": date(2026, 11, 30), "due_date": date(2026, 11, 25), "status": "open",
         "created_at": now} for project_id in project_ids])
    count = 0
    for project_id, period_id in zip(project_ids, period_ids, strict=True):
        commitment_ids = await _insert_returning_ids(session, Commitment, [
            {"project_id": project_id, "contract_company_id": contractor,
             "number": f"C-{i:06d}", "title": f"Crowd package {i:06d}", "kind": "subcontract",
             "retainage_percent_work": Decimal("10.00"),
             "retainage_percent_stored": Decimal("10.00"),
             "stored_materials_billed_separately": True, "status": "approved",
             "created_at": now} for i in range(commitments_each)])
        await _insert(session, Invoice, [
            {"commitment_id": commitment_id, "billing_period_id": period_id,
             "number": "INV-1", "billing_type": "progress", "status": "under_review",
             "on_behalf": True, "submitted_at": now, "created_at": now, "updated_at": now}
            for commitment_id in commitment_ids])
        count += len(commitment_ids)
    return count
