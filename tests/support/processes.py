"""Running the command line in a real process; free ports."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from pathlib import Path

import pytest

from tests.support.world import TEST_KEY


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def cli_env(tmp_path: Path, empty_db_url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ITB_")}
    env.update(ITB_DATABASE_URL=empty_db_url, ITB_SECRET_KEYS=TEST_KEY, ITB_ENV="test",
               ITB_VAR_DIR=str(tmp_path / "var"), ITB_LOG_LEVEL="WARNING")
    return env


async def run(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "app", *args, env=env, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, stdin=asyncio.subprocess.DEVNULL)
    async with asyncio.timeout(120):
        out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()
