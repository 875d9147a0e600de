"""The ``/graphql`` endpoint: POST, GET and graphql-transport-ws over one view.

Media types and status codes follow GraphQL over HTTP (:mod:`schema.http_negotiation`);
the schema and how it executes an operation are :mod:`schema.execution`'s, and a
WebSocket's sign-in is :mod:`schema.authentication`'s.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import strawberry
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.execution import ExecutionResult as StrawberryExecutionResult
from strawberry.types.unset import UnsetType

from core.auth import ANONYMOUS, SCOPE_KEY, bearer_token
from core.errors import CettarError, error_body, pick_language
from core.runtime import Runtime
from schema.authentication import TokenCheckingHandler, authenticate_connection
from schema.context import Context
from schema.errors import format_result_errors
from schema.execution import RequestErrorResult, executed_document
from schema.graphiql import graphiql_page
from schema.http_negotiation import CONTENT_TYPES, GRAPHQL_RESPONSE_JSON, JSON, MediaType, negotiate, response_status
from schema.limits import RequestRefused, check_batch
from schema.persisted import PersistedQueryError, persisted_queries

#: What a GET answer of ``/graphql`` depends on besides its URL: a cache in front keys on these too.
VARY = "Accept, Accept-Language, Authorization"
#: An APQ protocol answer (not found, not supported, hash mismatch) says nothing lasting about
#: its URL: a cache must not keep it, or the query registered a moment later would never be seen.
NO_STORE_APQ_ANSWER = "private, no-cache, must-revalidate"
#: ``scope["state"]`` key of the media type negotiated for the request (``None``: nothing served is acceptable).
MEDIA_TYPE_STATE_KEY = "cettar_media_type"


def request_id_of(request: Request | WebSocket) -> str:
    state = request.scope.get("state") or {}
    return str(state.get("request_id") or uuid.uuid4().hex)


class GraphQLView(GraphQL):
    graphql_transport_ws_handler_class = TokenCheckingHandler

    def __init__(self, schema: strawberry.Schema, runtime: Runtime) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if runtime.settings.graphiql_enabled else None,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            connection_init_wait_timeout=timedelta(seconds=10),
            max_subscriptions_per_connection=20,
            # GraphQL multipart requests (attachments, `schema.Upload`). No CSRF exposure: a
            # request acts as someone only with an `Authorization` header, which no form can send.
            multipart_uploads_enabled=True,
            # Browser pages on these origins may also open a WebSocket (CORS covers only HTTP).
            allowed_origins=runtime.settings.cors_origins,
        )
        self.runtime = runtime
        self.persisted_queries = persisted_queries(runtime)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        accepted = accepted_media_type(request)
        try:
            if accepted is None and not self.should_render_graphql_ide(self.request_adapter_class(request)):
                raise HTTPException(
                    406, f"Accept names no media type served here: use {GRAPHQL_RESPONSE_JSON} or {JSON}"
                )
            response = await self.run(request)
        except HTTPException as exc:
            response = _error_response(request, exc, accepted or JSON)
        if request.method in ("GET", "HEAD"):
            response.headers.add_vary_header(VARY)
        await response(scope, receive, send)

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL from our own origin, with the example operations as tabs (:mod:`schema.graphiql`)."""
        return graphiql_page(request, self.runtime)

    def _validate_batch_request(self, request_data: list[Any], protocol: Any) -> None:
        """A JSON array of operations: refused unless ``CETTAR_BATCHING`` is on, and capped (:mod:`schema.limits`)."""
        check_batch(request_data, self.runtime.settings)
        if transport := self._get_stream_transport(protocol):
            raise HTTPException(400, transport.batching_error)

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData | list[GraphQLRequestData]:
        data = await super().parse_http_body(request)
        for operation in data if isinstance(data, list) else [data]:
            if not isinstance(operation.operation_name, str | None):
                raise HTTPException(
                    400, "The GraphQL operation's `operationName` must be a string or null, if provided."
                )
        return data

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Any,
        root_value: Any,
        request_data: GraphQLRequestData,
    ) -> StrawberryExecutionResult:
        try:  # automatic persisted queries (schema.persisted)
            persisted = await self.persisted_queries.resolve(request_data)
        except PersistedQueryError as exc:
            if exc.status:
                sub_response.status_code = exc.status
            sub_response.headers["Cache-Control"] = NO_STORE_APQ_ANSWER
            refused = RequestErrorResult(data=None, errors=[exc.as_graphql_error()])
            format_result_errors(refused, context)
            return refused
        try:
            result = await super().execute_single(
                request=request,
                request_adapter=request_adapter,
                sub_response=sub_response,
                context=context,
                root_value=root_value,
                request_data=persisted.request_data,
            )
        except HTTPException as exc:
            # Only GET refuses an operation type (a mutation): 405, and POST is allowed.
            if isinstance(exc.__cause__, InvalidOperationTypeError):
                raise HTTPException(405, exc.reason) from exc.__cause__
            raise
        if persisted.register and not isinstance(result, RequestErrorResult):
            await self.persisted_queries.register(*persisted.register, document=executed_document())
        return result

    def should_render_graphql_ide(self, request: Any) -> bool:
        # A GET that carries only a persisted query's hash (no `query`) is a GraphQL request.
        return super().should_render_graphql_ide(request) and "extensions" not in request.query_params

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        sub_response.media_type = media_type_of(request)
        return sub_response

    async def process_result(self, request: Request, result: StrawberryExecutionResult) -> GraphQLHTTPResponse:
        body = await super().process_result(request, result)
        if isinstance(result, RequestErrorResult) and media_type_of(request) == GRAPHQL_RESPONSE_JSON:
            body.pop("data", None)
        return body

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Response
    ) -> Response:
        media_type: MediaType = GRAPHQL_RESPONSE_JSON if sub_response.media_type == GRAPHQL_RESPONSE_JSON else JSON
        response = super().create_response(response_data, sub_response)
        response.headers["content-type"] = CONTENT_TYPES[media_type]
        if not sub_response.status_code and isinstance(response_data, dict):
            response.status_code = response_status(media_type, response_data)
        return response

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:  # type: ignore[override]
        return Context(
            runtime=self.runtime,
            request=request,
            response=response,
            principal=request.scope.get(SCOPE_KEY) or ANONYMOUS,
            language=pick_language(request.headers.get("accept-language")),
            request_id=request_id_of(request),
            # A socket signed in by its upgrade request's header keeps that token for re-checks.
            bearer_token=bearer_token(request.headers.get("authorization")) if isinstance(request, WebSocket) else None,
        )

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:  # type: ignore[override]
        """A WebSocket may authenticate in ``connection_init`` (:func:`schema.authentication.authenticate_connection`)."""
        return await authenticate_connection(context)


def accepted_media_type(request: Request | WebSocket) -> MediaType | None:
    """The served media type ``Accept`` asks for; negotiated once per request, kept in ``scope["state"]``."""
    state = request.scope.setdefault("state", {})
    if MEDIA_TYPE_STATE_KEY not in state:
        state[MEDIA_TYPE_STATE_KEY] = negotiate(request.headers.get("accept"))
    accepted: MediaType | None = state[MEDIA_TYPE_STATE_KEY]
    return accepted


def media_type_of(request: Request | WebSocket) -> MediaType:
    """The media type of the response to ``request``: negotiated, else ``application/json``."""
    return accepted_media_type(request) or JSON


def _error_response(request: Request, exc: HTTPException, media_type: MediaType) -> Response:
    """A request the view refused, as a GraphQL response with ``BAD_REQUEST`` and no ``data``."""
    language = pick_language(request.headers.get("accept-language"))
    error = exc.error if isinstance(exc, RequestRefused) else CettarError("BAD_REQUEST", detail=exc.reason)
    headers = {"Allow": "POST" if request.method == "GET" else "GET, POST"} if exc.status_code == 405 else None
    return JSONResponse(
        error_body(error, language),
        status_code=exc.status_code,
        media_type=CONTENT_TYPES[media_type],
        headers=headers,
    )
