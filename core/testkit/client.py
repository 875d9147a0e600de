"""A GraphQL client over HTTP and graphql-transport-ws, acting as any principal."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import httpx
from starlette.types import ASGIApp, Receive, Scope, Send

from core.auth import SCOPE_KEY, Principal, Role
from core.identity.demo import DEMO_PASSWORD

BASE_URL = "http://cettar.test"
LOGIN = "mutation($username: String!, $password: String!) { login(username: $username, password: $password) { token } }"


@dataclass
class GraphQLResponse:
    status: int
    body: dict[str, Any]
    headers: httpx.Headers

    @property
    def data(self) -> Any:
        return self.body.get("data")

    @property
    def errors(self) -> list[dict[str, Any]]:
        return list(self.body.get("errors") or [])

    @property
    def codes(self) -> list[str]:
        return [e.get("extensions", {}).get("code", "") for e in self.errors]


class GraphQLError(AssertionError):
    """Raised by :meth:`GraphQLClient.execute` when the response has errors."""


def _with_principal(app: ASGIApp, principal: Principal | None) -> ASGIApp:
    """The test kit's way to act as someone: the principal travels in the ASGI scope."""
    if principal is None:
        return app

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        scope = {**scope, SCOPE_KEY: principal}
        await app(scope, receive, send)

    return wrapped


def _with_nulls(variables: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
    """``variables`` with ``null`` at each file's path, lists grown as needed (the multipart spec)."""
    result: dict[str, Any] = json.loads(json.dumps(variables))
    for path in files:
        steps = path.split(".")
        node: Any = result
        for index, step in enumerate(steps):
            key: Any = int(step) if isinstance(node, list) else step
            if isinstance(node, list):
                node.extend([None] * (key + 1 - len(node)))
            if index == len(steps) - 1:
                node[key] = None
                break
            if (node[key] if isinstance(node, list) else node.get(key)) is None:
                node[key] = [] if steps[index + 1].isdigit() else {}
            node = node[key]
    return result


@dataclass
class GraphQLClient:
    app: ASGIApp
    principal: Principal | None = None
    headers: dict[str, str] = field(default_factory=dict)
    path: str = "/graphql"

    def as_principal(self, principal: Principal | None) -> GraphQLClient:
        return replace(self, principal=principal)

    def as_role(self, role: Role, **fields: Any) -> GraphQLClient:
        """Act as a principal with ``role`` (and ``agency_id``, ``account_id``… if given)."""
        return self.as_principal(Principal(role=role, **fields))

    def with_headers(self, **headers: str) -> GraphQLClient:
        return replace(self, headers={**self.headers, **headers})

    def with_token(self, token: str) -> GraphQLClient:
        """Send ``Authorization: Bearer <token>``, as a real client does."""
        return replace(self, principal=None, headers={**self.headers, "Authorization": f"Bearer {token}"})

    async def login(self, username: str, password: str = DEMO_PASSWORD) -> GraphQLClient:
        """Sign in through the public ``login`` mutation; returns a client sending the token."""
        data = await self.execute(LOGIN, {"username": username, "password": password})
        return self.with_token(data["login"]["token"])

    def http(self) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=_with_principal(self.app, self.principal))
        return httpx.AsyncClient(transport=transport, base_url=BASE_URL, headers=self.headers)

    async def query(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        operation_name: str | None = None,
        language: str | None = None,
        headers: dict[str, str] | None = None,
        method: str = "POST",
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> GraphQLResponse:
        """Send an operation; ``files`` makes it a GraphQL multipart request (file uploads).

        ``files`` maps a variable path to ``(filename, content, content type)``:
        ``{"input.attachments.0": ("ktp.pdf", data, "application/pdf")}`` sends ``data``
        as ``$input.attachments[0]`` (the spec's ``operations``/``map``/file parts).
        """
        extra = dict(headers or {})
        if language:
            extra["Accept-Language"] = language
        async with self.http() as client:
            if files:
                operations: dict[str, Any] = {"query": query, "variables": _with_nulls(variables or {}, files)}
                if operation_name:
                    operations["operationName"] = operation_name
                file_map = {str(n): [f"variables.{path}"] for n, path in enumerate(files)}
                parts = {str(n): upload for n, upload in enumerate(files.values())}
                response = await client.post(
                    self.path,
                    data={"operations": json.dumps(operations), "map": json.dumps(file_map)},
                    files=parts,
                    headers=extra,
                )
            elif method == "GET":
                params = {"query": query}
                if variables is not None:
                    params["variables"] = json.dumps(variables)
                if operation_name:
                    params["operationName"] = operation_name
                response = await client.get(self.path, params=params, headers={"Accept": "application/json", **extra})
            else:
                payload: dict[str, Any] = {"query": query}
                if variables is not None:
                    payload["variables"] = variables
                if operation_name:
                    payload["operationName"] = operation_name
                response = await client.post(self.path, json=payload, headers=extra)
        try:
            body = response.json()
        except ValueError:
            body = {"errors": [{"message": response.text, "extensions": {"code": "NON_JSON_RESPONSE"}}]}
        return GraphQLResponse(response.status_code, body, response.headers)

    async def execute(self, query: str, variables: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        """The ``data`` of a response that must have no errors."""
        response = await self.query(query, variables, **kwargs)
        if response.errors:
            raise GraphQLError(json.dumps(response.errors, indent=2, ensure_ascii=False))
        return response.data

    @asynccontextmanager
    async def subscribe(self, query: str, variables: dict[str, Any] | None = None) -> AsyncIterator[Subscription]:
        """Open a graphql-transport-ws subscription; iterate ``await sub.next()``."""
        from httpx_ws import aconnect_ws
        from httpx_ws.transport import ASGIWebSocketTransport

        transport = ASGIWebSocketTransport(app=_with_principal(self.app, self.principal))
        async with (
            httpx.AsyncClient(transport=transport, base_url=BASE_URL, headers=self.headers) as client,
            aconnect_ws(self.path, client, subprotocols=["graphql-transport-ws"]) as ws,  # type: ignore[var-annotated]
        ):
            await ws.send_json({"type": "connection_init", "payload": {}})
            ack = await ws.receive_json(timeout=5)
            assert ack["type"] == "connection_ack", ack
            await ws.send_json(
                {"id": "1", "type": "subscribe", "payload": {"query": query, "variables": variables or {}}}
            )
            yield Subscription(ws)
            await ws.send_json({"id": "1", "type": "complete"})


@dataclass
class Subscription:
    ws: Any

    async def next(self, timeout: float = 5.0) -> GraphQLResponse:  # noqa: ASYNC109
        """The next ``next`` or ``error`` message as a response (waits at most ``timeout`` s)."""
        while True:
            message = await self.ws.receive_json(timeout=timeout)
            if message["type"] == "ping":
                await self.ws.send_json({"type": "pong"})
                continue
            if message["type"] == "next":
                return GraphQLResponse(200, message["payload"], httpx.Headers())
            if message["type"] == "error":
                return GraphQLResponse(200, {"errors": message["payload"]}, httpx.Headers())
            if message["type"] == "complete":
                raise StopAsyncIteration
