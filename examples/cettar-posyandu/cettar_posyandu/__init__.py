"""posyandu: an example third-party CETTAR plugin (community health posts).

This module holds the hook implementations only; CETTAR finds it through the
entry point ``posyandu = "cettar_posyandu"`` in the group ``cettar.plugins``.
The work is done in ``service`` (database), ``types`` and ``resolvers`` (GraphQL)
and ``seed`` (demo rows); the table is created by the Alembic branch in
``migrations/versions``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from core.auth import Role
from core.identity.permissions import Permission
from core.plugins import PluginMeta, hookimpl
from pydantic_settings import BaseSettings
from sqlalchemy.ext.asyncio import AsyncSession

from cettar_posyandu import resolvers, seed, service, types

if TYPE_CHECKING:
    from schema.builder import PluginSchemaBuilder

__version__ = "0.1.0"

MIGRATIONS = Path(__file__).resolve().parent / "migrations" / "versions"


class PosyanduSettings(BaseSettings):
    """Read from ``CETTAR_POSYANDU_<FIELD>`` at start; a bad value stops the start naming the variable."""

    max_kader: int = service.MAX_KADER


@hookimpl
def cettar_plugin_meta() -> PluginMeta:
    return PluginMeta(
        name="posyandu",
        version=__version__,
        title="Posyandu (contoh plugin)",
        description="Example third-party plugin: the Posyandu of each desa/kelurahan and their active cadres.",
        agency="Dinas Kesehatan Kota Surabaya",
        region_code="35.78",
        settings=PosyanduSettings,
    )


@hookimpl
def cettar_permissions() -> list[Permission]:
    return [
        Permission(
            resolvers.MANAGE,
            "Mencatat jumlah kader posyandu / Record the cadres of a Posyandu",
            roles=[Role.OFFICER, Role.AGENCY_ADMIN],
        )
    ]


@hookimpl
def cettar_migrations() -> Path:
    return MIGRATIONS


@hookimpl
def cettar_schema(builder: PluginSchemaBuilder) -> None:
    builder.query(resolvers.posyandus)
    builder.mutation(resolvers.update_posyandu_cadres)
    builder.node(types.Posyandu, resolvers.resolve_posyandu_nodes)


@hookimpl
async def cettar_seed(session: AsyncSession, demo: bool) -> None:
    if demo:
        await seed.seed_demo(session)
