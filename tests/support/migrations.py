"""Moving a test database up and down the Alembic revisions on one connection."""

from __future__ import annotations

from collections.abc import Callable

from alembic import command
from sqlalchemy import Connection

from store.migrate import alembic_config


def downgrade_to(revision: str) -> Callable[[Connection], None]:
    """A function for `AsyncConnection.run_sync` that downgrades to `revision` (or a
    relative one such as "0009-1") on that connection."""
    def downgrade(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    return downgrade
