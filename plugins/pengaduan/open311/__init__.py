"""Open311 GeoReport v2 for the complaint plugin: ``/open311/v2/`` and integrators' API keys.

The plugin wires it in with two calls (in ``plugins/pengaduan/__init__.py``)::

    @hookimpl
    def cettar_routes(runtime):
        return open311.routes(runtime)

    # in cettar_schema(builder):
    open311.register_schema(builder)

The specification: http://wiki.open311.org/GeoReport_v2 ; this implementation: ``docs/open311.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from plugins.pengaduan.open311 import models as _models  # noqa: F401  (its tables, for autogenerate)

if TYPE_CHECKING:
    from starlette.routing import BaseRoute

    from core.runtime import Runtime


def routes(runtime: Runtime) -> list[BaseRoute]:
    """The GeoReport v2 endpoints (``/open311/v2/…``) and the discovery file (``/open311/discovery.json``)."""
    from plugins.pengaduan.open311.endpoints import build_routes

    return build_routes(runtime)


def register_schema(builder: Any) -> None:
    """Key management in GraphQL: ``open311Keys``, ``issueOpen311Key``, ``revokeOpen311Key``, ``node(id:)``."""
    from plugins.pengaduan.open311 import resolvers, types

    builder.query(resolvers.open311_keys)
    builder.mutation(resolvers.issue_open311_key, resolvers.revoke_open311_key)
    builder.node(types.Open311Key, resolvers.resolve_key_nodes)
