"""inovasi: the registry of regional public-service innovations and their awards.

Every plugin that implements an innovation returns its record from the core hook
``cettar_innovation``; at each ``cettar seed`` this plugin stores those records with
the plugin's name as their implementation, next to its reference data: the 2020
awards (TOP 45 public-service innovations, TOP 15 complaint handling) of Jawa Timur.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.federation.schema_directives import Inaccessible

from core.auth import Role
from core.identity.permissions import Permission
from core.plugins import PluginMeta, hookimpl
from core.regions.seed import AgencySpec
from plugins.inovasi import examples, resolvers, seed, service, types

if TYPE_CHECKING:
    from core.runtime import Runtime

MIGRATIONS = Path(__file__).resolve().parent / "migrations" / "versions"


@hookimpl
def cettar_plugin_meta() -> PluginMeta:
    return PluginMeta(
        name="inovasi",
        version="0.1.0",
        title="Registri inovasi pelayanan publik",
        description="Public-service innovations of Jawa Timur: who runs them, which plugin implements them, "
        "and their awards (KIPP TOP 45, complaint handling TOP 15…).",
        agency="Biro Organisasi Setda Provinsi Jawa Timur",
        region_code="35",
        requires=("akun", "wilayah"),
    )


@hookimpl
def cettar_migrations() -> Path:
    return MIGRATIONS


@hookimpl
def cettar_schema(builder: Any) -> None:
    builder.query(resolvers.innovations, resolvers.innovation, resolvers.innovation_awards)
    builder.mutation(
        resolvers.create_innovation,
        resolvers.update_innovation,
        resolvers.add_innovation_award,
        resolvers.update_innovation_award,
    )
    builder.node(types.Innovation, resolvers.resolve_innovation_nodes)
    builder.node(types.InnovationAward, resolvers.resolve_award_nodes)
    # A federation entity (CETTAR_FEDERATION=1): other subgraphs refer to an innovation by its code.
    builder.entity(types.Innovation, keys="code")
    # "The plugin implementing it on this platform" differs from instance to instance: not in a supergraph.
    builder.federation_directives("Innovation.implementation", Inaccessible())
    examples.register(builder)


@hookimpl
def cettar_permissions() -> list[Permission]:
    return [
        Permission(
            service.MANAGE,
            "Add and change innovations and their awards in the registry: the province admin for every agency, "
            "anyone else granted it for their own agency.",
            [Role.PROVINCE_ADMIN],
        )
    ]


@hookimpl
def cettar_agencies() -> list[AgencySpec]:
    return list(seed.AGENCIES)


@hookimpl
async def cettar_seed(session: AsyncSession, demo: bool, runtime: Runtime) -> None:
    await seed.seed_reference(session)
    await seed.register_plugins(session, runtime.plugins)
    if demo:
        await seed.seed_demo(session)
