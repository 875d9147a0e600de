"""The demo data of the Klinik BUM Desa, as plain values (``seed.py`` writes it through the services).

The desa codes are real (Kepmendagri, ``core/data/jatim-desa-kelurahan.csv``); the BUM
Desa names, people and figures are illustrative.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from core.auth import Role
from core.identity.demo import DemoAccount
from plugins.klinik_bumdes.models import Grade, LegalStatus, Outcome, Sector, SessionMode, Topic
from plugins.klinik_bumdes.service.access import AGENCY_CODE

#: Demo accounts this plugin adds (password: core.identity.demo.DEMO_PASSWORD; refused in production).
PEOPLE: tuple[DemoAccount, ...] = (
    DemoAccount(
        "petugas.dpmd",
        Role.OFFICER,
        "Endah Puspitasari",
        "+6281330710041",
        "endah@dpmd-jatim.example",
        agency_code=AGENCY_CODE,
        nip="198405122009032004",
        position="Fasilitator Klinik BUM Desa",
        grade="III/c",
    ),
    DemoAccount(
        "pakar.unair",
        Role.CITIZEN,
        "Rina Kusumawati",
        "+6281330710042",
        "rina.kusumawati@unair.example",
        nik="3578065403780007",
    ),
    DemoAccount(
        "pakar.ub",
        Role.CITIZEN,
        "Bambang Santosa",
        "+6281330710043",
        "bambang.santosa@ub.example",
        nik="3573010209700011",
    ),
)


@dataclass(frozen=True)
class DemoExpert:
    name: str
    university: str
    faculty: str
    topics: tuple[Topic, ...]
    email: str
    phone: str
    username: str | None = None
    active: bool = True


EXPERTS = (
    DemoExpert(
        "Dr. Rina Kusumawati, S.E., M.Si., Ak.",
        "Universitas Airlangga",
        "Fakultas Ekonomi dan Bisnis",
        (Topic.FINANCIAL_REPORT, Topic.CAPITAL),
        "rina.kusumawati@unair.example",
        "+6281330710042",
        username="pakar.unair",
    ),
    DemoExpert(
        "Bambang Santosa, S.E., M.M.",
        "Universitas Brawijaya",
        "Fakultas Ekonomi dan Bisnis",
        (Topic.MANAGEMENT, Topic.CAPITAL),
        "bambang.santosa@ub.example",
        "+6281330710043",
        username="pakar.ub",
    ),
    DemoExpert(
        "Dr. Laila Mufidah, S.H., M.H.",
        "Universitas Brawijaya",
        "Fakultas Hukum",
        (Topic.LEGAL_ENTITY, Topic.BUSINESS_PERMIT),
        "laila.mufidah@ub.example",
        "+6281330710051",
    ),
    DemoExpert(
        "Ahmad Fauzi, S.T., M.T.",
        "Institut Teknologi Sepuluh Nopember",
        "Departemen Manajemen Bisnis",
        (Topic.MANAGEMENT, Topic.BUSINESS_PERMIT),
        "ahmad.fauzi@its.example",
        "+6281330710052",
    ),
    DemoExpert(
        "Dr. Dewi Anggraini, S.Pd., M.M.",
        "Universitas Negeri Surabaya",
        "Fakultas Ekonomika dan Bisnis",
        (Topic.FINANCIAL_REPORT, Topic.MANAGEMENT),
        "dewi.anggraini@unesa.example",
        "+6281330710053",
    ),
    DemoExpert(
        "Prof. Dr. Hari Wibowo, S.E., M.Si.",
        "Universitas Jember",
        "Fakultas Ekonomi dan Bisnis",
        (Topic.CAPITAL,),
        "hari.wibowo@unej.example",
        "+6281330710054",
        active=False,
    ),
)


@dataclass(frozen=True)
class DemoBumDesa:
    name: str
    desa_code: str
    established_year: int
    #: (grade, effective from, reason): the first is its grade when it entered the registry.
    grades: tuple[tuple[Grade, date, str], ...]
    #: (year, revenue, net profit, PADes contribution), rupiah.
    revenues: tuple[tuple[int, int, int, int], ...]
    units: tuple[tuple[str, Sector, int], ...]
    director: str
    phone: str
    legal: tuple[LegalStatus, str | None, date | None] = (LegalStatus.NOT_REGISTERED, None, None)
    manager: str | None = None


JOINED = "Tercatat saat Klinik BUM Desa mulai mendampingi"
ASSESSED = "Hasil pemeringkatan BUM Desa oleh DPMD Provinsi Jawa Timur tahun {year}"

BUM_DESAS = (
    DemoBumDesa(
        "BUM Desa Sumber Makmur Pujon Kidul",
        "35.07.26.2003",  # Pujon, Kabupaten Malang
        2015,
        (
            (Grade.BERKEMBANG, date(2019, 7, 1), JOINED),
            (Grade.MAJU, date(2021, 12, 20), ASSESSED.format(year=2021)),
        ),
        (
            (2022, 2_850_000_000, 610_000_000, 380_000_000),
            (2023, 3_400_000_000, 720_000_000, 450_000_000),
            (2024, 3_950_000_000, 830_000_000, 520_000_000),
            (2025, 4_200_000_000, 880_000_000, 560_000_000),
        ),
        (
            ("Kafe Sawah dan Wisata Edukasi", Sector.TOURISM, 2016),
            ("Pengelolaan Air Bersih", Sector.CLEAN_WATER, 2015),
            ("Bank Sampah Desa", Sector.WASTE_MANAGEMENT, 2018),
        ),
        "Suwanto",
        "+6281330710101",
        (LegalStatus.LEGAL_ENTITY, "AHU-00214.AH.01.33.Tahun 2021", date(2021, 11, 15)),
        manager="warga.budi",
    ),
    DemoBumDesa(
        "BUM Desa Kerto Mulyo Sanankerto",
        "35.07.09.2013",  # Turen, Kabupaten Malang
        2016,
        ((Grade.PEMULA, date(2019, 8, 5), JOINED), (Grade.BERKEMBANG, date(2022, 12, 15), ASSESSED.format(year=2022))),
        (
            (2023, 820_000_000, 140_000_000, 60_000_000),
            (2024, 1_150_000_000, 210_000_000, 95_000_000),
            (2025, 1_380_000_000, 240_000_000, 110_000_000),
        ),
        (("Wisata Hutan Bambu", Sector.TOURISM, 2017), ("Kerajinan Bambu", Sector.MANUFACTURING, 2018)),
        "Subur Hadi",
        "+6281330710102",
        (LegalStatus.LEGAL_ENTITY, "AHU-01187.AH.01.33.Tahun 2022", date(2022, 3, 9)),
    ),
    DemoBumDesa(
        "BUM Desa Osing Lestari Kemiren",
        "35.10.15.2004",  # Glagah, Kabupaten Banyuwangi
        2017,
        ((Grade.PEMULA, date(2020, 2, 10), JOINED), (Grade.BERKEMBANG, date(2023, 12, 18), ASSESSED.format(year=2023))),
        ((2024, 640_000_000, 95_000_000, 40_000_000), (2025, 780_000_000, 120_000_000, 52_000_000)),
        (("Homestay dan Paket Wisata Budaya", Sector.TOURISM, 2017), ("Kopi Osing", Sector.MANUFACTURING, 2019)),
        "Sukirno",
        "+6281330710103",
        (LegalStatus.NAME_APPROVED, None, None),
    ),
    DemoBumDesa(
        "BUM Desa Ijen Makmur Tamansari",
        "35.10.24.2008",  # Licin, Kabupaten Banyuwangi
        2016,
        ((Grade.BERKEMBANG, date(2019, 9, 2), JOINED), (Grade.MAJU, date(2022, 12, 15), ASSESSED.format(year=2022))),
        (
            (2023, 2_150_000_000, 430_000_000, 250_000_000),
            (2024, 2_600_000_000, 500_000_000, 300_000_000),
            (2025, 2_750_000_000, 520_000_000, 310_000_000),
        ),
        (("Pengelolaan Wisata Kawah Ijen", Sector.TOURISM, 2016), ("Toko Desa", Sector.TRADE, 2019)),
        "Slamet Riyadi",
        "+6281330710104",
        (LegalStatus.LEGAL_ENTITY, "AHU-00532.AH.01.33.Tahun 2021", date(2021, 12, 6)),
    ),
    DemoBumDesa(
        "BUM Desa Mitra Usaha Ngastemi",
        "35.16.10.2005",  # Bangsal, Kabupaten Mojokerto
        2014,
        ((Grade.MAJU, date(2019, 7, 15), JOINED),),
        (
            (2023, 1_950_000_000, 380_000_000, 220_000_000),
            (2024, 2_300_000_000, 450_000_000, 260_000_000),
            (2025, 2_420_000_000, 470_000_000, 275_000_000),
        ),
        (
            ("Pengolahan Sampah Terpadu", Sector.WASTE_MANAGEMENT, 2016),
            ("Simpan Pinjam", Sector.FINANCIAL_SERVICES, 2014),
        ),
        "Mulyono",
        "+6281330710105",
        (LegalStatus.LEGAL_ENTITY, "AHU-00098.AH.01.33.Tahun 2021", date(2021, 9, 20)),
    ),
    DemoBumDesa(
        "BUM Desa Giri Sejahtera Sekapuk",
        "35.25.07.2004",  # Ujungpangkah, Kabupaten Gresik
        2018,
        ((Grade.PEMULA, date(2020, 1, 20), JOINED), (Grade.BERKEMBANG, date(2022, 12, 15), ASSESSED.format(year=2022))),
        ((2023, 1_250_000_000, 260_000_000, 120_000_000), (2024, 1_600_000_000, 320_000_000, 150_000_000)),
        (("Wisata Bekas Tambang Kapur", Sector.TOURISM, 2019), ("Air Minum Isi Ulang", Sector.CLEAN_WATER, 2020)),
        "Abdul Halim",
        "+6281330710106",
        (LegalStatus.LEGAL_ENTITY, "AHU-02045.AH.01.33.Tahun 2022", date(2022, 6, 14)),
    ),
    DemoBumDesa(
        "BUM Desa Tirta Kencana Ngringinrejo",
        "35.22.16.2022",  # Kalitidu, Kabupaten Bojonegoro
        2019,
        ((Grade.PEMULA, date(2020, 3, 2), JOINED),),
        ((2024, 310_000_000, 42_000_000, 15_000_000), (2025, 365_000_000, -8_000_000, 0)),
        (("Wisata Kebun Belimbing", Sector.TOURISM, 2019),),
        "Sutrisno",
        "+6281330710107",
        (LegalStatus.NAME_APPROVED, None, None),
    ),
    DemoBumDesa(
        "BUM Desa Bumi Apel Tulungrejo",
        "35.79.02.2003",  # Bumiaji, Kota Batu
        2017,
        ((Grade.PEMULA, date(2019, 10, 7), JOINED), (Grade.BERKEMBANG, date(2023, 12, 18), ASSESSED.format(year=2023))),
        ((2024, 920_000_000, 150_000_000, 70_000_000), (2025, 1_040_000_000, 170_000_000, 80_000_000)),
        (("Agrowisata Petik Apel", Sector.AGRICULTURE, 2017), ("Olahan Sari Apel", Sector.MANUFACTURING, 2020)),
        "Hendro Wibisono",
        "+6281330710108",
    ),
    DemoBumDesa(
        "BUM Desa Karya Kulit Kedensari",
        "35.15.06.2016",  # Tanggulangin, Kabupaten Sidoarjo
        2018,
        ((Grade.PEMULA, date(2020, 6, 8), JOINED),),
        ((2024, 420_000_000, 60_000_000, 20_000_000), (2025, 510_000_000, 75_000_000, 25_000_000)),
        (("Galeri Tas dan Koper Kulit", Sector.TRADE, 2018),),
        "Nur Hasanah",
        "+6281330710109",
        manager="warga.siti",
    ),
    DemoBumDesa(
        "BUM Desa Kakao Mandiri Plosorejo",
        "35.05.04.2014",  # Kademangan, Kabupaten Blitar
        2020,
        ((Grade.PEMULA, date(2021, 2, 15), JOINED),),
        ((2024, 180_000_000, 22_000_000, 8_000_000),),
        (("Pengolahan Kakao", Sector.MANUFACTURING, 2020),),
        "Yusuf Effendi",
        "+6281330710110",
    ),
    DemoBumDesa(
        "BUM Desa Karya Bersama Widoro",
        "35.01.01.2001",  # Donorojo, Kabupaten Pacitan
        2021,
        ((Grade.PEMULA, date(2022, 4, 4), JOINED),),
        (),
        (("Toko Sembako Desa", Sector.TRADE, 2021),),
        "Wahyudi",
        "+6281330710111",
    ),
)


@dataclass(frozen=True)
class DemoSession:
    """A session ``days`` from now (negative: in the past) at ``hour`` WIB, for ``hours``."""

    days: int
    hour: int
    mode: SessionMode
    where: str
    hours: int = 2
    notes: str | None = None
    cancelled: str | None = None


@dataclass(frozen=True)
class DemoTicket:
    desa_code: str
    topic: Topic
    subject: str
    description: str
    opened_days_ago: int
    expert: str | None = None
    sessions: tuple[DemoSession, ...] = ()
    notes: tuple[tuple[str, str], ...] = ()  # (username, text)
    outcome: tuple[Outcome, str] | None = None
    closed_by: str | None = None


ZOOM = "https://zoom.us/j/81234567890"
MEET = "https://meet.google.com/kbd-jtm-0421"

TICKETS = (
    DemoTicket(
        "35.01.01.2001",
        Topic.LEGAL_ENTITY,
        "Pendampingan pengajuan nama BUM Desa",
        "BUM Desa Karya Bersama Widoro belum mengajukan nama di Sistem Informasi Desa Kemendesa. Mohon "
        "pendampingan menyiapkan berita acara musyawarah desa dan anggaran dasar.",
        opened_days_ago=2,
    ),
    DemoTicket(
        "35.15.06.2016",
        Topic.BUSINESS_PERMIT,
        "Pengurusan NIB untuk galeri kerajinan kulit",
        "Unit galeri tas dan koper kulit belum memiliki Nomor Induk Berusaha. Kami perlu panduan pendaftaran "
        "melalui OSS dan pilihan KBLI yang tepat.",
        opened_days_ago=1,
    ),
    DemoTicket(
        "35.10.15.2004",
        Topic.FINANCIAL_REPORT,
        "Penyusunan laporan keuangan tahunan 2025",
        "Pencatatan transaksi homestay dan penjualan kopi masih manual. Kami ingin menyusun laporan keuangan "
        "tahunan yang sesuai untuk dipertanggungjawabkan di musyawarah desa.",
        opened_days_ago=6,
        expert="Dr. Rina Kusumawati, S.E., M.Si., Ak.",
    ),
    DemoTicket(
        "35.07.26.2003",
        Topic.CAPITAL,
        "Skema penyertaan modal desa untuk perluasan kafe",
        "Rencana perluasan area kafe sawah membutuhkan tambahan modal. Kami mohon masukan tentang penyertaan "
        "modal desa dan kerja sama dengan bank daerah.",
        opened_days_ago=8,
        expert="Bambang Santosa, S.E., M.M.",
        sessions=(DemoSession(5, 10, SessionMode.ONLINE, ZOOM),),
    ),
    DemoTicket(
        "35.25.07.2004",
        Topic.MANAGEMENT,
        "Penataan struktur organisasi dan SOP unit wisata",
        "Jumlah pengunjung wisata naik tetapi pembagian tugas pengelola belum jelas. Kami butuh struktur "
        "organisasi dan SOP pelayanan pengunjung.",
        opened_days_ago=20,
        expert="Ahmad Fauzi, S.T., M.T.",
        sessions=(
            DemoSession(
                -10,
                9,
                SessionMode.ONLINE,
                MEET,
                notes="Dibahas pembagian tugas loket, parkir dan kebersihan. Disepakati draf struktur organisasi "
                "dengan tiga kepala unit.",
            ),
            DemoSession(3, 9, SessionMode.ON_SITE, "Balai Desa Sekapuk, Kecamatan Ujungpangkah", hours=3),
        ),
        notes=(("petugas.dpmd", "Draf SOP pelayanan pengunjung sudah dikirim ke pengurus untuk ditelaah."),),
    ),
    DemoTicket(
        "35.22.16.2022",
        Topic.LEGAL_ENTITY,
        "Kelengkapan dokumen pendaftaran badan hukum",
        "Nama BUM Desa sudah disetujui, tetapi dokumen anggaran dasar dan rumah tangga dikembalikan untuk "
        "diperbaiki. Mohon pendampingan perbaikannya.",
        opened_days_ago=30,
        expert="Dr. Laila Mufidah, S.H., M.H.",
        sessions=(
            DemoSession(
                -20,
                13,
                SessionMode.ONLINE,
                ZOOM,
                notes="Anggaran dasar diperbaiki pada pasal permodalan dan organ BUM Desa. Dokumen siap diunggah "
                "ulang.",
            ),
        ),
        outcome=(
            Outcome.SOLVED,
            "Dokumen anggaran dasar dan anggaran rumah tangga telah diperbaiki dan siap diunggah kembali ke "
            "Sistem Informasi Desa.",
        ),
    ),
    DemoTicket(
        "35.07.26.2003",
        Topic.FINANCIAL_REPORT,
        "Pemisahan laporan keuangan per unit usaha",
        "Laporan keuangan kami masih digabung untuk semua unit usaha. Kami ingin laporan per unit agar "
        "kontribusi tiap unit terhadap PADes terlihat.",
        opened_days_ago=60,
        expert="Dr. Rina Kusumawati, S.E., M.Si., Ak.",
        sessions=(
            DemoSession(
                -50,
                10,
                SessionMode.ON_SITE,
                "Kantor BUM Desa Sumber Makmur, Desa Pujon Kidul",
                notes="Disusun bagan akun per unit usaha dan format laporan laba rugi per unit.",
            ),
        ),
        notes=(("warga.budi", "Terima kasih, format laporan per unit sudah kami terapkan mulai bulan ini."),),
        outcome=(Outcome.SOLVED, "BUM Desa kini menyusun laporan keuangan per unit usaha dengan bagan akun baru."),
        closed_by="warga.budi",
    ),
    DemoTicket(
        "35.10.24.2008",
        Topic.BUSINESS_PERMIT,
        "Izin usaha pengelolaan wisata di kawasan konservasi",
        "Unit wisata berada di sekitar kawasan konservasi. Kami perlu kejelasan izin yang dibutuhkan dan "
        "instansi yang menerbitkannya.",
        opened_days_ago=45,
        expert="Dr. Laila Mufidah, S.H., M.H.",
        sessions=(
            DemoSession(
                -38,
                9,
                SessionMode.ONLINE,
                MEET,
                notes="Izin pemanfaatan kawasan merupakan kewenangan instansi kehutanan dan konservasi; BUM Desa "
                "perlu perjanjian kerja sama.",
            ),
        ),
        outcome=(
            Outcome.REFERRED,
            "Dirujuk ke DPMPTSP dan balai konservasi untuk perizinan; BUM Desa menyiapkan proposal kerja sama.",
        ),
        closed_by="petugas.dpmd",
    ),
    DemoTicket(
        "35.07.09.2013",
        Topic.MANAGEMENT,
        "Rencana bisnis pengembangan kerajinan bambu",
        "Kami ingin menyusun rencana bisnis tiga tahun untuk unit kerajinan bambu, termasuk pemasaran daring.",
        opened_days_ago=12,
        expert="Dr. Dewi Anggraini, S.Pd., M.M.",
        sessions=(
            DemoSession(-4, 14, SessionMode.ONLINE, ZOOM, cancelled="Pengurus BUM Desa berhalangan hadir."),
            DemoSession(7, 14, SessionMode.ONLINE, ZOOM),
        ),
    ),
)


@dataclass(frozen=True)
class DemoProgram:
    title: str
    description: str
    organizer: str
    mode: SessionMode
    place: str
    starts_in_days: int
    days: int
    closes_before_start: int
    capacity: int
    topic: Topic | None = None
    target_grade: Grade | None = None
    enrolled: tuple[str, ...] = field(default=())  # desa codes


PROGRAMS = (
    DemoProgram(
        "Bimtek Penyusunan Laporan Keuangan BUM Desa Angkatan I",
        "Bimbingan teknis penyusunan laporan keuangan BUM Desa: pencatatan transaksi, laporan laba rugi, neraca "
        "dan pertanggungjawaban di musyawarah desa.",
        "DPMD Provinsi Jawa Timur bersama Universitas Airlangga",
        SessionMode.ON_SITE,
        "Aula Dinas PMD Provinsi Jawa Timur, Surabaya",
        starts_in_days=-60,
        days=3,
        closes_before_start=7,
        capacity=40,
        topic=Topic.FINANCIAL_REPORT,
        enrolled=("35.10.15.2004", "35.07.09.2013", "35.25.07.2004", "35.15.06.2016"),
    ),
    DemoProgram(
        "Sekolah BUM Desa: Legalitas dan Perizinan Usaha",
        "Kelas daring untuk BUM Desa pemula: pengajuan nama, pendaftaran badan hukum, NIB melalui OSS dan izin "
        "usaha unit-unitnya.",
        "DPMD Provinsi Jawa Timur bersama Universitas Brawijaya",
        SessionMode.ONLINE,
        "Zoom Meeting",
        starts_in_days=20,
        days=2,
        closes_before_start=6,
        capacity=30,
        topic=Topic.LEGAL_ENTITY,
        target_grade=Grade.PEMULA,
        enrolled=("35.01.01.2001", "35.05.04.2014", "35.22.16.2022"),
    ),
    DemoProgram(
        "Klinik Permodalan BUM Desa Maju",
        "Pendampingan intensif akses permodalan dan kemitraan usaha bagi BUM Desa berperingkat maju.",
        "DPMD Provinsi Jawa Timur bersama Institut Teknologi Sepuluh Nopember",
        SessionMode.ON_SITE,
        "Gedung Pusat Riset ITS, Surabaya",
        starts_in_days=30,
        days=1,
        closes_before_start=10,
        capacity=2,
        topic=Topic.CAPITAL,
        target_grade=Grade.MAJU,
        enrolled=("35.07.26.2003", "35.16.10.2005"),
    ),
)
