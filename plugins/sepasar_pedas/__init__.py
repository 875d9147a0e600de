"""sepasar_pedas: SEPASAR PEDAS (Sekolah Pasar Pedagang Cerdas), the market school of Kota Malang.

Traders of the traditional markets (pasar rakyat) attend classes on digital payments
(QRIS), bookkeeping, hygiene and marketing; the Dinas Perdagangan Kota Malang
(``disdag-3573``) registers them, enrols them, records attendance and issues
certificates anyone can verify by code. It registers its innovation (TOP 45 KIPP 2020)
with the ``inovasi`` registry through ``cettar_innovation`` and works without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.identity.permissions import Permission
from core.innovations import InnovationRecord
from core.plugins import PluginMeta, hookimpl
from core.regions.seed import AgencySpec
from plugins.sepasar_pedas import examples, federation, resolvers, rules, seed, types

MIGRATIONS = Path(__file__).resolve().parent / "migrations" / "versions"


@hookimpl
def cettar_plugin_meta() -> PluginMeta:
    return PluginMeta(
        name="sepasar_pedas",
        version="0.1.0",
        title="SEPASAR PEDAS (Sekolah Pasar Pedagang Cerdas)",
        description="Kota Malang's school for traditional-market traders: markets, traders, classes "
        "(QRIS, bookkeeping, hygiene, marketing), enrolment, attendance and verifiable certificates.",
        agency="Dinas Perdagangan Kota Malang",
        region_code="35.73",
        requires=("akun", "wilayah"),
        settings=rules.SepasarSettings,
    )


@hookimpl
def cettar_migrations() -> Path:
    return MIGRATIONS


@hookimpl
def cettar_schema(builder: Any) -> None:
    builder.query(
        resolvers.sepasar_markets,
        resolvers.sepasar_market,
        resolvers.sepasar_traders,
        resolvers.sepasar_classes,
        resolvers.my_sepasar_enrolments,
        resolvers.my_sepasar_certificates,
        resolvers.verify_sepasar_certificate,
    )
    builder.mutation(
        resolvers.create_sepasar_market,
        resolvers.update_sepasar_market,
        resolvers.register_sepasar_trader,
        resolvers.update_sepasar_trader,
        resolvers.link_my_sepasar_traders,
        resolvers.schedule_sepasar_class,
        resolvers.update_sepasar_class,
        resolvers.enrol_sepasar_trader,
        resolvers.record_sepasar_attendance,
        resolvers.issue_sepasar_certificate,
        resolvers.revoke_sepasar_certificate,
    )
    builder.node(types.SepasarMarket, resolvers.resolve_market_nodes)
    builder.node(types.SepasarTrader, resolvers.resolve_trader_nodes)
    builder.node(types.SepasarClass, resolvers.resolve_class_nodes)
    builder.node(types.SepasarEnrolment, resolvers.resolve_enrolment_nodes)
    builder.node(types.SepasarCertificate, resolvers.resolve_certificate_nodes)
    # In a federated graph only (CETTAR_FEDERATION=1): markets counted on the shared Region entity, and each
    # market's region as that entity.
    builder.federation_fields("Region", federation.sepasar_market_count)
    builder.federation_fields("SepasarMarket", federation.market_region)
    examples.register(builder)


@hookimpl
def cettar_permissions() -> list[Permission]:
    return list(rules.PERMISSIONS)


@hookimpl
def cettar_agencies() -> list[AgencySpec]:
    return [seed.AGENCY]


@hookimpl
def cettar_innovation() -> InnovationRecord:
    return seed.INNOVATION


@hookimpl
async def cettar_seed(session: AsyncSession, demo: bool) -> None:
    if demo:
        await seed.seed_demo(session)
