"""The ASGI application: health checks, request ids, authentication, plugin routes, event dispatch."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket

from core import metrics, migrate, tracing
from core.auth import SCOPE_KEY, bearer_token
from core.errors import CettarError, LimitExceeded, error_body, pick_language
from core.identity.credentials import principal_for_token
from core.logs import configure_logging, request_id_var
from core.redaction import install_redaction
from core.runtime import Runtime

log = logging.getLogger("cettar.app")
MAX_BODY_BYTES = 10 * 1024 * 1024
#: The WebSocket subprotocol of ``/graphql`` (graphql-ws's), chosen when refusing a socket.
GRAPHQL_TRANSPORT_WS = "graphql-transport-ws"
#: Close code of a socket whose upgrade request carried a bad token (graphql-ws: Unauthorized, not retried).
CLOSE_INVALID_TOKEN = 4401


def _language(scope: Scope) -> str:
    return pick_language(Headers(scope=scope).get("accept-language"))


class RequestIdMiddleware:
    """Gives every request an id (``X-Request-ID``, or a new one) and echoes it back.

    The id is also in ``core.logs.request_id_var`` while the request is served,
    so every log line written for it (uvicorn's access line included) carries it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if 0 < len(incoming) <= 64 and incoming.isprintable() else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        token = request_id_var.set(request_id)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id_var.reset(token)


class BodyTooLarge(Exception):
    """Raised into the app reading a body (sent without ``Content-Length``) that grew over the limit."""


class BodySizeLimitMiddleware:
    """Refuses request bodies over ``limit`` bytes (``CETTAR_MAX_BODY_MIB``) with 413
    ``PAYLOAD_TOO_LARGE``, before reading them all."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    def _refusal(self, scope: Scope) -> JSONResponse:
        error = LimitExceeded(
            "PAYLOAD_TOO_LARGE", limit="bodyBytes", max=self.limit, max_mib=f"{self.limit / (1024 * 1024):g}"
        )
        return JSONResponse(error_body(error, _language(scope)), status_code=413)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await self._refusal(scope)(scope, receive, send)
            return
        received = 0
        started = False

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, watched)
        except BodyTooLarge:
            if started:
                raise
            await self._refusal(scope)(scope, receive, send)


class AuthenticationMiddleware:
    """Turns ``Authorization: Bearer <token>`` into the request's principal.

    No header: the request is anonymous. A token that is unknown, expired or
    revoked is refused outright (401 ``INVALID_TOKEN``) rather than silently
    downgraded to anonymous, so a client knows to sign in again. A WebSocket
    upgrade with such a token is accepted and at once closed with 4401.
    """

    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        header = dict(scope.get("headers") or []).get(b"authorization")
        if header is None:
            await self.app(scope, receive, send)
            return
        token = bearer_token(header)
        principal = await principal_for_token(self.runtime, token) if token else None
        if principal is None:
            await self._refuse(scope, receive, send)
            return
        await self.app({**scope, SCOPE_KEY: principal}, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            # Closed before the handshake, a socket reaches the client as a bare HTTP 403,
            # which graphql-ws reports as an abnormal closure (1006) and retries. Accepted
            # (with the subprotocol it asked for) and then closed, the client sees 4401.
            websocket = WebSocket(scope, receive, send)
            offered = scope.get("subprotocols") or []
            await websocket.accept(subprotocol=GRAPHQL_TRANSPORT_WS if GRAPHQL_TRANSPORT_WS in offered else None)
            await websocket.close(CLOSE_INVALID_TOKEN, "invalid token")
            return
        response = JSONResponse(
            error_body(CettarError("INVALID_TOKEN"), _language(scope)),
            status_code=401,
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
        await response(scope, receive, send)


async def healthz(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    runtime: Runtime = request.app.state.runtime
    try:
        await runtime.database.ping()
        applied, heads = await migrate.current_heads(runtime)
    except Exception as exc:
        return JSONResponse({"status": "unavailable", "database": type(exc).__name__}, status_code=503)
    if applied != heads:
        return JSONResponse(
            {"status": "unavailable", "migrations": {"applied": sorted(applied), "expected": sorted(heads)}},
            status_code=503,
        )
    return JSONResponse({"status": "ok", "migrations": sorted(heads)})


def create_app(runtime: Runtime | None = None, *, dispatch_events: bool = True) -> Starlette:
    """Build the app for ``runtime`` (by default: from the environment)."""
    runtime = runtime or Runtime.create()
    install_redaction()
    routes: list[BaseRoute] = [Route("/healthz", healthz), Route("/readyz", readyz)]
    for plugin, contributed in runtime.plugins.call("cettar_routes", runtime=runtime):
        for route in contributed or []:
            path = getattr(route, "path", repr(route))
            if path not in plugin.contributions.routes:
                plugin.contributions.routes.append(path)
            routes.append(route)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        stop = asyncio.Event()
        task: asyncio.Task[Any] | None = None
        await runtime.plugins.acall("cettar_startup", runtime=runtime)
        if dispatch_events:
            task = asyncio.create_task(runtime.dispatcher.run(stop, runtime.settings.event_poll_interval))
        try:
            yield
        finally:
            stop.set()
            if task is not None:
                await task
            await runtime.plugins.acall("cettar_shutdown", runtime=runtime)
            await runtime.dispose()

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.runtime = runtime
    app.add_middleware(AuthenticationMiddleware, runtime=runtime)
    app.add_middleware(BodySizeLimitMiddleware, limit=int(runtime.settings.max_body_mib * 1024 * 1024))
    metrics.instrument(app, runtime, routes)  # /metrics and HTTP metrics, when enabled
    tracing.instrument(app, runtime)  # OpenTelemetry server spans, when an endpoint is configured
    app.add_middleware(RequestIdMiddleware)
    if runtime.settings.cors_origins:
        # Outermost: a preflight is answered before anything else, and every answer (an error
        # included) carries the headers. Bearer tokens, never cookies: no credentials mode.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=runtime.settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "Accept", "Accept-Language"],
            expose_headers=["X-Request-ID", "Retry-After"],
            max_age=600,
        )
    return app


def app_from_environment() -> Starlette:
    """Factory for ``uvicorn --factory`` (used by ``cettar serve``)."""
    runtime = Runtime.create()
    configure_logging(runtime.settings)
    return create_app(runtime)


__all__ = ["app_from_environment", "create_app"]
