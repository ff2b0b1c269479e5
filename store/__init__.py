"""Persistence: SQLModel tables, engines, every query, row-to-record mapping, migrations and
the outbox. Nothing outside `store/` writes SQL.

Where things are: `tables/` holds the SQLModel tables; one query module per aggregate holds
that aggregate's queries, named for what it holds (`projects`, `invites`, `invoices`,
`attachments`, `people`, `inbound`, `webhooks`, `outbox`, `reminders`, ...);
`mapping` is the one place that turns rows into domain records; `engine` builds engines and
session factories; `migrations/` is the Alembic chain.

The rule for writing a query:
- The ORM (SQLModel `select`, `session.get`, `session.add`, attribute writes) for ordinary
  reads and writes: it reads like the model, the unit of work flushes in a sensible order,
  and the mapped types (exact decimals, UTC datetimes) apply without repeating them.
- SQLAlchemy Core (`insert`/`update` on `Table` objects, `.returning(...)`) only for
  * claims: `UPDATE ... RETURNING` over rows chosen `FOR UPDATE SKIP LOCKED`, so that two
    workers never take the same row and the claim is one statement (outbox, reminders,
    rate limits, answers); the ORM's identity map would only stand in the way;
  * bulk writes (thousands of rows, `INSERT ... ON CONFLICT DO NOTHING`): the ORM builds an
    object per row and fetches keys one by one, which costs seconds where Core costs one
    round trip per chunk.
Functions take the caller's session (the use case owns the transaction) and return domain
records or plain values; a function that returns a table row says so in its name (`*_row`)
and is meant for a use case that changes that row in the same transaction.
"""
