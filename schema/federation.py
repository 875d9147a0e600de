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
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

import strawberry
import strawberry.federation
from graphql import GraphQLInterfaceType, GraphQLObjectType, GraphQLResolveInfo
from strawberry.annotation import StrawberryAnnotation
from strawberry.federation.schema import FederationAny
from strawberry.federation.schema_directives import Inaccessible, Key, Shareable
from strawberry.printer import print_schema
from strawberry.schema.name_converter import NameConverter
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.tools import create_type
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.field import StrawberryField
from strawberry.types.union import StrawberryUnion
from strawberry.types.unset import UNSET

from core.errors import CettarError
from core.plugins import PluginLoadError
from schema.builder import EntityType, FederationDirectives, PluginSchemaBuilder
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


class _Overlay:
    """Federation directives by type and field, applied to copies of definitions."""

    def __init__(self, declared: Iterable[FederationDirectives], entities: Mapping[str, EntityType]) -> None:
        self.types: dict[str, list[object]] = defaultdict(list)
        self.fields: dict[tuple[str, str], list[object]] = defaultdict(list)
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

    def definition(self, definition: StrawberryObjectDefinition) -> StrawberryObjectDefinition:
        """``definition`` with its federation directives: always the same copy, or itself."""
        extra = self.types.get(definition.name)
        if not extra or definition.is_input:
            return definition
        federated = self._definitions.get(id(definition))
        if federated is None:
            federated = copy.copy(definition)
            federated.directives = [*(definition.directives or ()), *extra]
            if federated.is_type_of is None and not federated.is_interface:
                # Strawberry tells an object's type by its definition's identity, which
                # the copy does not share: compare classes instead (unions such as _Entity).
                federated.is_type_of = _instance_of(definition.origin)
            self._definitions[id(definition)] = self._definitions[id(federated)] = federated
            self.applied.add(definition.name)
        return federated

    def field(self, type_name: str, graphql_name: str, field: StrawberryField) -> StrawberryField:
        extra = self.fields.get((type_name, graphql_name))
        if not extra:
            return field
        federated = self._fields.get((type_name, id(field)))
        if federated is None:
            federated = copy.copy(field)
            federated.directives = [*field.directives, *extra]
            self._fields[type_name, id(field)] = federated
            self.applied.add(f"{type_name}.{graphql_name}")
        return federated

    def check(self) -> None:
        """Every declaration named a type or field of the schema."""
        declared = [*self.types, *(f"{t}.{f}" for t, f in self.fields)]
        for coordinate in sorted(set(declared) - self.applied):
            raise PluginLoadError(
                f"plugin {self.owners[coordinate]!r}: federation directives for {coordinate!r}, "
                "which is not an object type, interface or field of the schema"
            )


def _instance_of(origin: type) -> Any:
    def is_type_of(obj: Any, _info: GraphQLResolveInfo[Any]) -> bool:
        return isinstance(obj, origin)

    return is_type_of


@strawberry.type(name="_Service")
class _Service:
    @strawberry.field(description="This subgraph's SDL, with its federation directives.")
    def sdl(self, info: strawberry.Info) -> str:
        return print_schema(info.schema)


@strawberry.field(name="_service")
def _service() -> _Service:
    return _Service()


class _OverlayConverter(GraphQLCoreConverter):
    """Strawberry's converter, reading object types and interfaces through the overlay."""

    overlay: _Overlay

    def from_object(self, object_type: StrawberryObjectDefinition) -> GraphQLObjectType:
        return super().from_object(self.overlay.definition(object_type))

    def from_interface(self, interface: StrawberryObjectDefinition) -> GraphQLInterfaceType:
        return super().from_interface(self.overlay.definition(interface))


class FederatedSchema(CettarSchema, strawberry.federation.Schema):
    """:class:`CettarSchema` (its executor, error handling and extensions) as a
    Federation 2 subgraph, with the entities and directives the plugins declared."""

    def __init__(
        self,
        *,
        entities: Mapping[str, EntityType],
        federation: Sequence[FederationDirectives],
        **kwargs: Any,
    ) -> None:
        self.entity_types = dict(entities)
        self._overlay = _Overlay(federation, self.entity_types)
        kwargs.setdefault("federation_version", FEDERATION_VERSION)
        super().__init__(**kwargs)
        self._overlay.check()

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
        return [self._overlay.field(type_definition.name, name_of(f), f) for f in type_definition.fields]

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
