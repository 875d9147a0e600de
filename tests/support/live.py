"""A live server for tests that drive CETTAR with real tools (Node.js clients, a browser, audits)."""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from tests.support.waiting import wait_until


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def live_server(app: Any) -> AsyncIterator[str]:
    """Serve ``app`` (already started) on a real uvicorn on a free port; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_level="warning"))
    serving = asyncio.create_task(server.serve())
    try:
        await wait_until(lambda: server.started, what="server start")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await serving


def node_command(folder: Path, script: str, *args: str, package: str) -> list[str]:
    """``node folder/script args…``; fails (never skips) saying how to install what is missing."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "Node.js (node) is not on PATH; these tests need Node.js 20+ (apt-get install nodejs npm)", pytrace=False
        )
    if not (folder / "node_modules" / package / "package.json").is_file():
        pytest.fail(f"{package} is not installed: run `npm ci --prefix {folder}` (`make test` does it)", pytrace=False)
    return [node, str(folder / script), *args]


async def run_node(folder: Path, script: str, *args: str, package: str, timeout: float = 120) -> Any:  # noqa: ASYNC109
    """Run a Node.js script that prints JSON on standard output; returns the parsed JSON."""
    process = await asyncio.create_subprocess_exec(
        *node_command(folder, script, *args, package=package),
        cwd=folder,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=timeout)
    except TimeoutError:
        process.kill()
        await process.wait()
        pytest.fail(f"{script} did not finish in {timeout} s", pytrace=False)
    assert process.returncode == 0, f"{script} failed:\n{stderr.decode()}\n{stdout.decode()}"
    return json.loads(stdout)
