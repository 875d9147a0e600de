"""gayatri: GAYATRI of Kota Mojokerto — community cadres report health and social cases, routed to the agency in charge.

Children under five are followed per kelurahan (length/height with the WHO
stunting flag, the routine immunisation schedule with due and missed doses);
cases (health emergency, stunting, immunisation, tuberculosis, social aid) are
triaged, routed to Dinas Kesehatan or Dinas Sosial, followed up and resolved; a
health emergency is pushed at once to the responsible agency's staff. TOP 45 of
the Kompetisi Inovasi Pelayanan Publik 2020 (Kementerian PANRB).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.auth import Role
from core.identity.permissions import Permission
from core.innovations import AwardRecord, InnovationRecord, Stage
from core.plugins import PluginMeta, hookimpl
from core.regions.models import AgencyKind
from core.regions.seed import AgencySpec
from plugins.gayatri import domain, errors, examples, resolvers, seed, service, types  # noqa: F401  (errors registers codes)

MIGRATIONS = Path(__file__).resolve().parent / "migrations" / "versions"


@hookimpl
def cettar_plugin_meta() -> PluginMeta:
    return PluginMeta(
        name="gayatri",
        version="0.1.0",
        title="GAYATRI",
        description="Kota Mojokerto: community cadres per kelurahan report health emergencies, stunting, immunisation, "
        "tuberculosis and social aid cases, triaged and routed to the responsible agency and followed up; children's "
        "growth (WHO stunting flag) and immunisation schedules; emergencies pushed at once to the agency.",
        agency="Humas Pemerintah Kota Mojokerto",
        region_code=domain.REGION_CODE,
        requires=("akun", "wilayah"),
    )


@hookimpl
def cettar_migrations() -> Path:
    return MIGRATIONS


@hookimpl
def cettar_schema(builder: Any) -> None:
    builder.query(*resolvers.QUERIES)
    builder.mutation(*resolvers.MUTATIONS)
    builder.subscription(*resolvers.SUBSCRIPTIONS)
    builder.node(types.GayatriCadre, resolvers.resolve_cadre_nodes)
    builder.node(types.GayatriChild, resolvers.resolve_child_nodes)
    builder.node(types.GayatriMeasurement, resolvers.resolve_measurement_nodes)
    builder.node(types.GayatriCase, resolvers.resolve_case_nodes)
    examples.register(builder)


@hookimpl
def cettar_permissions() -> list[Permission]:
    return [
        Permission(
            service.MANAGE_CADRES,
            "Register and change GAYATRI cadres (staff of Dinas Kesehatan Kota Mojokerto, the province admin).",
            [Role.AGENCY_ADMIN, Role.PROVINCE_ADMIN],
            grantable_by=[Role.AGENCY_ADMIN],
        ),
        Permission(
            service.RECORD_CHILDREN,
            "Register children and record their measurements and doses (staff of Dinas Kesehatan Kota Mojokerto; "
            "cadres do it for their kelurahan without it).",
            [Role.OFFICER, Role.AGENCY_ADMIN],
        ),
        Permission(
            service.HANDLE_CASES,
            "Triage, route, follow up and resolve the GAYATRI cases of one's agency.",
            [Role.OFFICER, Role.AGENCY_ADMIN],
        ),
    ]


@hookimpl
def cettar_agencies() -> list[AgencySpec]:
    return [
        AgencySpec(domain.SOCIAL_AGENCY, "Dinas Sosial Kota Mojokerto", AgencyKind.DINAS, domain.REGION_CODE),
        AgencySpec(domain.OWNER_AGENCY, "Humas Pemerintah Kota Mojokerto", AgencyKind.UNIT, domain.REGION_CODE),
    ]


@hookimpl
def cettar_innovation() -> InnovationRecord:
    return InnovationRecord(
        code="gayatri",
        name="GAYATRI",
        # The source (the Governor's KORPRI 2020 article) names the innovation and its owner but does not expand
        # the acronym; we do not guess it.
        acronym_meaning=None,
        agency_code=domain.OWNER_AGENCY,
        region_code=domain.REGION_CODE,
        year_started=None,  # the source (the Governor's KORPRI 2020 article) gives no start year
        category="kesehatan",
        stage=Stage.PENERAPAN,
        # In Bahasa Indonesia, like every description in the registry; only what the design notes say of it.
        description="Gerbang informasi kesehatan dan sosial terpadu Kota Mojokerto: kader melaporkan kasus "
        "(kegawatdaruratan, stunting, imunisasi, bantuan sosial) yang diteruskan ke instansi yang bertanggung jawab "
        "dan ditindaklanjuti.",
        awards=(
            AwardRecord(
                competition="Kompetisi Inovasi Pelayanan Publik (KIPP)",
                rank="TOP 45",
                year=2020,
                issuer="Kementerian PANRB",
            ),
        ),
    )


@hookimpl
async def cettar_seed(session: AsyncSession, demo: bool) -> None:
    if demo:
        await seed.seed_demo(session)
