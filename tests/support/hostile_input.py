"""Helpers for the hostile-input tests: every table's row count (to show a refused request
wrote nothing) and the JSON error of a refusal."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from app.bootstrap import Container
from store.tables import metadata


async def table_counts(container: Container) -> dict[str, int]:
    """How many rows every table holds."""
    found = {}
    async with container.ctx.sessions() as session:
        for table in metadata.sorted_tables:
            query = select(func.count()).select_from(table)
            found[table.name] = int(await session.scalar(query) or 0)
    return found


async def refusal(response: Any, status: int, code: str) -> str:
    """The error message of a JSON refusal with `status` and `code`."""
    assert response.status == status, await response.text()
    error = (await response.json())["error"]
    assert error["code"] == code, error
    return str(error["message"])
