"""samsat: the annual vehicle tax (PKB) with the yearly STNK validation, at Bapenda Provinsi Jawa Timur.

Registers the public service ``samsat.pkb`` (standard and form); the ``layanan``
plugin, when enabled, lists it and takes applications. Its ``validate`` checks
Jawa Timur plates (``plates.py``), the owner's NIK, frame and engine numbers, and
the STNK's five-year validity.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from core.plugins import PluginMeta, hookimpl
from core.services import ServiceDefinition
from plugins.samsat import catalog, seed


@hookimpl
def cettar_plugin_meta() -> PluginMeta:
    return PluginMeta(
        name="samsat",
        version="0.1.0",
        title="Samsat: pajak kendaraan bermotor",
        description="Annual vehicle tax and yearly STNK validation for Jawa Timur plates, through Samsat.",
        agency="Badan Pendapatan Daerah Provinsi Jawa Timur (UPT Pelayanan Pendapatan Daerah / Samsat)",
        region_code="35",
    )


@hookimpl
def cettar_services() -> list[ServiceDefinition]:
    return list(catalog.SERVICES)


@hookimpl
async def cettar_seed(session: AsyncSession, demo: bool) -> None:
    """No reference data; with ``demo``, a demo officer of `bapenda-jatim` (``seed.py``)."""
    if demo:
        await seed.seed_demo(session)
