"""The end of a process: the tasks left when its command returns are cancelled until they
finish, within a bound, so that a SIGTERM always ends the process."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine, Iterable
from typing import Any

log = logging.getLogger("itb")

# How long a stopping process lets the work under way finish before cancelling it.
STOP_GRACE_SECONDS = 10.0
# How often a leftover task is cancelled, and how long each time it gets to finish.
CANCEL_ROUNDS = 5
ROUND_SECONDS = 2.0


async def finish_or_cancel(tasks: Iterable[asyncio.Task[Any]], grace: float) -> None:
    """Wait up to `grace` seconds for `tasks` to end, then cancel the rest and wait for
    that: work cancelled in the middle of a database call can leave its connection half
    closed, so it gets the chance to end on its own first."""
    running = {task for task in tasks if not task.done()}
    if not running:
        return
    _, late = await asyncio.wait(running, timeout=grace)
    for task in late:
        task.cancel()
    await asyncio.gather(*running, return_exceptions=True)


async def finishing_leftover_tasks(command: Coroutine[Any, Any, int], *,
                                   rounds: int = CANCEL_ROUNDS,
                                   round_seconds: float = ROUND_SECONDS) -> int:
    """Run `command`, then cancel what it left running, as often as needed.

    `asyncio.run` cancels each leftover task once and then waits for it without limit. A
    task can absorb that one cancellation and wait again: SQLAlchemy closes an aiosqlite
    connection whose user was cancelled in a task of its own, and when its forced close
    has already stopped the connection's thread, the graceful close catches the
    cancellation, queues a second stop that no thread will run, and waits for it (seen
    as `serve` hanging after SIGTERM, about one time in six under load). A second
    cancellation ends such a task.
    """
    try:
        return await command
    finally:
        await cancel_leftover_tasks(rounds=rounds, round_seconds=round_seconds)


async def cancel_leftover_tasks(*, rounds: int = CANCEL_ROUNDS,
                                round_seconds: float = ROUND_SECONDS) -> set[asyncio.Task[Any]]:
    """Cancel every other task of the loop until all have finished or `rounds` are spent;
    returns (and logs) those that are still running."""
    current = asyncio.current_task()
    running = {task for task in asyncio.all_tasks() if task is not current}
    for _ in range(rounds):
        if not running:
            break
        for task in running:
            task.cancel()
        _, running = await asyncio.wait(running, timeout=round_seconds)
    if running:
        log.error("tasks still running at exit", extra={
            "tasks": sorted(task.get_name() for task in running)})
    return running
