"""The ``/graphql`` endpoint: POST, GET and graphql-transport-ws over one view."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import strawberry
from cross_web import HTTPException
from graphql.error import GraphQLError
from sqlalchemy.exc import IntegrityError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.extensions import DisableIntrospection, ParserCache, SchemaExtension, ValidationCache
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.execution import ExecutionContext
from strawberry.types.execution import ExecutionResult as StrawberryExecutionResult
from strawberry.types.graphql import OperationType

from core.auth import ANONYMOUS, SCOPE_KEY
from core.db import UnitOfWork
from core.errors import CettarError, pick_language
from core.runtime import Runtime
from schema.context import Context, current_uow
from schema.errors import ErrorFormatter, format_result_errors

CACHE_SIZE = 512


class UnitOfWorkExtension(SchemaExtension):
    """Commits a mutation's single transaction only when no field failed."""

    async def on_operation(self) -> AsyncIterator[None]:
        context = self.execution_context.context
        if not isinstance(context, Context):
            yield
            return
        uow = UnitOfWork(context.runtime.database)
        token = current_uow.set(uow)
        yield
        result = self.execution_context.result
        try:
            failed = result is None or bool(getattr(result, "errors", None))
            if self.execution_context.operation_type is OperationType.MUTATION and not failed:
                try:
                    await uow.commit()
                except Exception as exc:
                    await uow.rollback()
                    result.data = None  # type: ignore[union-attr]
                    result.errors = [GraphQLError("commit failed", original_error=_as_error(exc))]  # type: ignore[union-attr]
                else:
                    context.runtime.dispatcher.wake()
            else:
                await uow.rollback()
        finally:
            await uow.close()
            with contextlib.suppress(ValueError):  # finalised in another context (a subscription's end)
                current_uow.reset(token)


def _as_error(exc: Exception) -> Exception:
    if isinstance(exc, IntegrityError):
        return CettarError("CONFLICT")
    return exc


class CettarSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        """Logging happens in :class:`ErrorFormatter`, which knows the plugin and request."""

    async def execute(self, *args: Any, **kwargs: Any) -> StrawberryExecutionResult:
        result = await super().execute(*args, **kwargs)
        # Errors raised before the operation started (a parse error from the parser
        # cache, say) never reach the ErrorFormatter extension.
        format_result_errors(result, kwargs.get("context_value", args[2] if len(args) > 2 else None))
        return result


def schema_extensions(runtime: Runtime) -> list[Any]:
    extensions: list[Any] = [
        ErrorFormatter,
        UnitOfWorkExtension,
        lambda: ParserCache(maxsize=CACHE_SIZE),
        lambda: ValidationCache(maxsize=CACHE_SIZE),
    ]
    if not runtime.settings.introspection_enabled:
        extensions.append(DisableIntrospection)
    return extensions


def request_id_of(request: Request | WebSocket) -> str:
    state = request.scope.get("state") or {}
    return str(state.get("request_id") or uuid.uuid4().hex)


class GraphQLView(GraphQL):
    def __init__(self, schema: strawberry.Schema, runtime: Runtime) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if runtime.settings.graphiql_enabled else None,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            connection_init_wait_timeout=timedelta(seconds=10),
            max_subscriptions_per_connection=20,
        )
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        try:
            response = await self.run(request)
        except HTTPException as exc:
            language = pick_language(request.headers.get("accept-language"))
            error = CettarError("BAD_REQUEST", detail=exc.reason)
            response = JSONResponse(
                {"errors": [{"message": error.message(language), "extensions": error.extensions}]},
                status_code=exc.status_code,
            )
        await response(scope, receive, send)

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:  # type: ignore[override]
        return Context(
            runtime=self.runtime,
            request=request,
            response=response,
            principal=request.scope.get(SCOPE_KEY) or ANONYMOUS,
            language=pick_language(request.headers.get("accept-language")),
            request_id=request_id_of(request),
        )
