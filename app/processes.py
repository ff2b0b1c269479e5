"""Process runners for the Procfile roles and for the all-in-one `serve`: they compose what
app/bootstrap.py builds with what app/background.py runs, and build nothing themselves."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator

from aiohttp import web

from app.background import in_process_cron, in_process_jobs, inbound_smtp
from app.bootstrap import Container, build, build_web_app, dev_mailbox_server
from app.settings import Settings
from app.shutdown import STOP_GRACE_SECONDS
from app.worker import GracefulWorker, make_worker

log = logging.getLogger("itb")


def _stop_event() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    return stop


@contextlib.asynccontextmanager
async def http_server(container: Container) -> AsyncIterator[web.AppRunner]:
    settings = container.settings
    runner = web.AppRunner(build_web_app(container), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, settings.http_host, settings.http_port)
    await site.start()
    log.info("http listening", extra={"url": f"http://{settings.http_host}:{settings.http_port}"})
    try:
        yield runner
    finally:
        await runner.cleanup()


async def web_process(settings: Settings) -> None:
    container = await build(settings)
    try:
        async with http_server(container):
            await _stop_event().wait()
    finally:
        await container.aclose()


async def serve(settings: Settings) -> None:
    """Everything in one process: web, the development mailbox, and the jobs (in-process
    without Redis; an arq worker in this process with Redis)."""
    async with contextlib.AsyncExitStack() as stack:
        if settings.uses_dev_mailbox:
            mailbox = dev_mailbox_server(settings)
            await stack.enter_async_context(mailbox)
            log.info("development mailbox listening", extra={"port": mailbox.port})
        container = await build(settings, in_process_jobs=settings.redis_url is None)
        stack.push_async_callback(container.aclose)
        await stack.enter_async_context(in_process_jobs(container))
        if settings.redis_url:
            arq_worker = make_worker(settings)
            task = asyncio.create_task(arq_worker.async_run(), name="itb-arq-worker")
            stack.push_async_callback(_stop_worker, arq_worker, task)
        else:  # the arq worker's cron jobs, done here
            await stack.enter_async_context(in_process_cron(container))
        await stack.enter_async_context(http_server(container))
        await stack.enter_async_context(inbound_smtp(container))
        print(f"invite-to-bill is serving at {settings.base_url}/ "
              f"(health: {settings.base_url}/healthz, mailbox: {settings.base_url}/dev/mail)",
              flush=True)
        await _stop_event().wait()


async def _stop_worker(arq_worker: GracefulWorker, task: asyncio.Task[None]) -> None:
    # The process's stop signal went to serve, not to arq.
    await arq_worker.finish_jobs_within(STOP_GRACE_SECONDS)
    await arq_worker.close()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def worker(settings: Settings) -> int:
    if not settings.redis_url:
        log.error("the worker needs ITB_REDIS_URL (without Redis, `serve` runs the jobs)")
        return 2
    arq_worker = make_worker(settings)
    try:
        await arq_worker.async_run()
    except asyncio.CancelledError:
        # arq ends a stop signal by cancelling its main task, which `async_run` passes on
        # (its synchronous `run` swallows it): a normal stop, not a failure.
        if asyncio.current_task().cancelling():
            raise
    finally:
        await arq_worker.close()  # the jobs' last marks, then the container
    return 0


async def smtp(settings: Settings) -> int:
    """The inbound SMTP server and the processing of what it receives. Without Redis this
    process also delivers the bot's replies; with Redis the workers do."""
    container = await build(settings, in_process_jobs=settings.redis_url is None)
    try:
        async with in_process_jobs(container), inbound_smtp(container) as server:
            print(f"invite-to-bill smtp is listening on {settings.inbound_host}:{server.port} "
                  f"for {settings.inbound_domain}", flush=True)
            await _stop_event().wait()
    finally:
        await container.aclose()
    return 0
