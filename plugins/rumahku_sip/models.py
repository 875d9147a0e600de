"""Tables of Rumahku SIP (``rumahku_sip_*``): developers, developments, units, PSU and their handover,
problems, aerial surveys and links to PBB-P2 tax objects.

Enums are stored as their string values (``core.db.StrEnumType``), timestamps in UTC
(``core.db.UTCDateTime``). Which agency answers for a row is held on the development
(``agency_id``); every other row reaches it through ``development_id``.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from core.db import StrEnumType, UTCDateTime, utcnow


class DevelopmentStatus(StrEnum):
    """Where a housing development (perumahan) stands."""

    PLANNED = "planned"
    UNDER_CONSTRUCTION = "under_construction"
    COMPLETED = "completed"


class HousingSegment(StrEnum):
    """Subsidised houses for low-income households (MBR), commercial, or both."""

    SUBSIDIZED = "subsidized"
    COMMERCIAL = "commercial"
    MIXED = "mixed"


class PermitKind(StrEnum):
    """Permits a development holds."""

    PBG = "pbg"  # Persetujuan Bangunan Gedung (replaced the IMB)
    SITE_PLAN = "site_plan"  # pengesahan rencana tapak
    KKPR = "kkpr"  # Kesesuaian Kegiatan Pemanfaatan Ruang


class UnitStatus(StrEnum):
    PLANNED = "planned"
    UNDER_CONSTRUCTION = "under_construction"
    BUILT = "built"
    OCCUPIED = "occupied"


class FacilityCategory(StrEnum):
    """The three groups of PSU (Permendagri 9/2009)."""

    PRASARANA = "prasarana"  # infrastructure: roads, drainage, sanitation
    SARANA = "sarana"  # facilities: worship, open space, playground, cemetery…
    UTILITAS = "utilitas"  # utilities: water, street lighting


class FacilityKind(StrEnum):
    """A public or social facility (prasarana, sarana, utilitas) a developer must build and hand over."""

    ROAD = "road"
    DRAINAGE = "drainage"
    SANITATION = "sanitation"
    WASTE_COLLECTION = "waste_collection"
    OPEN_SPACE = "open_space"
    PLACE_OF_WORSHIP = "place_of_worship"
    PLAYGROUND = "playground"
    SPORTS_FIELD = "sports_field"
    COMMUNITY_HALL = "community_hall"
    CEMETERY = "cemetery"
    HEALTH_POST = "health_post"
    CLEAN_WATER = "clean_water"
    STREET_LIGHTING = "street_lighting"

    @property
    def category(self) -> FacilityCategory:
        return FACILITY_CATEGORIES[self]


FACILITY_CATEGORIES: dict[FacilityKind, FacilityCategory] = {
    FacilityKind.ROAD: FacilityCategory.PRASARANA,
    FacilityKind.DRAINAGE: FacilityCategory.PRASARANA,
    FacilityKind.SANITATION: FacilityCategory.PRASARANA,
    FacilityKind.WASTE_COLLECTION: FacilityCategory.PRASARANA,
    FacilityKind.OPEN_SPACE: FacilityCategory.SARANA,
    FacilityKind.PLACE_OF_WORSHIP: FacilityCategory.SARANA,
    FacilityKind.PLAYGROUND: FacilityCategory.SARANA,
    FacilityKind.SPORTS_FIELD: FacilityCategory.SARANA,
    FacilityKind.COMMUNITY_HALL: FacilityCategory.SARANA,
    FacilityKind.CEMETERY: FacilityCategory.SARANA,
    FacilityKind.HEALTH_POST: FacilityCategory.SARANA,
    FacilityKind.CLEAN_WATER: FacilityCategory.UTILITAS,
    FacilityKind.STREET_LIGHTING: FacilityCategory.UTILITAS,
}


class HandoverStatus(StrEnum):
    """PSU handover from developer to the kabupaten: proposed → verified → handed over (or refused)."""

    NOT_PROPOSED = "not_proposed"  # a facility only: in no handover yet
    PROPOSED = "proposed"
    VERIFIED = "verified"
    HANDED_OVER = "handed_over"
    REFUSED = "refused"


class DocumentStage(StrEnum):
    """The handover step a document was attached at."""

    PROPOSAL = "proposal"
    VERIFICATION = "verification"
    HANDOVER = "handover"
    REFUSAL = "refusal"


class ProblemKind(StrEnum):
    ABANDONED_DEVELOPMENT = "abandoned_development"  # perumahan mangkrak
    PSU_NOT_BUILT = "psu_not_built"
    CHANGE_OF_USE = "change_of_use"  # alih fungsi


class ProblemStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


def _created() -> Any:
    return Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class Developer(SQLModel, table=True):
    """A housing developer (pengembang): a company, optionally linked to a citizen account that acts for it."""

    __tablename__ = "rumahku_sip_developer"

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="core_agency.id", index=True)
    name: str = Field(max_length=160, unique=True)
    nib: str | None = Field(default=None, max_length=13, unique=True)  # Nomor Induk Berusaha, 13 digits
    association: str | None = Field(default=None, max_length=60)  # REI, APERSI, HIMPERRA…
    office_address: str | None = Field(default=None, max_length=300)
    account_id: int | None = Field(default=None, foreign_key="core_account.id", unique=True)
    created_at: datetime = _created()


class Development(SQLModel, table=True):
    """A housing development (perumahan) in one desa/kelurahan of Kabupaten Gresik."""

    __tablename__ = "rumahku_sip_development"
    __table_args__ = (
        UniqueConstraint("developer_id", "name", name="uq_rumahku_sip_development_developer_name"),
        CheckConstraint("planned_units >= 0", name="ck_rumahku_sip_development_planned_units"),
    )

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="core_agency.id", index=True)
    developer_id: int = Field(foreign_key="rumahku_sip_developer.id", index=True)
    name: str = Field(max_length=160)
    desa_code: str = Field(foreign_key="core_region.code", index=True, max_length=13)
    kecamatan_code: str = Field(foreign_key="core_region.code", index=True, max_length=13)
    address: str = Field(max_length=300)
    segment: HousingSegment = Field(sa_type=StrEnumType(HousingSegment, 16))
    status: DevelopmentStatus = Field(sa_type=StrEnumType(DevelopmentStatus, 24), index=True)
    planned_units: int = 0
    land_area_m2: int | None = None
    boundary: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    boundary_area_m2: int | None = None
    created_by: int | None = Field(default=None, foreign_key="core_account.id")
    created_at: datetime = _created()
    updated_at: datetime = _created()


class Permit(SQLModel, table=True):
    """A permit of a development (PBG, site plan, KKPR): its number and date."""

    __tablename__ = "rumahku_sip_permit"
    __table_args__ = (UniqueConstraint("kind", "number", name="uq_rumahku_sip_permit_kind_number"),)

    id: int | None = Field(default=None, primary_key=True)
    development_id: int = Field(foreign_key="rumahku_sip_development.id", index=True)
    kind: PermitKind = Field(sa_type=StrEnumType(PermitKind, 16))
    number: str = Field(max_length=80)
    issued_on: date


class Unit(SQLModel, table=True):
    """A house of a development, by block and number."""

    __tablename__ = "rumahku_sip_unit"
    __table_args__ = (UniqueConstraint("development_id", "block", "number", name="uq_rumahku_sip_unit_block_number"),)

    id: int | None = Field(default=None, primary_key=True)
    development_id: int = Field(foreign_key="rumahku_sip_development.id", index=True)
    block: str = Field(max_length=10)
    number: str = Field(max_length=10)
    house_type: str = Field(max_length=16)  # "36/72": building / land area in m²
    building_area_m2: int
    land_area_m2: int
    status: UnitStatus = Field(sa_type=StrEnumType(UnitStatus, 24))
    created_at: datetime = _created()


class Facility(SQLModel, table=True):
    """A public or social facility (PSU) of a development and where its handover stands."""

    __tablename__ = "rumahku_sip_facility"

    id: int | None = Field(default=None, primary_key=True)
    development_id: int = Field(foreign_key="rumahku_sip_development.id", index=True)
    kind: FacilityKind = Field(sa_type=StrEnumType(FacilityKind, 24))
    name: str = Field(max_length=120)
    area_m2: int | None = None
    built: bool = False
    handover_status: HandoverStatus = Field(
        default=HandoverStatus.NOT_PROPOSED, sa_type=StrEnumType(HandoverStatus, 16), index=True
    )
    #: The latest handover it was proposed in (None before the first proposal).
    handover_id: int | None = Field(default=None, foreign_key="rumahku_sip_handover.id", index=True)
    created_at: datetime = _created()


class Handover(SQLModel, table=True):
    """One PSU handover (serah terima PSU): some facilities of a development, from proposal to BAST or refusal."""

    __tablename__ = "rumahku_sip_handover"

    id: int | None = Field(default=None, primary_key=True)
    development_id: int = Field(foreign_key="rumahku_sip_development.id", index=True)
    status: HandoverStatus = Field(sa_type=StrEnumType(HandoverStatus, 16), index=True)
    note: str | None = Field(default=None, max_length=1000)
    proposed_at: datetime = _created()
    proposed_by: int | None = Field(default=None, foreign_key="core_account.id")
    field_verified_on: date | None = None
    verification_notes: str | None = Field(default=None, max_length=2000)
    verified_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    verified_by: int | None = Field(default=None, foreign_key="core_account.id")
    bast_number: str | None = Field(default=None, max_length=80, unique=True)
    bast_date: date | None = None
    handed_over_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    handed_over_by: int | None = Field(default=None, foreign_key="core_account.id")
    refused_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    refused_by: int | None = Field(default=None, foreign_key="core_account.id")
    refusal_reason: str | None = Field(default=None, max_length=2000)


class HandoverItem(SQLModel, table=True):
    """Which facilities a handover covers (kept for refused handovers too)."""

    __tablename__ = "rumahku_sip_handover_item"

    handover_id: int = Field(foreign_key="rumahku_sip_handover.id", primary_key=True)
    facility_id: int = Field(foreign_key="rumahku_sip_facility.id", primary_key=True, index=True)


class Document(SQLModel, table=True):
    """A file attached to a handover step; the bytes are in ``core.storage`` under ``storage_key`` (SHA-256)."""

    __tablename__ = "rumahku_sip_document"

    id: int | None = Field(default=None, primary_key=True)
    handover_id: int = Field(foreign_key="rumahku_sip_handover.id", index=True)
    stage: DocumentStage = Field(sa_type=StrEnumType(DocumentStage, 16))
    storage_key: str = Field(max_length=64)
    filename: str = Field(max_length=200)
    content_type: str = Field(max_length=100)
    size: int
    uploaded_by: int | None = Field(default=None, foreign_key="core_account.id")
    uploaded_at: datetime = _created()


class Survey(SQLModel, table=True):
    """An aerial (drone) survey of a development: when, who flew it, the area, the orthophoto and findings."""

    __tablename__ = "rumahku_sip_survey"
    __table_args__ = (CheckConstraint("area_m2 > 0", name="ck_rumahku_sip_survey_area"),)

    id: int | None = Field(default=None, primary_key=True)
    development_id: int = Field(foreign_key="rumahku_sip_development.id", index=True)
    flown_on: date
    operator: str = Field(max_length=120)
    area_m2: int
    orthophoto: str = Field(max_length=500)  # an https:// link or a storage key (SHA-256)
    findings: str = Field(sa_column=Column(Text, nullable=False))
    recorded_by: int | None = Field(default=None, foreign_key="core_account.id")
    recorded_at: datetime = _created()


class Problem(SQLModel, table=True):
    """A problem found at a development: abandoned, PSU not built, change of use (alih fungsi)."""

    __tablename__ = "rumahku_sip_problem"

    id: int | None = Field(default=None, primary_key=True)
    development_id: int = Field(foreign_key="rumahku_sip_development.id", index=True)
    facility_id: int | None = Field(default=None, foreign_key="rumahku_sip_facility.id", index=True)
    survey_id: int | None = Field(default=None, foreign_key="rumahku_sip_survey.id", index=True)
    kind: ProblemKind = Field(sa_type=StrEnumType(ProblemKind, 32), index=True)
    status: ProblemStatus = Field(default=ProblemStatus.OPEN, sa_type=StrEnumType(ProblemStatus, 16), index=True)
    description: str = Field(max_length=2000)
    found_on: date
    reported_by: int | None = Field(default=None, foreign_key="core_account.id")
    reported_at: datetime = _created()
    resolution: str | None = Field(default=None, max_length=2000)
    resolved_by: int | None = Field(default=None, foreign_key="core_account.id")
    resolved_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


class TaxObject(SQLModel, table=True):
    """A link to a PBB-P2 tax object by its NOP (18 digits): of the whole development or of one unit."""

    __tablename__ = "rumahku_sip_tax_object"

    id: int | None = Field(default=None, primary_key=True)
    development_id: int = Field(foreign_key="rumahku_sip_development.id", index=True)
    unit_id: int | None = Field(default=None, foreign_key="rumahku_sip_unit.id", unique=True)
    nop: str = Field(max_length=18, unique=True)
    linked_by: int | None = Field(default=None, foreign_key="core_account.id")
    linked_at: datetime = _created()
