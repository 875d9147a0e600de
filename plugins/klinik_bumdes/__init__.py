"""klinik_bumdes: the Klinik BUM Desa of Dinas PMD Provinsi Jawa Timur (TOP 45 KIPP 2020).

A registry of BUM Desa (village-owned enterprises) with their legal status, business
units, grades and yearly figures; consultations with experts from partner universities;
coaching programmes; statistics per kabupaten/kota and grade. This module holds the hook
implementations only; the work is done in ``service/`` (domain), ``types``/``inputs``/
``resolvers``/``mutations`` (GraphQL) and ``seed`` (demo data).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from core.auth import Role
from core.identity.permissions import Permission
from core.innovations import AwardRecord, InnovationRecord, Stage
from core.plugins import PluginMeta, hookimpl
from core.regions.models import AgencyKind
from core.regions.seed import AgencySpec
from plugins.klinik_bumdes import errors as _errors  # noqa: F401  (registers the error codes)
from plugins.klinik_bumdes import examples, mutations, resolvers, seed, types
from plugins.klinik_bumdes.service.access import AGENCY_CODE, CONSULT, MANAGE

if TYPE_CHECKING:
    from schema.builder import PluginSchemaBuilder

MIGRATIONS = Path(__file__).resolve().parent / "migrations" / "versions"


@hookimpl
def cettar_plugin_meta() -> PluginMeta:
    return PluginMeta(
        name="klinik_bumdes",
        version="0.1.0",
        title="Klinik BUM Desa",
        description="The BUM Desa registry (legal status, units, grades, revenue), consultations with university "
        "experts, coaching programmes and statistics, run by Dinas PMD Provinsi Jawa Timur.",
        agency="Dinas Pemberdayaan Masyarakat dan Desa Provinsi Jawa Timur",
        region_code="35",
        requires=("akun", "wilayah"),
    )


@hookimpl
def cettar_migrations() -> Path:
    return MIGRATIONS


@hookimpl
def cettar_schema(builder: PluginSchemaBuilder) -> None:
    builder.query(*resolvers.QUERIES)
    builder.mutation(*mutations.MUTATIONS)
    builder.node(types.BumDesa, resolvers.resolve_bum_desas)
    builder.node(types.BumDesaUnit, resolvers.resolve_units)
    builder.node(types.BumDesaExpert, resolvers.resolve_experts)
    builder.node(types.BumDesaConsultation, resolvers.resolve_consultations)
    builder.node(types.BumDesaConsultationSession, resolvers.resolve_sessions)
    builder.node(types.BumDesaCoachingProgram, resolvers.resolve_programs)
    examples.register(builder)


@hookimpl
def cettar_permissions() -> list[Permission]:
    return [
        Permission(
            MANAGE,
            "Run the Klinik BUM Desa: the registry, experts, coaching programmes and every consultation. "
            "Officers of dpmd-jatim hold it by their agency; grant it to staff elsewhere.",
            [Role.PROVINCE_ADMIN],
        ),
        Permission(
            CONSULT,
            "Handle the Klinik BUM Desa consultations of the BUM Desa in one's agency's region: see them, "
            "assign, schedule, resolve and close (e.g. a kabupaten's Dinas PMD; a provincial agency: all).",
            [Role.PROVINCE_ADMIN],
            grantable_by=[Role.AGENCY_ADMIN],
        ),
    ]


@hookimpl
def cettar_agencies() -> list[AgencySpec]:
    return [
        AgencySpec(AGENCY_CODE, "Dinas Pemberdayaan Masyarakat dan Desa Provinsi Jawa Timur", AgencyKind.DINAS, "35")
    ]


@hookimpl
def cettar_innovation() -> InnovationRecord:
    return InnovationRecord(
        code="klinik-bumdes",
        name="Klinik BUM Desa",
        acronym_meaning="Klinik Badan Usaha Milik Desa",
        agency_code=AGENCY_CODE,
        region_code="35",
        year_started=None,  # the source (the Governor's KORPRI 2020 article) gives no start year
        category="pemberdayaan masyarakat",
        stage=Stage.PENERAPAN,
        description=(
            "Klinik bagi badan usaha milik desa (BUM Desa) di Jawa Timur: pendaftaran badan hukum, perizinan "
            "usaha, pelaporan keuangan, tata kelola dan permodalan, didampingi tenaga ahli dari perguruan tinggi "
            "mitra; program pembinaan dan pemeringkatan pemula, berkembang, maju."
        ),
        awards=(
            AwardRecord(
                competition="Kompetisi Inovasi Pelayanan Publik (KIPP)",
                rank="TOP 45",
                year=2020,
                issuer="Kementerian PANRB",
                # "Pada tanggal 25 November yang lalu Pemerintah Provinsi Jawa Timur menerima … Penghargaan
                # TOP 45 Inovasi Pelayanan Publik Tahun 2020 untuk Klinik BUM Desa" (the Governor's article).
                awarded_on=date(2020, 11, 25),
            ),
        ),
    )


@hookimpl
async def cettar_seed(session: AsyncSession, demo: bool) -> None:
    if demo:
        await seed.seed_demo(session)
