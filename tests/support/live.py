"""A live server for tests that drive CETTAR with real tools (Node.js clients, a browser, audits)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
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


@dataclass
class ServedProcess:
    base: str
    process: subprocess.Popen[str]
    output: str = ""


@contextmanager
def cettar_serve(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> Iterator[ServedProcess]:
    """``cettar db upgrade``, ``seed`` and ``serve ARGS`` on a fresh SQLite file, as a user runs them.

    Yields once ``/readyz`` answers; on exit stops the server and keeps its output.
    """
    from tests.test_cli import CETTAR, cettar

    settings = {"CETTAR_DATABASE_URL": f"sqlite:///{tmp_path}/serve.db", **(env or {})}
    assert cettar("db", "upgrade", env=settings, cwd=tmp_path).returncode == 0
    assert cettar("seed", env=settings, cwd=tmp_path).returncode == 0
    port = free_port()
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("CETTAR_", "PROMETHEUS_"))}
    process = subprocess.Popen(
        [CETTAR, "serve", "--port", str(port), *args],
        cwd=tmp_path,
        env={**inherited, **settings},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    served = ServedProcess(f"http://127.0.0.1:{port}", process)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{served.base}/readyz", timeout=2) as ready:
                    assert json.loads(ready.read())["status"] == "ok"
                break
            except OSError:
                assert process.poll() is None, process.stdout.read() if process.stdout else ""
                assert time.monotonic() < deadline, f"server did not become ready in {timeout} s"
                time.sleep(0.2)
        yield served
    finally:
        process.terminate()
        served.output, _ = process.communicate(timeout=20)


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
