"""The running platform: settings, plugins, database, events — shared by app and CLI."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

import core.audit.chain  # noqa: F401  (seals audit records into their chain before each commit)
from core.config import Settings, load_settings
from core.db import Database
from core.events.broker import Broker
from core.events.dispatcher import Dispatcher, Event, EventHandler
from core.identity.permissions import Permission, PermissionRegistry
from core.jobs import registered_jobs
from core.notifications import EVENT as NOTIFICATION_EVENT
from core.notifications import Notification, NotificationRow
from core.plugins import PluginLoadError, PluginManager, load_plugins
from core.services import ServiceRegistry
from core.storage import LocalDiskStorage, Storage


class Runtime:
    """Everything a request, a command or a job needs, built once at start."""

    def __init__(self, settings: Settings, plugins: PluginManager) -> None:
        self.settings = settings
        self.plugins = plugins
        self.database = Database(settings)
        self.broker = Broker()
        self.dispatcher = Dispatcher(self.database, self._event_handlers(), self.broker)
        self.permissions = self._permissions()
        self.services = self._services()
        try:
            for plugin_name, job in registered_jobs(self):
                self.plugins.get(plugin_name).contributions.jobs.append(job.name)
        except ValueError as exc:
            raise PluginLoadError(str(exc)) from None
        #: Where attachments are kept (core.storage); replace it with another Storage at start.
        self.storage: Storage = LocalDiskStorage(settings.storage_dir)
        #: Free slots for system plugins (the GraphQL layer keeps its schema here).
        self.state: dict[str, Any] = {}
        #: Closers awaited (last registered first) on dispose: clients a layer opened, such as
        #: the GraphQL layer's Redis connection for persisted queries.
        self.on_dispose: list[Callable[[], Awaitable[None]]] = []

    @classmethod
    def create(cls, settings: Settings | None = None, extra_plugins: Iterable[object] = ()) -> Runtime:
        settings = settings or load_settings()
        return cls(settings, load_plugins(settings, extra_plugins))

    def _event_handlers(self) -> list[EventHandler]:
        handlers: list[EventHandler] = [EventHandler("core.notify", NOTIFICATION_EVENT, self._deliver_notification)]
        for plugin, result in self.plugins.call("cettar_event_handlers"):
            for handler in result or []:
                if not isinstance(handler, EventHandler):
                    raise PluginLoadError(
                        f"plugin {plugin.name!r}: cettar_event_handlers must return EventHandler objects"
                    )
                plugin.contributions.event_handlers.append(handler.name)
                handlers.append(handler)
        return handlers

    async def _deliver_notification(self, event: Event, session: AsyncSession) -> None:
        """Hand a stored in-app notification to every ``cettar_notify`` implementation (SMS, e-mail…)."""
        row = await session.get(NotificationRow, int(event.payload["notification_id"]))
        if row is not None:
            await self.plugins.acall("cettar_notify", notification=Notification.from_row(row))

    def _services(self) -> ServiceRegistry:
        registry = ServiceRegistry()
        for plugin, result in self.plugins.call("cettar_services"):
            try:
                registry.add(plugin.name, list(result or []))
            except ValueError as exc:
                raise PluginLoadError(str(exc)) from None
            plugin.contributions.services.extend(s.code for s in result or [])
        return registry

    def _permissions(self) -> PermissionRegistry:
        registry = PermissionRegistry()
        for plugin, result in self.plugins.call("cettar_permissions"):
            declared = list(result or [])
            if not all(isinstance(p, Permission) for p in declared):
                raise PluginLoadError(f"plugin {plugin.name!r}: cettar_permissions must return Permission objects")
            try:
                registry.add(plugin.name, declared)
            except ValueError as exc:
                raise PluginLoadError(str(exc)) from None
            plugin.contributions.permissions.extend(p.name for p in declared)
        return registry

    async def dispose(self) -> None:
        while self.on_dispose:
            await self.on_dispose.pop()()
        await self.database.dispose()
