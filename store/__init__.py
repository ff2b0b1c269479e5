"""Persistence: SQLModel tables, engines, every query, row-to-record mapping, migrations and
the outbox. Nothing outside `store/` writes SQL.

Where things are: `tables/` holds the SQLModel tables; one query module per aggregate holds
that aggregate's queries, named for what it holds: `projects` (projects, companies,
commitments), `periods` (billing periods), `commitment_sync` (commitments as another system
sends them), `invites`, `answers` and `answer_writes` (a contact's answer), `reminders` and
`reminder_schedule`, `invoices`, `attachments`, `people` (administrators, contacts, API
tokens, session versions), `contacts` and `sign_in` (a contact's sign-in), `rate_limits`,
`inbound` (received mail), `received_webhooks` (webhook sources and received events),
`webhook_subscriptions` (subscriptions and delivery attempts), `outbox`, `mail_facts` (what
a mail says) and `bulk` (demo and benchmark loading). `mapping` is the
one place that turns rows into domain records; `engine` builds engines and session
factories; `migrations/` is the Alembic chain.

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
Functions take the caller's session (the use case owns the transaction and its boundary)
and return domain records or plain values. Some still hand a table row to a use case that
reads or changes it in the same transaction; new ones say so in their name (`*_row`).
"""
