"""The big lists read one page through an index, whatever the table holds around them
(EXPLAIN on PostgreSQL, EXPLAIN QUERY PLAN on SQLite), and migration 0012 that makes
those indexes goes up and down."""

from __future__ import annotations

from sqlalchemy import Connection, func, inspect, select

from domain.commands import SendInvites
from domain.listing import InviteFilter, PageRequest, StatusFilter
from store import invite_lists, tables
from store.bulk import add_crowd, add_invite_history
from store.engine import create_engine
from store.invoices import invoices_of_period_query
from store.migrate import current_revision, upgrade_to_head
from store.projects import commitment_page_query
from tests.support.migrations import downgrade_to
from tests.support.paging import big_project
from tests.support.query_plans import explain, scans_whole_table
from tests.support.world import World

INDEXES = {"commitment": "ix_commitment_project_id_id",
           "invoice": "ix_invoice_billing_period_id_id"}


async def crowded(world: World) -> tuple[int, int, list[int]]:
    """A 300-commitment project among 40 others of 250 commitments, each of those with
    an invoice in its period: (project, period, the project's commitment ids)."""
    big = await big_project(world, 300)
    async with world.container.ctx.sessions.begin() as session:
        assert await add_crowd(session, world.admin.company_id, projects=40,
                               commitments_each=250, now=world.clock()) == 10_000
    return big.project_id, big.billing_period_id, big.commitment_ids


def uses_index(plan: str, index: str, dialect: str) -> bool:
    """The page is a range of the index on (parent, id): `parent = ? AND id > ?`."""
    if dialect == "postgresql":
        return f"Index Scan using {index}" in plan or f"Index Only Scan using {index}" in plan
    return any(f"{using} {index} (" in plan and ">?)" in plan
               for using in ("USING INDEX", "USING COVERING INDEX"))


async def test_a_page_of_a_projects_commitments_and_of_its_invites_reads_the_index(
        world: World) -> None:
    project_id, period_id, ids = await crowded(world)
    engine = world.container.ctx.engine
    dialect = engine.dialect.name
    deep = PageRequest(50, after=ids[200])
    statements = {
        "commitments": commitment_page_query(project_id, deep),
        "invites": invite_lists.page_query(project_id, period_id, InviteFilter(), deep),
        "invites by status": invite_lists.page_query(
            project_id, period_id, InviteFilter(StatusFilter.NOT_INVITED), deep),
    }
    for name, statement in statements.items():
        plan = await explain(engine, statement, analyze="commitment")
        assert uses_index(plan, INDEXES["commitment"], dialect), (name, plan)
        assert not scans_whole_table(plan, "commitment", dialect), (name, plan)
        assert not scans_whole_table(plan, "invite", dialect), (name, plan)


async def test_a_page_of_a_periods_invoices_reads_the_index(world: World) -> None:
    await crowded(world)
    engine = world.container.ctx.engine
    dialect = engine.dialect.name
    async with world.container.ctx.sessions() as session:
        period_id, count = (await session.execute(
            select(tables.Invoice.billing_period_id, func.count())
            .group_by(tables.Invoice.billing_period_id)
            .order_by(tables.Invoice.billing_period_id.desc()).limit(1))).one()
    assert count == 250
    plan = await explain(engine, invoices_of_period_query(
        world.admin.company_id, period_id, PageRequest(50, after=1)), analyze="invoice")
    assert uses_index(plan, INDEXES["invoice"], dialect), plan
    assert not scans_whole_table(plan, "invoice", dialect), plan


async def test_the_periods_counts_are_read_from_indexes_alone(world: World) -> None:
    project_id, period_id, ids = await crowded(world)
    await world.container.invites.send(world.admin, SendInvites(period_id, tuple(ids[:50])))
    async with world.container.ctx.sessions.begin() as session:
        # Earlier periods' invites around the open period's 50.
        assert await add_invite_history(session, project_id, ids, periods=20,
                                        now=world.clock()) == 6_000
    engine = world.container.ctx.engine
    dialect = engine.dialect.name
    commitments, invites, sent = invite_lists.count_statements(project_id, period_id)
    wanted = ((commitments, "commitment", "ix_commitment_project_id_id"),
              (invites, "invite", "ix_invite_billing_period_id_status"),
              (sent, "invoice", "ix_invoice_billing_period_id_status"))
    for statement, table, index in wanted:
        plan = await explain(engine, statement, analyze=table)
        assert not scans_whole_table(plan, table, dialect), plan
        if dialect == "sqlite":
            assert f"USING COVERING INDEX {index}" in plan, plan
        else:
            # PostgreSQL picks among the period's indexes by its statistics (an
            # index-only scan once the visibility map is set); never the whole table.
            assert "Index" in plan and "Index Cond" in plan, plan


COUNT_INDEXES = {"ix_invite_billing_period_id_status", "ix_invoice_billing_period_id_status"}


def _index_names(connection: Connection) -> set[str]:
    inspector = inspect(connection)
    return {index["name"] for table in (*INDEXES, "invite")
            for index in inspector.get_indexes(table) if index["name"]}


async def test_migration_0012_adds_the_list_indexes_and_takes_them_away(
        empty_db_url: str) -> None:
    engine = create_engine(empty_db_url)
    try:
        await upgrade_to_head(engine)
        async with engine.connect() as connection:
            assert set(INDEXES.values()) <= await connection.run_sync(_index_names)
        async with engine.begin() as connection:
            await connection.run_sync(downgrade_to("0006"))
        assert await current_revision(engine) == "0006"
        async with engine.connect() as connection:
            names = await connection.run_sync(_index_names)
        assert not (set(INDEXES.values()) | COUNT_INDEXES) & names
        assert {"ix_commitment_project_id", "ix_invoice_billing_period_id"} <= names
        await upgrade_to_head(engine)
        async with engine.connect() as connection:
            names = await connection.run_sync(_index_names)
        assert set(INDEXES.values()) | COUNT_INDEXES <= names
        assert not {"ix_commitment_project_id", "ix_invoice_billing_period_id"} & names
    finally:
        await engine.dispose()
