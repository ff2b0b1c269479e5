"""Money stays exact and datetimes stay aware UTC on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select

from store import tables as t
from store.engine import create_engine, session_factory


async def test_money_and_times_round_trip_exactly(db_url: str) -> None:
    engine = create_engine(db_url)
    sessions = session_factory(engine)
    tricky = Decimal("9999999.99") + Decimal("0.01") * 3  # beyond float-exact cents at scale
    local = datetime(2026, 3, 8, 1, 59, 59, 123456, tzinfo=timezone(timedelta(hours=-6)))
    try:
        async with sessions.begin() as session:
            company = t.Company(name="Acme", kind="upstream", created_at=local)
            session.add(company)
            await session.flush()
            project = t.Project(company_id=company.id, name="P", number="1",
                                time_zone="America/Chicago")
            session.add(project)
            await session.flush()
            commitment = t.Commitment(project_id=project.id, contract_company_id=company.id,
                                      number="SC-1", title="T", kind="subcontract",
                                      retainage_percent_work=Decimal("7.50"))
            session.add(commitment)
            await session.flush()
            session.add(t.SovLine(commitment_id=commitment.id, item_number="1",
                                  description="d", scheduled_value=tricky,
                                  quantity=Decimal("1234.5678"), unit_price=Decimal("0.0125")))
        async with sessions() as session:
            line = (await session.execute(select(t.SovLine))).scalars().one()
            stored = (await session.execute(select(t.Company))).scalars().one()
            kept = (await session.execute(select(t.Commitment))).scalars().one()
        assert line.scheduled_value == tricky and str(line.scheduled_value) == "10000000.02"
        assert line.quantity == Decimal("1234.5678")
        assert line.unit_price == Decimal("0.0125")
        assert kept.retainage_percent_work == Decimal("7.50")
        assert stored.created_at == local and stored.created_at.tzinfo == UTC
    finally:
        await engine.dispose()


async def test_naive_datetimes_are_refused(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        async with session_factory(engine)() as session:
            session.add(t.Company(name="Naive", kind="upstream", created_at=datetime(2026, 1, 1)))
            with pytest.raises(Exception, match="naive datetime"):
                await session.flush()
    finally:
        await engine.dispose()
