"""Disabling a plugin with CETTAR_DISABLE_PLUGINS removes exactly its part of the schema, and the rest works."""

from __future__ import annotations

import pytest
from graphql import GraphQLNamedType, GraphQLObjectType, build_schema, print_type

from core.config import load_settings
from core.plugins import builtin_module_names
from core.runtime import Runtime
from schema.plugin import sdl
from schema.scalars import SCALARS

ROOTS = ("Query", "Mutation", "Subscription")


def everything() -> Runtime:
    return Runtime.create(load_settings(load_entry_points=False))


def removable() -> list[str]:
    """Built-in plugins that no other built-in plugin requires."""
    runtime = everything()
    required = {name for plugin in runtime.plugins.plugins for name in plugin.meta.requires}
    names = [m.rsplit(".", 1)[1] for m in builtin_module_names()]
    return [name for name in names if name not in required]


def printed(types: dict[str, GraphQLNamedType], name: str, without_fields: frozenset[str] = frozenset()) -> str:
    kind = types[name]
    if isinstance(kind, GraphQLObjectType) and without_fields:
        kind = GraphQLObjectType(
            kind.name,
            {k: v for k, v in kind.fields.items() if k not in without_fields},
            interfaces=kind.interfaces,
            description=kind.description,
        )
    return print_type(kind)


@pytest.mark.parametrize("plugin", removable())
def test_disabling_a_plugin_removes_exactly_its_types_and_root_fields(plugin: str) -> None:
    full = everything()
    owned = full.plugins.get(plugin).contributions
    whole = build_schema(sdl(full)).type_map
    rest = build_schema(sdl(Runtime.create(load_settings(load_entry_points=False, disable_plugins=[plugin])))).type_map

    removed_types = set(whole) - set(rest)
    assert set(owned.types) <= removed_types, f"{plugin}'s own types are gone"
    generated = {f"{t}{suffix}" for t in owned.types for suffix in ("Connection", "Edge")}
    shared_scalars = {definition.name for definition in SCALARS.values()}  # printed only while some field uses them
    allowed = set(owned.types) | generated | shared_scalars
    assert removed_types <= allowed, f"{plugin} took others' types: {removed_types - allowed}"
    assert set(rest) <= set(whole), "disabling adds nothing"

    root_fields = {
        "Query": set(owned.query_fields),
        "Mutation": set(owned.mutation_fields),
        "Subscription": set(owned.subscription_fields),
    }
    for name in sorted(rest):
        if name.startswith("__"):
            continue
        if name in ROOTS:
            gone = set(whole[name].fields) - set(rest[name].fields)  # type: ignore[union-attr]
            assert gone == root_fields[name], f"{name} lost {gone}, {plugin} owns {root_fields[name]}"
            assert printed(whole, name, frozenset(gone)) == printed(rest, name), name
        else:
            assert printed(whole, name) == printed(rest, name), f"{name} changed when {plugin} was disabled"
