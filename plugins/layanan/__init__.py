"""layanan: the public service catalog, applications, their workflow, tracking and home delivery.

Services come from every plugin's ``cettar_services`` (``runtime.services``); this plugin
shows them, takes applications for them and carries each through its workflow.
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from core.auth import Role
from core.identity.permissions import Permission
from core.plugins import PluginMeta, hookimpl
from plugins.layanan import examples, resolvers, routes, seed, subscriptions, synthetic, types
from plugins.layanan import messages as messages  # registers the error codes
from plugins.layanan import models as models  # the tables, for migrations and metadata
from plugins.layanan.access import PROCESS
from plugins.layanan.catalog_types import Service

if TYPE_CHECKING:
    from starlette.routing import BaseRoute

    from core.runtime import Runtime
    from core.synthetic import SyntheticPeople, SyntheticProgress
    from schema.builder import PluginSchemaBuilder

MIGRATIONS = Path(__file__).resolve().parent / "migrations" / "versions"


@hookimpl
def cettar_plugin_meta() -> PluginMeta:
    return PluginMeta(
        name="layanan",
        version="0.1.0",
        title="Layanan publik daring",
        description="The catalog of public services with their service standards; citizens apply online, "
        "track their applications and get the product delivered; officers work through their agency's queue.",
        agency="Diskominfo Provinsi Jawa Timur",
        region_code="35",
        requires=("akun", "wilayah"),
    )


@hookimpl
def cettar_migrations() -> Path:
    return MIGRATIONS


@hookimpl
def cettar_permissions() -> list[Permission]:
    return [
        Permission(
            PROCESS,
            "Process the applications of one's agency: the queue, claims, status changes, notes, home delivery.",
            [Role.OFFICER, Role.AGENCY_ADMIN],
            grantable_by=[Role.AGENCY_ADMIN],
        )
    ]


@hookimpl
def cettar_schema(builder: PluginSchemaBuilder) -> None:
    builder.query(
        resolvers.services,
        resolvers.service,
        resolvers.track_application,
        resolvers.application,
        resolvers.my_applications,
        resolvers.application_queue,
    )
    builder.mutation(
        resolvers.submit_application,
        resolvers.resubmit_application,
        resolvers.transition_application,
        resolvers.cancel_application,
        resolvers.claim_application,
        resolvers.add_application_note,
        resolvers.update_delivery,
        resolvers.confirm_delivery,
    )
    builder.subscription(subscriptions.application_updated, subscriptions.application_arrived)
    builder.node(Service, resolvers.resolve_service_nodes)
    builder.node(types.Application, resolvers.resolve_application_nodes)
    builder.node(types.ApplicationAttachment, resolvers.resolve_attachment_nodes)
    examples.register(builder)


@hookimpl
def cettar_routes(runtime: Runtime) -> list[BaseRoute]:
    """``GET /layanan/attachments/{id}``: the applicant and the processing agency download attachments."""
    return routes.routes(runtime)


@hookimpl
async def cettar_seed(session: AsyncSession, demo: bool, runtime: Runtime) -> None:
    """No reference data; with ``demo``, applications in every status at every agency with a demo officer
    (the service families seed before ``layanan``: they add those officers — see ``cettar_seed`` in docs/plugins.md)."""
    if demo:
        await seed.seed_demo(session, runtime)


@hookimpl
async def cettar_seed_synthetic(
    runtime: Runtime,
    count: int,
    rng: random.Random,
    progress: SyntheticProgress,
    people: SyntheticPeople,
    now: datetime,
) -> None:
    """``cettar seed --synthetic N``: N applications over the last year, with timelines (see ``synthetic``)."""
    await synthetic.seed_synthetic(runtime, count, rng, progress, people, now)
