"""rumahku_sip: Rumahku SIP of Kabupaten Gresik — housing developments, their PSU handover, problems,
aerial surveys and PBB-P2 tax objects. The public sees counts; Disperkim Gresik sees and manages detail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.identity.permissions import Permission
from core.innovations import AwardRecord, InnovationRecord, Stage
from core.plugins import PluginMeta, hookimpl
from core.runtime import Runtime
from plugins.rumahku_sip import errors as _errors  # noqa: F401  (registers the error codes)
from plugins.rumahku_sip import examples, federation, mutations, resolvers, seed
from plugins.rumahku_sip.access import PERMISSIONS
from plugins.rumahku_sip.settings import RumahkuSipSettings

MIGRATIONS = Path(__file__).resolve().parent / "migrations" / "versions"


@hookimpl
def cettar_plugin_meta() -> PluginMeta:
    return PluginMeta(
        name="rumahku_sip",
        version="0.1.0",
        title="Rumahku SIP",
        description="Housing and settlement data of Kabupaten Gresik: developments, units, PSU and their handover "
        "from developers, problems, aerial surveys, links to PBB-P2 tax objects.",
        agency="Dinas Perumahan Rakyat, Kawasan Permukiman dan Cipta Karya Kabupaten Gresik",
        region_code="35.25",
        requires=("akun", "wilayah"),
        settings=RumahkuSipSettings,
    )


@hookimpl
def cettar_migrations() -> Path:
    return MIGRATIONS


@hookimpl
def cettar_schema(builder: Any) -> None:
    builder.query(
        resolvers.housing_statistics,
        resolvers.housing_developments,
        resolvers.housing_developers,
        resolvers.psu_handovers,
        resolvers.development_problems,
    )
    builder.mutation(*mutations.MUTATIONS)
    for node_type, resolve in resolvers.NODES:
        builder.node(node_type, resolve)
    # In a federated graph only (CETTAR_FEDERATION=1): the public counts on the shared Region entity, and each
    # kecamatan of the counts as that entity.
    builder.federation_fields("Region", federation.housing_statistics_of_region)
    builder.federation_fields("KecamatanHousingStatistics", federation.kecamatan_region)
    examples.register(builder)


@hookimpl
def cettar_permissions() -> list[Permission]:
    return list(PERMISSIONS)


@hookimpl
def cettar_innovation() -> InnovationRecord:
    return InnovationRecord(
        code="rumahku-sip",
        name="Rumahku SIP",
        # The background text names "Rumahku SIP" without expanding "SIP"; no meaning is invented here.
        acronym_meaning=None,
        agency_code="disperkim-3525",
        region_code="35.25",
        year_started=None,  # the source (the Governor's KORPRI 2020 article) gives no start year
        category="perumahan",
        stage=Stage.PENERAPAN,
        description="Data perumahan dan kawasan permukiman Kabupaten Gresik: perumahan, unit rumah, prasarana, "
        "sarana dan utilitas (PSU) beserta serah terimanya dari pengembang, masalah yang ditemukan, "
        "survei udara, dan keterkaitannya dengan data pajak daerah (PBB-P2).",
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
async def cettar_seed(session: AsyncSession, demo: bool, runtime: Runtime) -> None:
    if demo:
        await seed.seed_demo(session, runtime.storage, mutations.agency_code(runtime.plugins))
