"""Prometheus metrics (``prometheus_client``): HTTP requests, the outbox backlog, and ``GET /metrics``.

The GraphQL layer adds its own (``schema.metrics``); everything lands in the
default registry. ``/metrics`` is served when ``settings.metrics_enabled``: in
development by default; in production only when ``CETTAR_METRICS_TOKEN`` is set
(scrapers then send ``Authorization: Bearer <token>``) or ``CETTAR_METRICS=true``
says so explicitly (then keep ``/metrics`` off the public network yourself).

Several worker processes (``cettar serve --workers N``) share their numbers
through ``PROMETHEUS_MULTIPROC_DIR``, prometheus_client's multiprocess mode:
``cettar serve`` points it at a fresh directory before the workers start
(``core.cli.prepare_multiprocess``), and whichever worker answers a scrape
reports the sum over all of them.
"""

from __future__ import annotations

import asyncio
import atexit
import hmac
import logging
import os
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge, Histogram, multiprocess
from prometheus_client.exposition import choose_encoder
from sqlalchemy import func, select
from sqlmodel import col
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.auth import bearer_token
from core.events.models import OutboxEvent

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from core.runtime import Runtime

log = logging.getLogger("cettar.metrics")

METRICS_PATH = "/metrics"
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
#: Label of requests no route matched (scanners' 404s must not grow the label set).
UNMATCHED = "unmatched"
BACKLOG_TIMEOUT_SECONDS = 2.0

HTTP_REQUESTS = Counter(
    "cettar_http_requests_total",
    "HTTP requests answered, by method, route (the route's path template) and status.",
    ["method", "route", "status"],
)
HTTP_DURATION = Histogram(
    "cettar_http_request_duration_seconds",
    "Seconds from receiving an HTTP request to finishing its response, by method and route.",
    ["method", "route"],
)
OUTBOX_BACKLOG = Gauge(
    "cettar_outbox_backlog",
    "Domain events in the outbox not yet delivered (counted when /metrics is scraped).",
    multiprocess_mode="mostrecent",
)


def multiprocess_dir() -> str | None:
    return os.environ.get(MULTIPROC_ENV) or None


def registry() -> CollectorRegistry:
    """What a scrape reports: this process, or every worker's files in multiprocess mode."""
    directory = multiprocess_dir()
    if directory is None:
        return REGISTRY
    collected = CollectorRegistry()
    multiprocess.MultiProcessCollector(collected, path=directory)  # type: ignore[no-untyped-call]
    return collected


_marked_for_exit: set[int] = set()


def _mark_dead_at_exit() -> None:
    """In multiprocess mode, drop this worker's live gauges (active subscriptions) when it exits."""
    pid = os.getpid()
    if multiprocess_dir() is None or pid in _marked_for_exit:
        return
    _marked_for_exit.add(pid)
    atexit.register(multiprocess.mark_process_dead, pid)


def authorized(runtime: Runtime, authorization: str | None) -> bool:
    """Whether a scrape may read ``/metrics``: always without a token, else with ``Bearer <token>``."""
    token = runtime.settings.metrics_token
    if token is None:
        return True
    given = bearer_token(authorization)
    return given is not None and hmac.compare_digest(given.encode(), token.get_secret_value().encode())


async def update_outbox_backlog(runtime: Runtime) -> None:
    """Count undelivered outbox events into :data:`OUTBOX_BACKLOG` (one indexed ``COUNT``)."""
    query = select(func.count()).select_from(OutboxEvent).where(col(OutboxEvent.processed_at).is_(None))
    try:
        async with asyncio.timeout(BACKLOG_TIMEOUT_SECONDS), runtime.database.engine.connect() as connection:
            backlog = await connection.scalar(query)
    except Exception as exc:  # the scrape still answers; the gauge keeps its last value
        log.warning("outbox backlog not counted: %s", type(exc).__name__)
        return
    OUTBOX_BACKLOG.set(backlog or 0)


async def metrics_response(runtime: Runtime, request: Request) -> Response:
    """The answer to ``GET /metrics``: the exposition format the scraper asked for, or 401/405."""
    if request.method not in ("GET", "HEAD"):
        return PlainTextResponse("method not allowed\n", status_code=405, headers={"Allow": "GET, HEAD"})
    if not authorized(runtime, request.headers.get("authorization")):
        return PlainTextResponse(
            "metrics need Authorization: Bearer <CETTAR_METRICS_TOKEN>\n",
            status_code=401,
            headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
        )
    await update_outbox_backlog(runtime)
    encode, content_type = choose_encoder(request.headers.get("accept", ""))
    return Response(encode(registry()), headers={"Content-Type": content_type})


def route_of(routes: Sequence[BaseRoute], scope: Scope) -> str:
    """The path template of the route ``scope`` goes to, or ``unmatched`` (bounded label values)."""
    for route in routes:
        match, _ = route.matches(scope)
        if match is not Match.NONE:
            return str(getattr(route, "path", UNMATCHED))
    return UNMATCHED


class MetricsMiddleware:
    """Counts and times every HTTP request by route and status; answers ``/metrics`` itself.

    It sits outside authentication, so a scraper's ``Authorization: Bearer
    <CETTAR_METRICS_TOKEN>`` is checked here and never taken for a session token.
    """

    def __init__(self, app: ASGIApp, runtime: Runtime, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        self.runtime = runtime
        self.routes = routes
        _mark_dead_at_exit()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"] if scope["method"] in METHODS else "other"
        started = time.perf_counter()
        status = 500  # unless a response starts: an exception escaped

        async def observed_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        if scope["path"] == METRICS_PATH:
            route = METRICS_PATH
            app: ASGIApp = await metrics_response(self.runtime, Request(scope, receive))
        else:
            route = route_of(self.routes, scope)
            app = self.app
        try:
            await app(scope, receive, observed_send)
        finally:
            HTTP_REQUESTS.labels(method=method, route=route, status=str(status)).inc()
            HTTP_DURATION.labels(method=method, route=route).observe(time.perf_counter() - started)


def instrument(app: Starlette, runtime: Runtime, routes: Sequence[BaseRoute]) -> None:
    """Add :class:`MetricsMiddleware` (and so ``/metrics``) when metrics are enabled."""
    if runtime.settings.metrics_enabled:
        app.add_middleware(MetricsMiddleware, runtime=runtime, routes=routes)
