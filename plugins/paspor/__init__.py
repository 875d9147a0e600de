"""paspor: ordinary passports at the Kantor Imigrasi of Surabaya, and of Malang for Malang Raya.

Registers the public services ``paspor.baru`` and ``paspor.penggantian`` (standard
and form); the ``layanan`` plugin, when enabled, lists them and takes applications.
Their ``validate`` checks the applicant (a parent for a child), the interview date
(a working day soon), the old passport and the police report for a lost one; the fee
follows the passport kind (``fee_for``) and the office the applicant's region
(``agency_for``). With demo data it adds a demo officer to each office.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from core.plugins import PluginMeta, hookimpl
from core.services import ServiceDefinition
from plugins.paspor import catalog, seed


@hookimpl
def cettar_plugin_meta() -> PluginMeta:
    return PluginMeta(
        name="paspor",
        version="0.1.0",
        title="Paspor",
        description="New and replacement ordinary passports (48 pages, non-electronic or electronic) at Kanim "
        "Surabaya, or Kanim Malang for Malang Raya; the fee by passport kind.",
        agency="Kantor Imigrasi Kelas I Khusus TPI Surabaya",
        region_code="35",
    )


@hookimpl
def cettar_services() -> list[ServiceDefinition]:
    return list(catalog.SERVICES)


@hookimpl
async def cettar_seed(session: AsyncSession, demo: bool) -> None:
    """No reference data; with ``demo``, demo officers of `imigrasi-surabaya` and `imigrasi-malang` (``seed.py``)."""
    if demo:
        await seed.seed_demo(session)
