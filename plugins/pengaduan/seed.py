"""Demo data (``cettar seed --demo``): the three award-winning complaint units and complaints in every state.

The TOP 15 complaint-handling units of 2020 — Diskominfo Provinsi Jawa Timur
(``diskominfo-jatim``), Kabupaten Pacitan (``diskominfo-3501``) and Kota Madiun
(``diskominfo-3577``) — get an admin holding ``pengaduan.verify``; a few agencies
get officers; a few more citizens join ``warga.budi`` and ``warga.siti``. Then
each demo complaint is filed and taken through its steps with the service
functions themselves, at past moments, so its history, deadlines, notifications
and audit records are those the platform would have written.

Idempotent: accounts are found by username, grants by (permission, account),
complaints by their fixed tracking number ``ADU-DEMO-00NN``; nothing that exists
is created again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.auth import Principal, Role
from core.db import utcnow
from core.identity.demo import DemoAccount, seed_demo_accounts
from core.identity.models import Account, Officer, PermissionGrant
from core.identity.permissions import effective_permissions
from core.regions.models import AgencyKind
from core.regions.seed import AgencySpec
from plugins.pengaduan import community, escalation, lifecycle
from plugins.pengaduan.models import Channel, Complaint, ComplaintKind, FlagReason
from plugins.pengaduan.service import MODERATE, VERIFY, file_complaint
from plugins.pengaduan.settings import settings_of

if TYPE_CHECKING:
    from core.runtime import Runtime

#: Agencies complaints are disposed to that the core does not seed (reference data, hook ``cettar_agencies``).
AGENCIES: tuple[AgencySpec, ...] = (
    AgencySpec("dpupr-3501", "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Pacitan", AgencyKind.DINAS, "35.01"),
    AgencySpec("disdik-3501", "Dinas Pendidikan dan Kebudayaan Kabupaten Pacitan", AgencyKind.DINAS, "35.01"),
    AgencySpec("dlh-3577", "Dinas Lingkungan Hidup Kota Madiun", AgencyKind.DINAS, "35.77"),
    AgencySpec("dishub-3577", "Dinas Perhubungan Kota Madiun", AgencyKind.DINAS, "35.77"),
    AgencySpec("dpubm-jatim", "Dinas Pekerjaan Umum Bina Marga Provinsi Jawa Timur", AgencyKind.DINAS, "35"),
)


#: The demo staff and citizens of the complaint units (``core.identity.demo.DEMO_PASSWORD``; the README lists them).
PEOPLE: tuple[DemoAccount, ...] = (
    DemoAccount(
        "admin.kominfo.jatim",
        Role.AGENCY_ADMIN,
        "Retno Widyastuti",
        "+6281234508801",
        "retno@kominfo-jatim.example",
        agency_code="diskominfo-jatim",
        nip="198104122006042003",
        position="Kepala Seksi Pengelolaan Pengaduan",
        grade="III/d",
    ),
    DemoAccount(
        "admin.kominfo.pacitan",
        Role.AGENCY_ADMIN,
        "Bambang Sutrisno",
        "+6281234508802",
        "bambang@kominfo-pacitan.example",
        agency_code="diskominfo-3501",
        nip="197808172003121002",
        position="Kepala Bidang Informasi dan Komunikasi Publik",
        grade="IV/a",
    ),
    DemoAccount(
        "admin.kominfo.madiun",
        Role.AGENCY_ADMIN,
        "Endang Purwaningsih",
        "+6281234508803",
        "endang@kominfo-madiun.example",
        agency_code="diskominfo-3577",
        nip="198306252009032004",
        position="Pengelola Pengaduan Masyarakat",
        grade="III/c",
    ),
    DemoAccount(
        "petugas.dinkes.pacitan",
        Role.OFFICER,
        "Wahyu Nugroho",
        "+6281234508804",
        "wahyu@dinkes-pacitan.example",
        agency_code="dinkes-3501",
        nip="199002142015031005",
        position="Pengelola Layanan Kesehatan",
        grade="III/a",
    ),
    DemoAccount(
        "admin.dinkes.pacitan",
        Role.AGENCY_ADMIN,
        "Sulistyowati",
        "+6281234508805",
        "sulis@dinkes-pacitan.example",
        agency_code="dinkes-3501",
        nip="198012012005012006",
        position="Sekretaris Dinas Kesehatan",
        grade="IV/a",
    ),
    DemoAccount(
        "petugas.pupr.pacitan",
        Role.OFFICER,
        "Slamet Riyadi",
        "+6281234508806",
        "slamet@pupr-pacitan.example",
        agency_code="dpupr-3501",
        nip="198703032011011007",
        position="Pengawas Jalan dan Jembatan",
        grade="III/b",
    ),
    DemoAccount(
        "petugas.capil.madiun",
        Role.OFFICER,
        "Yudi Kurniawan",
        "+6281234508807",
        "yudi@capil-madiun.example",
        agency_code="dispendukcapil-3577",
        nip="199105082019031008",
        position="Operator Pelayanan Adminduk",
        grade="II/d",
    ),
    DemoAccount(
        "petugas.dlh.madiun",
        Role.OFFICER,
        "Ari Setiawan",
        "+6281234508808",
        "ari@dlh-madiun.example",
        agency_code="dlh-3577",
        nip="198909192014031009",
        position="Pengawas Lingkungan Hidup",
        grade="III/a",
    ),
    DemoAccount(
        "warga.sumarni",
        Role.CITIZEN,
        "Sumarni",
        "+6281234508811",
        "sumarni@warga.example",
        nik="3501045507900001",
    ),
    DemoAccount(
        "warga.heru", Role.CITIZEN, "Heru Susanto", "+6281234508812", "heru@warga.example", nik="3577020311850002"
    ),
    DemoAccount(
        "warga.wulan",
        Role.CITIZEN,
        "Wulan Sari",
        "+6281234508813",
        "wulan@warga.example",
        nik="3578016202950003",
    ),
)


#: Permissions the demo complaint units hold beyond their role's.
GRANTS: dict[str, tuple[str, ...]] = {
    "admin.kominfo.jatim": (VERIFY, MODERATE),
    "admin.kominfo.pacitan": (VERIFY,),
    "admin.kominfo.madiun": (VERIFY,),
}


async def seed_people(session: AsyncSession) -> dict[str, int]:
    """The demo staff and citizens that do not exist yet, and their grants; returns every username's id."""
    await seed_demo_accounts(session, PEOPLE)
    existing = {
        str(name): int(i or 0) for name, i in await session.execute(select(col(Account.username), col(Account.id)))
    }
    for username, permissions in GRANTS.items():
        account_id = existing[username]
        for permission in permissions:
            found = await session.execute(
                select(col(PermissionGrant.id)).where(
                    col(PermissionGrant.permission) == permission, col(PermissionGrant.account_id) == account_id
                )
            )
            if found.first() is None:
                session.add(PermissionGrant(permission=permission, account_id=account_id))
    await session.flush()
    return existing


class Demo:
    """What a demo complaint's steps need: principals by username, the runtime, the moment of each step."""

    def __init__(self, session: AsyncSession, runtime: Runtime, ids: dict[str, int]) -> None:
        self.session = session
        self.runtime = runtime
        self.ids = ids
        self.now = utcnow().replace(microsecond=0)
        self._principals: dict[str, Principal] = {}

    def ago(self, days: float, hours: float = 0) -> datetime:
        return self.now - timedelta(days=days, hours=hours)

    async def who(self, username: str) -> Principal:
        if username not in self._principals:
            account = await self.session.get(Account, self.ids[username])
            assert account is not None and account.id is not None
            officer = await self.session.get(Officer, account.id)
            permissions = await effective_permissions(self.session, self.runtime.permissions, account.role, account.id)
            self._principals[username] = Principal(
                role=account.role,
                account_id=account.id,
                username=account.username,
                agency_id=officer.agency_id if officer else None,
                permissions=permissions,
            )
        return self._principals[username]

    async def file(
        self,
        number: int,
        reporter: str,
        at: datetime,
        *,
        title: str,
        text: str,
        category: str,
        region_code: str,
        kind: ComplaintKind = ComplaintKind.COMPLAINT,
        channel: Channel = Channel.APP,
        anonymous: bool = False,
        confidential: bool = False,
        agency_code: str | None = None,
        coordinates: tuple[float, float] | None = None,
    ) -> int:
        row = await file_complaint(
            self.session,
            self.runtime,
            reporter_account_id=self.ids[reporter],
            external_reporter=None,
            title=title,
            text=text,
            category=category,
            agency_code=agency_code,
            service_code=None,
            region_code=region_code,
            latitude=coordinates[0] if coordinates else None,
            longitude=coordinates[1] if coordinates else None,
            channel=channel,
            anonymous=anonymous,
            confidential=confidential,
            attachments=(),
            idempotency_key=None,
            source="demo",
            kind=kind,
            now=at,
        )
        assert row.id is not None
        await self.session.execute(
            update(Complaint)
            .where(col(Complaint.id) == row.id)
            .values(tracking_number=tracking_number(number), demo=True)
            .execution_options(synchronize_session=False)
        )
        await self.session.refresh(row)
        return row.id


def tracking_number(number: int) -> str:
    return f"ADU-DEMO-{number:04d}"


Story = Callable[[Demo], Awaitable[None]]


async def _closed_road(d: Demo) -> None:
    cid = await d.file(
        1,
        "warga.sumarni",
        d.ago(30),
        title="Jalan poros Desa Widoro berlubang dan membahayakan",
        text="Jalan poros Desa Widoro menuju Pantai Klayar berlubang sepanjang kurang lebih 300 meter. "
        "Sudah dua pengendara sepeda motor jatuh minggu ini, terutama saat hujan karena lubang tertutup air.",
        category="infrastruktur",
        region_code="35.01.01.2001",
        coordinates=(-8.1983, 110.9421),
        channel=Channel.WHATSAPP,
    )
    s, r = d.session, d.runtime
    await lifecycle.verify_complaint(
        s,
        r,
        await d.who("admin.kominfo.pacitan"),
        cid,
        agency_code="dpupr-3501",
        note="Jalan kabupaten; mohon ditangani Bidang Bina Marga.",
        now=d.ago(29, 20),
    )
    pupr = await d.who("petugas.pupr.pacitan")
    await lifecycle.follow_up_complaint(
        s, r, pupr, cid, note="Tim survei dijadwalkan ke lokasi pada hari Kamis.", now=d.ago(28)
    )
    await lifecycle.post_message(
        s,
        r,
        pupr,
        cid,
        text="Lokasi sudah kami survei. Penambalan dijadwalkan minggu depan setelah material aspal tiba.",
        now=d.ago(25),
    )
    await lifecycle.post_message(
        s, r, await d.who("warga.sumarni"), cid, text="Terima kasih, kami tunggu pengerjaannya.", now=d.ago(25, -3)
    )
    await lifecycle.resolve_complaint(
        s, r, pupr, cid, note="Lubang sepanjang 300 meter sudah ditambal dengan aspal hotmix.", now=d.ago(20)
    )
    await lifecycle.close_complaint(
        s,
        r,
        await d.who("warga.sumarni"),
        cid,
        rating=5,
        comment="Cepat dan rapi, terima kasih Dinas PUPR Pacitan.",
        now=d.ago(19),
    )


async def _anonymous_medicine(d: Demo) -> None:
    cid = await d.file(
        2,
        "warga.sumarni",
        d.ago(9),
        title="Obat hipertensi di Puskesmas Punung sering kosong",
        text="Sudah tiga bulan berturut-turut obat amlodipin untuk peserta Prolanis di Puskesmas Punung kosong. "
        "Pasien lansia disuruh membeli sendiri di apotek dengan biaya pribadi.",
        category="kesehatan",
        region_code="35.01.03.2001",
        anonymous=True,
    )
    s, r = d.session, d.runtime
    await lifecycle.verify_complaint(
        s, r, await d.who("admin.kominfo.pacitan"), cid, agency_code="dinkes-3501", now=d.ago(8, 20)
    )
    dinkes = await d.who("petugas.dinkes.pacitan")
    await lifecycle.follow_up_complaint(
        s, r, dinkes, cid, note="Kami cek stok dan distribusi obat dari Instalasi Farmasi Kabupaten.", now=d.ago(7)
    )
    await lifecycle.post_message(
        s,
        r,
        dinkes,
        cid,
        text="Pengiriman amlodipin ke Puskesmas Punung tertunda. Stok tambahan dikirim minggu ini.",
        now=d.ago(6),
    )
    await lifecycle.post_message(
        s,
        r,
        await d.who("warga.sumarni"),
        cid,
        text="Mohon dipastikan juga untuk bulan depan, karena kejadian ini berulang.",
        now=d.ago(5),
    )


async def _overdue_ambulance(d: Demo) -> None:
    cid = await d.file(
        3,
        "warga.wulan",
        d.ago(14),
        title="Ambulans desa Tremas tidak bisa dihubungi malam hari",
        text="Nomor ambulans desa yang tertera di balai desa Tremas tidak aktif pada malam hari. Tetangga kami "
        "yang melahirkan akhirnya dibawa dengan mobil bak terbuka ke Puskesmas Arjosari.",
        category="kesehatan",
        region_code="35.01.06.2003",
        channel=Channel.WEB,
    )
    await lifecycle.verify_complaint(
        d.session, d.runtime, await d.who("admin.kominfo.pacitan"), cid, agency_code="dinkes-3501", now=d.ago(13)
    )
    await escalation.escalate(d.session, settings_of(d.runtime), d.ago(0, 2), only=[cid])


async def _new_ktp(d: Demo) -> None:
    await d.file(
        4,
        "warga.heru",
        d.ago(0, 3),
        title="KTP-el belum jadi setelah tiga bulan",
        text="Saya merekam KTP-el di Kantor Kelurahan Sogaten pada bulan Agustus. Sampai sekarang status di "
        "Dispendukcapil masih menunggu blangko, padahal KTP diperlukan untuk melamar pekerjaan.",
        category="administrasi_kependudukan",
        region_code="35.77.02.1002",
        agency_code="dispendukcapil-3577",
    )


async def _escalated_waste(d: Demo) -> None:
    cid = await d.file(
        5,
        "warga.heru",
        d.ago(16),
        title="Tumpukan sampah di bantaran Kali Madiun dekat Jembatan Sogaten",
        text="Sampah rumah tangga menumpuk di bantaran Kali Madiun dekat Jembatan Sogaten dan berbau menyengat. "
        "Saat hujan sampah hanyut ke sungai. Mohon disediakan TPS dan dijadwalkan pengangkutan.",
        category="lingkungan",
        region_code="35.77.02.1002",
        coordinates=(-7.6183, 111.5098),
        anonymous=True,
        channel=Channel.SOCIAL_MEDIA,
    )
    settings = settings_of(d.runtime)
    await escalation.escalate(d.session, settings, d.ago(8), only=[cid])
    await escalation.escalate(d.session, settings, d.ago(1), only=[cid])


async def _held_traffic_light(d: Demo) -> None:
    cid = await d.file(
        6,
        "warga.heru",
        d.ago(3),
        title="Lampu lalu lintas mati",
        text="Lampu lalu lintas di perempatan dekat pasar mati sejak kemarin sore dan sering terjadi kemacetan.",
        category="transportasi",
        region_code="35.77.03.1002",
        channel=Channel.SMS,
    )
    await lifecycle.hold_complaint(
        d.session,
        d.runtime,
        await d.who("admin.kominfo.madiun"),
        cid,
        reason="Mohon sebutkan nama jalan atau perempatan yang dimaksud (misalnya Jl. Pahlawan - Jl. Diponegoro).",
        now=d.ago(2, 20),
    )


async def _electricity(d: Demo) -> None:
    cid = await d.file(
        7,
        "warga.heru",
        d.ago(6),
        title="Tagihan listrik melonjak dua kali lipat",
        text="Tagihan listrik pascabayar rumah saya bulan ini dua kali lipat dari biasanya padahal pemakaian sama. "
        "Mohon dibantu pengecekan meteran.",
        category="lainnya",
        region_code="35.77.01.1003",
    )
    await lifecycle.mark_not_our_authority(
        d.session,
        d.runtime,
        await d.who("admin.kominfo.madiun"),
        cid,
        reason="Tagihan listrik adalah kewenangan PT PLN (Persero). Silakan hubungi PLN Mobile atau call center 123.",
        now=d.ago(5, 22),
    )


async def _duplicate(d: Demo) -> None:
    cid = await d.file(
        8,
        "warga.budi",
        d.ago(12),
        title="Jalan berlubang di Karang Pilang (laporan ganda)",
        text="Jalan di depan Kantor Kelurahan Karang Pilang berlubang. Laporan ini terkirim dua kali dari aplikasi.",
        category="infrastruktur",
        region_code="35.78.01.1001",
    )
    await lifecycle.archive_complaint(
        d.session,
        d.runtime,
        await d.who("admin.kominfo.jatim"),
        cid,
        reason="Laporan ganda; ditangani melalui laporan lain dengan isi yang sama.",
        now=d.ago(11, 20),
    )


async def _resolved_birth_certificate(d: Demo) -> None:
    cid = await d.file(
        9,
        "warga.budi",
        d.ago(7),
        title="Nama ibu salah tulis di akta kelahiran anak",
        text="Pada akta kelahiran anak kami yang terbit bulan lalu nama ibu tertulis 'Siti Aminah' padahal di KK "
        "tertulis 'Siti Aminatun'. Mohon dibantu pembetulan tanpa harus antre ulang dari awal.",
        category="administrasi_kependudukan",
        region_code="35.78.01.1002",
        agency_code="dispendukcapil-3578",
    )
    s, r = d.session, d.runtime
    await lifecycle.verify_complaint(
        s, r, await d.who("admin.provinsi"), cid, agency_code="dispendukcapil-3578", now=d.ago(6, 22)
    )
    officer = await d.who("petugas.surabaya")
    await lifecycle.follow_up_complaint(
        s, r, officer, cid, note="Berkas akta kami tarik untuk pembetulan.", now=d.ago(6)
    )
    await lifecycle.post_message(
        s,
        r,
        officer,
        cid,
        text="Akta hasil pembetulan bisa diunduh di aplikasi mulai besok; akta lama tidak perlu dikembalikan.",
        now=d.ago(2),
    )
    await lifecycle.resolve_complaint(
        s, r, officer, cid, note="Akta kelahiran sudah diterbitkan ulang dengan nama ibu yang benar.", now=d.ago(1)
    )


async def _reopened_family_card(d: Demo) -> None:
    cid = await d.file(
        10,
        "warga.heru",
        d.ago(18),
        title="Perubahan KK setelah pindah alamat belum selesai",
        text="Saya pindah dari Kelurahan Manguharjo ke Kelurahan Patihan. Surat pindah sudah keluar, tetapi KK "
        "baru belum diterbitkan walaupun sudah lewat 14 hari kerja.",
        category="administrasi_kependudukan",
        region_code="35.77.02.1003",
    )
    s, r = d.session, d.runtime
    await lifecycle.verify_complaint(
        s, r, await d.who("admin.kominfo.madiun"), cid, agency_code="dispendukcapil-3577", now=d.ago(17, 20)
    )
    officer = await d.who("petugas.capil.madiun")
    await lifecycle.follow_up_complaint(
        s, r, officer, cid, note="Data pindah datang sedang diverifikasi.", now=d.ago(16)
    )
    await lifecycle.resolve_complaint(s, r, officer, cid, note="KK baru sudah dicetak.", now=d.ago(4))
    await lifecycle.reopen_complaint(
        s,
        r,
        await d.who("warga.heru"),
        cid,
        reason="KK yang dicetak masih mencantumkan alamat lama di Manguharjo.",
        now=d.ago(3),
    )


async def _forwarded_bridge(d: Demo) -> None:
    cid = await d.file(
        11,
        "warga.sumarni",
        d.ago(10),
        title="Jembatan di ruas Pacitan-Ponorogo retak",
        text="Jembatan di ruas jalan Pacitan-Ponorogo dekat Desa Sedayu retak di sambungan dan bergetar keras "
        "saat truk lewat. Warga khawatir jembatan ambruk pada musim hujan.",
        category="infrastruktur",
        region_code="35.01.06.2002",
        coordinates=(-8.0931, 111.1264),
    )
    s, r = d.session, d.runtime
    unit = await d.who("admin.kominfo.pacitan")
    await lifecycle.verify_complaint(s, r, unit, cid, agency_code="dpupr-3501", now=d.ago(9, 20))
    await lifecycle.forward_complaint(
        s,
        r,
        unit,
        cid,
        agency_code="dpubm-jatim",
        reason="Ruas Pacitan-Ponorogo adalah jalan provinsi; diteruskan ke Dinas PU Bina Marga Provinsi Jawa Timur.",
        now=d.ago(3),
    )


async def _confidential_levy(d: Demo) -> None:
    cid = await d.file(
        12,
        "warga.sumarni",
        d.ago(5),
        title="Dugaan pungutan liar pengurusan surat pindah",
        text="Saat mengurus surat pengantar pindah di kantor desa, saya diminta membayar Rp150.000 tanpa kuitansi. "
        "Saya khawatir identitas saya diketahui perangkat desa.",
        category="ketertiban_umum",
        region_code="35.01.07.2001",
        anonymous=True,
        confidential=True,
    )
    await lifecycle.verify_complaint(
        d.session,
        d.runtime,
        await d.who("admin.kominfo.pacitan"),
        cid,
        agency_code="inspektorat-jatim",
        note="Dugaan pungli: ditangani inspektorat secara rahasia.",
        now=d.ago(4, 20),
    )


async def _hidden_rant(d: Demo) -> None:
    cid = await d.file(
        13,
        "warga.budi",
        d.ago(5),
        title="Pelayanan lambat sekali!!!",
        text="Pelayanan di kantor ini lambat sekali!!! Petugasnya tidak becus semua, tutup saja kantornya!!!",
        category="administrasi_kependudukan",
        region_code="35.78.02.1001",
    )
    s, r = d.session, d.runtime
    await lifecycle.verify_complaint(
        s, r, await d.who("admin.provinsi"), cid, agency_code="dispendukcapil-3578", now=d.ago(4)
    )
    for number, citizen in enumerate(("warga.siti", "warga.wulan", "warga.heru")):
        await community.flag_complaint(
            s, r, await d.who(citizen), cid, reason=FlagReason.OFFENSIVE, now=d.ago(3, -number)
        )


async def _supported_drain(d: Demo) -> None:
    cid = await d.file(
        14,
        "warga.heru",
        d.ago(11),
        title="Saluran air tersumbat di Kelurahan Pandean",
        text="Saluran air di Jl. Pandean Gang III tersumbat lumpur dan sampah sehingga air meluap ke rumah warga "
        "setiap hujan deras. Sudah berlangsung sejak awal musim hujan.",
        category="lingkungan",
        region_code="35.77.03.1002",
        coordinates=(-7.6412, 111.5241),
    )
    s, r = d.session, d.runtime
    await lifecycle.verify_complaint(
        s, r, await d.who("admin.kominfo.madiun"), cid, agency_code="dlh-3577", now=d.ago(10)
    )
    await lifecycle.follow_up_complaint(
        s,
        r,
        await d.who("petugas.dlh.madiun"),
        cid,
        note="Kerja bakti pengerukan bersama kelurahan dijadwalkan Sabtu ini.",
        now=d.ago(9),
    )
    for number, citizen in enumerate(("warga.budi", "warga.siti", "warga.wulan", "warga.sumarni")):
        await community.support_complaint(s, r, await d.who(citizen), cid, now=d.ago(8, -number))


async def _aspiration_school_bus(d: Demo) -> None:
    cid = await d.file(
        15,
        "warga.sumarni",
        d.ago(4),
        title="Usulan bus sekolah untuk siswa Kecamatan Nawangan",
        text="Banyak siswa SMP di Nawangan berjalan kaki lebih dari 5 km melewati jalan menanjak. Kami mengusulkan "
        "bus sekolah gratis pada pagi dan siang hari seperti di kecamatan lain.",
        category="pendidikan",
        region_code="35.01.07.2001",
        kind=ComplaintKind.ASPIRATION,
    )
    await lifecycle.verify_complaint(
        d.session, d.runtime, await d.who("admin.kominfo.pacitan"), cid, agency_code="disdik-3501", now=d.ago(3)
    )


async def _information_vehicle_tax(d: Demo) -> None:
    cid = await d.file(
        16,
        "warga.siti",
        d.ago(2),
        title="Jadwal pemutihan pajak kendaraan bermotor",
        text="Apakah tahun ini ada program pemutihan denda pajak kendaraan bermotor di Jawa Timur? Jika ada, "
        "mulai tanggal berapa dan di SAMSAT mana saja?",
        category="pajak_daerah",
        region_code="35.15.02.2001",
        kind=ComplaintKind.INFORMATION_REQUEST,
    )
    await lifecycle.verify_complaint(
        d.session, d.runtime, await d.who("admin.kominfo.jatim"), cid, agency_code="bapenda-jatim", now=d.ago(1, 20)
    )


async def _auto_closed_population_data(d: Demo) -> None:
    cid = await d.file(
        17,
        "warga.wulan",
        d.ago(25),
        title="Data kependudukan ibu saya tercatat sudah meninggal",
        text="Saat ibu saya (warga Kelurahan Mojorejo) hendak berobat dengan BPJS, datanya tercatat sudah meninggal "
        "di Dispendukcapil. Ibu saya masih hidup dan sehat. Mohon data segera dipulihkan.",
        category="administrasi_kependudukan",
        region_code="35.77.03.1001",
    )
    s, r = d.session, d.runtime
    await lifecycle.verify_complaint(
        s, r, await d.who("admin.kominfo.madiun"), cid, agency_code="dispendukcapil-3577", now=d.ago(24, 20)
    )
    officer = await d.who("petugas.capil.madiun")
    await lifecycle.follow_up_complaint(s, r, officer, cid, note="Kami telusuri riwayat akta kematian.", now=d.ago(24))
    await lifecycle.resolve_complaint(
        s,
        r,
        officer,
        cid,
        note="Status data sudah dipulihkan menjadi hidup; BPJS dapat digunakan kembali.",
        now=d.ago(20),
    )
    await escalation.close_unconfirmed(s, d.ago(0, 1), only=[cid])


#: (number of its tracking number ``ADU-DEMO-00NN``, the story that files it and takes it through its steps)
STORIES: tuple[tuple[int, Story], ...] = (
    (1, _closed_road),
    (2, _anonymous_medicine),
    (3, _overdue_ambulance),
    (4, _new_ktp),
    (5, _escalated_waste),
    (6, _held_traffic_light),
    (7, _electricity),
    (8, _duplicate),
    (9, _resolved_birth_certificate),
    (10, _reopened_family_card),
    (11, _forwarded_bridge),
    (12, _confidential_levy),
    (13, _hidden_rant),
    (14, _supported_drain),
    (15, _aspiration_school_bus),
    (16, _information_vehicle_tax),
    (17, _auto_closed_population_data),
)


async def seed_demo(session: AsyncSession, runtime: Runtime) -> int:
    """Create the demo people and every demo complaint not there yet; returns how many complaints it filed."""
    ids = await seed_people(session)
    existing = set(
        (
            await session.execute(
                select(col(Complaint.tracking_number)).where(col(Complaint.tracking_number).startswith("ADU-DEMO-"))
            )
        ).scalars()
    )
    demo = Demo(session, runtime, ids)
    filed = 0
    for number, story in STORIES:
        if tracking_number(number) in existing:
            continue
        await story(demo)
        filed += 1
    await session.flush()
    return filed
