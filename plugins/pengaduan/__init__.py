"""pengaduan: complaint handling (SP4N-LAPOR!) — filing, verification, disposition, follow-up, closing.

Hook implementations only: the domain logic is in ``service`` (filing, reading,
visibility), ``lifecycle`` (the steps), ``community`` (support, reports,
moderation) and ``escalation`` (the deadline job); GraphQL in ``types``,
``inputs``, ``resolvers`` and ``subscriptions``; data in ``seed``.
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from core.auth import Role
from core.identity.permissions import Permission
from core.jobs import Job
from core.plugins import PluginMeta, hookimpl
from core.regions.seed import AgencySpec
from plugins.pengaduan import (
    escalation,
    examples,
    open311,
    resolvers,
    routes,
    seed,
    service,
    subscriptions,
    synthetic,
    types,
)
from plugins.pengaduan.settings import PengaduanSettings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession
    from starlette.routing import BaseRoute

    from core.runtime import Runtime
    from core.synthetic import SyntheticPeople, SyntheticProgress
    from schema.builder import PluginSchemaBuilder

MIGRATIONS = Path(__file__).resolve().parent / "migrations" / "versions"


@hookimpl
def cettar_plugin_meta() -> PluginMeta:
    return PluginMeta(
        name="pengaduan",
        version="0.1.0",
        title="Pengaduan (SP4N-LAPOR!)",
        description="Citizens file complaints, aspirations and requests for information; complaint units verify "
        "and dispose them to agencies, which follow them up within working-day deadlines.",
        agency="Diskominfo Provinsi Jawa Timur",
        region_code="35",
        requires=("akun", "wilayah"),
        settings=PengaduanSettings,
    )


@hookimpl
def cettar_migrations() -> Path:
    return MIGRATIONS


@hookimpl
def cettar_permissions() -> list[Permission]:
    return [
        Permission(
            service.VERIFY,
            "Verify complaints and dispose, hold, archive or refuse them: the complaint unit of the complaint's "
            "kabupaten/kota (its Diskominfo) or the province's. Granted to the admins of complaint units.",
            [Role.PROVINCE_ADMIN],
        ),
        Permission(
            service.HANDLE,
            "Follow up, answer and resolve the complaints disposed to one's agency.",
            [Role.OFFICER, Role.AGENCY_ADMIN],
            grantable_by=[Role.AGENCY_ADMIN],
        ),
        Permission(
            service.FORWARD,
            "Forward a complaint disposed to one's agency to another agency.",
            [Role.AGENCY_ADMIN, Role.PROVINCE_ADMIN],
            grantable_by=[Role.AGENCY_ADMIN],
        ),
        Permission(
            service.MODERATE,
            "Restore or remove public complaints hidden after citizens reported them.",
            [Role.PROVINCE_ADMIN],
        ),
    ]


@hookimpl
def cettar_schema(builder: PluginSchemaBuilder) -> None:
    builder.query(resolvers.complaint_categories, resolvers.complaints, resolvers.my_complaints, resolvers.complaint)
    builder.mutation(
        resolvers.file_complaint,
        resolvers.verify_complaint,
        resolvers.hold_complaint,
        resolvers.mark_complaint_not_our_authority,
        resolvers.archive_complaint,
        resolvers.supplement_complaint,
        resolvers.forward_complaint,
        resolvers.follow_up_complaint,
        resolvers.post_complaint_message,
        resolvers.resolve_complaint,
        resolvers.reopen_complaint,
        resolvers.close_complaint,
        resolvers.support_complaint,
        resolvers.report_complaint,
        resolvers.restore_complaint,
        resolvers.remove_complaint,
    )
    builder.subscription(subscriptions.complaint_updated, subscriptions.complaint_queue)
    builder.node(types.Complaint, resolvers.resolve_complaint_nodes)
    builder.node(types.ComplaintMessage, resolvers.resolve_message_nodes)
    examples.register(builder)
    open311.register_schema(builder)


@hookimpl
def cettar_routes(runtime: Runtime) -> list[BaseRoute]:
    """Attachment downloads, and Open311 GeoReport v2 (``/open311/…``) built on this plugin's service layer."""
    return [*routes.routes(runtime), *open311.routes(runtime)]


@hookimpl
def cettar_jobs() -> list[Job]:
    return [escalation.JOB]


@hookimpl
async def cettar_seed(session: AsyncSession, demo: bool, runtime: Runtime) -> None:
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
    """``cettar seed --synthetic N``: N/10 complaints over the last year, with their steps (see ``synthetic``)."""
    await synthetic.seed_synthetic(runtime, count, rng, progress, people, now)


@hookimpl
def cettar_agencies() -> list[AgencySpec]:
    return list(seed.AGENCIES)
