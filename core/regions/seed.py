"""Loading regions and agencies, idempotently (insert what is missing, fix what changed)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.regions.models import Agency, AgencyKind, Region, RegionKind

DATA = Path(__file__).resolve().parent.parent / "data"
PROVINCE_CODE = "35"
BATCH = 1000

if TYPE_CHECKING:
    from core.plugins import PluginManager

Progress = Callable[[int], None]


def plugin_agencies(plugins: PluginManager) -> list[AgencySpec]:
    """Every agency the enabled plugins bring through ``cettar_agencies``, in plugin-name order."""
    found: list[AgencySpec] = []
    for _plugin, specs in plugins.call("cettar_agencies"):
        found.extend(specs or [])
    return found


def parent_of(code: str) -> str | None:
    """``35.01.01.2001`` → ``35.01.01``; the province has no parent."""
    return code.rsplit(".", 1)[0] if "." in code else None


def region_rows() -> Iterator[dict[str, str | None]]:
    """Every region from the shipped CSV files, parents before children."""
    with (DATA / "jatim-regions.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            yield {"code": row["code"], "kind": row["kind"], "name": row["name"], "parent_code": parent_of(row["code"])}
    with (DATA / "jatim-kecamatan.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            yield {
                "code": row["code"],
                "kind": RegionKind.KECAMATAN.value,
                "name": row["name"],
                "parent_code": parent_of(row["code"]),
            }
    with (DATA / "jatim-desa-kelurahan.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            yield {"code": row["code"], "kind": row["kind"], "name": row["name"], "parent_code": parent_of(row["code"])}


def region_count() -> int:
    return sum(1 for _ in region_rows())


async def seed_regions(session: AsyncSession, progress: Progress | None = None) -> int:
    """Insert missing regions and correct changed ones; returns rows written."""
    rows = await session.execute(select(col(Region.code), col(Region.kind), col(Region.name), col(Region.parent_code)))
    existing: dict[str, tuple[str | None, ...]] = {
        str(code): (str(kind), str(name), None if parent is None else str(parent)) for code, kind, name, parent in rows
    }
    written = 0
    batch: list[dict[str, str | None]] = []
    for row in region_rows():
        current = existing.get(str(row["code"]))
        if current is None:
            batch.append(row)
        elif current != (row["kind"], row["name"], row["parent_code"]):
            await session.execute(
                update(Region)
                .where(col(Region.code) == row["code"])
                .values(kind=row["kind"], name=row["name"], parent_code=row["parent_code"])
            )
            written += 1
        if len(batch) >= BATCH:
            await session.execute(insert(Region), batch)
            written += len(batch)
            batch = []
        if progress:
            progress(1)
    if batch:
        await session.execute(insert(Region), batch)
        written += len(batch)
    return written


def _regency_label(kind: str, name: str) -> str:
    return f"{'Kota' if kind == RegionKind.KOTA else 'Kabupaten'} {name}"


PROVINCIAL_AGENCIES: tuple[tuple[str, str, AgencyKind, str | None], ...] = (
    ("setda-jatim", "Sekretariat Daerah Provinsi Jawa Timur", AgencyKind.SEKRETARIAT, None),
    ("biro-organisasi-jatim", "Biro Organisasi Setda Provinsi Jawa Timur", AgencyKind.UNIT, "setda-jatim"),
    ("inspektorat-jatim", "Inspektorat Provinsi Jawa Timur", AgencyKind.INSPEKTORAT, None),
    ("diskominfo-jatim", "Dinas Komunikasi dan Informatika Provinsi Jawa Timur", AgencyKind.DINAS, None),
    ("dpmd-jatim", "Dinas Pemberdayaan Masyarakat dan Desa Provinsi Jawa Timur", AgencyKind.DINAS, None),
    ("dinkes-jatim", "Dinas Kesehatan Provinsi Jawa Timur", AgencyKind.DINAS, None),
    ("dinsos-jatim", "Dinas Sosial Provinsi Jawa Timur", AgencyKind.DINAS, None),
    ("disperindag-jatim", "Dinas Perindustrian dan Perdagangan Provinsi Jawa Timur", AgencyKind.DINAS, None),
    (
        "dpmptsp-jatim",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi Jawa Timur",
        AgencyKind.DINAS,
        None,
    ),
    ("bapenda-jatim", "Badan Pendapatan Daerah Provinsi Jawa Timur", AgencyKind.BADAN, None),
    ("bkd-jatim", "Badan Kepegawaian Daerah Provinsi Jawa Timur", AgencyKind.BADAN, None),
    ("bpsdm-jatim", "Badan Pengembangan Sumber Daya Manusia Provinsi Jawa Timur", AgencyKind.BADAN, None),
    ("polda-jatim", "Kepolisian Daerah Jawa Timur", AgencyKind.INSTANSI_VERTIKAL, None),
)

#: Agencies of one kabupaten/kota, created for each of the 38.
REGENCY_AGENCIES: tuple[tuple[str, str, AgencyKind], ...] = (
    ("dispendukcapil", "Dinas Kependudukan dan Pencatatan Sipil", AgencyKind.DINAS),
    ("diskominfo", "Dinas Komunikasi dan Informatika", AgencyKind.DINAS),
    ("dinkes", "Dinas Kesehatan", AgencyKind.DINAS),
)

OTHER_AGENCIES: tuple[tuple[str, str, AgencyKind, str], ...] = (
    ("imigrasi-surabaya", "Kantor Imigrasi Kelas I Khusus TPI Surabaya", AgencyKind.INSTANSI_VERTIKAL, "35.78"),
    ("imigrasi-malang", "Kantor Imigrasi Kelas I TPI Malang", AgencyKind.INSTANSI_VERTIKAL, "35.73"),
    ("polrestabes-surabaya", "Kepolisian Resor Kota Besar Surabaya", AgencyKind.INSTANSI_VERTIKAL, "35.78"),
    (
        "disperkim-3525",
        "Dinas Perumahan Rakyat, Kawasan Permukiman dan Cipta Karya Kabupaten Gresik",
        AgencyKind.DINAS,
        "35.25",
    ),
    ("disdag-3573", "Dinas Perdagangan Kota Malang", AgencyKind.DINAS, "35.73"),
)


@dataclass(frozen=True)
class AgencySpec:
    """An agency a plugin brings (hook ``cettar_agencies``); ``parent_code`` names an agency seeded before it."""

    code: str
    name: str
    kind: AgencyKind
    region_code: str
    parent_code: str | None = None


async def seed_agencies(session: AsyncSession, extra: Iterable[AgencySpec] = ()) -> int:
    """The provincial OPDs, three agencies in each kabupaten/kota, a few vertical offices, and ``extra``.

    Idempotent: an agency whose code exists is left as it is.
    """
    wanted: list[tuple[str, str, AgencyKind, str, str | None]] = [
        (code, name, kind, PROVINCE_CODE, parent) for code, name, kind, parent in PROVINCIAL_AGENCIES
    ]
    regencies = (
        await session.execute(
            select(col(Region.code), col(Region.kind), col(Region.name))
            .where(col(Region.kind).in_([RegionKind.KABUPATEN, RegionKind.KOTA]))
            .order_by(col(Region.code))
        )
    ).all()
    for regency_code, regency_kind, regency_name in regencies:
        code, label = str(regency_code), _regency_label(str(regency_kind), str(regency_name))
        for prefix, title, agency_kind in REGENCY_AGENCIES:
            wanted.append((f"{prefix}-{code.replace('.', '')}", f"{title} {label}", agency_kind, code, None))
    wanted.extend((code, name, kind, region, None) for code, name, kind, region in OTHER_AGENCIES)
    wanted.extend((a.code, a.name, a.kind, a.region_code, a.parent_code) for a in extra)

    existing: dict[str, int | None] = {
        str(code): agency_id for code, agency_id in await session.execute(select(col(Agency.code), col(Agency.id)))
    }
    written = 0
    for code, name, kind, region, parent in wanted:
        if code in existing:
            continue
        agency = Agency(
            code=code, name=name, kind=kind, region_code=region, parent_id=existing.get(parent) if parent else None
        )
        session.add(agency)
        await session.flush()
        existing[code] = agency.id
        written += 1
    return written
