"""GraphQL types of Rumahku SIP. Every relation goes through a per-request DataLoader.

An object is built only for a principal allowed to read it (see ``access``); the few
parts only the agency may read (aerial surveys, NOP links) are checked again on the
field, so a developer's account gets an empty list or null there.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, cast

import strawberry
from strawberry.scalars import JSON

from core.auth import Principal, Role
from core.errors import CettarError
from core.identity.models import Account
from core.pagination import decode_cursor, encode_cursor
from core.regions.models import Region
from plugins.rumahku_sip import models
from plugins.rumahku_sip.access import is_agency_reader
from plugins.rumahku_sip.loaders import (
    UnitPage,
    UnitPageKey,
    development_tax_objects,
    handover_facilities,
    unit_counts,
    unit_pages,
    unit_totals,
)
from plugins.rumahku_sip.nop import Nop, kecamatan_code
from plugins.rumahku_sip.statistics import HousingStatistics as Stats
from plugins.rumahku_sip.statistics import KecamatanStatistics as KecamatanStats
from schema import Connection, Info, Node, group_loader, row_loader
from schema.connection import Edge, PageInfo

DevelopmentStatus = strawberry.enum(
    models.DevelopmentStatus, name="HousingDevelopmentStatus", description="Where a housing development stands."
)
HousingSegment = strawberry.enum(
    models.HousingSegment,
    name="HousingSegment",
    description="Subsidised houses for low-income households (MBR), commercial houses, or both.",
)
PermitKind = strawberry.enum(
    models.PermitKind,
    name="DevelopmentPermitKind",
    description="PBG (Persetujuan Bangunan Gedung, which replaced the IMB), site plan approval, or KKPR "
    "(Kesesuaian Kegiatan Pemanfaatan Ruang).",
)
UnitStatus = strawberry.enum(models.UnitStatus, name="HousingUnitStatus", description="Where a house stands.")
FacilityKind = strawberry.enum(
    models.FacilityKind, name="PublicFacilityKind", description="Kind of public or social facility (PSU)."
)
FacilityCategory = strawberry.enum(
    models.FacilityCategory,
    name="PublicFacilityCategory",
    description="PSU group of Permendagri 9/2009: prasarana (infrastructure), sarana (facilities), utilitas (utilities).",
)
HandoverStatus = strawberry.enum(
    models.HandoverStatus,
    name="PsuHandoverStatus",
    description="PSU handover from developer to the kabupaten: NOT_PROPOSED (a facility only) → PROPOSED → "
    "VERIFIED (field verification) → HANDED_OVER (BAST signed), or REFUSED.",
)
DocumentStage = strawberry.enum(
    models.DocumentStage, name="PsuDocumentStage", description="The handover step a document was attached at."
)
ProblemKind = strawberry.enum(
    models.ProblemKind,
    name="DevelopmentProblemKind",
    description="ABANDONED_DEVELOPMENT (mangkrak), PSU_NOT_BUILT, CHANGE_OF_USE (alih fungsi).",
)
ProblemStatus = strawberry.enum(models.ProblemStatus, name="DevelopmentProblemStatus", description="Open or resolved.")


First = Annotated[int | None, strawberry.argument(description="The first n items (at most 100).")]
After = Annotated[str | None, strawberry.argument(description="Items after this cursor.")]
Last = Annotated[int | None, strawberry.argument(description="The last n items (at most 100).")]
Before = Annotated[str | None, strawberry.argument(description="Items before this cursor.")]


def hectares(m2: int | None) -> float | None:
    return None if m2 is None else round(m2 / 10_000, 4)


def page_arguments(
    first: int | None, after: str | None, last: int | None, before: str | None, *, max_size: int, default_size: int
) -> tuple[bool, int, int | None, int | None]:
    """``first``/``after``/``last``/``before`` checked exactly as the kernel's ``paginate`` checks them:
    (backward, size, the id after which, the id before which)."""
    if first is not None and last is not None:
        raise CettarError(
            "VALIDATION_FAILED",
            field="last",
            message_en="Give either first or last, not both.",
            message_id="Isi first atau last, bukan keduanya.",
        )
    for name, given in (("first", first), ("last", last)):
        if given is not None and given < 0:
            raise CettarError(
                "VALIDATION_FAILED",
                field=name,
                message_en=f"{name} must not be negative.",
                message_id=f"{name} tidak boleh negatif.",
            )
        if given is not None and given > max_size:
            raise CettarError("PAGE_SIZE_EXCEEDED", field=name, max=max_size)
    backward = last is not None
    size = last if last is not None else (first if first is not None else default_size)

    def unit_id(cursor: str | None, field: str) -> int | None:
        if cursor is None:
            return None
        (value,) = decode_cursor(cursor, 1, field)
        if not isinstance(value, int) or isinstance(value, bool):
            raise CettarError("INVALID_CURSOR", field=field)
        return value

    return backward, size, unit_id(after, "after"), unit_id(before, "before")


async def _actor(info: Info, account_id: int | None) -> HousingActor | None:
    if account_id is None:
        return None
    row = await row_loader(info, Account).load(account_id)
    return None if row is None else HousingActor(name=row.name, is_staff=row.role is not Role.CITIZEN)


async def _development(info: Info, development_id: int) -> HousingDevelopment:
    row = await row_loader(info, models.Development).load(development_id)
    assert row is not None, "a child row always has its development"
    return HousingDevelopment.build(row, info.context.principal)


@strawberry.type(
    description="Who did something: an account's name, and whether it is agency staff or a developer's account."
)
class HousingActor:
    name: str = strawberry.field(description="The account's name.")
    is_staff: bool = strawberry.field(description="True for agency staff, false for a developer's (citizen) account.")


@strawberry.type(description="A housing developer (pengembang perumahan).")
class HousingDeveloper(Node):
    row: strawberry.Private[models.Developer]

    def node_key(self) -> str:
        return str(self.row.id)

    @classmethod
    def build(cls, row: models.Developer) -> HousingDeveloper:
        return cls(row=row)

    @strawberry.field(description="Company name, e.g. `PT Graha Kebomas Permai`.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="NIB (Nomor Induk Berusaha, 13 digits) from OSS; null when not recorded.")
    def nib(self) -> str | None:
        return self.row.nib

    @strawberry.field(description="Developers' association it belongs to (REI, APERSI…), if any.")
    def association(self) -> str | None:
        return self.row.association

    @strawberry.field(description="Office address.")
    def office_address(self) -> str | None:
        return self.row.office_address

    @strawberry.field(description="True when a citizen account acts for the developer (proposes PSU handovers).")
    def has_linked_account(self) -> bool:
        return self.row.account_id is not None


@strawberry.type(description="A permit of a development: its kind, number and date.")
class DevelopmentPermit:
    kind: PermitKind = strawberry.field(description="PBG, SITE_PLAN or KKPR.")  # type: ignore[valid-type]
    number: str = strawberry.field(description="The permit number as issued.")
    issued_on: date = strawberry.field(description="The date it was issued.")

    @classmethod
    def build(cls, row: models.Permit) -> DevelopmentPermit:
        return cls(kind=row.kind, number=row.number, issued_on=row.issued_on)


@strawberry.type(description="How many units of a development are in one status.")
class HousingUnitStatusCount:
    status: UnitStatus = strawberry.field(description="The status.")  # type: ignore[valid-type]
    count: int = strawberry.field(description="How many units are in it.")


@strawberry.type(description="The units recorded for a development, by status.")
class HousingUnitSummary:
    total: int = strawberry.field(description="Units recorded.")
    by_status: list[HousingUnitStatusCount] = strawberry.field(
        description="Units per status (every status, zeros included)."
    )


@strawberry.type(description="A PBB-P2 tax object (NOP) linked to a development or to one of its units.")
class TaxObjectLink(Node):
    row: strawberry.Private[models.TaxObject]

    def node_key(self) -> str:
        return str(self.row.id)

    @strawberry.field(description="The NOP written out: `35.25.140.008.012-0034.0`.")
    def nop(self) -> str:
        return Nop(self.row.nop).formatted

    @strawberry.field(description="The NOP's 18 digits.")
    def nop_digits(self) -> str:
        return self.row.nop

    @strawberry.field(
        description="The kecamatan the NOP's kecamatan part maps to (times-ten convention, `140` → `35.25.14`); "
        "null when it does not follow it."
    )
    def nop_kecamatan_code(self) -> str | None:
        return kecamatan_code(Nop(self.row.nop))

    @strawberry.field(description="The development it belongs to.")
    async def development(self, info: Info) -> HousingDevelopment:
        return await _development(info, self.row.development_id)

    @strawberry.field(description="The unit it is the tax object of; null for the development's own parcel.")
    async def unit(self, info: Info) -> HousingUnit | None:
        if self.row.unit_id is None:
            return None
        row = await row_loader(info, models.Unit).load(self.row.unit_id)
        return None if row is None else HousingUnit(row=row)

    @strawberry.field(description="When it was linked.")
    def linked_at(self) -> datetime:
        return self.row.linked_at

    @strawberry.field(description="Who linked it.")
    async def linked_by(self, info: Info) -> HousingActor | None:
        return await _actor(info, self.row.linked_by)


@strawberry.type(description="A house of a development.")
class HousingUnit(Node):
    row: strawberry.Private[models.Unit]

    def node_key(self) -> str:
        return str(self.row.id)

    @strawberry.field(description="Block, e.g. `A`.")
    def block(self) -> str:
        return self.row.block

    @strawberry.field(description="Number within the block, e.g. `12`.")
    def number(self) -> str:
        return self.row.number

    @strawberry.field(description="Block and number, e.g. `A-12`.")
    def label(self) -> str:
        return f"{self.row.block}-{self.row.number}"

    @strawberry.field(description="House type: building area / land area in m², e.g. `36/72`.")
    def house_type(self) -> str:
        return self.row.house_type

    @strawberry.field(description="Building area in m².")
    def building_area_m2(self) -> int:
        return self.row.building_area_m2

    @strawberry.field(description="Land area in m².")
    def land_area_m2(self) -> int:
        return self.row.land_area_m2

    @strawberry.field(description="Planned, under construction, built or occupied.")
    def status(self) -> UnitStatus:  # type: ignore[valid-type]
        return self.row.status

    @strawberry.field(description="The development it belongs to.")
    async def development(self, info: Info) -> HousingDevelopment:
        return await _development(info, self.row.development_id)

    @strawberry.field(description="Its PBB-P2 tax object; null when none is linked or you are not agency staff.")
    async def tax_object(self, info: Info) -> TaxObjectLink | None:
        development = await row_loader(info, models.Development).load(self.row.development_id)
        if development is None or not is_agency_reader(info.context.principal, development.agency_id):
            return None
        row = await row_loader(info, models.TaxObject, models.TaxObject.unit_id).load(self.row.id)
        return None if row is None else TaxObjectLink(row=row)


@strawberry.type(description="A file attached to a step of a PSU handover (kept by its SHA-256).")
class PsuDocument:
    row: strawberry.Private[models.Document]

    @strawberry.field(description="The step it was attached at.")
    def stage(self) -> DocumentStage:  # type: ignore[valid-type]
        return self.row.stage

    @strawberry.field(description="The file name as uploaded.")
    def filename(self) -> str:
        return self.row.filename

    @strawberry.field(description="The type its content shows (PDF, JPEG or PNG), not the name's.")
    def content_type(self) -> str:
        return self.row.content_type

    @strawberry.field(description="Size in bytes.")
    def size(self) -> int:
        return self.row.size

    @strawberry.field(description="Storage key: the SHA-256 of the content.")
    def storage_key(self) -> str:
        return self.row.storage_key

    @strawberry.field(description="When it was uploaded.")
    def uploaded_at(self) -> datetime:
        return self.row.uploaded_at

    @strawberry.field(description="Who uploaded it.")
    async def uploaded_by(self, info: Info) -> HousingActor | None:
        return await _actor(info, self.row.uploaded_by)


@strawberry.type(description="A public or social facility (PSU: prasarana, sarana, utilitas) of a development.")
class PublicFacility(Node):
    row: strawberry.Private[models.Facility]

    def node_key(self) -> str:
        return str(self.row.id)

    @strawberry.field(description="What it is.")
    def kind(self) -> FacilityKind:  # type: ignore[valid-type]
        return self.row.kind

    @strawberry.field(description="Its PSU group (Permendagri 9/2009).")
    def category(self) -> FacilityCategory:  # type: ignore[valid-type]
        return self.row.kind.category

    @strawberry.field(description="Its name, e.g. `Jalan lingkungan Blok A-D`.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="Area in m², when recorded.")
    def area_m2(self) -> int | None:
        return self.row.area_m2

    @strawberry.field(description="Whether it has been built (only built PSU can be handed over).")
    def built(self) -> bool:
        return self.row.built

    @strawberry.field(description="Where its handover stands.")
    def handover_status(self) -> HandoverStatus:  # type: ignore[valid-type]
        return self.row.handover_status

    @strawberry.field(description="The development it belongs to.")
    async def development(self, info: Info) -> HousingDevelopment:
        return await _development(info, self.row.development_id)

    @strawberry.field(description="The latest handover it was proposed in; null before the first proposal.")
    async def current_handover(self, info: Info) -> PsuHandover | None:
        if self.row.handover_id is None:
            return None
        row = await row_loader(info, models.Handover).load(self.row.handover_id)
        return None if row is None else PsuHandover(row=row)


@strawberry.type(
    description="A handover of PSU from the developer to the kabupaten (Permendagri 9/2009): proposed with "
    "documents, verified in the field, completed with a BAST (berita acara serah terima), or refused."
)
class PsuHandover(Node):
    row: strawberry.Private[models.Handover]

    def node_key(self) -> str:
        return str(self.row.id)

    @strawberry.field(description="Where it stands.")
    def status(self) -> HandoverStatus:  # type: ignore[valid-type]
        return self.row.status

    @strawberry.field(description="The proposer's note.")
    def note(self) -> str | None:
        return self.row.note

    @strawberry.field(description="The development whose PSU it hands over.")
    async def development(self, info: Info) -> HousingDevelopment:
        return await _development(info, self.row.development_id)

    @strawberry.field(description="The facilities it covers.")
    async def facilities(self, info: Info) -> list[PublicFacility]:
        assert self.row.id is not None
        return [PublicFacility(row=row) for row in await handover_facilities(info).load(self.row.id)]

    @strawberry.field(description="Documents attached at each step; `stage` keeps one step's.")
    async def documents(
        self,
        info: Info,
        stage: Annotated[
            DocumentStage | None,  # type: ignore[valid-type]
            strawberry.argument(description="Only the documents of this step."),
        ] = None,
    ) -> list[PsuDocument]:
        rows = await group_loader(
            info, models.Document, models.Document.handover_id, order_by=[models.Document.id]
        ).load(self.row.id)
        return [PsuDocument(row=row) for row in rows if stage is None or row.stage == stage]

    @strawberry.field(description="When it was proposed.")
    def proposed_at(self) -> datetime:
        return self.row.proposed_at

    @strawberry.field(description="Who proposed it (the developer's account or an officer).")
    async def proposed_by(self, info: Info) -> HousingActor | None:
        return await _actor(info, self.row.proposed_by)

    @strawberry.field(description="The day of the field verification.")
    def field_verified_on(self) -> date | None:
        return self.row.field_verified_on

    @strawberry.field(description="What the field verification found.")
    def verification_notes(self) -> str | None:
        return self.row.verification_notes

    @strawberry.field(description="When the verification was recorded.")
    def verified_at(self) -> datetime | None:
        return self.row.verified_at

    @strawberry.field(description="Who recorded the verification.")
    async def verified_by(self, info: Info) -> HousingActor | None:
        return await _actor(info, self.row.verified_by)

    @strawberry.field(description="BAST (berita acara serah terima) number.")
    def bast_number(self) -> str | None:
        return self.row.bast_number

    @strawberry.field(description="BAST date.")
    def bast_date(self) -> date | None:
        return self.row.bast_date

    @strawberry.field(description="When the handover was recorded as completed.")
    def handed_over_at(self) -> datetime | None:
        return self.row.handed_over_at

    @strawberry.field(description="Who recorded the handover.")
    async def handed_over_by(self, info: Info) -> HousingActor | None:
        return await _actor(info, self.row.handed_over_by)

    @strawberry.field(description="When it was refused.")
    def refused_at(self) -> datetime | None:
        return self.row.refused_at

    @strawberry.field(description="Who refused it.")
    async def refused_by(self, info: Info) -> HousingActor | None:
        return await _actor(info, self.row.refused_by)

    @strawberry.field(description="Why it was refused.")
    def refusal_reason(self) -> str | None:
        return self.row.refusal_reason


@strawberry.type(description="An aerial (drone) survey of a development. Agency staff only.")
class AerialSurvey(Node):
    row: strawberry.Private[models.Survey]

    def node_key(self) -> str:
        return str(self.row.id)

    @strawberry.field(description="The day it was flown.")
    def flown_on(self) -> date:
        return self.row.flown_on

    @strawberry.field(description="Who flew it (pilot or team).")
    def operator(self) -> str:
        return self.row.operator

    @strawberry.field(description="Area covered, in hectares.")
    def area_hectares(self) -> float:
        return self.row.area_m2 / 10_000

    @strawberry.field(description="Link (https) or storage key (SHA-256) of the orthophoto.")
    def orthophoto(self) -> str:
        return self.row.orthophoto

    @strawberry.field(description="What the survey found.")
    def findings(self) -> str:
        return self.row.findings

    @strawberry.field(description="The development surveyed.")
    async def development(self, info: Info) -> HousingDevelopment:
        return await _development(info, self.row.development_id)

    @strawberry.field(description="When it was recorded.")
    def recorded_at(self) -> datetime:
        return self.row.recorded_at

    @strawberry.field(description="Who recorded it.")
    async def recorded_by(self, info: Info) -> HousingActor | None:
        return await _actor(info, self.row.recorded_by)


@strawberry.type(
    description="A problem found at a development: abandoned, PSU not built, or change of use (alih fungsi)."
)
class DevelopmentProblem(Node):
    row: strawberry.Private[models.Problem]

    def node_key(self) -> str:
        return str(self.row.id)

    @strawberry.field(description="What kind of problem.")
    def kind(self) -> ProblemKind:  # type: ignore[valid-type]
        return self.row.kind

    @strawberry.field(description="Open or resolved.")
    def status(self) -> ProblemStatus:  # type: ignore[valid-type]
        return self.row.status

    @strawberry.field(description="What was found.")
    def description(self) -> str:
        return self.row.description

    @strawberry.field(description="The day it was found.")
    def found_on(self) -> date:
        return self.row.found_on

    @strawberry.field(description="The development.")
    async def development(self, info: Info) -> HousingDevelopment:
        return await _development(info, self.row.development_id)

    @strawberry.field(description="The facility concerned, if one is.")
    async def facility(self, info: Info) -> PublicFacility | None:
        if self.row.facility_id is None:
            return None
        row = await row_loader(info, models.Facility).load(self.row.facility_id)
        return None if row is None else PublicFacility(row=row)

    @strawberry.field(description="The aerial survey that found it; null when none did or you are not agency staff.")
    async def survey(self, info: Info) -> AerialSurvey | None:
        if self.row.survey_id is None:
            return None
        row = await row_loader(info, models.Survey).load(self.row.survey_id)
        development = await row_loader(info, models.Development).load(self.row.development_id)
        if row is None or development is None or not is_agency_reader(info.context.principal, development.agency_id):
            return None
        return AerialSurvey(row=row)

    @strawberry.field(description="When it was reported.")
    def reported_at(self) -> datetime:
        return self.row.reported_at

    @strawberry.field(description="Who reported it.")
    async def reported_by(self, info: Info) -> HousingActor | None:
        return await _actor(info, self.row.reported_by)

    @strawberry.field(description="How it was resolved.")
    def resolution(self) -> str | None:
        return self.row.resolution

    @strawberry.field(description="When it was resolved.")
    def resolved_at(self) -> datetime | None:
        return self.row.resolved_at

    @strawberry.field(description="Who resolved it.")
    async def resolved_by(self, info: Info) -> HousingActor | None:
        return await _actor(info, self.row.resolved_by)


@strawberry.type(description="A housing development (perumahan) in a desa/kelurahan of Kabupaten Gresik.")
class HousingDevelopment(Node):
    row: strawberry.Private[models.Development]
    viewer: strawberry.Private[Principal]

    def node_key(self) -> str:
        return str(self.row.id)

    @classmethod
    def build(cls, row: models.Development, viewer: Principal) -> HousingDevelopment:
        return cls(row=row, viewer=viewer)

    @property
    def _id(self) -> int:
        assert self.row.id is not None
        return self.row.id

    @strawberry.field(description="Its name, e.g. `Perumahan Graha Kebomas Asri`.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="Street address.")
    def address(self) -> str:
        return self.row.address

    @strawberry.field(description="Kemendagri code of its desa/kelurahan, e.g. `35.25.14.1010`.")
    def desa_code(self) -> str:
        return self.row.desa_code

    @strawberry.field(description="Name of its desa/kelurahan.")
    async def desa_name(self, info: Info) -> str:
        region = await row_loader(info, Region).load(self.row.desa_code)
        return region.name if region else self.row.desa_code

    @strawberry.field(description="Kemendagri code of its kecamatan, e.g. `35.25.14` (Kebomas).")
    def kecamatan_code(self) -> str:
        return self.row.kecamatan_code

    @strawberry.field(description="Name of its kecamatan.")
    async def kecamatan_name(self, info: Info) -> str:
        region = await row_loader(info, Region).load(self.row.kecamatan_code)
        return region.name if region else self.row.kecamatan_code

    @strawberry.field(description="Subsidised (MBR), commercial or mixed.")
    def segment(self) -> HousingSegment:  # type: ignore[valid-type]
        return self.row.segment

    @strawberry.field(description="Planned, under construction or completed.")
    def status(self) -> DevelopmentStatus:  # type: ignore[valid-type]
        return self.row.status

    @strawberry.field(description="Units the site plan provides for.")
    def planned_units(self) -> int:
        return self.row.planned_units

    @strawberry.field(description="Land area in hectares, as declared.")
    def land_area_hectares(self) -> float | None:
        return hectares(self.row.land_area_m2)

    @strawberry.field(
        description="Its boundary: a GeoJSON Polygon or MultiPolygon geometry, positions `[longitude, latitude]` (WGS 84)."
    )
    def boundary(self) -> JSON | None:
        return cast("JSON | None", self.row.boundary)

    @strawberry.field(description="The area the boundary encloses, in hectares (computed on the sphere).")
    def boundary_area_hectares(self) -> float | None:
        return hectares(self.row.boundary_area_m2)

    @strawberry.field(description="When it was registered.")
    def created_at(self) -> datetime:
        return self.row.created_at

    @strawberry.field(description="When anything of it last changed.")
    def updated_at(self) -> datetime:
        return self.row.updated_at

    @strawberry.field(description="Its developer.")
    async def developer(self, info: Info) -> HousingDeveloper:
        row = await row_loader(info, models.Developer).load(self.row.developer_id)
        assert row is not None
        return HousingDeveloper.build(row)

    @strawberry.field(description="Its permits (PBG, site plan, KKPR), oldest first.")
    async def permits(self, info: Info) -> list[DevelopmentPermit]:
        rows = await group_loader(info, models.Permit, models.Permit.development_id, order_by=[models.Permit.id]).load(
            self._id
        )
        return [DevelopmentPermit.build(row) for row in rows]

    @strawberry.field(description="How many units are recorded, by status.")
    async def unit_summary(self, info: Info) -> HousingUnitSummary:
        counts = await unit_counts(info).load(self._id)
        return HousingUnitSummary(
            total=sum(counts.values()),
            by_status=[HousingUnitStatusCount(status=s, count=counts.get(s, 0)) for s in models.UnitStatus],
        )

    @strawberry.field(
        description="Its units in the order they were recorded, a page at a time. In a list of developments the "
        "pages of all of them are read together (one statement), like every other relation."
    )
    async def units(
        self,
        info: Info,
        status: Annotated[
            UnitStatus | None,  # type: ignore[valid-type]
            strawberry.argument(description="Only units in this status."),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[HousingUnit]:
        settings = info.context.runtime.settings
        backward, size, after_id, before_id = page_arguments(
            first,
            after,
            last,
            before,
            max_size=settings.max_page_size,
            default_size=min(settings.default_page_size, settings.max_page_size),
        )
        key = UnitPageKey(self._id, status, size, after_id, before_id, backward)
        page = await unit_pages(info).load(key) if size else UnitPage(rows=[], has_more=False)
        cursors = [encode_cursor((row.id,)) for row in page.rows]

        async def count() -> int:
            return await unit_totals(info).load((self._id, status))

        return Connection(
            edges=[Edge(cursor=c, node=HousingUnit(row=row)) for row, c in zip(page.rows, cursors, strict=True)],
            page_info=PageInfo(
                has_next_page=page.has_more if not backward else before is not None,
                has_previous_page=page.has_more if backward else after is not None,
                start_cursor=cursors[0] if cursors else None,
                end_cursor=cursors[-1] if cursors else None,
            ),
            _count=count,
        )

    @strawberry.field(description="Its public and social facilities (PSU).")
    async def facilities(self, info: Info) -> list[PublicFacility]:
        rows = await group_loader(
            info, models.Facility, models.Facility.development_id, order_by=[models.Facility.id]
        ).load(self._id)
        return [PublicFacility(row=row) for row in rows]

    @strawberry.field(description="Its PSU handovers, oldest first.")
    async def handovers(self, info: Info) -> list[PsuHandover]:
        rows = await group_loader(
            info, models.Handover, models.Handover.development_id, order_by=[models.Handover.id]
        ).load(self._id)
        return [PsuHandover(row=row) for row in rows]

    @strawberry.field(description="Problems found; `status` keeps open or resolved ones.")
    async def problems(
        self,
        info: Info,
        status: Annotated[
            ProblemStatus | None,  # type: ignore[valid-type]
            strawberry.argument(description="Only open or only resolved problems."),
        ] = None,
    ) -> list[DevelopmentProblem]:
        rows = await group_loader(
            info, models.Problem, models.Problem.development_id, order_by=[models.Problem.id]
        ).load(self._id)
        return [DevelopmentProblem(row=row) for row in rows if status is None or row.status == status]

    @strawberry.field(description="Aerial surveys, oldest first. Empty unless you are agency staff.")
    async def aerial_surveys(self, info: Info) -> list[AerialSurvey]:
        if not is_agency_reader(self.viewer, self.row.agency_id):
            return []
        rows = await group_loader(info, models.Survey, models.Survey.development_id, order_by=[models.Survey.id]).load(
            self._id
        )
        return [AerialSurvey(row=row) for row in rows]

    @strawberry.field(
        description="NOP links of the development's own parcels (units have theirs on `HousingUnit.taxObject`). "
        "Empty unless you are agency staff."
    )
    async def tax_objects(self, info: Info) -> list[TaxObjectLink]:
        if not is_agency_reader(self.viewer, self.row.agency_id):
            return []
        return [TaxObjectLink(row=row) for row in await development_tax_objects(info).load(self._id)]


# -- public aggregates ---------------------------------------------------------------------------


@strawberry.type(description="How many PSU are in one handover status.")
class FacilityStatusCount:
    status: HandoverStatus = strawberry.field(description="The handover status.")  # type: ignore[valid-type]
    count: int = strawberry.field(description="How many facilities are in it.")


@strawberry.type(description="Problems of one kind: how many are open and how many resolved.")
class ProblemKindCount:
    kind: ProblemKind = strawberry.field(description="The kind of problem.")  # type: ignore[valid-type]
    open: int = strawberry.field(description="Open problems.")
    resolved: int = strawberry.field(description="Resolved problems.")


def _facility_counts(counts: dict[models.HandoverStatus, int]) -> list[FacilityStatusCount]:
    return [FacilityStatusCount(status=s, count=counts.get(s, 0)) for s in models.HandoverStatus]


@strawberry.type(description="Housing in one kecamatan of Kabupaten Gresik, as counts.")
class KecamatanHousingStatistics:
    stats: strawberry.Private[KecamatanStats]

    @strawberry.field(description="Kemendagri code of the kecamatan, e.g. `35.25.14`.")
    def kecamatan_code(self) -> str:
        return self.stats.code

    @strawberry.field(description="Name of the kecamatan, e.g. `Kebomas`.")
    def kecamatan_name(self) -> str:
        return self.stats.name

    @strawberry.field(description="Housing developments registered.")
    def developments(self) -> int:
        return self.stats.developments

    @strawberry.field(description="Units their site plans provide for.")
    def planned_units(self) -> int:
        return self.stats.planned_units

    @strawberry.field(description="Units recorded.")
    def units(self) -> int:
        return self.stats.units

    @strawberry.field(description="PSU per handover status (every status, zeros included).")
    def facilities_by_status(self) -> list[FacilityStatusCount]:
        return _facility_counts(self.stats.facilities)

    @strawberry.field(description="Problems not yet resolved.")
    def open_problems(self) -> int:
        return self.stats.open_problems


@strawberry.type(description="Housing in Kabupaten Gresik as counts: what the public may see of Rumahku SIP.")
class HousingStatistics:
    stats: strawberry.Private[Stats]

    @strawberry.field(description="Each kecamatan (every kecamatan of Gresik, or the one asked for), by code.")
    def kecamatan(self) -> list[KecamatanHousingStatistics]:
        return [KecamatanHousingStatistics(stats=k) for k in self.stats.kecamatan]

    @strawberry.field(description="Housing developments registered.")
    def developments(self) -> int:
        return self.stats.total("developments")

    @strawberry.field(description="Units their site plans provide for.")
    def planned_units(self) -> int:
        return self.stats.total("planned_units")

    @strawberry.field(description="Units recorded.")
    def units(self) -> int:
        return self.stats.total("units")

    @strawberry.field(description="PSU per handover status (every status, zeros included).")
    def facilities_by_status(self) -> list[FacilityStatusCount]:
        return _facility_counts(self.stats.facilities())

    @strawberry.field(description="Problems per kind (every kind, zeros included).")
    def problems_by_kind(self) -> list[ProblemKindCount]:
        return [
            ProblemKindCount(
                kind=kind, open=counts[models.ProblemStatus.OPEN], resolved=counts[models.ProblemStatus.RESOLVED]
            )
            for kind, counts in self.stats.problems().items()
        ]


NODE_TYPES: tuple[type, ...] = (
    HousingDevelopment,
    HousingDeveloper,
    HousingUnit,
    PublicFacility,
    PsuHandover,
    DevelopmentProblem,
    AerialSurvey,
    TaxObjectLink,
)
