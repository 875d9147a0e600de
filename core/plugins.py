"""Plugin discovery, registration and metadata.

Order of discovery: the system plugin (``schema.plugin``, the GraphQL layer),
the built-in plugins under ``plugins/``, then the entry-point group
``cettar.plugins``. Hooks are always called in plugin-name order so that the
result (the SDL above all) never depends on registration order.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Awaitable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from types import ModuleType
from typing import Any

import pluggy
from pydantic import ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from core import hookspecs
from core.config import ConfigError, Settings, describe_validation_error

PROJECT = "cettar"
ENTRY_POINT_GROUP = "cettar.plugins"
SYSTEM_MODULES: tuple[str, ...] = ("schema.plugin",)
BUILTIN_PACKAGE = "plugins"

hookimpl = pluggy.HookimplMarker(PROJECT)
#: Marks the hooks a plugin offers other plugins (see ``PluginMeta.hookspecs``).
hookspec = pluggy.HookspecMarker(PROJECT)


class PluginLoadError(Exception):
    """A plugin could not be imported, registered or configured; names the plugin."""


@dataclass(frozen=True)
class PluginMeta:
    """What a plugin says about itself."""

    name: str
    version: str
    title: str
    description: str = ""
    agency: str | None = None
    region_code: str | None = None
    requires: tuple[str, ...] = ()
    settings: type[BaseSettings] | None = None
    system: bool = False
    #: A module (or class) of ``@hookspec`` functions: hooks this plugin offers the others,
    #: e.g. ``layanan_services``. Name them after your plugin. A plugin implementing them
    #: either ``requires`` this one or marks its implementation ``@hookimpl(optionalhook=True)``.
    hookspecs: ModuleType | type | None = None


@dataclass
class Contributions:
    """What one plugin added to the platform, filled in while building."""

    types: list[str] = field(default_factory=list)
    query_fields: list[str] = field(default_factory=list)
    mutation_fields: list[str] = field(default_factory=list)
    subscription_fields: list[str] = field(default_factory=list)
    routes: list[str] = field(default_factory=list)
    event_handlers: list[str] = field(default_factory=list)
    permissions: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)  # GraphiQL example operations, in tab order
    services: list[str] = field(default_factory=list)  # public service codes (cettar_services)
    jobs: list[str] = field(default_factory=list)  # scheduled jobs (cettar_jobs)


@dataclass
class LoadedPlugin:
    meta: PluginMeta
    module: object
    source: str  # "system", "builtin" or "entry-point"
    settings: BaseSettings | None = None
    contributions: Contributions = field(default_factory=Contributions)

    @property
    def name(self) -> str:
        return self.meta.name


class PluginManager:
    """The pluggy manager plus the metadata and contributions of each plugin."""

    def __init__(self, loaded: list[LoadedPlugin], installed: list[LoadedPlugin] | None = None) -> None:
        #: Every plugin found, enabled or not (migrations are kept for all of them).
        self.installed = sorted(installed if installed is not None else loaded, key=lambda p: p.name)
        self.pm = pluggy.PluginManager(PROJECT)
        self.pm.add_hookspecs(hookspecs)
        for plugin in sorted(loaded, key=lambda p: p.name):
            if plugin.meta.hookspecs is not None:
                try:
                    self.pm.add_hookspecs(plugin.meta.hookspecs)
                except ValueError as exc:
                    raise PluginLoadError(f"plugin {plugin.name!r}: its hookspecs: {exc}") from None
        self._plugins: dict[str, LoadedPlugin] = {}
        for plugin in sorted(loaded, key=lambda p: p.name):
            self.pm.register(plugin.module, name=plugin.name)
            self._plugins[plugin.name] = plugin
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            name = self.pm.get_name(exc.plugin) or repr(exc.plugin)
            raise PluginLoadError(f"plugin {name!r}: {exc}") from None

    @property
    def plugins(self) -> list[LoadedPlugin]:
        return sorted(self._plugins.values(), key=lambda p: p.name)

    def get(self, name: str) -> LoadedPlugin:
        return self._plugins[name]

    def hook_names(self, name: str) -> list[str]:
        callers = self.pm.get_hookcallers(self._plugins[name].module) or []
        return sorted(caller.name for caller in callers)

    def implementations(self, hook: str) -> Iterator[tuple[LoadedPlugin, Any]]:
        """Each plugin implementing ``hook`` with its function, in name order."""
        caller = getattr(self.pm.hook, hook)
        by_plugin = {impl.plugin_name: impl for impl in caller.get_hookimpls()}
        for plugin in self.plugins:
            if plugin.name in by_plugin:
                yield plugin, by_plugin[plugin.name].function

    def _arguments(self, hook: str, plugin: LoadedPlugin, kwargs: dict[str, Any]) -> dict[str, Any]:
        """The arguments an implementation asks for: a hook may gain arguments without breaking it."""
        for impl in getattr(self.pm.hook, hook).get_hookimpls():
            if impl.plugin_name == plugin.name:
                return {name: value for name, value in kwargs.items() if name in impl.argnames}
        return kwargs

    def call(self, hook: str, **kwargs: Any) -> list[tuple[LoadedPlugin, Any]]:
        """Call a synchronous hook plugin by plugin; a failure names the plugin."""
        results = []
        for plugin, function in self.implementations(hook):
            try:
                results.append((plugin, function(**self._arguments(hook, plugin, kwargs))))
            except PluginLoadError:
                raise
            except Exception as exc:
                raise PluginLoadError(f"plugin {plugin.name!r} failed in {hook}: {exc}") from exc
        return results

    async def acall(self, hook: str, **kwargs: Any) -> None:
        """Call an async hook plugin by plugin, awaiting each in name order; a failure names the plugin."""
        await self._acall_each(hook, self.implementations(hook), kwargs)

    async def acall_by_dependency(self, hook: str, **kwargs: Any) -> None:
        """Call an async hook plugin by plugin in :meth:`dependency_order` (``cettar_seed``: a plugin's
        data goes in after the data it builds on); a failure names the plugin."""
        order = {plugin.name: index for index, plugin in enumerate(self.dependency_order())}
        ordered = sorted(self.implementations(hook), key=lambda item: order[item[0].name])
        await self._acall_each(hook, ordered, kwargs)

    async def _acall_each(
        self, hook: str, implementations: Iterable[tuple[LoadedPlugin, Any]], kwargs: dict[str, Any]
    ) -> None:
        for plugin, function in implementations:
            try:
                result = function(**self._arguments(hook, plugin, kwargs))
                if isinstance(result, Awaitable):
                    await result
            except Exception as exc:
                raise PluginLoadError(f"plugin {plugin.name!r} failed in {hook}: {exc!r}") from exc

    def dependency_order(self) -> list[LoadedPlugin]:
        """Every plugin after the plugins it ``requires``; the providers of public services
        (``cettar_services``) and the plugins they require before all the others; then by name.

        So a plugin built on the service catalog (``layanan``, whose demo applications need the officers
        the service families seed) comes after every plugin providing services — unless one of them
        requires it — though it does not require them (a family works without ``layanan``, and
        ``layanan`` takes any family's services). A ``requires`` cycle stops with an error naming the
        plugins left.
        """
        plugins = {plugin.name: plugin for plugin in self.plugins}
        needs = {name: {r for r in plugin.meta.requires if r in plugins} for name, plugin in plugins.items()}
        early: set[str] = set()  # providers of services and, transitively, what they require
        stack = [impl.plugin_name for impl in self.pm.hook.cettar_services.get_hookimpls()]
        while stack:
            name = stack.pop()
            if name in plugins and name not in early:
                early.add(name)
                stack.extend(needs[name])
        ordered: list[LoadedPlugin] = []
        done: set[str] = set()
        while len(done) < len(plugins):
            ready = [name for name in plugins if name not in done and needs[name] <= done]
            if not ready:
                stuck = sorted(name for name in plugins if name not in done)
                raise PluginLoadError(
                    f"plugins {', '.join(map(repr, stuck))} cannot be ordered: their requires form a cycle"
                )
            name = min(ready, key=lambda n: (n not in early, n))
            ordered.append(plugins[name])
            done.add(name)
        return ordered


def _import(module_name: str) -> ModuleType:
    try:
        return importlib.import_module(module_name)
    except Exception as exc:
        raise PluginLoadError(f"plugin module {module_name!r} failed to import: {exc!r}") from exc


def _meta_of(module: object, origin: str) -> PluginMeta:
    function = getattr(module, "cettar_plugin_meta", None)
    if function is None:
        raise PluginLoadError(f"plugin {origin!r} has no cettar_plugin_meta hook")
    try:
        meta = function()
    except Exception as exc:
        raise PluginLoadError(f"plugin {origin!r} failed in cettar_plugin_meta: {exc!r}") from exc
    if not isinstance(meta, PluginMeta):
        raise PluginLoadError(f"plugin {origin!r}: cettar_plugin_meta must return PluginMeta")
    return meta


def builtin_module_names() -> list[str]:
    package = _import(BUILTIN_PACKAGE)
    return sorted(
        f"{BUILTIN_PACKAGE}.{info.name}"
        for info in pkgutil.iter_modules(package.__path__)
        if info.ispkg and not info.name.startswith("_")
    )


def _candidates(settings: Settings) -> Iterable[tuple[object, str, str]]:
    for name in SYSTEM_MODULES:
        yield _import(name), name, "system"
    for name in builtin_module_names():
        yield _import(name), name, "builtin"
    if settings.load_entry_points:
        for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            try:
                obj = ep.load()
            except Exception as exc:
                raise PluginLoadError(f"plugin {ep.name!r} ({ep.value}) failed to import: {exc!r}") from exc
            yield obj, f"{ep.name} ({ep.value})", "entry-point"


def _plugin_settings(meta: PluginMeta) -> BaseSettings | None:
    if meta.settings is None:
        return None
    prefix = f"CETTAR_{meta.name.upper()}_"
    model = type(
        meta.settings.__name__,
        (meta.settings,),
        {"model_config": SettingsConfigDict(env_prefix=prefix, env_file=".env", extra="ignore")},
    )
    try:
        instance: BaseSettings = model()
        return instance
    except ValidationError as exc:
        raise ConfigError(describe_validation_error(exc, prefix)) from None


def load_plugins(settings: Settings, extra: Iterable[object] = ()) -> PluginManager:
    """Discover, filter by configuration, and register every plugin."""
    found: dict[str, LoadedPlugin] = {}
    everything = list(_candidates(settings)) + [(obj, repr(obj), "extra") for obj in extra]
    for obj, origin, source in everything:
        meta = _meta_of(obj, origin)
        if meta.name in found:
            other = found[meta.name]
            raise PluginLoadError(f"two plugins are named {meta.name!r}: {origin} and {other.module!r}")
        found[meta.name] = LoadedPlugin(meta=meta, module=obj, source=source)

    known = sorted(found)
    for setting, names in (
        ("CETTAR_PLUGINS", settings.plugins or []),
        ("CETTAR_DISABLE_PLUGINS", settings.disable_plugins),
    ):
        unknown = [n for n in names if n not in found]
        if unknown:
            raise ConfigError(f"{setting}: unknown plugin {unknown[0]!r} (known: {', '.join(known)})")

    enabled: list[LoadedPlugin] = []
    for name, plugin in sorted(found.items()):
        if plugin.source == "system" or plugin.meta.system:
            enabled.append(plugin)
        elif name in settings.disable_plugins:
            continue
        elif settings.plugins is None or name in settings.plugins:
            enabled.append(plugin)

    enabled_names = {p.name for p in enabled}
    for plugin in enabled:
        missing = [r for r in plugin.meta.requires if r not in enabled_names]
        if missing:
            raise PluginLoadError(f"plugin {plugin.name!r} requires plugin {missing[0]!r}, which is not enabled")
        plugin.settings = _plugin_settings(plugin.meta)
    return PluginManager(enabled, list(found.values()))
