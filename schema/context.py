"""The per-request context every resolver receives as ``info.context``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeAlias, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from core.auth import Principal
from core.db import UnitOfWork
from core.errors import Language
from core.runtime import Runtime

K = TypeVar("K")
V = TypeVar("V")


#: The unit of work of the operation being executed. Each operation — and each
#: operation on a WebSocket, which shares one Context per connection — runs in
#: its own task, so each sees only its own unit of work.
current_uow: ContextVar[UnitOfWork | None] = ContextVar("cettar_unit_of_work", default=None)


@dataclass
class Context:
    runtime: Runtime
    request: Request | WebSocket
    response: Response | WebSocket | None
    principal: Principal
    language: Language
    request_id: str
    #: The ``connection_init`` payload of a WebSocket connection (set by strawberry).
    connection_params: dict[str, Any] | None = None
    #: On a WebSocket: the bearer token it signed in with, checked again for each operation.
    bearer_token: str | None = None

    @property
    def uow(self) -> UnitOfWork:
        uow = current_uow.get()
        if uow is None:
            raise RuntimeError("no GraphQL operation is running; use runtime.database.session() outside one")
        return uow

    @asynccontextmanager
    async def db(self) -> AsyncIterator[AsyncSession]:
        """The request's session, one user at a time; committed once by the request."""
        async with self.uow.use() as session:
            yield session

    def loader(self, name: str, factory: Callable[[Context], DataLoader[K, V]]) -> DataLoader[K, V]:
        """A DataLoader that lives for this operation only (never shared across users).

        Loaders belong to the operation's unit of work, not to the context: a
        WebSocket keeps one context for all its operations, and each must read
        the database afresh rather than what an earlier one cached.
        """
        loaders = self.uow.loaders
        if name not in loaders:
            loaders[name] = factory(self)
        loader: DataLoader[K, V] = loaders[name]
        return loader


Info: TypeAlias = StrawberryInfo[Context, None]
