"""adminduk: population documents of Dispendukcapil — Kartu Keluarga, e-KTP, Akta Kelahiran.

The plugin registers three public services (``adminduk.kk``, ``adminduk.ektp``,
``adminduk.akta_kelahiran``) with their service standard and form; the ``layanan``
plugin, when enabled, lists them in its catalog and takes applications for them.
Each service's ``validate`` (``validation.py``) checks what only Dispendukcapil
knows: No. KK and NIK structure, who may apply, a child's name, parents and witnesses.
"""

from __future__ import annotations

from core.plugins import PluginMeta, hookimpl
from core.services import ServiceDefinition
from plugins.adminduk import catalog


@hookimpl
def cettar_plugin_meta() -> PluginMeta:
    return PluginMeta(
        name="adminduk",
        version="0.1.0",
        title="Administrasi kependudukan",
        description="Kartu Keluarga, e-KTP and Akta Kelahiran from the Dispendukcapil of each kabupaten/kota.",
        agency="Dinas Kependudukan dan Pencatatan Sipil kabupaten/kota se-Jawa Timur",
        region_code="35",
    )


@hookimpl
def cettar_services() -> list[ServiceDefinition]:
    return list(catalog.SERVICES)
