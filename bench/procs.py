"""Process plumbing for the benchmarks: the sink, service processes, readiness, memory."""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import socket
import sys
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import aiohttp

PG_ADMIN = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
READY_POLL = 0.1  # readiness polling of other processes, not synchronisation of our own


class Sink:
    def __init__(self, process: asyncio.subprocess.Process, port: int) -> None:
        self.process = process
        self.port = port

    @classmethod
    async def start(cls, target: int, *, accept_ms: float = 0) -> Sink:
        """`accept_ms`: how long the sink takes to accept each message (a remote relay)."""
        process = await asyncio.create_subprocess_exec(
            sys.executable, str(Path(__file__).parent / "sink.py"), str(target), str(accept_ms),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        assert process.stdout is not None
        line = (await process.stdout.readline()).decode().split()
        assert line[0] == "READY", line
        return cls(process, int(line[1]))

    def retarget(self, target: int) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{target}\n".encode())

    async def done(self, timeout: float) -> float:
        assert self.process.stdout is not None
        async with asyncio.timeout(timeout):
            line = (await self.process.stdout.readline()).decode().split()
        assert line and line[0] == "DONE", line
        return float(line[1])

    async def stop(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        await self.process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def start(args: list[str], env: dict[str, str], log: Path,
                python: list[str] | None = None) -> asyncio.subprocess.Process:
    """`invite-to-bill <args>` in a process of its own; `python` replaces the interpreter's
    command (say, `python -m cProfile -o file`)."""
    handle = log.open("wb")
    return await asyncio.create_subprocess_exec(*(python or [sys.executable]), "-m", "app",
                                                *args, env=env, stdout=handle, stderr=handle)


async def stop(processes: list[asyncio.subprocess.Process]) -> None:
    for process in processes:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            async with asyncio.timeout(15):
                await process.wait()
        except TimeoutError:
            process.kill()
            await process.wait()


async def wait_for_http(url: str, timeout: float = 30) -> None:
    async with asyncio.timeout(timeout), aiohttp.ClientSession() as http:
        while True:
            try:
                async with http.get(url) as answer:
                    if answer.status == 200:
                        return
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(READY_POLL)


async def wait_for_file_text(path: Path, text: str, timeout: float = 30) -> None:
    async with asyncio.timeout(timeout):
        while not path.exists() or text not in path.read_text(errors="replace"):
            await asyncio.sleep(READY_POLL)


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for {pid}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def create_pg_database() -> str:
    import asyncpg

    name = f"itb_bench_{secrets.token_hex(4)}"
    connection = await asyncpg.connect(PG_ADMIN)
    await connection.execute(f'CREATE DATABASE "{name}"')
    await connection.close()
    return PG_ADMIN.replace("postgresql://", "postgresql+asyncpg://").rsplit("/", 1)[0] + f"/{name}"


async def drop_pg_database(url: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(PG_ADMIN)
    await connection.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    await connection.close()


def run_like_the_processes(main: Coroutine[Any, Any, Any]) -> Any:
    """Run `main` on the event loop the service's processes run on (uvloop, app/cli.py)."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    return uvloop.run(main)
