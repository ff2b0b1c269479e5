"""The outbox claim reads only what is due, through its index, however large the table."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, text

from store.engine import create_engine
from store.outbox import OUTBOX, claim_statement

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
        dialect = engine.dialect.name
        claim = claim_statement("email", NOW, 50, dialect).compile(
            dialect=engine.dialect, compile_kwargs={"literal_binds": True})
        async with engine.connect() as connection:
            if dialect == "postgresql":
                await connection.execute(text("ANALYZE outbox_message"))
                plan = (await connection.execute(text(f"EXPLAIN {claim}"))).scalars().all()
            else:
                await connection.execute(text("ANALYZE"))
                plan = [row[-1] for row in await connection.execute(
                    text(f"EXPLAIN QUERY PLAN {claim}"))]
        shown = "\n".join(plan)
        print(f"\n{dialect} plan of the outbox claim:\n{shown}")
        assert "ix_outbox_due" in shown
        if dialect == "postgresql":
            assert "Seq Scan on outbox_message" not in shown
        else:
            assert "SCAN outbox_message" not in shown.replace("SCAN outbox_message USING", "")
    finally:
        await engine.dispose()
