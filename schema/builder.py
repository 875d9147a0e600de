"""Composing every plugin's contribution into one strawberry ``Schema``.

Plugins get a :class:`PluginSchemaBuilder` in their ``cettar_schema`` hook and
add root fields, types, Node resolvers and GraphiQL example operations to it. Two
plugins that define the same GraphQL type, root field or example stop the start
with one message naming both. Fields and types are sorted by name so the SDL never
depends on plugin order; examples keep plugin-name order (then the order each
plugin adds them in), which is the order of GraphiQL's tabs.

Entities and other Apollo Federation directives are declared here too, but are
applied only when the schema is built as a subgraph (``CETTAR_FEDERATION=1``,
:mod:`schema.federation`): without it they change nothing in the SDL.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from strawberry.tools import create_type
from strawberry.types.base import StrawberryContainer, StrawberryObjectDefinition, has_object_definition
from strawberry.types.enum import StrawberryEnumDefinition, has_enum_definition
from strawberry.types.field import StrawberryField
from strawberry.types.lazy_type import LazyType
from strawberry.utils.str_converters import to_camel_case

from core.plugins import LoadedPlugin, PluginLoadError, PluginManager
from schema.graphiql.examples import ExampleOperation, make_example

ROOTS = ("query", "mutation", "subscription")
NodeResolver = Callable[[Any, Sequence[str]], Awaitable[Sequence[object | None]]]
#: ``resolve(info, representations)``: one object or ``None`` per representation, in order.
EntityResolver = Callable[[Any, Sequence[Mapping[str, Any]]], Awaitable[Sequence[object | None]]]
_FIELD_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")


class SchemaConflict(PluginLoadError):
    """Two plugins define the same GraphQL name."""


@dataclass
class NodeType:
    plugin: str
    cls: type
    resolve: NodeResolver


@dataclass
class EntityType:
    """An Apollo Federation entity: ``@key`` field sets and how to load it by a representation."""

    plugin: str
    cls: type
    keys: tuple[str, ...]
    resolvable: bool
    resolve: EntityResolver | None  # None until the builder derives it from the node resolver


@dataclass(frozen=True)
class FederationDirectives:
    """Federation directives a plugin applies to a type (``"PageInfo"``) or field (``"Query.node"``)."""

    plugin: str
    coordinate: str
    directives: tuple[object, ...]


@dataclass(frozen=True)
class FederationField:
    """A field a plugin adds to another plugin's type (``"Region"``) in the subgraph schema only."""

    plugin: str
    type_name: str
    name: str
    field: StrawberryField


@dataclass
class _Owned:
    plugin: str
    value: Any
    declared: bool = False


@dataclass
class SchemaParts:
    fields: dict[str, dict[str, _Owned]] = field(default_factory=lambda: {r: {} for r in ROOTS})
    types: dict[str, _Owned] = field(default_factory=dict)
    nodes: dict[str, NodeType] = field(default_factory=dict)
    entities: dict[str, EntityType] = field(default_factory=dict)
    federation: list[FederationDirectives] = field(default_factory=list)
    federation_fields: list[FederationField] = field(default_factory=list)
    examples: dict[str, ExampleOperation] = field(default_factory=dict)


def _field_name(f: StrawberryField) -> str:
    if f.graphql_name:
        return f.graphql_name
    if f.python_name:
        return to_camel_case(f.python_name)
    raise ValueError("a root field needs a name: use strawberry.field(name=...) or a resolver")


def graphql_name(cls: type) -> str | None:
    definition = getattr(cls, "__strawberry_definition__", None)
    return getattr(definition, "name", None)


class PluginSchemaBuilder:
    """What a plugin's ``cettar_schema`` hook receives."""

    def __init__(self, parts: SchemaParts, plugin: LoadedPlugin) -> None:
        self._parts = parts
        self._plugin = plugin

    @property
    def plugin_name(self) -> str:
        return self._plugin.name

    def _add_field(self, root: str, f: StrawberryField) -> None:
        if not isinstance(f, StrawberryField):
            raise TypeError(f"plugin {self.plugin_name!r}: {root} fields must be strawberry fields, got {f!r}")
        name = _field_name(f)
        existing = self._parts.fields[root].get(name)
        if existing is not None:
            raise SchemaConflict(
                f"plugins {existing.plugin!r} and {self.plugin_name!r} both define the {root} field {name!r}"
            )
        self._parts.fields[root][name] = _Owned(self.plugin_name, f)
        getattr(self._plugin.contributions, f"{root}_fields").append(name)

    def query(self, *fields: StrawberryField) -> None:
        """Add root ``Query`` fields (``@strawberry.field``-decorated resolvers)."""
        for f in fields:
            self._add_field("query", f)

    def mutation(self, *fields: StrawberryField) -> None:
        """Add root ``Mutation`` fields."""
        for f in fields:
            self._add_field("mutation", f)

    def subscription(self, *fields: StrawberryField) -> None:
        """Add root ``Subscription`` fields (async generator resolvers)."""
        for f in fields:
            self._add_field("subscription", f)

    def types(self, *classes: type) -> None:
        """Declare the types this plugin defines (also those not reachable from its fields)."""
        for cls in classes:
            _claim_type(self._parts, cls, self.plugin_name, explicit=True)

    def node(self, cls: type, resolve: NodeResolver) -> None:
        """Make ``cls`` fetchable by ``node(id:)``.

        ``resolve(info, keys)`` returns one object or ``None`` per key, in order,
        and returns ``None`` for every object the principal may not see.
        """
        name = graphql_name(cls)
        if name is None:
            raise TypeError(f"plugin {self.plugin_name!r}: node type {cls!r} is not a strawberry type")
        self.types(cls)
        self._parts.nodes[name] = NodeType(self.plugin_name, cls, resolve)

    def entity(
        self,
        cls: type,
        *,
        keys: str | Sequence[str],
        resolve: EntityResolver | None = None,
        resolvable: bool = True,
    ) -> None:
        """Make ``cls`` an Apollo Federation entity when CETTAR runs as a subgraph.

        ``keys`` is one ``@key`` field set (``"code"``) or several
        (``["code", "region { code } name"]``). ``resolve(info, representations)``
        gets the representations the gateway sends (``{"code": "35.78"}``, without
        ``__typename``) and returns one object or ``None`` per representation, in
        order, ``None`` for every object the principal may not see; load them all
        at once (one query, not one per representation). Leave it out for a type
        registered with :meth:`node` whose only key is one field holding its
        ``node_key()``: the node resolver is used. ``resolvable=False`` declares a
        reference the subgraph returns but does not load (no ``resolve``).

        Without ``CETTAR_FEDERATION`` this only declares ``cls`` (as :meth:`types`):
        the SDL does not change.
        """
        name = graphql_name(cls)
        if name is None:
            raise TypeError(f"plugin {self.plugin_name!r}: entity type {cls!r} is not a strawberry type")
        field_sets = (keys,) if isinstance(keys, str) else tuple(keys)
        if not field_sets or not all(isinstance(k, str) and k.strip() for k in field_sets):
            raise TypeError(f"plugin {self.plugin_name!r}: entity {name!r} needs at least one key field set")
        if resolve is not None and not resolvable:
            raise TypeError(f"plugin {self.plugin_name!r}: entity {name!r} is not resolvable but has a resolver")
        existing = self._parts.entities.get(name)
        if existing is not None:
            if existing.plugin == self.plugin_name:
                raise SchemaConflict(f"plugin {self.plugin_name!r} declares the entity {name!r} twice")
            first, second = sorted((existing.plugin, self.plugin_name))
            raise SchemaConflict(f"plugins {first!r} and {second!r} both declare the entity {name!r}")
        self.types(cls)
        self._parts.entities[name] = EntityType(
            self.plugin_name, cls, tuple(k.strip() for k in field_sets), resolvable, resolve
        )

    def federation_directives(self, coordinate: str, *directives: object) -> None:
        """Apply Apollo Federation directives to a type (``"PageInfo"``) or a field
        (``"Query.node"``, GraphQL names) only when CETTAR runs as a subgraph, e.g.
        ``builder.federation_directives("Query.thing", Shareable())`` with the
        directives of ``strawberry.federation.schema_directives``. An unknown
        coordinate stops a federated start naming the plugin.
        """
        type_name, _dot, field_name = coordinate.partition(".")
        if not _FIELD_NAME.fullmatch(type_name) or (_dot and not _FIELD_NAME.fullmatch(field_name)):
            raise ValueError(f"plugin {self.plugin_name!r}: {coordinate!r} is not a Type or Type.field coordinate")
        if not directives:
            raise ValueError(f"plugin {self.plugin_name!r}: no federation directives given for {coordinate!r}")
        self._parts.federation.append(FederationDirectives(self.plugin_name, coordinate, directives))

    def federation_fields(self, type_name: str, *fields: StrawberryField) -> None:
        """Add fields to a type another plugin defines (an entity such as ``"Region"``)
        only when CETTAR runs as a subgraph: how a regional instance hangs its data on
        the shared entities, so that a gateway joins it to the other subgraphs'.

        Each field is a ``@strawberry.field`` resolver whose ``root`` parameter gets the
        object (``async def sepasar_market_count(root: Region, info: Info) -> int``);
        load with a DataLoader, as a gateway sends many objects at once. Without
        ``CETTAR_FEDERATION`` the fields are not added: the SDL does not change. A type
        that does not exist, or a field name it already has, stops a federated start.
        """
        if not _FIELD_NAME.fullmatch(type_name):
            raise ValueError(f"plugin {self.plugin_name!r}: {type_name!r} is not a type name")
        if not fields:
            raise ValueError(f"plugin {self.plugin_name!r}: no fields given for {type_name!r}")
        for f in fields:
            if not isinstance(f, StrawberryField) or f.base_resolver is None:
                raise TypeError(
                    f"plugin {self.plugin_name!r}: fields for {type_name!r} must be strawberry fields "
                    f"with a resolver, got {f!r}"
                )
            name = _field_name(f)
            for existing in self._parts.federation_fields:
                if (existing.type_name, existing.name) == (type_name, name):
                    if existing.plugin == self.plugin_name:
                        raise SchemaConflict(f"plugin {self.plugin_name!r} adds the field {type_name}.{name} twice")
                    first, second = sorted((existing.plugin, self.plugin_name))
                    raise SchemaConflict(f"plugins {first!r} and {second!r} both add the field {type_name}.{name}")
            self._parts.federation_fields.append(FederationField(self.plugin_name, type_name, name, f))

    def example(
        self,
        name: str,
        query: str,
        *,
        title_id: str,
        title_en: str,
        description_id: str,
        description_en: str,
        variables: Mapping[str, Any] | None = None,
        sign_in_as: str | None = None,
        variables_without_demo_data: Mapping[str, Any] | None = None,
    ) -> None:
        """Add a GraphiQL example tab: ``query`` holds one operation named ``name``
        (the tab's title), without a comment.

        The tab opens with ``# <title_id> · <title_en>`` and the descriptions as
        ``# ID: …`` and ``# EN: …``; their line breaks and indentation are kept and
        longer lines are wrapped to 56 characters. ``variables`` fill the Variables
        pane and must work against the demo data; ``sign_in_as`` names the demo
        account that may run it (the Headers pane is prefilled with a ``<token>``
        placeholder). ``variables_without_demo_data`` replace ``variables`` where
        demo data is not allowed (production): ``{"username": "<username>"}``.
        """
        try:
            example = make_example(
                self.plugin_name,
                name,
                query,
                title_id=title_id,
                title_en=title_en,
                description_id=description_id,
                description_en=description_en,
                variables=variables,
                sign_in_as=sign_in_as,
                variables_without_demo_data=variables_without_demo_data,
            )
        except ValueError as exc:
            raise PluginLoadError(f"plugin {self.plugin_name!r}: {exc}") from exc
        existing = self._parts.examples.get(name)
        if existing is not None:
            if existing.plugin == self.plugin_name:
                raise SchemaConflict(f"plugin {self.plugin_name!r} adds the GraphiQL example {name!r} twice")
            first, second = sorted((existing.plugin, self.plugin_name))
            raise SchemaConflict(f"plugins {first!r} and {second!r} both add the GraphiQL example {name!r}")
        self._parts.examples[name] = example
        self._plugin.contributions.examples.append(name)


def _claim_type(parts: SchemaParts, cls: type, plugin: str, *, explicit: bool) -> None:
    name = graphql_name(cls)
    if name is None:
        return
    existing = parts.types.get(name)
    if existing is None:
        parts.types[name] = _Owned(plugin, cls, declared=explicit)
        return
    if existing.value is not cls or (explicit and existing.declared and existing.plugin != plugin):
        if existing.plugin == plugin:
            raise SchemaConflict(f"plugin {plugin!r} defines two different GraphQL types named {name!r}")
        first, second = sorted((existing.plugin, plugin))
        raise SchemaConflict(f"plugins {first!r} and {second!r} both define the GraphQL type {name!r}")
    if explicit:
        parts.types[name] = _Owned(plugin, cls, declared=True)


def _reachable(annotation: Any, seen: set[int]) -> Iterable[type]:
    """Every named strawberry class reachable from a field type."""
    if isinstance(annotation, LazyType):
        annotation = annotation.resolve_type()
    if isinstance(annotation, StrawberryContainer):
        yield from _reachable(annotation.of_type, seen)
        return
    if isinstance(annotation, StrawberryObjectDefinition):
        annotation = annotation.origin
    if isinstance(annotation, StrawberryEnumDefinition):
        annotation = annotation.wrapped_cls
    if not isinstance(annotation, type) or id(annotation) in seen:
        return
    seen.add(id(annotation))
    if has_enum_definition(annotation):
        yield annotation
        return
    if not has_object_definition(annotation):
        return
    definition = annotation.__strawberry_definition__
    if not definition.is_graphql_generic and definition.concrete_of is None:
        # Specialised generics (``Connection[Region]``) are named after their
        # arguments, which are checked themselves.
        yield annotation
    for interface in definition.interfaces:
        yield from _reachable(interface.origin, seen)
    for f in definition.fields:
        yield from _reachable(f.type, seen)
        for argument in f.arguments:
            yield from _reachable(argument.type, seen)


class SchemaBuilder:
    """Collects every plugin's parts; :meth:`build` makes the strawberry classes."""

    def __init__(self, plugins: PluginManager) -> None:
        self.plugins = plugins
        self.parts = SchemaParts()
        for plugin, function in plugins.implementations("cettar_schema"):
            try:
                function(builder=PluginSchemaBuilder(self.parts, plugin))
            except PluginLoadError:
                raise
            except Exception as exc:
                raise PluginLoadError(f"plugin {plugin.name!r} failed in cettar_schema: {exc!r}") from exc
        self._claim_reachable()
        self._complete_entities()
        for name, owned in sorted(self.parts.types.items()):
            self.plugins.get(owned.plugin).contributions.types.append(name)

    def _claim_reachable(self) -> None:
        for root in ROOTS:
            for _name, owned in sorted(self.parts.fields[root].items()):
                f: StrawberryField = owned.value
                seen: set[int] = set()
                for annotation in [f.type, *(a.type for a in f.arguments)]:
                    for cls in _reachable(annotation, seen):
                        _claim_type(self.parts, cls, self._owner_of(cls, owned.plugin), explicit=False)
        for _name, node in sorted(self.parts.nodes.items()):
            for cls in _reachable(node.cls, set()):
                _claim_type(self.parts, cls, self._owner_of(cls, node.plugin), explicit=False)

    def _complete_entities(self) -> None:
        """Give each resolvable entity without a resolver its node resolver, or stop the start."""
        for name, entity in sorted(self.parts.entities.items()):
            if entity.resolve is not None or not entity.resolvable:
                continue
            node = self.parts.nodes.get(name)
            (key, *others) = entity.keys
            if node is None or others or not _FIELD_NAME.fullmatch(key):
                raise PluginLoadError(
                    f"plugin {entity.plugin!r}: entity {name!r} needs resolve=..., "
                    "unless it is a node type whose only key is the one field holding its node_key()"
                )
            entity.resolve = _node_entity_resolver(node, key)

    def _owner_of(self, cls: type, default: str) -> str:
        module = getattr(cls, "__module__", "")
        for plugin in self.plugins.plugins:
            prefix = getattr(plugin.module, "__name__", None)
            if prefix and plugin.source == "system":
                prefix = prefix.rsplit(".", 1)[0]
            if prefix and (module == prefix or module.startswith(prefix + ".")):
                return plugin.name
        return default

    def root_type(self, root: str) -> type | None:
        fields = [owned.value for _n, owned in sorted(self.parts.fields[root].items())]
        if not fields:
            return None
        return create_type(root.capitalize(), fields)

    def extra_types(self) -> list[type]:
        return [owned.value for _n, owned in sorted(self.parts.types.items())]

    def examples(self) -> list[ExampleOperation]:
        """The GraphiQL examples in tab order: by plugin name, then as each plugin added them."""
        return sorted(self.parts.examples.values(), key=lambda example: example.plugin)  # stable

    def owner_of_root_field(self, name: str) -> str | None:
        for root in ROOTS:
            if name in self.parts.fields[root]:
                return self.parts.fields[root][name].plugin
        return None


def _node_entity_resolver(node: NodeType, key: str) -> EntityResolver:
    """Load entities by a key field that holds the node key, with the node resolver."""

    async def resolve(info: Any, representations: Sequence[Mapping[str, Any]]) -> list[object | None]:
        wanted = [(index, str(r[key])) for index, r in enumerate(representations) if r.get(key) is not None]
        results: list[object | None] = [None] * len(representations)
        found = await node.resolve(info, [k for _index, k in wanted]) if wanted else []
        for (index, _key), obj in zip(wanted, found, strict=True):
            results[index] = obj
        return results

    return resolve
