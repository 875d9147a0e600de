"""wilayah: regions (province to desa/kelurahan) and agencies in GraphQL."""

from __future__ import annotations

from typing import Any

from core.plugins import PluginMeta, hookimpl
from plugins.wilayah import examples, resolvers, types


@hookimpl
def cettar_plugin_meta() -> PluginMeta:
    return PluginMeta(
        name="wilayah",
        version="0.1.0",
        title="Wilayah dan perangkat daerah",
        description="Regions of Jawa Timur (Kepmendagri 300.2.2-2138/2025) and the agencies (OPD) that serve them.",
        agency="Diskominfo Provinsi Jawa Timur",
        region_code="35",
    )


@hookimpl
def cettar_schema(builder: Any) -> None:
    builder.query(resolvers.region, resolvers.regions, resolvers.agency, resolvers.agencies)
    builder.node(types.Region, resolvers.resolve_region_nodes)
    builder.node(types.Agency, resolvers.resolve_agency_nodes)
    # Federation entities (CETTAR_FEDERATION=1): loaded by code with the node resolvers.
    builder.entity(types.Region, keys="code")
    builder.entity(types.Agency, keys="code")
    examples.register(builder)
