"""A span per GraphQL operation (strawberry's ``OpenTelemetryExtension``), when tracing is on.

The operation span is a child of the request's server span (``core.tracing``)
and carries ``cettar.request_id`` and the operation's type. What could hold
personal data stays out of traces, as it stays out of logs: the document is
recorded redacted (``core.redaction.redact``) and resolver arguments not at all.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from core import tracing
from core.redaction import redact
from core.runtime import Runtime


def tracing_extensions(runtime: Runtime) -> list[Any]:
    """The schema extensions that trace operations; none (and no OpenTelemetry import) when tracing is off."""
    provider = tracing.tracer_provider(runtime)
    if provider is None:
        return []
    from opentelemetry.trace import SpanKind
    from strawberry.extensions import LifecycleStep
    from strawberry.extensions.tracing import OpenTelemetryExtension

    class CettarTracingExtension(OpenTelemetryExtension):
        def on_operation(self) -> Generator[None, None, None]:
            context = self.execution_context
            name = context.operation_name
            span = self._tracer.start_span(f"GraphQL {name}" if name else "GraphQL operation", kind=SpanKind.INTERNAL)
            self._span_holder[LifecycleStep.OPERATION] = span
            span.set_attribute("component", "graphql")
            request_id = getattr(context.context, "request_id", None)
            if request_id:
                span.set_attribute(tracing.REQUEST_ID_ATTRIBUTE, request_id)
            if context.query:
                span.set_attribute("graphql.document", redact(context.query))
            try:
                yield
            finally:
                if context.operation_name:
                    span.set_attribute("graphql.operation.name", context.operation_name)
                    if not name:
                        span.update_name(f"GraphQL {context.operation_name}")
                try:
                    span.set_attribute("graphql.operation.type", context.operation_type.value)
                except Exception:  # no document, or no operation of that name in it
                    span.set_attribute("graphql.operation.type", "unknown")
                errors = getattr(context.result, "errors", None)
                if errors:
                    span.set_attribute("graphql.errors", len(errors))
                span.end()

    def without_arguments(_args: dict[str, Any], _info: Any) -> dict[str, Any]:
        return {}

    return [lambda: CettarTracingExtension(arg_filter=without_arguments, tracer_provider=provider)]
