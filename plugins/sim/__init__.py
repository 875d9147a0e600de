"""sim: renewing a driving licence (SIM) at the Satpas of Polrestabes Surabaya.

Registers the public service ``sim.perpanjangan`` (standard and form); the
``layanan`` plugin, when enabled, lists it and takes applications. Its
``validate`` refuses an expired SIM (a new SIM is needed), checks the SIM number
against the holder's NIK, and the class decides the PNBP fee (PP 76/2020).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from core.plugins import PluginMeta, hookimpl
from core.services import ServiceDefinition
from plugins.sim import catalog, seed


@hookimpl
def cettar_plugin_meta() -> PluginMeta:
    return PluginMeta(
        name="sim",
        version="0.1.0",
        title="Perpanjangan SIM",
        description="Driving licence (SIM) renewal at the Satpas of Polrestabes Surabaya, fee by class (PP 76/2020).",
        agency="Satpas Satlantas Polrestabes Surabaya",
        region_code="35",
    )


@hookimpl
def cettar_services() -> list[ServiceDefinition]:
    return list(catalog.SERVICES)


@hookimpl
async def cettar_seed(session: AsyncSession, demo: bool) -> None:
    """No reference data; with ``demo``, a demo officer of the Satpas (`polrestabes-surabaya`) (``seed.py``)."""
    if demo:
        await seed.seed_demo(session)
