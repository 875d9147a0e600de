"""CETTAR as an Apollo Federation 2 subgraph (``CETTAR_FEDERATION=1``).

Plugins declare entities with ``builder.entity(Type, keys=..., resolve=...)`` and
other federation directives with ``builder.federation_directives("Type.field", ...)``
(:mod:`schema.builder`). Those declarations live beside the strawberry classes, not on
them: :class:`FederatedSchema` applies them while it converts the classes, to copies
of their definitions, so one process can build the plain schema (whose SDL is
committed as ``schema/schema.graphql``) and a subgraph schema from the same classes,
and the plain SDL never shows a federation directive.

The subgraph answers ``_service { sdl }`` and ``_entities(representations:)`` (at
most ``MAX_NODES`` representations per call); the entities of one type in one
``_entities`` call are loaded with one call of their resolver. See ``docs/federation.md``.
"""

from __future__ import annotations

import copy
import dataclasses
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import strawberry
import strawberry.federation
from graphql import (
    DocumentNode,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLResolveInfo,
    ObjectTypeDefinitionNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    parse,
    print_ast,
)
from strawberry.annotation import StrawberryAnnotation
from strawberry.federation.schema import FederationAny
from strawberry.federation.schema_directives import Inaccessible, Key, Shareable
from strawberry.printer import print_schema
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.name_converter import NameConverter
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.tools import create_type
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.field import StrawberryField
from strawberry.types.union import StrawberryUnion
from strawberry.types.unset import UNSET

from core.errors import CettarError
from core.plugins import PluginLoadError
from schema.builder import ROOTS, EntityType, FederationDirectives, FederationField, PluginSchemaBuilder, SchemaParts
from schema.execution import CettarSchema
from schema.platform import MAX_NODES

#: The Federation spec the subgraph links (``@link(url: ".../federation/v2.7")``);
#: Apollo Router, @apollo/gateway and most other gateways compose it.
FEDERATION_VERSION = "2.7"


def declare_platform(builder: PluginSchemaBuilder) -> None:
    """The platform's own part of every subgraph.

    Each CETTAR subgraph serves ``node``, ``nodes`` and ``plugins``. A global ID
    and a plugin list only mean something on the subgraph that made them, so these
    are ``@shareable`` (composition accepts them from every CETTAR subgraph) and
    ``@inaccessible`` (the supergraph does not offer them; ask a subgraph directly).
    ``PageInfo`` is a value type every subgraph resolves the same way.
    """
    for coordinate in ("Query.node", "Query.nodes", "Query.plugins", "Plugin"):
        builder.federation_directives(coordinate, Shareable(), Inaccessible())
    builder.federation_directives("PageInfo", Shareable())


@dataclass(frozen=True)
class SharedPlatform:
    """What the plugins every instance of the federation runs (``CETTAR_FEDERATION_SHARED``)
    define: each subgraph defines it again, so composition must be told it is shared.

    - their ``Query`` fields are ``@shareable``: the gateway may ask any subgraph, as
      every instance answers them from the same reference data;
    - their ``Mutation`` fields are ``@shareable @inaccessible``: a write through the
      gateway would reach the one instance the query planner picks and leave the
      others behind (and a session from ``login`` is valid on one instance only), so
      the supergraph offers none; write on an instance directly;
    - their ``Subscription`` fields stay out of ``_service { sdl }``: composition refuses
      a subscription field defined in two subgraphs, shareable or not
      (``INVALID_FIELD_SHARING``), and each instance's events are its own; the instance
      still serves them to its own clients;
    - every object type reachable from them is ``@shareable`` (value types and the
      entities ``Region``, ``Agency``, ``Innovation``, each resolvable in every subgraph).
    """

    plugins: frozenset[str] = frozenset()
    fields: Mapping[str, frozenset[str]] = field(default_factory=dict)  # root ("query"…) → field names
    types: frozenset[str] = frozenset()

    def root_directives(self, type_name: str, field_name: str) -> list[object]:
        if field_name in self.fields.get("query", ()) and type_name == "Query":
            return [Shareable()]
        if field_name in self.fields.get("mutation", ()) and type_name == "Mutation":
            return [Shareable(), Inaccessible()]
        return []


@strawberry.field(name="_shared")
def _no_query() -> bool:
    """A Query field for a schema of shared plugins that add none (a Query needs one)."""
    return True


def shared_platform(parts: SchemaParts, plugins: Collection[str], config: StrawberryConfig) -> SharedPlatform:
    """The :class:`SharedPlatform` of ``plugins`` among ``parts``.

    The shared object types are those of a schema built from the shared plugins' root
    fields and types alone, so that they are named as in the subgraph (``RegionConnection``).
    """
    shared = frozenset(plugins)
    names = {r: sorted(n for n, owned in parts.fields[r].items() if owned.plugin in shared) for r in ROOTS}
    classes = [owned.value for owned in parts.types.values() if owned.plugin in shared]
    classes += [node.cls for node in parts.nodes.values() if node.plugin in shared]
    if not any(names.values()) and not classes:
        return SharedPlatform(plugins=shared)

    def root(name: str, root: str) -> type | None:
        fields = [copy.copy(parts.fields[root][n].value) for n in names[root]]
        return create_type(name, fields) if fields else None

    query = root("Query", "query") or create_type("Query", [copy.copy(_no_query)])
    alone = strawberry.Schema(
        query=query,
        mutation=root("Mutation", "mutation"),
        subscription=root("Subscription", "subscription"),
        types=classes,
        config=StrawberryConfig(scalar_map=config.scalar_map),
    )
    roots = {"Query", "Mutation", "Subscription"}
    types = frozenset(
        name
        for name, graphql_type in alone._schema.type_map.items()
        if isinstance(graphql_type, GraphQLObjectType) and not name.startswith("_") and name not in roots
    )
    return SharedPlatform(plugins=shared, fields={r: frozenset(n) for r, n in names.items()}, types=types)


class _Overlay:
    """Federation directives by type and field, applied to copies of definitions."""

    def __init__(
        self,
        declared: Iterable[FederationDirectives],
        entities: Mapping[str, EntityType],
        shared: SharedPlatform,
        added: Iterable[FederationField],
    ) -> None:
        self.shared = shared
        self.types: dict[str, list[object]] = defaultdict(list)
        self.fields: dict[tuple[str, str], list[object]] = defaultdict(list)
        self.added: dict[str, list[FederationField]] = defaultdict(list)
        for extra in added:
            self.added[extra.type_name].append(extra)
        self.owners: dict[str, str] = {}
        for name, entity in sorted(entities.items()):
            resolvable = UNSET if entity.resolvable else False  # @key(fields: "code") or (…, resolvable: false)
            self.types[name].extend(Key(fields=k, resolvable=resolvable) for k in entity.keys)  # type: ignore[arg-type]
            self.owners.setdefault(name, entity.plugin)
        for item in declared:
            type_name, _dot, field_name = item.coordinate.partition(".")
            if field_name:
                self.fields[type_name, field_name].extend(item.directives)
            else:
                self.types[type_name].extend(item.directives)
            self.owners.setdefault(item.coordinate, item.plugin)
        self.applied: set[str] = set()
        self._definitions: dict[int, StrawberryObjectDefinition] = {}
        self._fields: dict[tuple[str, int], StrawberryField] = {}
        self._added: dict[int, StrawberryField] = {}
        self.name_of: Any = None  # the schema's name converter's from_field, set by FederatedSchema

    def definition(self, definition: StrawberryObjectDefinition, graphql_name: str) -> StrawberryObjectDefinition:
        """``definition`` (named ``graphql_name``: ``RegionConnection`` for ``Connection[Region]``)
        with its federation directives: always the same copy, or itself."""
        if definition.is_input:
            return definition
        extra = list(self.types.get(definition.name, ()))
        if (
            graphql_name in self.shared.types
            and not definition.is_interface
            and not any(isinstance(d, Shareable) for d in extra)
        ):
            extra.append(Shareable())
        if not extra:
            return definition
        federated = self._definitions.get(id(definition))
        if federated is None:
            federated = copy.copy(definition)
            federated.directives = [*(definition.directives or ()), *extra]
            if federated.is_type_of is None and not federated.is_interface:
                # Strawberry tells an object's type by its definition's identity, which
                # the copy does not share: compare classes instead (unions such as _Entity).
                federated.is_type_of = _instance_of(definition)
            self._definitions[id(definition)] = self._definitions[id(federated)] = federated
            self.applied.add(definition.name)
        return federated

    def field(self, type_name: str, graphql_name: str, field: StrawberryField) -> StrawberryField:
        declared = self.fields.get((type_name, graphql_name), [])
        shared = [
            d
            for d in self.shared.root_directives(type_name, graphql_name)
            if not any(type(d) is type(other) for other in declared)
        ]
        extra = [*shared, *declared]
        if not extra:
            return field
        federated = self._fields.get((type_name, id(field)))
        if federated is None:
            federated = copy.copy(field)
            federated.directives = [*field.directives, *extra]
            self._fields[type_name, id(field)] = federated
            self.applied.add(f"{type_name}.{graphql_name}")
        return federated

    def fields_of(self, definition: StrawberryObjectDefinition) -> list[StrawberryField]:
        """The fields other plugins add to ``definition`` in the subgraph (``builder.federation_fields``)."""
        found: list[StrawberryField] = []
        if definition.is_input or definition.is_interface:
            return found
        known = {self.name_of(f) for f in definition.fields}
        for extra in self.added.get(definition.name, ()):
            if extra.name in known:
                raise PluginLoadError(
                    f"plugin {extra.plugin!r}: federation field {definition.name}.{extra.name} is already a field "
                    f"of {definition.name}"
                )
            added = self._added.get(id(extra.field))
            if added is None:
                added = copy.copy(extra.field)
                added.graphql_name = extra.name
                added.python_name = added.python_name or extra.name
                added.origin = definition.origin
                self._added[id(extra.field)] = added
            self.applied.add(f"{definition.name}.{extra.name}:added")
            found.append(added)
        return found

    def check(self) -> None:
        """Every declaration named a type or field of the schema."""
        for type_name, extras in sorted(self.added.items()):
            for extra in extras:
                if f"{type_name}.{extra.name}:added" not in self.applied:
                    raise PluginLoadError(
                        f"plugin {extra.plugin!r}: federation field {type_name}.{extra.name} is added to "
                        f"{type_name!r}, which is not an object type of the schema"
                    )
        declared = [*self.types, *(f"{t}.{f}" for t, f in self.fields)]
        for coordinate in sorted(set(declared) - self.applied):
            raise PluginLoadError(
                f"plugin {self.owners[coordinate]!r}: federation directives for {coordinate!r}, "
                "which is not an object type, interface or field of the schema"
            )


def _instance_of(definition: StrawberryObjectDefinition) -> Any:
    # a specialised generic (Connection[Region]) holds instances of the generic class
    classes = (definition.origin, *((definition.concrete_of.origin,) if definition.concrete_of else ()))

    def is_type_of(obj: Any, _info: GraphQLResolveInfo[Any]) -> bool:
        return isinstance(obj, classes)

    return is_type_of


@strawberry.type(name="_Service")
class _Service:
    @strawberry.field(description="This subgraph's SDL, with its federation directives.")
    def sdl(self, info: strawberry.Info) -> str:
        return cast(FederatedSchema, info.schema).subgraph_sdl()


@strawberry.field(name="_service")
def _service() -> _Service:
    return _Service()


class _OverlayConverter(GraphQLCoreConverter):
    """Strawberry's converter, reading object types and interfaces through the overlay."""

    overlay: _Overlay

    def from_object(self, object_type: StrawberryObjectDefinition) -> GraphQLObjectType:
        name = self.config.name_converter.from_object(object_type)
        return super().from_object(self.overlay.definition(object_type, name))

    def from_interface(self, interface: StrawberryObjectDefinition) -> GraphQLInterfaceType:
        name = self.config.name_converter.from_interface(interface)
        return super().from_interface(self.overlay.definition(interface, name))


class FederatedSchema(CettarSchema, strawberry.federation.Schema):
    """:class:`CettarSchema` (its executor, error handling and extensions) as a
    Federation 2 subgraph, with the entities and directives the plugins declared."""

    def __init__(
        self,
        *,
        entities: Mapping[str, EntityType],
        federation: Sequence[FederationDirectives],
        federation_fields: Sequence[FederationField] = (),
        shared: SharedPlatform | None = None,
        **kwargs: Any,
    ) -> None:
        self.entity_types = dict(entities)
        self.shared = shared or SharedPlatform()
        self._overlay = _Overlay(federation, self.entity_types, self.shared, federation_fields)
        self._sdl: str | None = None
        kwargs.setdefault("federation_version", FEDERATION_VERSION)
        try:
            super().__init__(**kwargs)
        except TypeError as exc:
            # graphql-core wraps what a field thunk raises ("X fields cannot be resolved. …")
            if isinstance(exc.__cause__, PluginLoadError):
                raise exc.__cause__ from None
            raise
        self._overlay.check()

    def subgraph_sdl(self) -> str:
        """The SDL a gateway composes (``_service { sdl }``): the schema without the shared
        plugins' subscription fields (see :class:`SharedPlatform`)."""
        if self._sdl is None:
            self._sdl = _without_root_fields(
                print_schema(self), "subscription", self.shared.fields.get("subscription", frozenset())
            )
        return self._sdl

    # Schema.__init__ makes a GraphQLCoreConverter and uses it at once; this makes it
    # read through the overlay (same class layout, one more attribute).
    @property
    def schema_converter(self) -> GraphQLCoreConverter:
        return self._overlay_converter

    @schema_converter.setter
    def schema_converter(self, converter: GraphQLCoreConverter) -> None:
        converter.__class__ = _OverlayConverter
        cast(_OverlayConverter, converter).overlay = self._overlay
        self._overlay_converter = converter

    def get_fields(self, type_definition: StrawberryObjectDefinition) -> list[StrawberryField]:
        name_of = self.config.name_converter.from_field
        self._overlay.name_of = name_of
        fields = [*type_definition.fields, *self._overlay.fields_of(type_definition)]
        return [self._overlay.field(type_definition.name, name_of(f), f) for f in fields]

    def _get_federation_query_type(
        self,
        query: type | None,
        mutation: type | None,
        subscription: type | None,
        additional_types: Iterable[type],
        name_converter: NameConverter,
    ) -> type:
        """``Query`` with ``_service`` and, when an entity is resolvable here, ``_entities``."""
        assert query is not None
        schema = self
        fields: list[StrawberryField] = [copy.copy(_service)]
        resolvable = sorted(name for name, e in self.entity_types.items() if e.resolvable)
        if resolvable:
            union = StrawberryUnion(
                "_Entity",
                type_annotations=tuple(StrawberryAnnotation(self.entity_types[n].cls) for n in resolvable),
            )

            async def entities(info: strawberry.Info, representations: list[FederationAny]) -> list[object | None]:
                return await resolve_entities(schema.entity_types, info, representations)

            entities.__annotations__ = {
                "info": strawberry.Info,
                "representations": list[FederationAny],
                "return": list[union | None],  # type: ignore[valid-type]
            }
            fields.append(strawberry.field(name="_entities", resolver=entities))
        for f in fields:
            f.python_name = f"_federation_{f.graphql_name}"
        definition: StrawberryObjectDefinition = query.__strawberry_definition__  # type: ignore[attr-defined]
        return strawberry.type(
            type("Query", (create_type("Query", fields), query), {}),
            description=definition.description,
            directives=definition.directives,
            extend=definition.extend,
        )


def _without_root_fields(sdl: str, operation: str, names: Collection[str]) -> str:
    """``sdl`` without the fields ``names`` of the ``operation`` root type (and without the
    type, and its entry in the schema definition, when no field is left)."""
    if not names:
        return sdl
    document = parse(sdl)
    root_name = operation.capitalize()
    for definition in document.definitions:
        if isinstance(definition, SchemaDefinitionNode | SchemaExtensionNode):
            for operation_type in definition.operation_types or ():
                if operation_type.operation.value == operation:
                    root_name = operation_type.type.name.value
    kept: list[Any] = []
    emptied = False
    for definition in document.definitions:
        if isinstance(definition, ObjectTypeDefinitionNode) and definition.name.value == root_name:
            fields = tuple(f for f in definition.fields or () if f.name.value not in names)
            if not fields:
                emptied = True
                continue
            definition = dataclasses.replace(definition, fields=fields)
        kept.append(definition)
    if emptied:
        for index, definition in enumerate(kept):
            if isinstance(definition, SchemaDefinitionNode | SchemaExtensionNode):
                kept[index] = dataclasses.replace(
                    definition,
                    operation_types=tuple(
                        o for o in definition.operation_types or () if o.operation.value != operation
                    ),
                )
    return print_ast(DocumentNode(definitions=tuple(kept))) + "\n"


async def resolve_entities(
    entities: Mapping[str, EntityType], info: strawberry.Info, representations: Sequence[Any]
) -> list[object | None]:
    """``_entities``: group the representations by type, one resolver call per type.

    At most :data:`schema.platform.MAX_NODES` representations per call, as ``nodes``
    takes at most that many IDs (``PAGE_SIZE_EXCEEDED`` otherwise).
    """
    if len(representations) > MAX_NODES:
        raise CettarError("PAGE_SIZE_EXCEEDED", field="representations", max=MAX_NODES)
    results: list[object | None] = [None] * len(representations)
    wanted: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for index, representation in enumerate(representations):
        name = representation.get("__typename") if isinstance(representation, dict) else None
        entity = entities.get(name) if isinstance(name, str) else None
        if entity is None or entity.resolve is None:
            # graphql-core raises an exception found in a list: null and an error at _entities.<index>
            results[index] = CettarError("VALIDATION_FAILED", field=f"representations.{index}")
            continue
        wanted[str(name)].append((index, {k: v for k, v in representation.items() if k != "__typename"}))
    # One type after the other: the resolvers share the request's unit of work.
    for name, items in wanted.items():
        resolve = entities[name].resolve
        assert resolve is not None
        found = await resolve(info, [r for _index, r in items])
        for (index, _representation), obj in zip(items, found, strict=True):
            results[index] = obj
    return results
