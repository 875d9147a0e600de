"""Demo data for ``cettar seed --demo``: Disperkim Gresik staff, a developer's account, four developments.

The developments lie in real desa/kelurahan of Kebomas, Manyar, Driyorejo and
Menganti, with permits, units, PSU in every handover state (with documents),
problems of each kind, drone surveys and NOP links. Idempotent: an account,
developer or development that exists is left as it is, and a development's
children are written only with the development.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.auth import Role
from core.identity.demo import DEMO_PASSWORD
from core.identity.models import Account, Citizen, Officer
from core.identity.secrets import hash_password
from core.identity.validators import parse_nik, parse_nip
from core.storage import Storage, sniff
from plugins.rumahku_sip.geo import check_boundary
from plugins.rumahku_sip.models import (
    Developer,
    Development,
    DevelopmentStatus,
    Document,
    DocumentStage,
    Facility,
    FacilityKind,
    Handover,
    HandoverItem,
    HandoverStatus,
    HousingSegment,
    Permit,
    PermitKind,
    Problem,
    ProblemKind,
    ProblemStatus,
    Survey,
    TaxObject,
    Unit,
    UnitStatus,
)
from plugins.rumahku_sip.nop import parse_nop
from plugins.rumahku_sip.service import agency_id_of, house_areas

OFFICER = "petugas.perkim"
AGENCY_ADMIN = "admin.perkim"
DEVELOPER_ACCOUNT = "pengembang.gresik"


@dataclass(frozen=True)
class StaffSpec:
    username: str
    role: Role
    name: str
    phone: str
    email: str
    nip: str
    position: str
    grade: str


STAFF = (
    StaffSpec(
        OFFICER,
        Role.OFFICER,
        "Yusuf Hidayat",
        "+6281331525011",
        "yusuf@disperkim-gresik.example",
        "198804122011011002",
        "Pengawas Perumahan dan Kawasan Permukiman",
        "III/c",
    ),
    StaffSpec(
        AGENCY_ADMIN,
        Role.AGENCY_ADMIN,
        "Retno Wulandari",
        "+6281331525012",
        "retno@disperkim-gresik.example",
        "197612032002122001",
        "Kepala Bidang Perumahan",
        "IV/a",
    ),
)
#: A citizen account acting for PT Graha Kebomas Permai (its director).
DEVELOPER_PERSON = ("Hendra Gunawan", "3525141506780001", "+6281331525021", "hendra@graha-kebomas.example")


def _at(day: str, hour: int = 9) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def _square(lon: float, lat: float, half_lon: float, half_lat: float) -> dict[str, object]:
    ring = [
        [lon - half_lon, lat - half_lat],
        [lon + half_lon, lat - half_lat],
        [lon + half_lon, lat + half_lat],
        [lon - half_lon, lat + half_lat],
        [lon - half_lon, lat - half_lat],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def _pdf(title: str) -> bytes:
    """A small, valid-looking PDF standing in for a scanned document."""
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% "
        + title.encode("utf-8")
        + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


@dataclass(frozen=True)
class HandoverSpec:
    facilities: tuple[str, ...]  # facility names
    proposed: str
    by: str  # username
    status: HandoverStatus
    note: str | None = None
    verified: str | None = None
    verification_notes: str | None = None
    bast: tuple[str, str] | None = None  # number, date
    refused: tuple[str, str] | None = None  # date, reason


@dataclass(frozen=True)
class ProblemSpec:
    kind: ProblemKind
    description: str
    found_on: str
    facility: str | None = None
    survey: int | None = None  # index into the development's surveys
    resolved: tuple[str, str] | None = None  # date, resolution


@dataclass(frozen=True)
class DevelopmentSpec:
    developer: str
    name: str
    desa_code: str
    address: str
    segment: HousingSegment
    status: DevelopmentStatus
    planned_units: int
    land_hectares: float
    boundary: dict[str, object]
    created: str
    permits: tuple[tuple[PermitKind, str, str], ...]
    units: tuple[tuple[str, int, int, str, UnitStatus], ...]  # block, first, last, type, status
    facilities: tuple[tuple[FacilityKind, str, int | None, bool], ...]
    handovers: tuple[HandoverSpec, ...] = ()
    surveys: tuple[tuple[str, str, float, str, str], ...] = ()  # flown, operator, ha, orthophoto, findings
    problems: tuple[ProblemSpec, ...] = ()
    nops: tuple[tuple[str, str | None], ...] = ()  # nop, unit label (None: the development's parcel)


DEVELOPERS = (
    ("PT Graha Kebomas Permai", "9120301254871", "REI", "Jl. Dr. Wahidin Sudirohusodo No. 120, Kebomas, Gresik"),
    ("PT Manyar Indah Propertindo", "8120015736402", "APERSI", "Jl. Raya Manyar No. 45, Manyar, Gresik"),
    ("PT Driyorejo Griya Sejahtera", "9120108842715", "APERSI", "Jl. Raya Legundi No. 8, Driyorejo, Gresik"),
    ("CV Menganti Hunian Asri", "8120203319568", "REI", "Jl. Raya Menganti No. 210, Menganti, Gresik"),
)
TEAM = "Tim Drone Bidang Perumahan Disperkim Gresik"

DEVELOPMENTS = (
    DevelopmentSpec(
        developer="PT Graha Kebomas Permai",
        name="Perumahan Graha Kebomas Asri",
        desa_code="35.25.14.1006",  # Kelurahan Gulomantung, Kebomas
        address="Jl. Graha Kebomas Asri Raya, Gulomantung, Kebomas",
        segment=HousingSegment.COMMERCIAL,
        status=DevelopmentStatus.COMPLETED,
        planned_units=120,
        land_hectares=6.8,
        boundary=_square(112.6215, -7.1765, 0.0012, 0.0014),
        created="2023-02-14",
        permits=(
            (PermitKind.KKPR, "KKPR/35.25/0142/2022", "2022-09-05"),
            (PermitKind.SITE_PLAN, "653/118/437.73/2022", "2022-11-21"),
            (PermitKind.PBG, "SK-PBG-352514-23012023-0007", "2023-01-23"),
        ),
        units=(
            ("A", 1, 6, "45/90", UnitStatus.OCCUPIED),
            ("B", 1, 6, "36/72", UnitStatus.OCCUPIED),
            ("C", 1, 4, "54/108", UnitStatus.BUILT),
        ),
        facilities=(
            (FacilityKind.ROAD, "Jalan lingkungan Blok A-C", 9200, True),
            (FacilityKind.DRAINAGE, "Saluran drainase tepi jalan", 1800, True),
            (FacilityKind.OPEN_SPACE, "Taman RTH Graha Kebomas", 4100, True),
            (FacilityKind.PLACE_OF_WORSHIP, "Musala Al-Ikhlas", 300, True),
            (FacilityKind.PLAYGROUND, "Taman bermain anak Blok C", 600, True),
            (FacilityKind.STREET_LIGHTING, "Penerangan jalan umum (42 titik)", None, True),
        ),
        handovers=(
            HandoverSpec(
                facilities=("Jalan lingkungan Blok A-C", "Saluran drainase tepi jalan"),
                proposed="2025-03-10",
                by=DEVELOPER_ACCOUNT,
                status=HandoverStatus.HANDED_OVER,
                note="Jalan dan saluran tahap I telah selesai dan dipelihara 12 bulan.",
                verified="2025-04-02",
                verification_notes="Jalan paving 6 m dan saluran U-ditch sesuai site plan; tidak ada kerusakan.",
                bast=("BAST/PSU/640/0123/437.73/2025", "2025-05-20"),
            ),
            HandoverSpec(
                facilities=("Taman RTH Graha Kebomas",),
                proposed="2026-08-04",
                by=DEVELOPER_ACCOUNT,
                status=HandoverStatus.VERIFIED,
                verified="2026-09-15",
                verification_notes="Luas RTH 4.100 m² sesuai site plan; tanaman peneduh dan jalur pejalan kaki lengkap.",
            ),
            HandoverSpec(
                facilities=("Musala Al-Ikhlas",),
                proposed="2026-11-02",
                by=DEVELOPER_ACCOUNT,
                status=HandoverStatus.PROPOSED,
                note="Sertifikat tanah musala telah dipecah atas nama Pemerintah Kabupaten Gresik.",
            ),
        ),
        surveys=(
            (
                "2025-03-28",
                TEAM,
                7.2,
                "https://peta.rumahku-sip.example/ortofoto/2025-03-28-graha-kebomas-asri.tif",
                "Seluruh unit Blok A-C terbangun; jalan dan saluran sesuai site plan.",
            ),
        ),
        problems=(
            ProblemSpec(
                ProblemKind.CHANGE_OF_USE,
                "Dua rumah di Blok B dipakai sebagai toko dan gudang tanpa izin perubahan fungsi.",
                "2026-10-01",
            ),
        ),
        nops=(
            ("35.25.140.006.001-0001.0", None),
            ("35.25.140.006.012-0001.0", "A-1"),
            ("35.25.140.006.012-0002.0", "A-2"),
            ("35.25.140.006.013-0001.0", "B-1"),
        ),
    ),
    DevelopmentSpec(
        developer="PT Manyar Indah Propertindo",
        name="Manyar Residence",
        desa_code="35.25.10.2015",  # Desa Manyar Sidomukti, Manyar
        address="Jl. Raya Manyar Sidomukti, Manyar",
        segment=HousingSegment.SUBSIDIZED,
        status=DevelopmentStatus.UNDER_CONSTRUCTION,
        planned_units=300,
        land_hectares=9.5,
        boundary=_square(112.6068, -7.1282, 0.0016, 0.0015),
        created="2024-05-06",
        permits=(
            (PermitKind.KKPR, "KKPR/35.25/0311/2023", "2023-12-11"),
            (PermitKind.SITE_PLAN, "653/204/437.73/2024", "2024-03-18"),
            (PermitKind.PBG, "SK-PBG-352510-29042024-0031", "2024-04-29"),
        ),
        units=(
            ("C", 1, 6, "36/60", UnitStatus.BUILT),
            ("C", 7, 10, "36/60", UnitStatus.UNDER_CONSTRUCTION),
            ("D", 1, 4, "36/60", UnitStatus.PLANNED),
        ),
        facilities=(
            (FacilityKind.ROAD, "Jalan utama Manyar Residence", 7400, True),
            (FacilityKind.DRAINAGE, "Saluran drainase Blok C", 1200, True),
            (FacilityKind.OPEN_SPACE, "RTH Blok D", 5200, False),
            (FacilityKind.CEMETERY, "Lahan makam (2% luas lahan)", 1900, False),
        ),
        handovers=(
            HandoverSpec(
                facilities=("Jalan utama Manyar Residence", "Saluran drainase Blok C"),
                proposed="2026-10-20",
                by=OFFICER,
                status=HandoverStatus.PROPOSED,
                note="Diusulkan petugas atas permintaan tertulis pengembang (surat 12 Oktober 2026).",
            ),
        ),
        surveys=(
            (
                "2026-06-18",
                TEAM,
                10.1,
                "https://peta.rumahku-sip.example/ortofoto/2026-06-18-manyar-residence.tif",
                "Lahan RTH Blok D masih kosong dan dipakai menumpuk material; Blok C sebagian terbangun.",
            ),
        ),
        problems=(
            ProblemSpec(
                ProblemKind.PSU_NOT_BUILT,
                "RTH Blok D belum dibangun padahal 60% unit sudah terjual; lahan dipakai menumpuk material.",
                "2026-06-18",
                facility="RTH Blok D",
                survey=0,
            ),
        ),
        nops=(("35.25.100.015.003-0042.0", None),),
    ),
    DevelopmentSpec(
        developer="PT Driyorejo Griya Sejahtera",
        name="Griya Driyorejo Permai",
        desa_code="35.25.15.2013",  # Desa Cangkir, Driyorejo
        address="Jl. Raya Cangkir, Driyorejo",
        segment=HousingSegment.SUBSIDIZED,
        status=DevelopmentStatus.UNDER_CONSTRUCTION,
        planned_units=450,
        land_hectares=12.0,
        boundary=_square(112.6302, -7.3431, 0.0018, 0.0017),
        created="2022-08-01",
        permits=(
            (PermitKind.SITE_PLAN, "653/077/437.73/2022", "2022-05-30"),
            (PermitKind.PBG, "SK-PBG-352515-18072022-0012", "2022-07-18"),
        ),
        units=(("D", 1, 6, "36/60", UnitStatus.UNDER_CONSTRUCTION),),
        facilities=(
            (FacilityKind.ROAD, "Jalan lingkungan Griya Driyorejo Permai", 11000, True),
            (FacilityKind.DRAINAGE, "Saluran drainase utama", 2100, False),
            (FacilityKind.OPEN_SPACE, "Fasum Blok E", 3000, False),
        ),
        handovers=(
            HandoverSpec(
                facilities=("Jalan lingkungan Griya Driyorejo Permai",),
                proposed="2025-07-01",
                by=OFFICER,
                status=HandoverStatus.REFUSED,
                refused=(
                    "2025-08-12",
                    "Jalan lingkungan belum diaspal sesuai site plan dan saluran drainase belum tersambung ke "
                    "saluran kabupaten.",
                ),
            ),
        ),
        surveys=(
            (
                "2025-11-05",
                TEAM,
                12.4,
                "https://peta.rumahku-sip.example/ortofoto/2025-11-05-griya-driyorejo-permai.tif",
                "Tidak ada kegiatan pembangunan; rangka rumah Blok D terbengkalai, lahan ditumbuhi semak.",
            ),
        ),
        problems=(
            ProblemSpec(
                ProblemKind.ABANDONED_DEVELOPMENT,
                "Pembangunan berhenti sejak awal 2025; pengembang tidak dapat dihubungi di alamat kantornya.",
                "2025-11-05",
                survey=0,
            ),
            ProblemSpec(
                ProblemKind.CHANGE_OF_USE,
                "Lahan Fasum Blok E dipakai sebagai gudang material pihak ketiga.",
                "2025-02-10",
                facility="Fasum Blok E",
                resolved=("2025-06-30", "Gudang dibongkar; lahan dikembalikan sebagai fasum sesuai site plan."),
            ),
        ),
    ),
    DevelopmentSpec(
        developer="CV Menganti Hunian Asri",
        name="Menganti Green Residence",
        desa_code="35.25.13.2013",  # Desa Menganti, Menganti
        address="Jl. Raya Menganti Kepatihan, Menganti",
        segment=HousingSegment.MIXED,
        status=DevelopmentStatus.PLANNED,
        planned_units=80,
        land_hectares=3.9,
        boundary=_square(112.5902, -7.2823, 0.0009, 0.0010),
        created="2026-07-13",
        permits=((PermitKind.KKPR, "KKPR/35.25/0587/2026", "2026-06-22"),),
        units=(),
        facilities=((FacilityKind.ROAD, "Rencana jalan lingkungan", 3100, False),),
    ),
)


async def _demo_accounts(session: AsyncSession, agency_id: int) -> dict[str, int]:
    """Create the plugin's demo accounts that do not exist yet; returns every one's id by username."""
    usernames = [s.username for s in STAFF] + [DEVELOPER_ACCOUNT]
    existing = {
        str(username): int(account_id or 0)
        for username, account_id in await session.execute(
            select(col(Account.username), col(Account.id)).where(col(Account.username).in_(usernames))
        )
    }
    password_hash: str | None = None
    for spec in STAFF:
        if spec.username in existing:
            continue
        password_hash = password_hash or hash_password(DEMO_PASSWORD)
        account = Account(
            username=spec.username,
            role=spec.role,
            name=spec.name,
            phone=spec.phone,
            email=spec.email,
            password_hash=password_hash,
            demo=True,
        )
        session.add(account)
        await session.flush()
        assert account.id is not None
        nip = parse_nip(spec.nip)
        session.add(
            Officer(
                account_id=account.id,
                nip=nip.nip,
                agency_id=agency_id,
                position=spec.position,
                grade=spec.grade,
                korpri_member=True,
                korpri_number=f"KORPRI-35-{nip.nip[-6:]}",
            )
        )
        existing[spec.username] = account.id
    if DEVELOPER_ACCOUNT not in existing:
        name, nik_text, phone, email = DEVELOPER_PERSON
        account = Account(
            username=DEVELOPER_ACCOUNT,
            role=Role.CITIZEN,
            name=name,
            phone=phone,
            email=email,
            password_hash=password_hash or hash_password(DEMO_PASSWORD),
            demo=True,
        )
        session.add(account)
        await session.flush()
        assert account.id is not None
        nik = parse_nik(nik_text)
        session.add(
            Citizen(
                account_id=account.id,
                nik=nik.nik,
                nik_regency_code=nik.regency_code,
                in_province=nik.in_province,
                birth_date=nik.birth_date,
                sex=nik.sex,
            )
        )
        existing[DEVELOPER_ACCOUNT] = account.id
    await session.flush()
    return existing


async def _developers(session: AsyncSession, agency_id: int, accounts: dict[str, int]) -> dict[str, int]:
    found = {
        str(name): int(i or 0) for name, i in await session.execute(select(col(Developer.name), col(Developer.id)))
    }
    for name, nib, association, address in DEVELOPERS:
        if name in found:
            continue
        row = Developer(
            agency_id=agency_id,
            name=name,
            nib=nib,
            association=association,
            office_address=address,
            account_id=accounts[DEVELOPER_ACCOUNT] if name == "PT Graha Kebomas Permai" else None,
            created_at=_at("2022-01-10"),
        )
        session.add(row)
        await session.flush()
        assert row.id is not None
        found[name] = row.id
    return found


async def _document(
    session: AsyncSession, storage: Storage, handover_id: int, stage: DocumentStage, title: str, at: datetime, by: int
) -> None:
    data = _pdf(title)
    key = hashlib.sha256(data).hexdigest()
    if not await storage.exists(key):
        await storage.put(key, data)
    session.add(
        Document(
            handover_id=handover_id,
            stage=stage,
            storage_key=key,
            filename=f"{title}.pdf",
            content_type=sniff(data) or "application/pdf",
            size=len(data),
            uploaded_by=by,
            uploaded_at=at,
        )
    )


async def _children(
    session: AsyncSession, storage: Storage, spec: DevelopmentSpec, development: Development, accounts: dict[str, int]
) -> None:
    assert development.id is not None
    officer, admin = accounts[OFFICER], accounts[AGENCY_ADMIN]
    for kind, number, issued in spec.permits:
        session.add(
            Permit(development_id=development.id, kind=kind, number=number, issued_on=date.fromisoformat(issued))
        )
    units: dict[str, Unit] = {}
    for block, first, last, house_type, status in spec.units:
        label, building, land = house_areas(house_type, "units")
        for n in range(first, last + 1):
            unit = Unit(
                development_id=development.id,
                block=block,
                number=str(n),
                house_type=label,
                building_area_m2=building,
                land_area_m2=land,
                status=status,
                created_at=development.created_at,
            )
            session.add(unit)
            units[f"{block}-{n}"] = unit
    facilities: dict[str, Facility] = {}
    for facility_kind, name, area, built in spec.facilities:
        facility = Facility(
            development_id=development.id,
            kind=facility_kind,
            name=name,
            area_m2=area,
            built=built,
            created_at=development.created_at,
        )
        session.add(facility)
        facilities[name] = facility
    await session.flush()
    for h in spec.handovers:
        proposer = accounts[h.by]
        handover = Handover(
            development_id=development.id,
            status=h.status,
            note=h.note,
            proposed_at=_at(h.proposed),
            proposed_by=proposer,
        )
        if h.verified:
            handover.field_verified_on = date.fromisoformat(h.verified)
            handover.verification_notes = h.verification_notes
            handover.verified_at, handover.verified_by = _at(h.verified, 15), admin
        if h.bast:
            handover.bast_number, handover.bast_date = h.bast[0], date.fromisoformat(h.bast[1])
            handover.handed_over_at, handover.handed_over_by = _at(h.bast[1], 14), admin
        if h.refused:
            handover.refused_at, handover.refused_by = _at(h.refused[0], 10), admin
            handover.refusal_reason = h.refused[1]
        session.add(handover)
        await session.flush()
        assert handover.id is not None
        for name in h.facilities:
            facility = facilities[name]
            facility.handover_id, facility.handover_status = handover.id, h.status
            session.add(HandoverItem(handover_id=handover.id, facility_id=facility.id or 0))
        slug = spec.name.lower().replace(" ", "-")
        await _document(
            session,
            storage,
            handover.id,
            DocumentStage.PROPOSAL,
            f"permohonan-serah-terima-psu-{slug}-{h.proposed}",
            _at(h.proposed),
            proposer,
        )
        if h.verified:
            await _document(
                session,
                storage,
                handover.id,
                DocumentStage.VERIFICATION,
                f"ba-verifikasi-lapangan-{slug}-{h.verified}",
                _at(h.verified, 15),
                admin,
            )
        if h.bast:
            await _document(
                session,
                storage,
                handover.id,
                DocumentStage.HANDOVER,
                f"bast-psu-{slug}-{h.bast[1]}",
                _at(h.bast[1], 14),
                admin,
            )
    surveys: list[Survey] = []
    for flown, operator, hectares, orthophoto, findings in spec.surveys:
        survey = Survey(
            development_id=development.id,
            flown_on=date.fromisoformat(flown),
            operator=operator,
            area_m2=round(hectares * 10_000),
            orthophoto=orthophoto,
            findings=findings,
            recorded_by=officer,
            recorded_at=_at(flown, 16),
        )
        session.add(survey)
        surveys.append(survey)
    await session.flush()
    for p in spec.problems:
        problem = Problem(
            development_id=development.id,
            facility_id=facilities[p.facility].id if p.facility else None,
            survey_id=surveys[p.survey].id if p.survey is not None else None,
            kind=p.kind,
            description=p.description,
            found_on=date.fromisoformat(p.found_on),
            reported_by=officer,
            reported_at=_at(p.found_on, 17),
        )
        if p.resolved:
            problem.status = ProblemStatus.RESOLVED
            problem.resolved_at, problem.resolved_by = _at(p.resolved[0], 11), officer
            problem.resolution = p.resolved[1]
        session.add(problem)
    for nop_text, unit_label in spec.nops:
        nop = parse_nop(nop_text)
        unit_id = units[unit_label].id if unit_label else None
        session.add(
            TaxObject(
                development_id=development.id,
                unit_id=unit_id,
                nop=nop.digits,
                linked_by=officer,
                linked_at=_at(spec.created, 13),
            )
        )
    await session.flush()


async def seed_demo(session: AsyncSession, storage: Storage, agency_code: str) -> int:
    """Write what is missing of the demo data; returns how many developments were created."""
    agency_id = await agency_id_of(session, agency_code)
    accounts = await _demo_accounts(session, agency_id)
    developers = await _developers(session, agency_id, accounts)
    created = 0
    for spec in DEVELOPMENTS:
        developer_id = developers[spec.developer]
        exists = await session.execute(
            select(col(Development.id)).where(
                col(Development.developer_id) == developer_id, col(Development.name) == spec.name
            )
        )
        if exists.first():
            continue
        boundary, boundary_area = check_boundary(spec.boundary)
        development = Development(
            agency_id=agency_id,
            developer_id=developer_id,
            name=spec.name,
            desa_code=spec.desa_code,
            kecamatan_code=spec.desa_code.rsplit(".", 1)[0],
            address=spec.address,
            segment=spec.segment,
            status=spec.status,
            planned_units=spec.planned_units,
            land_area_m2=round(spec.land_hectares * 10_000),
            boundary=boundary,
            boundary_area_m2=boundary_area,
            created_by=accounts[OFFICER],
            created_at=_at(spec.created),
            updated_at=_at(spec.created),
        )
        session.add(development)
        await session.flush()
        await _children(session, storage, spec, development, accounts)
        created += 1
    return created
