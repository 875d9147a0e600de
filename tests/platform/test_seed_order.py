"""`cettar seed` runs the plugins' seeds in dependency order, not in name order."""

from __future__ import annotations

from typing import Any

import pytest

from core.config import load_settings
from core.plugins import PluginLoadError, PluginManager, PluginMeta, hookimpl, load_plugins
from core.services import ServiceDefinition


class Seeding:
    """A plugin whose seed writes down that it ran."""

    def __init__(self, name: str, log: list[str], *, requires: tuple[str, ...] = ()) -> None:
        self.name, self.log, self.requires = name, log, requires

    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name=self.name, version="1.0", title=self.name.title(), requires=self.requires)

    @hookimpl
    async def cettar_seed(self, demo: bool) -> None:
        self.log.append(self.name)


class Providing(Seeding):
    """A plugin that also provides public services (none here: providing is implementing the hook)."""

    @hookimpl
    def cettar_services(self) -> list[ServiceDefinition]:
        return []


class Silent:
    """A plugin with no seed of its own."""

    def __init__(self, name: str, *, requires: tuple[str, ...] = ()) -> None:
        self.name, self.requires = name, requires

    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name=self.name, version="1.0", title=self.name.title(), requires=self.requires)


def manager(*plugins: Any) -> PluginManager:
    names = [p.name for p in plugins]
    return load_plugins(load_settings(load_entry_points=False, plugins=names), extra=plugins)


async def seeded(*plugins: Seeding) -> list[str]:
    """The names the plugins' seeds wrote down, called as ``cettar seed`` calls them."""
    await manager(*plugins).acall_by_dependency("cettar_seed", demo=True)
    return list(plugins[0].log)


async def test_a_plugin_seeds_after_the_plugins_it_requires_whatever_their_names() -> None:
    log: list[str] = []
    order = await seeded(
        Seeding("alpha", log, requires=("omega",)), Seeding("omega", log, requires=("mid",)), Seeding("mid", log)
    )
    assert order == ["mid", "omega", "alpha"]
    log.clear()
    # name order among plugins free to go; plain name order (the other hooks') would give alpha first
    await manager(Seeding("beta", log), Seeding("alpha", log, requires=("beta",)), Seeding("gamma", log)).acall(
        "cettar_seed", demo=True
    )
    assert log == ["alpha", "beta", "gamma"]


async def test_a_requirement_without_a_seed_still_orders_the_seeds_around_it() -> None:
    log: list[str] = []
    order = await seeded(
        Seeding("alpha", log, requires=("between",)), Silent("between", requires=("zulu",)), Seeding("zulu", log)
    )
    assert order == ["zulu", "alpha"]


async def test_providers_of_services_and_what_they_require_seed_before_the_other_plugins() -> None:
    log: list[str] = []
    order = await seeded(
        Seeding("catalog", log),  # builds on the services but requires none of them, as layanan
        Providing("zfamily", log, requires=("yneeded",)),
        Seeding("yneeded", log),
        Seeding("bystander", log),
    )
    assert order == ["yneeded", "zfamily", "bystander", "catalog"]
    log.clear()
    # a provider requiring the catalog seeds after it: requires come first
    order = await seeded(
        Seeding("catalog", log), Providing("xfamily", log, requires=("catalog",)), Seeding("alpha", log)
    )
    assert order == ["catalog", "xfamily", "alpha"]


def test_a_cycle_of_requires_stops_naming_the_plugins() -> None:
    log: list[str] = []
    plugins = manager(Seeding("ayam", log, requires=("telur",)), Seeding("telur", log, requires=("ayam",)))
    with pytest.raises(PluginLoadError, match="'ayam', 'telur' cannot be ordered"):
        plugins.dependency_order()


def test_the_service_families_seed_before_layanan_and_layanan_after_what_it_requires() -> None:
    plugins = load_plugins(load_settings(load_entry_points=False, plugins=None))
    order = [p.name for p in plugins.dependency_order()]
    for family in ("adminduk", "paspor", "samsat", "sim"):
        assert order.index(family) < order.index("layanan"), order
    for required in plugins.get("layanan").meta.requires:
        assert order.index(required) < order.index("layanan"), order
    for plugin in plugins.plugins:
        for required in plugin.meta.requires:
            assert order.index(required) < order.index(plugin.name), (plugin.name, required)
