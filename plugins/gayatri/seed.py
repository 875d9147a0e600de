"""GAYATRI demo data (``cettar seed --demo``): cadres, children, measurements, doses and cases.

Idempotent: every row is looked up by a natural key first (a username, a cadre's
name in a kelurahan, a child's name in a kelurahan, a measurement's day, a dose, a
case's description), and only what is missing is written. Ages are relative to
the day of seeding, so the demo children stay under five and their doses due or
missed; a case is walked to its demo state only when it is first created.

Demo accounts (password ``core.identity.demo.DEMO_PASSWORD``):

- ``kader.mentikan``, ``kader.balongsari``, ``kader.kranggan``: cadres (citizens);
- ``petugas.dinkes.mojokerto`` (officer) and ``admin.dinkes.mojokerto`` (agency admin)
  of Dinas Kesehatan Kota Mojokerto; ``petugas.dinsos.mojokerto`` (officer) of Dinas Sosial.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.auth import Principal, Role
from core.calendar import today
from core.identity.demo import DemoAccount, seed_demo_accounts
from core.identity.models import Account
from core.identity.permissions import VIEW_PERSONAL_DATA
from plugins.gayatri import cases, children, domain
from plugins.gayatri.domain import CasePriority, CaseStatus, CaseType, ChildSex, Position
from plugins.gayatri.immunisation import BY_DOSE, Dose, add_months
from plugins.gayatri.models import Cadre, Case, Child, Immunisation, Measurement
from plugins.gayatri.service import HANDLE_CASES, MANAGE_CADRES, RECORD_CHILDREN, agency_id

MENTIKAN = "35.76.01.1003"  # Kec. Prajurit Kulon
BLOOTO = "35.76.01.1008"
BALONGSARI = "35.76.02.1008"  # Kec. Magersari
WATES = "35.76.02.1010"
KRANGGAN = "35.76.03.1001"  # Kec. Kranggan


#: The demo accounts this plugin adds (the README lists them).
DEMO_USERS: tuple[DemoAccount, ...] = (
    DemoAccount(
        "kader.mentikan",
        Role.CITIZEN,
        "Sri Rahayu",
        "+6281357600101",
        "kader.mentikan@gayatri.example",
        nik="3576014503880001",
    ),
    DemoAccount(
        "kader.balongsari",
        Role.CITIZEN,
        "Endang Susilowati",
        "+6281357600102",
        "kader.balongsari@gayatri.example",
        nik="3576025107900002",
    ),
    DemoAccount(
        "kader.kranggan",
        Role.CITIZEN,
        "Umi Kulsum",
        "+6281357600103",
        "kader.kranggan@gayatri.example",
        nik="3576036209850001",
    ),
    DemoAccount(
        "petugas.dinkes.mojokerto",
        Role.OFFICER,
        "dr. Retno Wulandari",
        "+6281357600111",
        "petugas.dinkes.mojokerto@gayatri.example",
        agency_code=domain.HEALTH_AGENCY,
        nip="198404122009022003",
        position="Pengelola Program Gizi dan Imunisasi",
        grade="III/d",
    ),
    DemoAccount(
        "admin.dinkes.mojokerto",
        Role.AGENCY_ADMIN,
        "Bambang Setiawan",
        "+6281357600112",
        "admin.dinkes.mojokerto@gayatri.example",
        agency_code=domain.HEALTH_AGENCY,
        nip="199107252015031002",
        position="Kepala Seksi Kesehatan Keluarga dan Gizi",
        grade="III/c",
    ),
    DemoAccount(
        "petugas.dinsos.mojokerto",
        Role.OFFICER,
        "Lilik Indrawati",
        "+6281357600121",
        "petugas.dinsos.mojokerto@gayatri.example",
        agency_code=domain.SOCIAL_AGENCY,
        nip="198812032014032001",
        position="Pekerja Sosial Ahli Pertama",
        grade="III/b",
    ),
)

#: (name, kelurahan, username of the linked account or None, Posyandu)
DEMO_CADRES: tuple[tuple[str, str, str | None, str], ...] = (
    ("Sri Rahayu", MENTIKAN, "kader.mentikan", "Posyandu Melati RW 02"),
    ("Endang Susilowati", BALONGSARI, "kader.balongsari", "Posyandu Anggrek RW 04"),
    ("Umi Kulsum", KRANGGAN, "kader.kranggan", "Posyandu Kenanga RW 01"),
    ("Siti Maimunah", WATES, None, "Posyandu Mawar RW 03"),
    ("Ninik Suryani", BLOOTO, None, "Posyandu Dahlia RW 05"),
)


@dataclass(frozen=True)
class DemoChild:
    name: str
    sex: ChildSex
    age_days: int  # on the day of seeding
    kelurahan: str
    mother: str
    mother_nik: str | None
    with_nik: bool
    #: (days before today, cm, position)
    measurements: tuple[tuple[int, float, Position], ...] = ()
    doses: tuple[Dose, ...] = ()


ALL_BEFORE_TWO = (
    Dose.HB0,
    Dose.BCG,
    Dose.OPV1,
    Dose.DPT_HB_HIB_1,
    Dose.OPV2,
    Dose.DPT_HB_HIB_2,
    Dose.OPV3,
    Dose.DPT_HB_HIB_3,
    Dose.OPV4,
    Dose.IPV,
    Dose.MR,
    Dose.DPT_HB_HIB_BOOSTER,
    Dose.MR_BOOSTER,
)

DEMO_CHILDREN: tuple[DemoChild, ...] = (
    # Stunted (about -2.0 SD) at two years; normal at 18 months.
    DemoChild(
        "Ahmad Fauzan",
        ChildSex.MALE,
        731,
        MENTIKAN,
        "Dewi Anggraini",
        "3576015203900002",
        True,
        ((183, 77.0, Position.LYING), (0, 81.0, Position.STANDING)),
        ALL_BEFORE_TWO,
    ),
    # Severely stunted (below -3 SD) at one year; MR missed.
    DemoChild(
        "Nayla Putri Ramadhani",
        ChildSex.FEMALE,
        430,
        MENTIKAN,
        "Yuli Astuti",
        None,
        True,
        ((60, 65.5, Position.LYING),),
        ALL_BEFORE_TWO[:10],
    ),
    # Nine months: normal; the 3- and 4-month doses missed, MR due.
    DemoChild(
        "Rizky Ramadhan",
        ChildSex.MALE,
        280,
        BALONGSARI,
        "Ani Widayati",
        "3576026708930001",
        True,
        ((2, 72.4, Position.LYING),),
        (Dose.HB0, Dose.BCG, Dose.OPV1, Dose.DPT_HB_HIB_1, Dose.OPV2),
    ),
    # Four years: stunted (between -3 and -2 SD) at about 50 months.
    DemoChild(
        "Citra Lestari",
        ChildSex.FEMALE,
        1530,
        BALONGSARI,
        "Sumiati",
        None,
        True,
        ((10, 92.0, Position.STANDING),),
        ALL_BEFORE_TWO,
    ),
    # Three years: normal, every dose given.
    DemoChild(
        "Aisyah Zahra",
        ChildSex.FEMALE,
        1100,
        KRANGGAN,
        "Rina Marlina",
        None,
        True,
        ((5, 95.6, Position.STANDING),),
        ALL_BEFORE_TWO,
    ),
    # Four months: HB-0 and the 3-month doses missed, the 1- and 2-month doses given, the 4-month doses due.
    DemoChild(
        "Bima Saputra",
        ChildSex.MALE,
        125,
        WATES,
        "Lina Kurniawati",
        None,
        True,
        ((3, 62.0, Position.LYING),),
        (Dose.BCG, Dose.OPV1, Dose.DPT_HB_HIB_1, Dose.OPV2),
    ),
    # Three weeks, no NIK yet: HB-0 given, BCG and OPV 1 upcoming.
    DemoChild("Dimas Pratama", ChildSex.MALE, 21, KRANGGAN, "Wahyuni", None, False, (), (Dose.HB0,)),
)


@dataclass(frozen=True)
class DemoCase:
    reporter: str  # username of the cadre
    case_type: CaseType
    description: str
    status: CaseStatus
    child: str | None = None
    subject: str | None = None
    address: str | None = None
    route_to: str | None = None


DEMO_CASES: tuple[DemoCase, ...] = (
    DemoCase(
        "kader.mentikan",
        CaseType.HEALTH_EMERGENCY,
        "Bayi usia 5 bulan demam tinggi sejak semalam dan kejang dua kali; keluarga belum sempat ke puskesmas.",
        CaseStatus.REPORTED,
        subject="Bayi Ny. Sulastri",
        address="RT 03 RW 02, Jl. Mentikan Gg. II",
    ),
    DemoCase(
        "kader.mentikan",
        CaseType.STUNTING,
        "Berat dan panjang badan tidak naik tiga bulan berturut-turut; perlu pemeriksaan dan PMT.",
        CaseStatus.TRIAGED,
        child="Nayla Putri Ramadhani",
    ),
    DemoCase(
        "kader.balongsari",
        CaseType.IMMUNISATION,
        "Imunisasi DPT-HB-Hib 2 dan 3 terlewat; orang tua bekerja dan tidak sempat ke posyandu.",
        CaseStatus.ROUTED,
        child="Rizky Ramadhan",
    ),
    DemoCase(
        "kader.balongsari",
        CaseType.SOCIAL_AID,
        "Keluarga dengan balita stunting, ayah kehilangan pekerjaan; belum terdaftar sebagai penerima bantuan pangan.",
        CaseStatus.IN_FOLLOW_UP,
        subject="Keluarga Bp. Suparno",
        address="RT 01 RW 04, Balongsari",
        route_to=domain.SOCIAL_AGENCY,
    ),
    DemoCase(
        "kader.kranggan",
        CaseType.TUBERCULOSIS,
        "Warga batuk lebih dari tiga minggu dan berat badan turun; tinggal serumah dengan dua balita.",
        CaseStatus.RESOLVED,
        subject="Bp. Slamet",
        address="RT 02 RW 01, Kranggan",
    ),
    DemoCase(
        "kader.kranggan",
        CaseType.SOCIAL_AID,
        "Lansia tinggal sendiri, tidak mampu membeli obat rutin; mohon pendataan bantuan sosial.",
        CaseStatus.REPORTED,
        subject="Mbah Tukiyem",
        address="RT 04 RW 01, Kranggan",
    ),
)


async def _accounts(session: AsyncSession) -> dict[str, Account]:
    """The demo accounts, created when missing."""
    await seed_demo_accounts(session, DEMO_USERS)
    usernames = [u.username for u in DEMO_USERS]
    return {
        a.username: a
        for a in (await session.execute(select(Account).where(col(Account.username).in_(usernames)))).scalars()
    }


def _child_nik(child: DemoChild, birth: date, sequence: int) -> str:
    day = birth.day + (40 if child.sex is ChildSex.FEMALE else 0)
    district = child.kelurahan.split(".")[2]
    return f"3576{district}{day:02d}{birth:%m%y}{sequence:04d}"


@dataclass(frozen=True)
class People:
    """The demo accounts (by username), the demo cadres (by kelurahan) and the staff acting in the demo."""

    accounts: dict[str, Account]
    cadres: dict[str, Cadre]
    officer: Principal  # petugas.dinkes.mojokerto
    social_officer: Principal  # petugas.dinsos.mojokerto


async def seed_people(session: AsyncSession) -> People:
    """The demo accounts and cadres only (no children, no cases)."""
    accounts = await _accounts(session)
    health = await agency_id(session, domain.HEALTH_AGENCY)
    social = await agency_id(session, domain.SOCIAL_AGENCY)

    def staff(username: str, agency: int) -> Principal:
        account = accounts[username]
        return Principal(
            role=account.role,
            account_id=account.id,
            username=username,
            agency_id=agency,
            permissions=frozenset({HANDLE_CASES, RECORD_CHILDREN, MANAGE_CADRES, VIEW_PERSONAL_DATA}),
        )

    cadres: dict[str, Cadre] = {}
    for name, kelurahan, username, posyandu in DEMO_CADRES:
        cadre = (
            await session.execute(select(Cadre).where(col(Cadre.name) == name, col(Cadre.kelurahan_code) == kelurahan))
        ).scalar_one_or_none()
        if cadre is None:
            cadre = Cadre(
                name=name,
                kelurahan_code=kelurahan,
                account_id=accounts[username].id if username else None,
                agency_id=health,
                posyandu=posyandu,
                registered_by=accounts["admin.dinkes.mojokerto"].id,
            )
            session.add(cadre)
            await session.flush()
        cadres[kelurahan] = cadre
    return People(
        accounts, cadres, staff("petugas.dinkes.mojokerto", health), staff("petugas.dinsos.mojokerto", social)
    )


async def seed_demo(session: AsyncSession) -> None:
    now = today()
    people = await seed_people(session)
    accounts, officer, social_officer = people.accounts, people.officer, people.social_officer

    kids: dict[str, Child] = {}
    for sequence, demo in enumerate(DEMO_CHILDREN, start=1):
        child = (
            await session.execute(
                select(Child).where(col(Child.name) == demo.name, col(Child.kelurahan_code) == demo.kelurahan)
            )
        ).scalar_one_or_none()
        if child is None:
            birth = now - timedelta(days=demo.age_days)
            child = await children.register_child(
                session,
                officer,
                children.ChildData(
                    name=demo.name,
                    sex=demo.sex,
                    birth_date=birth,
                    kelurahan_code=demo.kelurahan,
                    mother_name=demo.mother,
                    nik=_child_nik(demo, birth, 900 + sequence) if demo.with_nik else None,
                    mother_nik=demo.mother_nik,
                ),
            )
        assert child.id is not None
        kids[demo.name] = child
        measured = set(
            (await session.execute(select(col(Measurement.measured_on)).where(col(Measurement.child_id) == child.id)))
            .scalars()
            .all()
        )
        for days_ago, height, position in demo.measurements:
            on = now - timedelta(days=days_ago)
            if on >= child.birth_date and on not in measured:
                await children.record_measurement(
                    session,
                    officer,
                    children.MeasurementData(child_id=child.id, measured_on=on, height_cm=height, position=position),
                )
        given = set(
            (await session.execute(select(col(Immunisation.dose)).where(col(Immunisation.child_id) == child.id)))
            .scalars()
            .all()
        )
        for dose in demo.doses:
            if dose in given:
                continue
            on = min(add_months(child.birth_date, BY_DOSE[dose].age_months) + timedelta(days=3), now)
            if dose is Dose.HB0:
                on = child.birth_date
            await children.record_dose(session, officer, children.DoseData(child_id=child.id, dose=dose, given_on=on))

    for demo_case in DEMO_CASES:
        reporter = accounts[demo_case.reporter]
        exists = (
            await session.execute(
                select(col(Case.id)).where(
                    col(Case.reporter_id) == reporter.id, col(Case.description) == demo_case.description
                )
            )
        ).first()
        if exists is not None:
            continue
        cadre_principal = Principal(role=Role.CITIZEN, account_id=reporter.id, username=reporter.username)
        child = kids[demo_case.child] if demo_case.child else None
        case = await cases.report_case(
            session,
            cadre_principal,
            cases.ReportData(
                case_type=demo_case.case_type,
                description=demo_case.description,
                child_id=child.id if child else None,
                subject_name=demo_case.subject,
                address=demo_case.address,
            ),
        )
        assert case.id is not None
        await _walk(session, case, demo_case, officer, social_officer)


async def _walk(
    session: AsyncSession, case: Case, demo: DemoCase, officer: Principal, social_officer: Principal
) -> None:
    """Take a freshly reported demo case to its demo status."""
    assert case.id is not None
    order = list(CaseStatus)
    target = order.index(demo.status)
    handler = social_officer if case.case_type is CaseType.SOCIAL_AID else officer
    if target >= order.index(CaseStatus.TRIAGED):
        priority = CasePriority.HIGH if case.case_type is CaseType.STUNTING else CasePriority.NORMAL
        await cases.triage_case(
            session, handler, case.id, priority=priority, note="Diverifikasi melalui telepon kader."
        )
    if target >= order.index(CaseStatus.ROUTED):
        await cases.route_case(
            session, handler, case.id, agency_code=demo.route_to, note="Diteruskan ke bidang terkait."
        )
    if target >= order.index(CaseStatus.IN_FOLLOW_UP):
        await cases.add_follow_up(
            session, handler, case.id, note="Kunjungan rumah dijadwalkan bersama puskesmas/pendamping sosial."
        )
    if target >= order.index(CaseStatus.RESOLVED):
        await cases.resolve_case(
            session, handler, case.id, resolution="Pemeriksaan dahak selesai; pengobatan dimulai dan dipantau kader."
        )
