"""One unit of work per GraphQL operation: one transaction, committed once, audited.

A mutation commits only when no field failed; anything else rolls back. Just
before a mutation commits, the request's principal becomes the actor of its
audit records, and a mutation that recorded nothing gets one record naming its
root fields — so every mutation leaves a trace in the audit chain.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from graphql.error import GraphQLError
from graphql.language import FieldNode, OperationDefinitionNode
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import ExecutionContext
from strawberry.types.graphql import OperationType

from core.audit import chain as audit
from core.db import UnitOfWork
from schema.context import Context, current_uow


class UnitOfWorkExtension(SchemaExtension):
    """Commits a mutation's single transaction only when no field failed."""

    async def on_operation(self) -> AsyncIterator[None]:
        context = self.execution_context.context
        if not isinstance(context, Context):
            yield
            return
        uow = UnitOfWork(context.runtime.database)
        token = current_uow.set(uow)
        try:
            yield
        except BaseException:
            # Cancelled (a client's `complete`, a closed socket, shutdown) or failed:
            # nothing is committed and the connection goes back to the pool now.
            with contextlib.suppress(Exception):
                await uow.rollback()
            await uow.close()
            with contextlib.suppress(ValueError):
                current_uow.reset(token)
            raise
        result = self.execution_context.result
        try:
            failed = result is None or bool(getattr(result, "errors", None))
            if self.execution_context.operation_type is OperationType.MUTATION and not failed:
                try:
                    await self._audit(uow, context)
                    await uow.commit()
                except Exception as exc:
                    await uow.rollback()
                    result.data = None  # type: ignore[union-attr]
                    result.errors = [GraphQLError("commit failed", original_error=exc)]  # type: ignore[union-attr]
                else:
                    context.runtime.dispatcher.wake()
            else:
                await uow.rollback()
        finally:
            await uow.close()
            with contextlib.suppress(ValueError):  # finalised in another context (a subscription's end)
                current_uow.reset(token)

    async def _audit(self, uow: UnitOfWork, context: Context) -> None:
        """Every mutation leaves an audit record: its own, or one naming the mutation fields."""
        principal = context.principal
        async with uow.use() as session:
            audit.set_actor(
                session,
                audit.Actor(
                    role=principal.role.value,
                    account_id=principal.account_id,
                    username=principal.username,
                    agency_id=principal.agency_id,
                    request_id=context.request_id,
                ),
            )
            if not audit.pending(session):
                audit.record(session, "graphql." + ",".join(root_fields(self.execution_context)))


def root_fields(execution_context: ExecutionContext) -> list[str]:
    """The root field names of the operation being executed."""
    document = execution_context.graphql_document
    names: list[str] = []
    for definition in document.definitions if document else []:
        if isinstance(definition, OperationDefinitionNode) and (
            execution_context.operation_name in (None, definition.name and definition.name.value)
        ):
            names.extend(s.name.value for s in definition.selection_set.selections if isinstance(s, FieldNode))
    return names or ["unknown"]
