"""Root fields of the platform itself: ``node``, ``nodes`` and ``plugins``."""

from __future__ import annotations

from collections import defaultdict

import strawberry
from sqlmodel import SQLModel

from core.errors import CettarError
from core.plugins import LoadedPlugin
from schema.context import Info
from schema.node import Node, decode_global_id

MAX_NODES = 100


@strawberry.type(description="A plugin of this platform and what it contributes.")
class Plugin:
    name: str
    version: str
    title: str
    description: str
    agency: str | None = strawberry.field(description="The agency that owns the plugin.")
    region_code: str | None = strawberry.field(description="The region the plugin comes from.")
    source: str = strawberry.field(description="`system`, `builtin` or `entry-point`.")
    hooks: list[str] = strawberry.field(description="The hooks the plugin implements.")
    types: list[str]
    query_fields: list[str]
    mutation_fields: list[str]
    subscription_fields: list[str]
    tables: list[str] = strawberry.field(description="Database tables, prefixed with the plugin name.")
    event_handlers: list[str]
    examples: list[str] = strawberry.field(description="The GraphiQL example operations the plugin adds, in tab order.")
    services: list[str] = strawberry.field(
        description="Codes of the public services the plugin offers (`cettar_services`)."
    )
    permissions: list[str] = strawberry.field(description="The permissions the plugin declares.")
    jobs: list[str] = strawberry.field(description="Names of the plugin's scheduled jobs (`cettar jobs run`).")


def plugin_tables(plugin: LoadedPlugin) -> list[str]:
    prefix = "core_" if plugin.source == "system" else f"{plugin.name}_"
    return sorted(t for t in SQLModel.metadata.tables if t.startswith(prefix))


def to_plugin(plugin: LoadedPlugin, hooks: list[str]) -> Plugin:
    meta, done = plugin.meta, plugin.contributions
    return Plugin(
        name=meta.name,
        version=meta.version,
        title=meta.title,
        description=meta.description,
        agency=meta.agency,
        region_code=meta.region_code,
        source=plugin.source,
        hooks=hooks,
        types=sorted(done.types),
        query_fields=sorted(done.query_fields),
        mutation_fields=sorted(done.mutation_fields),
        subscription_fields=sorted(done.subscription_fields),
        tables=plugin_tables(plugin),
        event_handlers=sorted(done.event_handlers),
        examples=list(done.examples),
        services=sorted(done.services),
        permissions=sorted(done.permissions),
        jobs=sorted(done.jobs),
    )


@strawberry.field(description="The plugins running on this platform, by name.")
def plugins(info: Info) -> list[Plugin]:
    manager = info.context.runtime.plugins
    return [to_plugin(p, manager.hook_names(p.name)) for p in manager.plugins]


async def _resolve(info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
    registry = info.context.runtime.state["node_types"]
    wanted: dict[str, list[tuple[int, str]]] = defaultdict(list)
    results: list[Node | None] = [None] * len(ids)
    for index, global_id in enumerate(ids):
        type_name, key = decode_global_id(str(global_id))
        if type_name in registry:
            wanted[type_name].append((index, key))
    for type_name, items in wanted.items():
        found = await registry[type_name].resolve(info, [key for _i, key in items])
        for (index, _key), obj in zip(items, found, strict=True):
            results[index] = obj
    return results


@strawberry.field(description="Fetch any object by its global ID; null when it does not exist or you may not see it.")
async def node(info: Info, id: strawberry.ID) -> Node | None:
    return (await _resolve(info, [id]))[0]


@strawberry.field(description=f"Fetch up to {MAX_NODES} objects by global ID, in order; null for each you may not see.")
async def nodes(info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
    if len(ids) > MAX_NODES:
        raise CettarError("PAGE_SIZE_EXCEEDED", field="ids", max=MAX_NODES)
    return await _resolve(info, ids)
