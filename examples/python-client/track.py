"""Sign in to CETTAR, read ``me`` and the kota of Jawa Timur, optionally follow a subscription.

A client written with the `gql` library (https://gql.readthedocs.io): HTTP through
httpx, subscriptions over WebSocket with the graphql-transport-ws protocol. See
README.md next to this file.

    python track.py                                   # warga.budi on http://127.0.0.1:8000/graphql
    python track.py --subscribe 'subscription { … }'  # then print the first event
    python track.py --json                            # one JSON object instead of text

Settings come from the environment: ``CETTAR_URL``, ``CETTAR_USERNAME``, ``CETTAR_PASSWORD``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from typing import Any

from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXAsyncTransport
from gql.transport.websockets import WebsocketsTransport

DEFAULT_URL = "http://127.0.0.1:8000/graphql"
DEMO_USERNAME = "warga.budi"
DEMO_PASSWORD = "cettar-demo-2026"  # the demo accounts' password (README "Demo accounts")

LOGIN = """
mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) { token expiresAt }
}
"""
ME = "query Me { me { username role } }"
REGIONS = """
query Regions($kind: RegionKind!, $first: Int) {
  regions(kind: $kind, first: $first) { totalCount nodes { code name } }
}
"""


def http_transport(url: str, token: str | None = None) -> HTTPXAsyncTransport:
    headers = {"Accept": "application/graphql-response+json, application/json;q=0.9", "Accept-Language": "en"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return HTTPXAsyncTransport(url=url, headers=headers, timeout=30)


def websocket_transport(url: str, token: str) -> WebsocketsTransport:
    """graphql-transport-ws on the same path; the token goes in ``connection_init``."""
    return WebsocketsTransport(
        url="ws" + url.removeprefix("http"),  # http→ws, https→wss
        init_payload={"Authorization": f"Bearer {token}"},
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
    )


async def sign_in(url: str, username: str, password: str) -> str:
    async with Client(transport=http_transport(url)) as session:
        result = await session.execute(
            GraphQLRequest(LOGIN, variable_values={"username": username, "password": password})
        )
    return str(result["login"]["token"])


async def track(url: str, username: str, password: str, subscription: str | None, events: int) -> dict[str, Any]:
    token = await sign_in(url, username, password)
    async with Client(transport=http_transport(url, token)) as session:
        me = (await session.execute(GraphQLRequest(ME)))["me"]
        kota = GraphQLRequest(REGIONS, variable_values={"kind": "KOTA", "first": 50})
        regions = (await session.execute(kota))["regions"]
    report: dict[str, Any] = {"me": me, "regions": regions}
    if subscription:
        received: list[Any] = []
        async with Client(transport=websocket_transport(url, token)) as ws:
            async for result in ws.subscribe(GraphQLRequest(subscription)):
                received.append(result)
                if len(received) >= events:
                    break
        report["events"] = received
    return report


def print_text(report: dict[str, Any]) -> None:
    me = report["me"]
    print(f"signed in as {me['username']} ({me['role']})")
    print(f"{report['regions']['totalCount']} kota in Jawa Timur:")
    for node in report["regions"]["nodes"]:
        print(f"  {node['code']}  {node['name']}")
    for event in report.get("events", []):
        print("event:", json.dumps(event, ensure_ascii=False))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default=os.environ.get("CETTAR_URL", DEFAULT_URL))
    parser.add_argument("--username", default=os.environ.get("CETTAR_USERNAME", DEMO_USERNAME))
    parser.add_argument("--password", default=os.environ.get("CETTAR_PASSWORD", DEMO_PASSWORD))
    parser.add_argument("--subscribe", metavar="DOCUMENT", help="a subscription to follow over WebSocket")
    parser.add_argument("--events", type=int, default=1, help="stop after this many events (default 1)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    try:
        report = asyncio.run(track(args.url, args.username, args.password, args.subscribe, args.events))
    except TransportQueryError as exc:
        for error in exc.errors or []:
            code = (error.get("extensions") or {}).get("code", "?")
            print(f"error {code}: {error.get('message')}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print_text(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
