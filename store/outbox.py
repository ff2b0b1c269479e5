"""The outbox: idempotent enqueue, atomic claims with a lease, and the outcome of a delivery.

Claims are safe with many workers: PostgreSQL skips rows other workers have locked
(FOR UPDATE SKIP LOCKED); SQLite runs the claim as one UPDATE ... RETURNING statement,
which its single writer makes atomic. A worker that dies leaves its rows leased; when the
lease ends another worker claims them again, so nothing is lost. The lease is short and a
working worker renews it (a heartbeat, `renew_leases`), so a crashed worker's rows are
free again within LEASE, however long a batch takes to send.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import RowMapping, Table, Update, bindparam, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from domain.model import UndeliveredMessage
from store import invites, mapping
from store.tables import OutboxMessage, Person

LEASE = timedelta(seconds=15)
# How often a worker renews the leases of the rows it holds: three beats per lease, so a
# late beat or two (a busy event loop, a slow commit) never lets a held row go.
HEARTBEAT = LEASE / 3
# Writes on the hot path go through the Core table, not the mapped class: an ORM-enabled
# UPDATE costs several times more Python per statement (profiled with bench/invites.py).
OUTBOX: Table = OutboxMessage.__table__
Db = AsyncConnection | AsyncSession


def _dialect_name(db: Db) -> str:
    return db.dialect.name if isinstance(db, AsyncConnection) else db.bind.dialect.name


# Built once per dialect (answering an invite enqueues on its hot path).
_ENQUEUE = {
    "postgresql": postgresql.insert(OUTBOX).on_conflict_do_nothing(
        index_elements=["idempotency_key"]),
    "sqlite": sqlite.insert(OUTBOX).on_conflict_do_nothing(index_elements=["idempotency_key"]),
}


def pending_row(*, kind: str, idempotency_key: str, now: datetime,
                template: str | None = None, invite_id: int | None = None,
                person_id: int | None = None, message_id: str | None = None,
                payload: dict[str, Any] | None = None, recipient: str | None = None,
                batch_id: int | None = None) -> dict[str, Any]:
    """A new outbox row, due now. Every row names every column, so rows of any kind can
    go into one multi-row INSERT together."""
    return {"kind": kind, "idempotency_key": idempotency_key, "template": template,
            "invite_id": invite_id, "person_id": person_id, "message_id": message_id,
            "payload": payload or {}, "recipient": recipient, "batch_id": batch_id,
            "status": "pending", "attempts": 0, "next_attempt_at": now, "created_at": now}


async def enqueue(session: Db, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows; one whose idempotency key exists already is silently skipped."""
    if not rows:
        return
    statement = _ENQUEUE["postgresql" if _dialect_name(session) == "postgresql" else "sqlite"]
    await session.execute(statement, list(rows))


async def claim_due(session: Db, kind: str, now: datetime,
                    limit: int) -> list[RowMapping]:
    """Lease up to `limit` due rows of `kind` to the caller, oldest first."""
    statement = claim_statement(kind, now, limit, _dialect_name(session))
    rows = (await session.execute(statement)).mappings().all()
    return sorted(rows, key=lambda row: (row["next_attempt_at"], row["id"]))


def claim_statement(kind: str, now: datetime, limit: int, dialect: str) -> Update:
    """The claim as one statement; it reads the due rows through ix_outbox_due (a test
    shows the plan on both databases), so its cost follows what is due, not the table."""
    c = OUTBOX.c
    due = (select(c.id)
           .where(c.kind == kind, c.status == "pending", c.next_attempt_at <= now,
                  (c.lease_until.is_(None)) | (c.lease_until < now))
           .order_by(c.next_attempt_at, c.id).limit(limit))
    if dialect == "postgresql":
        due = due.with_for_update(skip_locked=True)
    return (update(OUTBOX).where(c.id.in_(due.scalar_subquery()))
            .values(lease_until=now + LEASE, attempts=c.attempts + 1)
            .returning(*c))


# Fenced by `attempts`: a claim increments it, so a row that another worker claimed since
# (this worker's lease ran out) is not renewed; a row marked sent, failed or due for a
# retry (lease cleared) is not either.
_RENEW = update(OUTBOX).where(
    OUTBOX.c.id == bindparam("outbox_id"), OUTBOX.c.attempts == bindparam("claim"),
    OUTBOX.c.status == "pending", OUTBOX.c.lease_until.is_not(None)).values(
    lease_until=bindparam("until"))


async def renew_leases(session: Db, held: dict[int, int], now: datetime) -> None:
    """Extend the leases of `held` rows (id -> `attempts` as claimed) to `now` + LEASE."""
    if held:
        await session.execute(_RENEW, [{"outbox_id": row_id, "claim": attempts,
                                        "until": now + LEASE}
                                       for row_id, attempts in held.items()])


# Built once: constructing a statement costs more Python than executing a cached one.
_MARK_SENT = update(OUTBOX).where(OUTBOX.c.id == bindparam("outbox_id")).values(
    status="sent", sent_at=bindparam("sent_at"), lease_until=None, last_error=None)


async def mark_sent(session: Db, message_id: int, now: datetime) -> None:
    await session.execute(_MARK_SENT, {"outbox_id": message_id, "sent_at": now})


# PostgreSQL: every mark of a group in one statement, sent by the driver itself. This is
# delivery's hottest write (one per message or group of messages), and through SQLAlchemy's
# execution layer it cost several times the Python of the statement (profiled with
# bench/profile_delivery.py).
_MARK_SENT_POSTGRES = (
    "UPDATE outbox_message SET status = 'sent', sent_at = marks.at, lease_until = NULL, "
    "last_error = NULL FROM unnest($1::bigint[], $2::timestamptz[]) AS marks(id, at) "
    "WHERE outbox_message.id = marks.id")


async def mark_sent_many(connection: AsyncConnection, sent: dict[int, datetime]) -> None:
    """Several rows sent (id -> when, aware), in one statement and one round trip."""
    if connection.dialect.name == "postgresql":
        driver = (await connection.get_raw_connection()).driver_connection
        assert driver is not None
        await driver.execute(_MARK_SENT_POSTGRES, list(sent), list(sent.values()))
        return
    params = [{"outbox_id": message_id, "sent_at": at} for message_id, at in sent.items()]
    await connection.execute(_MARK_SENT, params[0] if len(params) == 1 else params)


async def mark_retry(session: Db, message_id: int, error: str,
                     next_attempt: datetime | None) -> None:
    """Try again at `next_attempt`; None means the retries are used up (dead)."""
    values: dict[str, Any] = {"lease_until": None, "last_error": error[:1000]}
    if next_attempt is None:
        values["status"] = "dead"
    else:
        values["next_attempt_at"] = next_attempt
    await session.execute(update(OUTBOX).where(OUTBOX.c.id == message_id).values(**values))


async def mark_failed(session: Db, message_id: int, error: str) -> None:
    """A permanent failure (the relay said 5xx): no retry; an administrator can see it."""
    await session.execute(update(OUTBOX).where(OUTBOX.c.id == message_id).values(
        status="failed", lease_until=None, last_error=error[:1000]))


async def email_row(session: AsyncSession, outbox_id: int) -> OutboxMessage | None:
    """The outbox row of an email (None for a webhook delivery or an unknown id)."""
    row = await session.get(OutboxMessage, outbox_id)
    return row if row is not None and row.kind == "email" else None


async def email_row_by_message_id(session: AsyncSession, message_id: str) -> OutboxMessage | None:
    query = select(OutboxMessage).where(OutboxMessage.message_id == message_id,
                                        OutboxMessage.kind == "email")
    return (await session.execute(query)).scalars().first()


async def key_exists(session: AsyncSession, idempotency_key: str) -> bool:
    query = select(OutboxMessage.id).where(OutboxMessage.idempotency_key == idempotency_key)
    return (await session.execute(query)).scalar() is not None


async def undelivered_of_company(session: AsyncSession, company_id: int, *,
                                 limit: int = 200) -> list[UndeliveredMessage]:
    """The company's failed and dead mail, newest first."""
    query = (select(OutboxMessage, Person.email)
             .outerjoin(Person, Person.id == OutboxMessage.person_id)
             .where(OutboxMessage.status.in_(["failed", "dead"]),
                    OutboxMessage.invite_id.in_(invites.ids_of_company(company_id)))
             .order_by(OutboxMessage.id.desc()).limit(limit))
    return [mapping.undelivered_message(row, email)
            for row, email in (await session.execute(query)).all()]


async def recipient_deliverable(session: AsyncSession, company_id: int,
                                message_id: int) -> bool | None:
    """Whether the company's message `message_id` goes to a deliverable address (True when
    it names no person); None when the company has no such message."""
    found = (await session.execute(
        select(OutboxMessage.id, Person.deliverable)
        .outerjoin(Person, Person.id == OutboxMessage.person_id)
        .where(OutboxMessage.id == message_id,
               OutboxMessage.invite_id.in_(invites.ids_of_company(company_id))))
    ).first()
    return None if found is None else found.deliverable is not False


async def retry_now(session: AsyncSession, message_id: int, now: datetime, *,
                    from_statuses: Sequence[str] = ("failed", "dead"),
                    clear_error: bool = False) -> bool:
    """Put a row in one of `from_statuses` back in the queue with fresh retries; False
    when there is no such row. A replay also takes rows already sent."""
    values: dict[str, Any] = {"status": "pending", "attempts": 0, "next_attempt_at": now,
                              "lease_until": None}
    if clear_error:
        values["last_error"] = None
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id,
               OutboxMessage.status.in_(list(from_statuses)))
        .values(**values))
    return bool(result.rowcount)


async def batch_progress(session: AsyncSession, batch_id: int) -> dict[str, int]:
    query = (select(OutboxMessage.status, func.count()).where(OutboxMessage.batch_id == batch_id)
             .group_by(OutboxMessage.status))
    return {status: count for status, count in (await session.execute(query)).all()}
