"""kinerja: citizen satisfaction (IKM, PermenPANRB 14/2017) and the CETTAR scorecard.

Measures agencies, regions, the province and each officer (ASN, KORPRI) against the
CETTAR principle — Cepat, Efektif/Efisien, Tanggap, Transparan, Akuntabel, Responsif —
from what the platform already holds: applications (``layanan``), complaints
(``pengaduan``), the audit chain, and the satisfaction survey this plugin adds.
Every figure is an SQL aggregate; nothing loads rows into Python to count them.

Areas: ``survey`` + ``ikm`` (the 9-element survey and the index), ``scorecard`` (the
six measures, the monthly series, the ranking), ``officers`` (kinerja ASN).
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.identity.permissions import Permission
from core.jobs import Job
from core.plugins import PluginMeta, hookimpl
from plugins.kinerja import officers, scorecard, survey

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from core.runtime import Runtime
    from core.synthetic import SyntheticPeople, SyntheticProgress

MIGRATIONS = Path(__file__).resolve().parent / "migrations" / "versions"


@hookimpl
def cettar_plugin_meta() -> PluginMeta:
    return PluginMeta(
        name="kinerja",
        version="0.1.0",
        title="Kinerja CETTAR dan Indeks Kepuasan Masyarakat",
        description="Citizen satisfaction surveys (IKM, PermenPANRB 14/2017), the CETTAR scorecard of agencies, "
        "regions and the province, and the performance of each officer.",
        agency="Biro Organisasi Setda Provinsi Jawa Timur",
        region_code="35",
        requires=("akun", "wilayah", "layanan", "pengaduan"),
    )


@hookimpl
def cettar_migrations() -> Path:
    return MIGRATIONS


@hookimpl
def cettar_permissions() -> list[Permission]:
    return [*survey.PERMISSIONS]


@hookimpl
async def cettar_seed(session: AsyncSession, demo: bool, runtime: Runtime) -> None:
    if demo:
        await survey.seed.seed_demo(session, runtime)


@hookimpl
async def cettar_seed_synthetic(
    runtime: Runtime, rng: random.Random, progress: SyntheticProgress, people: SyntheticPeople, now: datetime
) -> None:
    """``cettar seed --synthetic N``: survey answers for about 30% of the completed cases (after layanan, pengaduan)."""
    await officers.synthetic.seed_synthetic(runtime, rng, progress, people, now)


@hookimpl
def cettar_jobs() -> list[Job]:
    return [scorecard.jobs.JOB]


@hookimpl
def cettar_schema(builder: Any) -> None:
    survey.register(builder)
    scorecard.register(builder)
    officers.register(builder)
