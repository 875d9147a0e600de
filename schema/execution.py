"""Schema-level execution: the schema class every CETTAR schema uses, its executor and extensions.

:class:`CettarSchema` formats every error of a result (:mod:`schema.errors`) and
tells a request error (the document does not parse or validate, no operation can
be chosen, a variable does not coerce) from an operation that started executing:
the first comes back as a :class:`RequestErrorResult`, which the HTTP view
(:mod:`schema.http`) serves without ``data``.
"""

from __future__ import annotations

import dataclasses
from contextvars import ContextVar
from typing import Any

import strawberry
from graphql import DocumentNode, GraphQLSchema
from graphql.error import GraphQLError
from strawberry.extensions import DisableIntrospection, ValidationCache
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.execution import ExecutionContext
from strawberry.types.execution import ExecutionResult as StrawberryExecutionResult

from core.runtime import Runtime
from schema.errors import ErrorFormatter, format_result_errors
from schema.limits import limit_extensions, limits_of, refuse_costly, refuse_variables, with_timeout
from schema.metrics import metrics_extensions
from schema.tracing import tracing_extensions
from schema.transactions import UnitOfWorkExtension

CACHE_SIZE = 512

#: Whether the running operation got past GetOperation() and CoerceVariableValues().
_execution_started: ContextVar[bool] = ContextVar("cettar_execution_started", default=False)
#: The parsed document of the operation :meth:`CettarSchema.execute` last ran in this task,
#: once it reached the executor (``None`` until then); read with :func:`executed_document`.
_executed_document: ContextVar[DocumentNode | None] = ContextVar("cettar_executed_document", default=None)


class CettarExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor; notes that execution started (graphql-core builds it only
    once the operation is chosen and its variables are coerced), and keeps the document
    it was built for (:func:`executed_document`). It refuses what the query limits
    (:mod:`schema.limits`) can judge only with the variables — a NUL character, the cost —
    before anything executes, and stops an execution that outlasts the timeout."""

    @classmethod
    def build(
        cls,
        schema: GraphQLSchema,
        document: DocumentNode,
        root_value: Any = None,
        context_value: Any = None,
        raw_variable_values: dict[str, Any] | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        _executed_document.set(document)
        limits = limits_of(context_value)
        if limits is not None and (refused := refuse_variables(raw_variable_values)):
            return refused
        executor = super().build(schema, document, root_value, context_value, raw_variable_values, *args, **kwargs)
        if limits is None or isinstance(executor, list):
            return executor
        return (
            refuse_costly(
                schema, executor.operation, executor.fragment_definitions, executor.variable_values.coerced, limits
            )
            or executor
        )

    def execute_operation(self, serially: bool | None = None) -> Any:
        _execution_started.set(True)
        result = super().execute_operation(serially)
        limits = limits_of(self.context_value)
        if limits is None or not self.is_awaitable(result):
            return result
        return with_timeout(result, limits.timeout_seconds, self._timed_out)

    def _timed_out(self, error: GraphQLError) -> Any:
        self.collected_errors.add(error, None)
        return self.build_response(None)


@dataclasses.dataclass
class RequestErrorResult(StrawberryExecutionResult):
    """The result of an operation that never started executing: a GraphQL request
    error (the document does not parse or validate, no operation can be chosen, or a
    variable does not coerce). Served as ``application/graphql-response+json`` it has
    no ``data`` entry and status 400."""


class CettarSchema(strawberry.Schema):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("execution_context_class", CettarExecutor)
        super().__init__(*args, **kwargs)

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        """Logging happens in :class:`ErrorFormatter`, which knows the plugin and request."""

    async def execute(self, *args: Any, **kwargs: Any) -> StrawberryExecutionResult:
        _executed_document.set(None)  # not reset: the caller reads it once this returns
        token = _execution_started.set(False)
        try:
            result = await super().execute(*args, **kwargs)
            started = _execution_started.get()
        finally:
            _execution_started.reset(token)
        # Errors raised before the operation started (a parse error from the parser
        # cache, say) never reach the ErrorFormatter extension.
        format_result_errors(result, kwargs.get("context_value", args[2] if len(args) > 2 else None))
        if not started and result.errors and result.data is None:
            return RequestErrorResult(data=None, errors=result.errors, extensions=result.extensions)
        return result


def executed_document() -> DocumentNode | None:
    """The document (as strawberry parsed it) of the operation :meth:`CettarSchema.execute` last ran
    in the current task, when that operation reached execution; else ``None``."""
    return _executed_document.get()


def schema_extensions(runtime: Runtime) -> list[Any]:
    extensions: list[Any] = [
        ErrorFormatter,
        *tracing_extensions(runtime),  # a span per operation, when tracing is configured
        *metrics_extensions(runtime),  # /metrics: operations, latency, subscriptions
        UnitOfWorkExtension,
        *limit_extensions(runtime.settings),  # parsing within the token limit (cached), limit rules
        lambda: ValidationCache(maxsize=CACHE_SIZE),
    ]
    if not runtime.settings.introspection_enabled:
        extensions.append(DisableIntrospection)
    return extensions
