"""paspor: ordinary passports at the Kantor Imigrasi Kelas I Khusus TPI Surabaya.

Registers the public services ``paspor.baru`` and ``paspor.penggantian`` (standard
and form); the ``layanan`` plugin, when enabled, lists them and takes applications.
Their ``validate`` checks the applicant (a parent for a child), the interview date
(a working day soon), the old passport and the police report for a lost one.
"""

from __future__ import annotations

from core.plugins import PluginMeta, hookimpl
from core.services import ServiceDefinition
from plugins.paspor import catalog


@hookimpl
def cettar_plugin_meta() -> PluginMeta:
    return PluginMeta(
        name="paspor",
        version="0.1.0",
        title="Paspor",
        description="New and replacement ordinary passports (48 pages, non-electronic or electronic) at Kanim Surabaya.",
        agency="Kantor Imigrasi Kelas I Khusus TPI Surabaya",
        region_code="35",
    )


@hookimpl
def cettar_services() -> list[ServiceDefinition]:
    return list(catalog.SERVICES)
