"""Persistence: SQLModel tables, engines, queries, migrations and the outbox."""
