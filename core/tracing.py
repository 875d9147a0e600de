"""OpenTelemetry tracing, on only when an OTLP endpoint is configured.

``CETTAR_OTEL_ENDPOINT`` (the base URL of a collector's OTLP/HTTP receiver,
e.g. ``http://otel-collector:4318``), or the standard
``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`` / ``OTEL_EXPORTER_OTLP_ENDPOINT``, turns
on the OpenTelemetry SDK with the OTLP/HTTP exporter. Each HTTP request or
WebSocket then gets a server span (OpenTelemetry's ASGI middleware, which also
continues a caller's ``traceparent``) carrying ``cettar.request_id``; the
GraphQL layer adds a child span per operation (``schema.tracing``). The other
``OTEL_*`` variables (``OTEL_SERVICE_NAME``, ``OTEL_EXPORTER_OTLP_HEADERS``,
``OTEL_RESOURCE_ATTRIBUTES``…) work as documented by OpenTelemetry. Spans are
exported in batches; the runtime's tracer provider is shut down when the runtime
is disposed (the app's shutdown), which exports the last ones.

Without an endpoint nothing of OpenTelemetry is even imported.
"""

from __future__ import annotations

import asyncio
import os
from functools import partial
from typing import TYPE_CHECKING, Any

from core import __version__
from core.config import Settings

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from core.runtime import Runtime

#: ``runtime.state`` key of the tracer provider (``None``: tracing is off). Tests may put their own there.
STATE_KEY = "tracer_provider"
TRACES_PATH = "/v1/traces"
REQUEST_ID_ATTRIBUTE = "cettar.request_id"
STANDARD_ENDPOINTS = ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT")
#: Not traced: probes and scrapes (regular expressions searched in the URL).
EXCLUDED_URLS = r"/healthz$,/readyz$,/metrics$"
#: Span attributes that hold the URL; their query string (a GET operation and its variables) is dropped.
URL_ATTRIBUTES = ("http.url", "url.full", "http.target")


def endpoint(settings: Settings) -> str | None:
    """Where traces go: ``CETTAR_OTEL_ENDPOINT``, else a standard ``OTEL_EXPORTER_OTLP_*`` variable."""
    if settings.otel_endpoint:
        return settings.otel_endpoint
    for name in STANDARD_ENDPOINTS:
        if os.environ.get(name):
            return os.environ[name]
    return None


def traces_url(base: str) -> str:
    """The OTLP/HTTP traces URL for a collector's base URL (``…/v1/traces`` appended once)."""
    base = base.rstrip("/")
    return base if base.endswith(TRACES_PATH) else base + TRACES_PATH


def _build_provider(settings: Settings) -> Any:
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    # Our own setting names the base URL; the standard variables the exporter reads itself.
    exporter = OTLPSpanExporter(endpoint=traces_url(settings.otel_endpoint)) if settings.otel_endpoint else None
    provider = TracerProvider(resource=Resource.create({"service.name": "cettar", "service.version": __version__}))
    provider.add_span_processor(BatchSpanProcessor(exporter or OTLPSpanExporter()))
    return provider


def tracer_provider(runtime: Runtime) -> Any:
    """This runtime's ``TracerProvider``, made on first use and shut down when the runtime is
    disposed; ``None`` when tracing is off."""
    if STATE_KEY not in runtime.state:
        provider = _build_provider(runtime.settings) if endpoint(runtime.settings) else None
        runtime.state[STATE_KEY] = provider
        if provider is not None:
            runtime.on_dispose.append(partial(shutdown, provider))
    return runtime.state[STATE_KEY]


async def shutdown(provider: Any) -> None:
    """Export the spans ``provider`` still holds, then stop it (in a thread: exporting blocks)."""
    await asyncio.to_thread(provider.shutdown)


def _on_server_span(span: Any, scope: dict[str, Any]) -> None:
    """Name the request on its server span; keep query strings (operations, variables) out of it."""
    request_id = (scope.get("state") or {}).get("request_id")
    if request_id:
        span.set_attribute(REQUEST_ID_ATTRIBUTE, request_id)
    attributes = getattr(span, "attributes", None) or {}
    for name in URL_ATTRIBUTES:
        value = attributes.get(name)
        if isinstance(value, str) and "?" in value:
            span.set_attribute(name, value.partition("?")[0])
    if attributes.get("url.query"):
        span.set_attribute("url.query", "")


def instrument(app: Starlette, runtime: Runtime) -> None:
    """Wrap the app in OpenTelemetry's ASGI middleware when tracing is on (inside the request-id middleware)."""
    provider = tracer_provider(runtime)
    if provider is None:
        return
    from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware

    app.add_middleware(
        OpenTelemetryMiddleware,
        tracer_provider=provider,
        excluded_urls=EXCLUDED_URLS,
        server_request_hook=_on_server_span,
        exclude_spans=["receive", "send"],
    )
