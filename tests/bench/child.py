"""Simulated clouds in a child process, so that what Home Assistant's process measures is its own."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
import contextlib
import json
from pathlib import Path
import sys
from typing import Any

from tests.simulator.base import SimulatedCloud

ROOT = Path(__file__).resolve().parents[2]


@contextlib.asynccontextmanager
async def clouds_in_child(module: str, *args: str) -> AsyncIterator[dict[str, Any]]:
    """Run `python -m module *args`; yield the JSON line it prints; stop it after."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        module,
        *args,
        cwd=ROOT,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stdin is not None
    try:
        yield json.loads(await process.stdout.readline())
    finally:
        # The child serves until its standard input closes.
        process.stdin.close()
        try:
            async with asyncio.timeout(10):
                await process.wait()
        except TimeoutError:
            process.kill()
            await process.wait()


async def serve_until_parent_closes(clouds: dict[str, SimulatedCloud]) -> None:
    """The child's side: start `clouds`, print their URLs as one JSON line, serve, stop.

    The parent closes our standard input when it is done with us.
    """
    urls = {name: await cloud.start() for name, cloud in clouds.items()}
    print(json.dumps(urls), flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    for cloud in clouds.values():
        await cloud.stop()
