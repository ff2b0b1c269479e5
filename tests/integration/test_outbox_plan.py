"""The outbox claim reads only what is due, through its index, however large the table."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from store.engine import create_engine
from store.outbox import OUTBOX, claim_statement
from tests.support.query_plans import explain, scans_whole_table

NOW = datetime(2026, 11, 10, 15, 0, tzinfo=UTC)


async def test_the_claim_uses_the_due_index_not_a_table_scan(db_url: str) -> None:
    engine = create_engine(db_url)
    sent = [{"kind": "email", "idempotency_key": f"sent:{i}", "payload": {},
             "status": "sent", "attempts": 1, "next_attempt_at": NOW - timedelta(days=1),
             "created_at": NOW, "sent_at": NOW} for i in range(30_000)]
    due = [{"kind": "email", "idempotency_key": f"due:{i}", "payload": {},
            "status": "pending", "attempts": 0, "next_attempt_at": NOW - timedelta(minutes=1),
            "created_at": NOW, "sent_at": None} for i in range(300)]
    try:
        async with engine.begin() as connection:
            await connection.execute(insert(OUTBOX), sent + due)
        plan = await explain(engine, claim_statement("email", NOW, 50, engine.dialect.name),
                             analyze="outbox_message")
        assert "ix_outbox_due" in plan
        assert not scans_whole_table(plan, "outbox_message", engine.dialect.name)
    finally:
        await engine.dispose()
