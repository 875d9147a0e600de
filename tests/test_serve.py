"""`cettar serve` on a real uvicorn: what `make run` does, over real HTTP."""

from __future__ import annotations

import asyncio
import json
import urllib.request
from pathlib import Path

import httpx
import pytest
import uvicorn

from tests.support.echo import EchoPlugin
from tests.support.live import cettar_serve, free_port
from tests.support.waiting import wait_until


def post(url: str, query: str) -> dict:
    request = urllib.request.Request(
        url, data=json.dumps({"query": query}).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def test_serve_answers_graphql_over_http(tmp_path: Path):
    with cettar_serve(tmp_path) as served:
        answer = post(f"{served.base}/graphql", "{ regions(kind: KABUPATEN) { totalCount } }")
        assert answer == {"data": {"regions": {"totalCount": 29}}}


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
