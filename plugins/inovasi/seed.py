"""Reference data (the 2020 awards), the records plugins register, and demo innovations.

The 2020 awards are those named in the Governor's KORPRI anniversary address
(``seed/opinion-korpri-2020.txt``, 29 November 2020): TOP 45 of the Kompetisi Inovasi
Pelayanan Publik and TOP 15 of complaint handling, for Jawa Timur's province and
kabupaten/kota. Facts the text does not give (the year an innovation started, its stage,
most award dates) are left empty rather than guessed; a plugin implementing the innovation
fills them in through ``cettar_innovation``.
"""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import CettarError
from core.innovations import InnovationRecord, Stage
from core.plugins import PluginManager
from core.regions.models import AgencyKind
from core.regions.seed import AgencySpec
from plugins.inovasi.models import Source
from plugins.inovasi.service import AwardData, InnovationData, store

log = logging.getLogger("cettar.inovasi")

KIPP = "Kompetisi Inovasi Pelayanan Publik (KIPP)"
COMPLAINTS = "Penghargaan Pengelolaan Pengaduan Pelayanan Publik"
#: KIPP is Kementerian PANRB's competition; the complaint-handling award was handed over, the text says,
#: "oleh Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi dan Ketua Ombudsman RI".
KIPP_ISSUER = "Kementerian PANRB"
COMPLAINTS_ISSUER = "Kementerian PANRB dan Ombudsman RI"
#: "Pada tanggal 25 November yang lalu Pemerintah Provinsi Jawa Timur menerima …"
CEREMONY = date(2020, 11, 25)

#: The agency the text names for GAYATRI ("GAYATRI Humas Pemerintah Kota Mojokerto"); the core has none.
AGENCIES = [AgencySpec("humas-3576", "Humas Pemerintah Kota Mojokerto", AgencyKind.UNIT, "35.76")]


def _top45(awarded_on: date | None = None) -> AwardData:
    return AwardData(competition=KIPP, rank="TOP 45", year=2020, issuer=KIPP_ISSUER, awarded_on=awarded_on)


def _top15(category: str | None = None, awarded_on: date | None = None) -> AwardData:
    return AwardData(
        competition=COMPLAINTS,
        rank="TOP 15",
        year=2020,
        issuer=COMPLAINTS_ISSUER,
        category=category,
        awarded_on=awarded_on,
    )


def _complaint_unit(code: str, where: str, agency_code: str, region_code: str, agency_name: str) -> InnovationData:
    return InnovationData(
        code=code,
        name=f"Pengelolaan Pengaduan Pelayanan Publik {where}",
        agency_code=agency_code,
        region_code=region_code,
        category="pengelolaan pengaduan",
        description=(
            f"Unit pengelola pengaduan pelayanan publik {where} (SP4N-LAPOR!) di {agency_name}: "
            "pengaduan diverifikasi, diteruskan ke instansi yang berwenang, ditindaklanjuti dan dijawab tepat waktu."
        ),
    )


#: (innovation, its awards): the TOP 45 innovations and the three TOP 15 complaint-handling units.
REFERENCE: tuple[tuple[InnovationData, tuple[AwardData, ...]], ...] = (
    (
        InnovationData(
            code="klinik-bumdes",
            name="Klinik BUM Desa",
            acronym_meaning="Klinik Badan Usaha Milik Desa",
            agency_code="dpmd-jatim",
            region_code="35",
            category="pemberdayaan masyarakat",
            description=(
                "Klinik bagi badan usaha milik desa (BUM Desa) di Jawa Timur: pendaftaran badan hukum, perizinan "
                "usaha, pelaporan keuangan dan pendampingan oleh pakar perguruan tinggi."
            ),
        ),
        (_top45(CEREMONY),),
    ),
    (
        InnovationData(
            code="rumahku-sip",
            name="Rumahku SIP",
            agency_code="disperkim-3525",
            region_code="35.25",
            category="perumahan",
            description=(
                "Data perumahan dan permukiman Kabupaten Gresik: perumahan, unit rumah, prasarana, sarana dan "
                "utilitas (PSU) dan penyerahannya dari pengembang kepada pemerintah daerah, masalah yang ditemukan "
                "dan foto udara, terhubung dengan data pajak daerah."
            ),
        ),
        (_top45(),),
    ),
    (
        InnovationData(
            code="gayatri",
            name="GAYATRI",
            agency_code="humas-3576",
            region_code="35.76",
            category="kesehatan",
            description=(
                "Gerbang informasi kesehatan dan sosial terpadu Kota Mojokerto: kader melaporkan kasus "
                "(kegawatdaruratan, stunting, imunisasi, bantuan sosial) yang diteruskan ke instansi yang bertanggung jawab."
            ),
        ),
        (_top45(),),
    ),
    (
        InnovationData(
            code="sepasar-pedas",
            name="SEPASAR PEDAS",
            acronym_meaning="Sekolah Pasar Pedagang Cerdas",
            agency_code="disdag-3573",
            region_code="35.73",
            category="perdagangan",
            description=(
                "Sekolah bagi pedagang pasar rakyat Kota Malang: kelas pembayaran digital (QRIS), pembukuan, "
                "kebersihan dan pemasaran, dengan pendaftaran, presensi dan sertifikat."
            ),
        ),
        (_top45(),),
    ),
    (
        _complaint_unit(
            "pengaduan-jatim",
            "Provinsi Jawa Timur",
            "diskominfo-jatim",
            "35",
            "Dinas Komunikasi dan Informatika Provinsi Jawa Timur",
        ),
        (_top15("Pengelolaan Aspek dengan Keberlanjutan Inisiatif Terbaik", CEREMONY),),
    ),
    (
        _complaint_unit(
            "pengaduan-pacitan",
            "Kabupaten Pacitan",
            "diskominfo-3501",
            "35.01",
            "Dinas Komunikasi dan Informatika Kabupaten Pacitan",
        ),
        (_top15(),),
    ),
    (
        _complaint_unit(
            "pengaduan-kota-madiun",
            "Kota Madiun",
            "diskominfo-3577",
            "35.77",
            "Dinas Komunikasi dan Informatika Kota Madiun",
        ),
        (_top15(),),
    ),
)

#: Demo data only: innovations still being tried out, without awards (none is invented).
DEMO: tuple[InnovationData, ...] = (
    InnovationData(
        code="demo-kampung-qris",
        name="Kampung QRIS",
        agency_code="diskominfo-3578",
        region_code="35.78",
        year_started=2025,
        stage=Stage.UJI_COBA,
        category="perdagangan",
        description="[Data demo] Warung dan UMKM satu kampung menerima pembayaran QRIS, didampingi relawan TIK.",
    ),
    InnovationData(
        code="demo-posyandu-digital",
        name="Posyandu Digital",
        agency_code="dinkes-3515",
        region_code="35.15",
        year_started=2026,
        stage=Stage.INISIATIF,
        category="kesehatan",
        description="[Data demo] Kader posyandu mencatat penimbangan balita di ponsel; puskesmas melihat rekapnya.",
    ),
)


async def seed_reference(session: AsyncSession) -> int:
    """The 2020 awards; fills in what is missing, never overwrites. Returns rows written."""
    written = 0
    for data, awards in REFERENCE:
        _row, count = await store(session, data, awards, source=Source.REFERENCE, prefix=f"reference.{data.code}")
        written += count
    return written


def record_data(record: InnovationRecord) -> tuple[InnovationData, list[AwardData]]:
    data = InnovationData(
        code=record.code,
        name=record.name,
        acronym_meaning=record.acronym_meaning,
        agency_code=record.agency_code,
        region_code=record.region_code,
        year_started=record.year_started,
        category=record.category,
        stage=None if record.stage is None else Stage(record.stage),
        description=record.description,
    )
    awards = [
        AwardData(
            competition=a.competition,
            rank=a.rank,
            year=a.year,
            issuer=a.issuer,
            category=a.category,
            awarded_on=a.awarded_on,
        )
        for a in record.awards
    ]
    return data, awards


async def register_plugins(session: AsyncSession, plugins: PluginManager) -> int:
    """Store the innovation of every enabled plugin implementing ``cettar_innovation``.

    A record that breaks the registry's rules stops the seed with a message naming the plugin.
    """
    written = 0
    claimed: dict[str, str] = {}
    for plugin, record in plugins.call("cettar_innovation"):
        if record is None:
            continue
        if not isinstance(record, InnovationRecord):
            raise ValueError(
                f"plugin {plugin.name!r}: cettar_innovation must return a core.innovations.InnovationRecord"
            )
        if record.code in claimed:
            raise ValueError(
                f"plugins {claimed[record.code]!r} and {plugin.name!r} both register the innovation {record.code!r}"
            )
        claimed[record.code] = plugin.name
        try:
            data, awards = record_data(record)
            _row, count = await store(session, data, awards, source=Source.PLUGIN, plugin=plugin.name, prefix="record")
        except (CettarError, ValueError) as exc:
            detail = f"{exc.field}: {exc.message('en')}" if isinstance(exc, CettarError) else str(exc)
            raise ValueError(f"plugin {plugin.name!r}: its innovation {record.code!r} was refused ({detail})") from exc
        if count:
            log.info("innovation %s registered by plugin %s (%d rows written)", record.code, plugin.name, count)
        written += count
    return written


async def seed_demo(session: AsyncSession) -> int:
    written = 0
    for data in DEMO:
        _row, count = await store(session, data, (), source=Source.DEMO, prefix=f"demo.{data.code}")
        written += count
    return written
