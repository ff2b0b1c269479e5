"""Migration 0005 splits contract companies and people shared by several upstream companies.

The shared situation is built at revision 0004 with plain SQL (as the old code left it:
Summit and Rival both use "Granite Ridge Concrete" and its contact Maria), then the upgrade
runs and each upstream company's rows must point at its own copies, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from alembic import command
from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import AsyncConnection

from store.engine import create_engine
from store.migrate import alembic_config, upgrade_to_head
from tests.support.migrations import downgrade_to

AT = "2026-11-01T12:00:00.000000+00:00"
SUMMIT, RIVAL, THIRD = 100, 101, 102  # upstream companies
GRANITE, SOLO = 200, 201  # contract companies: shared by Summit and Rival; Third's alone
MARIA, DAN, RITA, SAM = 300, 301, 302, 303  # Maria: both; Dan: Summit; Rita: Rival; Sam: Third
ADMINS = {SUMMIT: 310, RIVAL: 311, THIRD: 312}
# upstream company -> (project, commitment, period, invite, invoice, the contacts it uses)
USES = {SUMMIT: (400, 500, 600, 700, 800, (MARIA, DAN)),
        RIVAL: (401, 501, 601, 701, 801, (MARIA, RITA)),
        THIRD: (402, 502, 602, 702, 802, (SAM,))}
CONTRACT_OF = {SUMMIT: GRANITE, RIVAL: GRANITE, THIRD: SOLO}


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


async def _insert(connection: AsyncConnection, table: str, **values: Any) -> None:
    """Literals, not parameters: typed the same way by SQLite and asyncpg."""
    columns = ", ".join(values)
    literals = ", ".join(_literal(value) for value in values.values())
    await connection.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({literals})"))


async def _shared_directory(connection: AsyncConnection) -> None:
    for company, name in ((SUMMIT, "Summit Builders"), (RIVAL, "Rival Construction"),
                          (THIRD, "Third Party GC")):
        await _insert(connection, "company", id=company, name=name, kind="upstream",
                      external_id=None, created_at=AT)
        await _insert(connection, "person", id=ADMINS[company], company_id=company,
                      name="Admin", email=f"admin@{company}.example", role="admin",
                      password_hash=None, deliverable=True, bounced_at=None, external_id=None,
                      created_at=AT)
    await _insert(connection, "company", id=GRANITE, name="Granite Ridge Concrete",
                  kind="contract", external_id="V-1", created_at=AT)
    await _insert(connection, "company", id=SOLO, name="Solo Steel", kind="contract",
                  external_id=None, created_at=AT)
    for person, company, name in ((MARIA, GRANITE, "Maria Lopez"), (DAN, GRANITE, "Dan W"),
                                  (RITA, GRANITE, "Rita R"), (SAM, SOLO, "Sam S")):
        await _insert(connection, "person", id=person, company_id=company, name=name,
                      email=f"{name.split()[0].lower()}@contract.example", role="contact",
                      password_hash=None, deliverable=False, bounced_at=AT,
                      external_id=f"C-{person}", created_at=AT)
    for upstream, (project, commitment, period, invite, invoice, contacts) in USES.items():
        await _uses(connection, upstream, project, commitment, period, invite, invoice,
                    contacts)
    await _insert(connection, "sign_in_link", id=1000, person_id=MARIA, token_hash="h" * 64,
                  nonce="n", requested_ip=None, created_at=AT, expires_at=AT, used_at=None)


async def _uses(connection: AsyncConnection, upstream: int, project: int, commitment: int,
                period: int, invite: int, invoice: int, contacts: tuple[int, ...]) -> None:
    await _insert(connection, "project", id=project, company_id=upstream, name="P",
                  number="P-1", time_zone="UTC", locale="en-US", accounting_method="amount",
                  invitation_message=None, allow_overbilling=False, reminder_days_before="3,1",
                  reminder_hour=8, reminder_daily_after_due=True, reminder_max_after_due=14,
                  created_at=AT)
    await _insert(connection, "commitment", id=commitment, project_id=project,
                  contract_company_id=CONTRACT_OF[upstream], number="SC-1", title="Work",
                  kind="subcontract", retainage_percent_work=10, retainage_percent_stored=10,
                  stored_materials_billed_separately=True, status="approved",
                  external_id=None, created_at=AT)
    for offset, person in enumerate(contacts):
        await _insert(connection, "invoice_contact", id=commitment * 10 + offset,
                      commitment_id=commitment, person_id=person, created_at=AT)
    await _insert(connection, "billing_period", id=period, project_id=project,
                  start_date="2026-11-01", end_date="2026-11-30", billing_date=None,
                  due_date="2026-11-25", status="open", created_at=AT, closed_at=None)
    first = contacts[0]
    await _insert(connection, "invite", id=invite, billing_period_id=period,
                  commitment_id=commitment, status="accepted", invited_by_id=ADMINS[upstream],
                  invited_at=AT, answered_at=AT, answered_by_id=first, token_version=1,
                  reply_token=f"r{invite}", next_reminder_at=None, created_at=AT,
                  updated_at=AT)
    await _insert(connection, "invite_event", id=invite, invite_id=invite, kind="accepted",
                  person_id=first, channel="email", at=AT, ip_address=None, user_agent=None,
                  detail="{}")
    await _insert(connection, "invoice", id=invoice, commitment_id=commitment,
                  billing_period_id=period, number="INV-1", billing_type="progress",
                  status="submitted", created_by_id=first, on_behalf=False, review_note=None,
                  submitted_at=AT, created_at=AT, updated_at=AT)
    await _insert(connection, "outbox_message", id=invite, kind="email",
                  idempotency_key=f"invite:{invite}", template="invite", batch_id=None,
                  invite_id=invite, person_id=first, recipient=None, message_id=None,
                  payload="{}", status="sent", attempts=1, next_attempt_at=AT,
                  lease_until=None, last_error=None, created_at=AT, sent_at=AT)


def _upgrade_to_0004(connection: Connection) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "0004")


async def _one(connection: AsyncConnection, sql: str, **params: Any) -> Any:
    return (await connection.execute(text(sql), params)).one()


async def test_shared_contract_companies_and_people_are_split_per_upstream_company(
        empty_db_url: str) -> None:
    engine = create_engine(empty_db_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_upgrade_to_0004)
            await _shared_directory(connection)
        await upgrade_to_head(engine)
        async with engine.connect() as connection:
            await _assert_split(connection)
        # Down and up again with the rows in place: the copies stay, each with its owner.
        # One run per step on SQLite: 0005's table copy needs foreign keys off, which
        # SQLite ignores once an earlier step of the same run opened a transaction.
        for revision in ("0005", "0004"):
            async with engine.begin() as connection:
                await connection.run_sync(downgrade_to(revision))
        await upgrade_to_head(engine)
        async with engine.connect() as connection:
            await _assert_split(connection)
    finally:
        await engine.dispose()


async def _assert_split(connection: AsyncConnection) -> None:
    companies = {row.id: row for row in await connection.execute(text(
        "SELECT id, name, kind, owner_company_id, external_id FROM company"))}
    assert {i: c.owner_company_id for i, c in companies.items() if c.kind == "upstream"} == {
        SUMMIT: None, RIVAL: None, THIRD: None}
    granites = {c.owner_company_id: c.id for c in companies.values()
                if c.name == "Granite Ridge Concrete"}
    # The lowest upstream id keeps the row; the other gets a copy with the same facts.
    assert set(granites) == {SUMMIT, RIVAL} and granites[SUMMIT] == GRANITE
    assert companies[granites[RIVAL]].external_id == "V-1"
    assert companies[SOLO].owner_company_id == THIRD

    people = {(row.email, row.company_id): row for row in await connection.execute(text(
        "SELECT id, company_id, name, email, deliverable, external_id FROM person "
        "WHERE role = 'contact'"))}
    expected = {("maria@contract.example", GRANITE), ("dan@contract.example", GRANITE),
                ("maria@contract.example", granites[RIVAL]),
                ("rita@contract.example", granites[RIVAL]), ("sam@contract.example", SOLO)}
    assert set(people) == expected
    summit_maria = people["maria@contract.example", GRANITE]
    rival_maria = people["maria@contract.example", granites[RIVAL]]
    assert summit_maria.id == MARIA and rival_maria.id != MARIA
    assert (rival_maria.name, rival_maria.deliverable, rival_maria.external_id) == (
        "Maria Lopez", False, f"C-{MARIA}")
    assert people["rita@contract.example", granites[RIVAL]].id == RITA  # moved, not copied

    own_person = {SUMMIT: summit_maria.id, RIVAL: rival_maria.id, THIRD: SAM}
    for upstream, (_, commitment, _, invite, invoice, contacts) in USES.items():
        contract = granites.get(upstream, SOLO)
        row = await _one(connection, "SELECT contract_company_id FROM commitment WHERE id = :i",
                         i=commitment)
        assert row.contract_company_id == contract, upstream
        linked = await connection.execute(text(
            "SELECT p.company_id FROM invoice_contact ic JOIN person p ON p.id = ic.person_id "
            "WHERE ic.commitment_id = :i"), {"i": commitment})
        assert [r.company_id for r in linked] == [contract] * len(contacts), upstream
        first = own_person[upstream]
        for sql in ("SELECT answered_by_id FROM invite WHERE id = :i",
                    "SELECT person_id FROM invite_event WHERE invite_id = :i",
                    "SELECT person_id FROM outbox_message WHERE invite_id = :i"):
            assert (await _one(connection, sql, i=invite))[0] == first, (upstream, sql)
        created_by = await _one(connection, "SELECT created_by_id FROM invoice WHERE id = :i",
                                i=invoice)
        assert created_by[0] == first, upstream
        invited_by = await _one(connection, "SELECT invited_by_id FROM invite WHERE id = :i",
                                i=invite)
        assert invited_by[0] == ADMINS[upstream]  # administrators are not split
    link = await _one(connection, "SELECT person_id FROM sign_in_link WHERE id = 1000")
    assert link[0] == MARIA

