"""Real clients against a live server: graphql-ws and Apollo Client (Node.js), Python gql.

The Node.js scripts in ``tests/clients`` (packages pinned in its package-lock.json;
``make test`` runs ``npm ci``) and ``examples/python-client/track.py`` run against a
real uvicorn serving the test app, with the Echo plugin's ``ping`` mutation and
``pinged`` subscription and events dispatched as in production.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from core.identity.demo import DEMO_PASSWORD
from schema.persisted import MemoryStore, persisted_queries, query_hash
from tests.support.echo import EchoPlugin
from tests.support.live import live_server, run_node

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = ROOT / "tests" / "clients"
PYTHON_EXAMPLE = ROOT / "examples" / "python-client"
TIMEOUT = 60
PING = "mutation Ping($input: PingInput!) { ping(input: $input) { message } }"

pytestmark = pytest.mark.cettar(extra_plugins=[EchoPlugin], dispatch_events=True)

KOTA = {
    "35.71": "Kediri",
    "35.72": "Blitar",
    "35.73": "Malang",
    "35.74": "Probolinggo",
    "35.75": "Pasuruan",
    "35.76": "Mojokerto",
    "35.77": "Madiun",
    "35.78": "Surabaya",
    "35.79": "Batu",
}


def regions_of(data: dict[str, Any]) -> dict[str, str]:
    return {node["code"]: node["name"] for node in data["regions"]["nodes"]}


# --- graphql-ws ----------------------------------------------------------------------------------


async def test_graphql_ws_authenticates_in_connection_init_and_receives_events(cettar_app):
    async with live_server(cettar_app.app) as base:
        result = await run_node(
            CLIENTS, "graphql-ws.mjs", f"{base}/graphql", "warga.budi", DEMO_PASSWORD, package="graphql-ws"
        )

    assert result["me"] == {"data": {"me": {"username": "warga.budi", "role": "CITIZEN"}}}
    event = result["event"]["data"]["pinged"]
    assert event["message"].startswith(result["nonce"] + "-")
    assert isinstance(event["eventId"], int)
    assert result["anonymousMe"] == {"data": {"me": None}}
    # A token the server does not know closes the connection during connection_init.
    assert result["badToken"]["error"]["code"] == 4403, result["badToken"]
    assert [c["code"] for c in result["badToken"]["closes"]] == [4403]
    # In the upgrade request's header: accepted, then closed with 4401, which graphql-ws
    # reports as such and does not retry (a refused upgrade would be a bare 1006, retried).
    assert result["badHeaderToken"]["error"] == {"code": 4401, "reason": "invalid token"}, result["badHeaderToken"]
    assert [c["code"] for c in result["badHeaderToken"]["closes"]] == [4401]


async def test_a_bad_token_in_the_upgrade_request_is_accepted_then_closed_with_4401(cettar_app):
    """Not a refused handshake (HTTP 403, which clients see only as an abnormal closure)."""
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosedError

    bad = {"Authorization": "Bearer cettar_this-token-does-not-exist-anywhere"}
    async with live_server(cettar_app.app) as base:
        url = base.replace("http", "ws", 1) + "/graphql"
        for offered, chosen in ((["graphql-transport-ws"], "graphql-transport-ws"), (None, None)):
            async with connect(url, subprotocols=offered, additional_headers=bad, open_timeout=5) as ws:
                assert ws.subprotocol == chosen
                with pytest.raises(ConnectionClosedError) as closed:
                    await asyncio.wait_for(ws.recv(), timeout=5)
            assert closed.value.rcvd is not None
            assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (4401, "invalid token")


# --- Apollo Client -------------------------------------------------------------------------------


async def test_apollo_client_queries_mutates_subscribes_and_uses_persisted_queries(cettar_app):
    async with live_server(cettar_app.app) as base:
        result = await run_node(
            CLIENTS, "apollo.mjs", f"{base}/graphql", "warga.budi", DEMO_PASSWORD, package="@apollo/client"
        )
    describe = json.dumps(result, indent=2)

    # A query, a mutation with variables, then a query with the token in the headers.
    assert result["regions"]["regions"]["totalCount"] == 9
    assert regions_of(result["regions"]) == KOTA
    assert result["regionsAgain"] == result["regions"]
    assert result["tokenIssued"] is True
    assert result["me"]["me"] == {"__typename": "Account", "username": "warga.budi", "role": "CITIZEN"}
    # A subscription over GraphQLWsLink, fed by mutations over HTTP.
    assert result["event"]["error"] is None
    assert result["event"]["data"]["pinged"]["message"].startswith(result["nonce"] + "-")
    assert result["overGet"] == result["regions"]

    # APQ as the client saw it: the hash alone, a miss, the full query; then the hash alone, a hit.
    requests = result["requests"]
    regions = [
        (r["method"], r["sentQuery"], r["status"], r["codes"]) for r in requests if r["operationName"] == "Regions"
    ]
    assert regions == [
        ("POST", False, 200, ["PERSISTED_QUERY_NOT_FOUND"]),
        ("POST", True, 200, []),
        ("POST", False, 200, []),
        ("GET", False, 200, []),
    ], describe
    sha = {r["sha256Hash"] for r in requests if r["operationName"] == "Regions"}
    assert len(sha) == 1, describe
    # Mutations are sent in full after the miss, every time: the server never stores them.
    logins = [(r["sentQuery"], r["codes"]) for r in requests if r["operationName"] == "Login"]
    assert logins == [(False, ["PERSISTED_QUERY_NOT_FOUND"]), (True, [])], describe

    # APQ as the server saw it: Regions and Me stored, the second Regions and the GET were hits.
    handler = persisted_queries(cettar_app.runtime)
    store = handler.store
    assert isinstance(store, MemoryStore)
    (regions_hash,) = sha
    stored = await store.get(regions_hash)
    assert stored is not None
    assert query_hash(stored) == regions_hash
    assert "regions(kind: KOTA)" in stored
    assert len(store) == 2  # Regions and Me; Login and Ping are mutations
    assert handler.stats.registered == 2
    assert handler.stats.hits == 2
    assert handler.stats.misses == sum(r["codes"] == ["PERSISTED_QUERY_NOT_FOUND"] for r in requests)
    assert handler.stats.mismatches == 0


# --- Python gql (examples/python-client) ---------------------------------------------------------


async def test_the_python_gql_example_signs_in_queries_and_subscribes(cettar_app):
    """``track.py`` follows the Echo plugin's ``pinged``; this test pings until the script has its event."""
    async with live_server(cettar_app.app) as base:
        env = {
            **os.environ,
            "CETTAR_URL": f"{base}/graphql",
            "CETTAR_USERNAME": "warga.siti",
            "CETTAR_PASSWORD": DEMO_PASSWORD,
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            str(PYTHON_EXAMPLE / "track.py"),
            "--json",
            "--subscribe",
            "subscription { pinged { eventId message } }",
            cwd=PYTHON_EXAMPLE,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        finished = asyncio.create_task(process.communicate())
        sent = 0
        async with httpx.AsyncClient(base_url=base) as http:
            while not finished.done() and sent < TIMEOUT * 5:
                await http.post("/graphql", json={"query": PING, "variables": {"input": {"message": f"ping {sent}"}}})
                sent += 1
                await asyncio.wait([finished], timeout=0.2)
        if not finished.done():
            process.kill()
            await finished
            pytest.fail(f"track.py had no event after {sent} pings", pytrace=False)
        stdout, stderr = finished.result()
    assert process.returncode == 0, f"track.py failed:\n{stderr.decode()}\n{stdout.decode()}"
    result = json.loads(stdout)

    assert result["me"] == {"username": "warga.siti", "role": "CITIZEN"}
    assert result["regions"]["totalCount"] == 9
    assert {n["code"]: n["name"] for n in result["regions"]["nodes"]} == KOTA
    (event,) = result["events"]
    assert event["pinged"]["message"].startswith("ping ")
