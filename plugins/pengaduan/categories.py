"""Complaint categories: data, not code. Open311 maps its service codes to these ``code`` values."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    """A complaint category (kategori laporan).

    ``agency_pattern`` names the agency that usually handles it: ``{regency}`` is the
    complaint's kabupaten/kota (``3578``); a verifier may dispose elsewhere.
    """

    code: str
    name_id: str
    name_en: str
    description_id: str
    description_en: str
    agency_pattern: str | None = None


CATEGORIES: tuple[Category, ...] = (
    Category(
        "administrasi_kependudukan",
        "Administrasi Kependudukan",
        "Civil registration",
        "KTP-el, Kartu Keluarga, akta kelahiran dan kematian, pindah datang.",
        "e-KTP, family cards, birth and death certificates, change of address.",
        "dispendukcapil-{regency}",
    ),
    Category(
        "perizinan",
        "Perizinan",
        "Permits",
        "Izin usaha, PBG/IMB, OSS, pelayanan terpadu satu pintu.",
        "Business and building permits, OSS, one-stop service.",
        "dpmptsp-jatim",
    ),
    Category(
        "kesehatan",
        "Kesehatan",
        "Health",
        "Puskesmas, rumah sakit daerah, BPJS Kesehatan, obat dan tenaga kesehatan.",
        "Community health centres, regional hospitals, national health insurance, medicines and staff.",
        "dinkes-{regency}",
    ),
    Category(
        "pendidikan",
        "Pendidikan",
        "Education",
        "Sekolah, PPDB/SPMB, guru, bantuan pendidikan.",
        "Schools, admissions, teachers, education grants.",
    ),
    Category(
        "infrastruktur",
        "Infrastruktur",
        "Infrastructure",
        "Jalan rusak, jembatan, drainase, penerangan jalan umum.",
        "Damaged roads, bridges, drainage, street lighting.",
    ),
    Category(
        "lingkungan",
        "Lingkungan Hidup",
        "Environment",
        "Sampah, pencemaran sungai dan udara, banjir, penebangan liar.",
        "Waste, river and air pollution, floods, illegal logging.",
    ),
    Category(
        "transportasi",
        "Transportasi",
        "Transport",
        "Angkutan umum, terminal, parkir, lalu lintas.",
        "Public transport, terminals, parking, traffic.",
    ),
    Category(
        "dana_desa",
        "Dana Desa",
        "Village funds",
        "Penggunaan Dana Desa dan ADD, BUM Desa, BLT Dana Desa.",
        "Use of village funds, village-owned enterprises, village cash transfers.",
        "dpmd-jatim",
    ),
    Category(
        "ketenagakerjaan",
        "Ketenagakerjaan",
        "Employment",
        "Upah, PHK, BPJS Ketenagakerjaan, pelatihan kerja.",
        "Wages, dismissals, workers' social security, job training.",
    ),
    Category(
        "sosial",
        "Perlindungan Sosial",
        "Social protection",
        "Bansos, PKH, DTKS, penyandang disabilitas dan lansia.",
        "Social aid, family hope programme, welfare data, people with disabilities and the elderly.",
        "dinsos-jatim",
    ),
    Category(
        "pajak_daerah",
        "Pajak dan Retribusi Daerah",
        "Regional taxes and levies",
        "Pajak kendaraan bermotor (SAMSAT), PBB, retribusi.",
        "Vehicle tax (SAMSAT), land and building tax, levies.",
        "bapenda-jatim",
    ),
    Category(
        "ketertiban_umum",
        "Ketertiban dan Keamanan",
        "Public order and safety",
        "Pungli, premanisme, gangguan ketertiban umum.",
        "Illegal levies, thuggery, public disorder.",
    ),
    Category(
        "lainnya",
        "Lainnya",
        "Other",
        "Pelayanan publik lain yang tidak termasuk kategori di atas.",
        "Any other public service.",
    ),
)

BY_CODE: dict[str, Category] = {category.code: category for category in CATEGORIES}


def category(code: str) -> Category | None:
    """The category with ``code``, or ``None``."""
    return BY_CODE.get(code)
