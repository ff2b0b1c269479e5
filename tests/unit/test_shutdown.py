"""A stopping process: the in-process jobs and timers let the run under way finish (within a
grace period), and the tasks left at exit are cancelled until they end."""

from __future__ import annotations

import asyncio
import threading

from app.jobs import InProcessJobQueue
from app.shutdown import cancel_leftover_tasks, finishing_leftover_tasks
from app.timers import Every


async def absorbs_one_cancellation(finished: list[str]) -> None:
    """What aiosqlite's close does when its thread is gone: the first cancellation is
    caught, and the task waits again for something that never comes."""
    try:
        await asyncio.Event().wait()
    finally:
        await asyncio.Event().wait()
        finished.append("never")


def test_a_task_that_absorbs_a_cancellation_does_not_keep_the_process_alive() -> None:
    left: list[asyncio.Task[None]] = []

    async def command() -> int:
        left.append(asyncio.create_task(absorbs_one_cancellation([]), name="half-closed"))
        await asyncio.sleep(0)
        return 3

    # asyncio.run alone cancels the task once and then waits for it forever: in a thread of
    # its own, so that a regression fails here instead of hanging the suite.
    results: list[int] = []
    loop_thread = threading.Thread(daemon=True, target=lambda: results.append(
        asyncio.run(finishing_leftover_tasks(command(), round_seconds=0.5))))
    loop_thread.start()
    loop_thread.join(timeout=30)
    assert not loop_thread.is_alive(), "the process would hang at exit"
    assert results == [3] and left[0].cancelled()


def test_a_task_that_refuses_every_cancellation_is_named_and_left() -> None:
    async def refuses() -> None:
        while True:
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                continue

    async def command() -> tuple[set[str], int]:
        stubborn = asyncio.create_task(refuses(), name="stubborn")
        await asyncio.sleep(0)  # started: a task cancelled before its first step just ends
        still = await cancel_leftover_tasks(rounds=2, round_seconds=0.05)
        cancellations = stubborn.cancelling()
        stubborn.get_coro().close()  # type: ignore[union-attr]
        return {task.get_name() for task in still}, cancellations

    assert asyncio.run(command()) == ({"stubborn"}, 2)


async def test_stopping_the_job_loop_lets_the_run_under_way_finish() -> None:
    running, release = asyncio.Event(), asyncio.Event()
    finished: list[str] = []

    async def work() -> None:
        running.set()
        await release.wait()
        finished.append("run")

    jobs = InProcessJobQueue()
    jobs.start(work)
    await jobs.wake_email_delivery()
    await running.wait()
    stopping = asyncio.create_task(jobs.stop(grace=10))
    await asyncio.sleep(0)
    assert not stopping.done()
    release.set()
    await stopping
    assert finished == ["run"]


async def test_a_run_longer_than_the_grace_period_is_cancelled() -> None:
    running = asyncio.Event()
    outcome: list[str] = []

    async def work() -> None:
        running.set()
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            outcome.append("cancelled")
            raise

    jobs = InProcessJobQueue()
    jobs.start(work)
    await jobs.wake_email_delivery()
    await running.wait()
    await jobs.stop(grace=0.05)
    assert outcome == ["cancelled"]


async def test_an_idle_job_loop_stops_at_once_without_running_again() -> None:
    runs: list[str] = []

    async def work() -> None:
        runs.append("run")

    jobs = InProcessJobQueue(interval=3600)
    jobs.start(work)
    await jobs.stop(grace=3600)  # would wait an hour if the idle loop were not woken
    assert runs == []


async def test_a_timer_lets_its_run_finish_and_does_not_start_another() -> None:
    running, release = asyncio.Event(), asyncio.Event()
    runs: list[str] = []

    async def work() -> None:
        runs.append("started")
        running.set()
        await release.wait()
        runs.append("finished")

    timer = Every(0, work, "test")
    await timer.__aenter__()
    await running.wait()
    stopping = asyncio.create_task(timer.__aexit__(None, None, None))
    await asyncio.sleep(0)
    assert not stopping.done()
    release.set()
    await stopping
    assert runs == ["started", "finished"]
    assert timer.completed == 1
