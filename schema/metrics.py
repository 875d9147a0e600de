"""Prometheus metrics of GraphQL operations, errors and subscriptions (see ``core.metrics``).

Label values are bounded:

- ``operation``: the operation's name; ``anonymous`` when it has none. Each
  worker process labels at most ``CETTAR_METRICS_MAX_OPERATIONS`` distinct
  names: the first ones it sees in documents that parse and validate. Any
  further name, any name of a document that does not parse or validate (until
  a valid one has admitted it), and any that is not a valid GraphQL name, is
  counted as ``other``. Clients that name their operations keep their own
  series; a client inventing names cannot grow the label set without bound,
  nor spend it with junk documents.
- ``type``: ``query``, ``mutation``, ``subscription``, or ``unknown`` when the
  document could not be parsed or the operation chosen.
- ``plugin``: the plugin owning the failing root field, ``none`` when no field
  is at fault (a parse or validation error); ``code``: the error's stable code.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

from prometheus_client import Counter, Gauge, Histogram
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from core.runtime import Runtime

ANONYMOUS = "anonymous"
OTHER = "other"
UNKNOWN = "unknown"
NO_PLUGIN = "none"
GRAPHQL_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,127}")

OPERATIONS = Counter(
    "cettar_graphql_operations_total",
    "GraphQL operations executed, by operation name, type and result (success or error).",
    ["operation", "type", "result"],
)
OPERATION_DURATION = Histogram(
    "cettar_graphql_operation_duration_seconds",
    "Seconds to execute a GraphQL query or mutation (commit included), by operation name and type.",
    ["operation", "type"],
)
ERRORS = Counter(
    "cettar_graphql_errors_total",
    "GraphQL errors sent to clients, by the plugin owning the failing field and the error code.",
    ["plugin", "code"],
)
ACTIVE_SUBSCRIPTIONS = Gauge(
    "cettar_graphql_subscriptions_active",
    "GraphQL subscriptions currently open.",
    multiprocess_mode="livesum",
)


class OperationNames:
    """Turns operation names into bounded label values (at most ``limit`` distinct names)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.known: set[str] = set()

    def label(self, name: str | None, *, admit: bool = True) -> str:
        """The label of ``name``; a name not yet known is admitted (while there is room) only if ``admit``."""
        if not name:
            return ANONYMOUS
        if name in self.known:
            return name
        if not admit or not GRAPHQL_NAME.fullmatch(name) or len(self.known) >= self.limit:
            return OTHER
        self.known.add(name)
        return name


def count_error(plugin: str | None, code: str) -> None:
    ERRORS.labels(plugin=plugin or NO_PLUGIN, code=code).inc()


def metrics_enabled(context: Any) -> bool:
    runtime = getattr(context, "runtime", None)
    return isinstance(runtime, Runtime) and runtime.settings.metrics_enabled


class MetricsExtension(SchemaExtension):
    """Counts and times each operation; tracks how many subscriptions are open."""

    def __init__(self, names: OperationNames) -> None:
        self.names = names
        self._subscribed = False
        self._validated = False

    def _operation_type(self) -> str:
        try:
            return self.execution_context.operation_type.value
        except Exception:  # no document, or no operation of that name in it
            return UNKNOWN

    def on_validate(self) -> Iterator[None]:
        yield
        # Reached only when the document parsed and an operation was chosen; after the
        # other validation hooks (the validation cache's too), the errors are known.
        self._validated = not self.execution_context.pre_execution_errors

    def on_execute(self) -> Iterator[None]:
        if not self._subscribed and self._operation_type() == OperationType.SUBSCRIPTION.value:
            self._subscribed = True
            ACTIVE_SUBSCRIPTIONS.inc()
        yield

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        failed = True
        try:
            yield
            failed = False
        finally:
            if self._subscribed:
                ACTIVE_SUBSCRIPTIONS.dec()
            self._record(started, failed)

    def _record(self, started: float, failed: bool) -> None:
        # Only a document that parsed and validated may admit a new name into the label set.
        operation = self.names.label(self.execution_context.operation_name, admit=self._validated)
        kind = self._operation_type()
        subscription = kind == OperationType.SUBSCRIPTION.value
        result = self.execution_context.result
        if failed or getattr(result, "errors", None) or (result is None and not subscription):
            outcome = "error"
        else:
            outcome = "success"
        OPERATIONS.labels(operation=operation, type=kind, result=outcome).inc()
        if not subscription:  # a subscription's time is its lifetime, not a latency
            OPERATION_DURATION.labels(operation=operation, type=kind).observe(time.perf_counter() - started)


def metrics_extensions(runtime: Runtime) -> list[Any]:
    """The schema extensions that feed ``/metrics``; none when metrics are off."""
    if not runtime.settings.metrics_enabled:
        return []
    names = OperationNames(runtime.settings.metrics_max_operations)
    return [lambda: MetricsExtension(names)]
