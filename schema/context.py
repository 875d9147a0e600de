"""The per-request context every resolver receives as ``info.context``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
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


@dataclass
class Context:
    runtime: Runtime
    request: Request | WebSocket
    response: Response | WebSocket | None
    uow: UnitOfWork
    principal: Principal
    language: Language
    request_id: str
    _loaders: dict[str, DataLoader[Any, Any]] = field(default_factory=dict)

    @asynccontextmanager
    async def db(self) -> AsyncIterator[AsyncSession]:
        """The request's session, one user at a time; committed once by the request."""
        async with self.uow.use() as session:
            yield session

    def loader(self, name: str, factory: Callable[[Context], DataLoader[K, V]]) -> DataLoader[K, V]:
        """A DataLoader that lives for this request only (never shared across users)."""
        if name not in self._loaders:
            self._loaders[name] = factory(self)
        return self._loaders[name]


Info: TypeAlias = StrawberryInfo[Context, None]
