"""`cettar serve` on a real uvicorn: what `make run` does, over real HTTP."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import time
import urllib.request
from pathlib import Path

import httpx
import pytest
import uvicorn

from tests.support.echo import EchoPlugin
from tests.support.live import free_port
from tests.support.waiting import wait_until
from tests.test_cli import CETTAR, cettar


def post(url: str, query: str) -> dict:
    request = urllib.request.Request(
        url, data=json.dumps({"query": query}).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def test_serve_answers_graphql_over_http(tmp_path: Path):
    env = {"CETTAR_DATABASE_URL": f"sqlite:///{tmp_path}/serve.db"}
    assert cettar("db", "upgrade", env=env, cwd=tmp_path).returncode == 0
    assert cettar("seed", env=env, cwd=tmp_path).returncode == 0
    port = free_port()
    environment = {**{k: v for k, v in os.environ.items() if not k.startswith("CETTAR_")}, **env}
    server = subprocess.Popen(
        [CETTAR, "serve", "--port", str(port)],
        cwd=tmp_path,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/readyz", timeout=2) as ready:
                    assert json.loads(ready.read())["status"] == "ok"
                break
            except OSError:
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                assert time.monotonic() < deadline, "server did not become ready in 30 s"
                time.sleep(0.2)
        answer = post(f"{base}/graphql", "{ regions(kind: KABUPATEN) { totalCount } }")
        assert answer == {"data": {"regions": {"totalCount": 29}}}
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.cettar(extra_plugins=[EchoPlugin], dispatch_events=True)
async def test_subscriptions_over_a_real_websocket(cettar_app):
    from websockets.asyncio.client import connect

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(cettar_app.app, host="127.0.0.1", port=port, lifespan="off", log_level="warning")
    )
    serving = asyncio.create_task(server.serve())
    try:
        await wait_until(lambda: server.started, what="server start")
        async with connect(f"ws://127.0.0.1:{port}/graphql", subprotocols=["graphql-transport-ws"]) as ws:
            assert ws.subprotocol == "graphql-transport-ws"
            await ws.send(json.dumps({"type": "connection_init"}))
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            await ws.send(
                json.dumps(
                    {"id": "s1", "type": "subscribe", "payload": {"query": "subscription { pinged { message } }"}}
                )
            )
            await wait_until(lambda: cettar_app.runtime.broker.subscriber_count, what="subscription")
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
                response = await http.post(
                    "/graphql", json={"query": 'mutation { ping(input: {message: "lewat jaringan"}) { message } }'}
                )
            assert response.json()["data"]["ping"]["message"] == "lewat jaringan"
            message = json.loads(await asyncio.wait_for(ws.recv(), timeout=10))
        assert message == {"id": "s1", "type": "next", "payload": {"data": {"pinged": {"message": "lewat jaringan"}}}}
    finally:
        server.should_exit = True
        await serving
