"""After a bulk write (an import of a big project, invites to hundreds of commitments)
PostgreSQL plans with fresh statistics at once, not a minute later when autovacuum gets to
it: with the old ones it took the project for a handful of commitments and the period for
two invites, and the dashboard's "not invited" filter ran 100 times slower
(store/statistics.py). SQLite keeps its rule-based plans."""

from __future__ import annotations

from sqlalchemy import Select, select, text

from app.use_cases.demo import ZONE, current_period
from domain.commands import NewProject, SendInvites
from domain.periods import local_date
from store import tables as t
from store.statistics import BULK_ROWS, INVITED, refresh_after_bulk_write
from tests.support.imports import many_rows
from tests.support.world import World

COMMITMENTS = 300  # over BULK_ROWS


async def estimated_rows(world: World, statement: Select[tuple[int]]) -> int:
    """PostgreSQL's estimate of the rows `statement` returns (EXPLAIN, not run)."""
    engine = world.container.ctx.engine
    compiled = statement.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True})
    async with engine.connect() as connection:
        plan = (await connection.execute(text(f"EXPLAIN (FORMAT JSON) {compiled}"))).scalar_one()
    return int(plan[0]["Plan"]["Plan Rows"])


async def test_an_import_and_a_batch_of_invites_leave_fresh_statistics(world: World) -> None:
    container, admin = world.container, world.admin
    project = await container.projects.create_project(
        admin, NewProject("Harbour Tower", "HT-300", ZONE))
    assert project.id is not None
    report = await container.imports.run(admin, project.id, many_rows(COMMITMENTS,
                                         lines_per_commitment=1), apply=True)
    assert report.applied and report.created == COMMITMENTS > BULK_ROWS
    opened = await container.projects.open_period(
        admin, project.id, current_period(local_date(world.clock(), ZONE)))
    assert opened.id is not None
    period = opened.id
    sent = await container.invites.send(admin, SendInvites(period, None))
    assert sent.invited == COMMITMENTS

    if container.ctx.engine.dialect.name == "sqlite":
        async with container.ctx.engine.connect() as connection:
            stat_tables = (await connection.execute(text(
                "SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'"))).all()
        assert stat_tables == []
        assert not await refresh_after_bulk_write(container.ctx.engine, 10_000, INVITED)
        return
    in_project = await estimated_rows(world, select(t.Commitment.id).where(
        t.Commitment.project_id == project.id))
    in_period = await estimated_rows(world, select(t.Invite.id).where(
        t.Invite.billing_period_id == period))
    # Within a factor of two of the truth (the stale estimates were 10 and 2).
    assert COMMITMENTS / 2 <= in_project <= COMMITMENTS * 2
    assert COMMITMENTS / 2 <= in_period <= COMMITMENTS * 2
    assert not await refresh_after_bulk_write(container.ctx.engine, BULK_ROWS - 1, INVITED)
