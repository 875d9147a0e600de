"""A WebSocket keeps its sign-in only while its token stays valid.

A socket authenticates once, when it opens (the ``Authorization`` header of the
upgrade request, or ``{"Authorization": "Bearer …"}`` in ``connection_init``).
Each ``subscribe`` message on it checks that token again: a token revoked since
then (logout, a password change, a disabled officer) gets an ``error`` message
with ``INVALID_TOKEN`` for that operation, and a changed role or permission
takes effect from the next operation. HTTP requests need no such check: the
authentication middleware checks every one.
"""

from __future__ import annotations

from typing import Any

from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler
from strawberry.subscriptions.protocols.graphql_transport_ws.types import ErrorMessage, SubscribeMessage
from strawberry.types.unset import UNSET, UnsetType

from core import auth
from core.errors import CettarError
from core.identity.credentials import principal_for_token
from schema.context import Context

NO_ACK_PAYLOAD: UnsetType = UNSET  # connection_ack without a payload


async def authenticate_connection(context: Context) -> UnsetType:
    """``connection_init``: a WebSocket may sign in with ``{"Authorization": "Bearer …"}``.

    Without that entry the socket keeps the principal of its upgrade request. A
    token that is unknown, expired or revoked rejects the connection
    (``INVALID_TOKEN``); a valid one signs the socket in, and is kept for the
    checks of :class:`TokenCheckingHandler`.
    """
    params = context.connection_params or {}
    header = params.get("Authorization") or params.get("authorization")
    if header is None:
        return NO_ACK_PAYLOAD
    token = auth.bearer_token(header)  # the one parser of every layer (core.auth)
    principal = await principal_for_token(context.runtime, token) if token else None
    if principal is None:
        raise ConnectionRejectionError({"code": "INVALID_TOKEN"})
    context.principal, context.bearer_token = principal, token
    return NO_ACK_PAYLOAD


class TokenCheckingHandler(BaseGraphQLTransportWSHandler[Any, Any]):
    """graphql-transport-ws, re-checking the socket's bearer token before each operation."""

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        context = self.context
        if self.connection_acknowledged and isinstance(context, Context) and context.bearer_token:
            principal = await principal_for_token(context.runtime, context.bearer_token)
            if principal is None:
                error = CettarError("INVALID_TOKEN").formatted(context.language)
                await self.send_message(ErrorMessage(id=message["id"], type="error", payload=[error]))
                return
            context.principal = principal
        await super().handle_subscribe(message)
