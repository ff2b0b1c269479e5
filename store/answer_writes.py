"""Recording an answer: the invite's new status, its event, and the outbox rows that name
the event, in the caller's transaction.

The outbox rows' idempotency keys and Message-IDs contain the event's id, which exists only
once the event is inserted: the rows carry EVENT_ID where it belongs. On PostgreSQL all
three writes are one statement (data-modifying CTEs), one round trip instead of three on
the answer pages' hot path (profiled: each statement cost about a tenth of the request);
elsewhere (SQLite) they are three statements.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    String,
    Table,
    bindparam,
    case,
    cast,
    func,
    insert,
    select,
    union_all,
    update,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.sql.dml import Insert

from domain.model import InviteStatus
from store import outbox
from store.tables import Invite, InviteEvent

EVENT_ID = "{event_id}"
INVITES: Table = Invite.__table__
EVENTS: Table = InviteEvent.__table__
EVENT_COLUMNS = ("invite_id", "kind", "person_id", "channel", "at", "ip_address",
                 "user_agent", "detail")
OUTBOX_COLUMNS = ("kind", "template", "invite_id", "person_id", "idempotency_key",
                  "message_id", "payload", "status", "attempts", "next_attempt_at",
                  "created_at")
Db = AsyncConnection | AsyncSession

_SET_ANSWER = update(INVITES).where(INVITES.c.id == bindparam("invite_id")).values(
    status=bindparam("status"), answered_at=bindparam("now"),
    answered_by_id=bindparam("contact_id"), updated_at=bindparam("now"),
    # `wake`: the reminder scan looks at the invite at its next run (see
    # domain.reminders.answer_wakes_reminders).
    next_reminder_at=case((bindparam("wake", type_=Boolean), bindparam("now")),
                          else_=INVITES.c.next_reminder_at))
_ADD_EVENT = insert(EVENTS).returning(EVENTS.c.id)


async def record_answer(db: Db, *, invite_id: int, status: InviteStatus, contact_id: int,
                        now: datetime, event: dict[str, Any],
                        outbox_rows: Sequence[dict[str, Any]],
                        wake_reminders: bool = False) -> None:
    """Set the invite's answer, append `event` (EVENT_COLUMNS) and enqueue `outbox_rows`
    (OUTBOX_COLUMNS; EVENT_ID in a key or Message-ID becomes the event's id)."""
    answer = {"invite_id": invite_id, "status": status.value, "contact_id": contact_id,
              "now": now, "wake": wake_reminders}
    dialect = db.dialect if isinstance(db, AsyncConnection) else db.bind.dialect
    if dialect.name == "postgresql" and outbox_rows:
        params = {**answer, **{f"e_{name}": event[name] for name in EVENT_COLUMNS}}
        for index, row in enumerate(outbox_rows):
            params.update({f"o{index}_{name}": row[name] for name in OUTBOX_COLUMNS})
        await db.execute(_all_in_one(len(outbox_rows)), params)
        return
    await db.execute(_SET_ANSWER, answer)
    event_id = str((await db.execute(_ADD_EVENT, event)).scalar_one())
    await outbox.enqueue(db, [{**row, "idempotency_key": _with_id(row["idempotency_key"],
                                                                  event_id),
                               "message_id": _with_id(row["message_id"], event_id)}
                              for row in outbox_rows])


def _with_id(template: str | None, event_id: str) -> str | None:
    return None if template is None else template.replace(EVENT_ID, event_id)


@cache
def _all_in_one(rows: int) -> Insert:
    """WITH upd AS (UPDATE invite ...), ev AS (INSERT INTO invite_event ... RETURNING id)
    INSERT INTO outbox_message SELECT ... FROM ev [UNION ALL ...] ON CONFLICT DO NOTHING."""
    answer = _SET_ANSWER.cte("upd")
    event = (insert(EVENTS).values({name: bindparam(f"e_{name}", type_=EVENTS.c[name].type)
                                    for name in EVENT_COLUMNS})
             .returning(EVENTS.c.id).cte("ev"))
    event_id = cast(event.c.id, String)

    def one_row(index: int) -> Any:
        def param(name: str) -> Any:
            return bindparam(f"o{index}_{name}", type_=outbox.OUTBOX.c[name].type)

        columns = {name: param(name) for name in OUTBOX_COLUMNS}
        for name in ("idempotency_key", "message_id"):
            columns[name] = func.replace(columns[name], EVENT_ID, event_id)
        columns["payload"] = cast(columns["payload"], JSON)
        return select(*columns.values()).select_from(event)

    selects = [one_row(index) for index in range(rows)]
    source: Any = union_all(*selects) if len(selects) > 1 else selects[0]
    return (postgresql.insert(outbox.OUTBOX).from_select(list(OUTBOX_COLUMNS), source)
            .on_conflict_do_nothing(index_elements=["idempotency_key"]).add_cte(answer))
