"""GAYATRI's GraphQL types and enums (all named ``Gayatri…``).

What a principal may see is decided by the services (rows) and here (fields):
a child's and its mother's NIK are masked unless the viewer is health agency
staff holding ``identity.personal_data.view``; a case shows its child only to
those who may see that child. Every relation goes through a per-request
DataLoader, so a page of any length costs the same number of statements.
"""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from sqlmodel import col

from core.calendar import today
from core.identity.models import Account as AccountRow
from core.identity.validators import mask_nik
from core.regions.models import Agency as AgencyRow
from core.regions.models import Region as RegionRow
from plugins.gayatri import domain, growth, immunisation
from plugins.gayatri.access import can_read_child, reveals_child_nik
from plugins.gayatri.models import Cadre as CadreRow
from plugins.gayatri.models import Case as CaseRow
from plugins.gayatri.models import CaseEntry as CaseEntryRow
from plugins.gayatri.models import Child as ChildRow
from plugins.gayatri.models import Immunisation as ImmunisationRow
from plugins.gayatri.models import Measurement as MeasurementRow
from plugins.gayatri.stats import CaseCount, KelurahanStats
from schema import Info, Node, encode_global_id, group_loader, row_loader

CaseType = strawberry.enum(
    domain.CaseType,
    name="GayatriCaseType",
    description="What a cadre reports. Health types go to Dinas Kesehatan, social aid to Dinas Sosial.",
)
CaseStatus = strawberry.enum(
    domain.CaseStatus,
    name="GayatriCaseStatus",
    description="Where a case stands: REPORTED → TRIAGED → ROUTED → IN_FOLLOW_UP → RESOLVED.",
)
CasePriority = strawberry.enum(
    domain.CasePriority,
    name="GayatriCasePriority",
    description="Urgency set at triage (a health emergency is EMERGENCY from the start).",
)
CaseStep = strawberry.enum(domain.CaseStep, name="GayatriCaseStep", description="A step of a case's timeline.")
ChildSex = strawberry.enum(domain.ChildSex, name="GayatriChildSex", description="A child's sex.")
Position = strawberry.enum(
    domain.Position,
    name="GayatriMeasurementPosition",
    description="LYING: recumbent length (the standard below 24 months); STANDING: height (from 24 months).",
)
HeightForAge = strawberry.enum(
    domain.HeightForAge,
    name="GayatriHeightForAge",
    description="Height-for-age (TB/U) category of Permenkes 2/2020 on the WHO z-score: SEVERELY_STUNTED "
    "(sangat pendek) z < -3; STUNTED (pendek) -3 ≤ z < -2; NORMAL -2 ≤ z ≤ +3; TALL (tinggi) z > +3.",
)
GrowthBasis = strawberry.enum(
    growth.Basis,
    name="GayatriGrowthBasis",
    description="Which WHO table a row belongs to: LENGTH (recumbent, 0-24 months) or HEIGHT (standing, 24-60).",
)
Dose = strawberry.enum(
    immunisation.Dose,
    name="GayatriDose",
    description="A dose of the national routine schedule (Permenkes 12/2017): HB0 at birth; BCG and OPV1 at 1 "
    "month; DPT_HB_HIB_1 and OPV2 at 2; DPT_HB_HIB_2 and OPV3 at 3; DPT_HB_HIB_3, OPV4 and IPV at 4; MR at 9; "
    "DPT_HB_HIB_BOOSTER and MR_BOOSTER at 18 months.",
)
DoseStatus = strawberry.enum(
    immunisation.DoseStatus,
    name="GayatriDoseStatus",
    description="GIVEN; DUE (recommended age reached, still on time); MISSED (past its window without being "
    "given: HB0 after 7 days, any other dose one month after its recommended age); UPCOMING.",
)

HAZ_DESCRIPTION = (
    "Length/height-for-age z-score (WHO Child Growth Standards 2006, as adopted by Permenkes 2/2020), "
    "rounded to 2 decimals: z = (x - M) / (M * S), with M and S of the child's sex and age in completed months "
    "(WHO's L is 1 for this indicator), x the length (below 24 months) or height, 0.7 cm added to a standing "
    "measurement below 24 months and taken off a lying one from 24 months. M and S are WHO's, derived from its "
    "daily LMS table; see docs/plugins/gayatri.md for the source and limits."
)


def _kelurahan_id(code: str) -> strawberry.ID:
    return strawberry.ID(encode_global_id("Region", code))


async def _region_name(info: Info, code: str) -> str:
    row = await row_loader(info, RegionRow).load(code)
    return row.name if row else code


async def _agency(info: Info, agency_id: int) -> AgencyRow:
    row = await row_loader(info, AgencyRow).load(agency_id)
    assert row is not None
    return row


async def _viewer_cadre(info: Info) -> CadreRow | None:
    account_id = info.context.principal.account_id
    if account_id is None:
        return None
    return await row_loader(info, CadreRow, CadreRow.account_id).load(account_id)


# -- cadres ----------------------------------------------------------------------------------


@strawberry.type(
    description="A community cadre (kader) of a kelurahan of Kota Mojokerto, registered by Dinas Kesehatan."
)
class GayatriCadre(Node):
    row: strawberry.Private[CadreRow]
    name: str = strawberry.field(description="The cadre's name.")
    kelurahan_code: str = strawberry.field(description="Kemendagri code of the kelurahan, e.g. `35.76.01.1003`.")
    posyandu: str | None = strawberry.field(description="The Posyandu the cadre serves at, if recorded.")
    active: bool = strawberry.field(description="False once the cadre stopped; an inactive cadre cannot report.")
    registered_at: datetime = strawberry.field(description="When Dinas Kesehatan registered the cadre.")

    def node_key(self) -> str:
        return str(self.row.id)

    @classmethod
    def from_row(cls, row: CadreRow) -> GayatriCadre:
        return cls(
            row=row,
            name=row.name,
            kelurahan_code=row.kelurahan_code,
            posyandu=row.posyandu,
            active=row.active,
            registered_at=row.registered_at,
        )

    @strawberry.field(description="Global ID of the kelurahan (a `Region`).")
    def kelurahan_id(self) -> strawberry.ID:
        return _kelurahan_id(self.row.kelurahan_code)

    @strawberry.field(description="Name of the kelurahan.")
    async def kelurahan_name(self, info: Info) -> str:
        return await _region_name(info, self.row.kelurahan_code)

    @strawberry.field(description="Global ID of the citizen account the cadre signs in with; null when not linked.")
    def account_id(self) -> strawberry.ID | None:
        account = self.row.account_id
        return None if account is None else strawberry.ID(encode_global_id("Account", str(account)))


# -- children --------------------------------------------------------------------------------


@strawberry.type(description="One dose of the routine schedule, as the programme defines it (public reference).")
class GayatriScheduledDose:
    dose: Dose = strawberry.field(description="The dose.")  # type: ignore[valid-type]
    vaccine: str = strawberry.field(description="The vaccine as the Indonesian programme names it.")
    recommended_age_months: int = strawberry.field(description="Recommended age in months (0: at birth).")
    missed_after_days: int | None = strawberry.field(
        description="Days after birth after which the dose counts as missed (HB0 only: 7)."
    )
    missed_after_months: int | None = strawberry.field(
        description="Age in months after which the dose counts as missed (one month past the recommended age)."
    )

    @classmethod
    def build(cls, scheduled: immunisation.ScheduledDose) -> GayatriScheduledDose:
        window_days = scheduled.window_days
        return cls(
            dose=scheduled.dose,
            vaccine=scheduled.vaccine,
            recommended_age_months=scheduled.age_months,
            missed_after_days=window_days,
            missed_after_months=None if window_days is not None else scheduled.age_months + 1,
        )


@strawberry.type(description="A scheduled dose for one child: when it is due, and whether it was given or missed.")
class GayatriDoseState:
    dose: Dose = strawberry.field(description="The dose.")  # type: ignore[valid-type]
    vaccine: str = strawberry.field(description="The vaccine as the Indonesian programme names it.")
    status: DoseStatus = strawberry.field(description="Given, due, missed or upcoming, as of today (WIB).")  # type: ignore[valid-type]
    due_on: date = strawberry.field(description="The date the child reaches the recommended age.")
    window_ends_on: date = strawberry.field(description="The last day the dose is on time; after it, it is missed.")
    given_on: date | None = strawberry.field(description="When it was given; null if not (yet).")
    late: bool = strawberry.field(description="Given after `windowEndsOn` (a catch-up dose).")

    @classmethod
    def build(cls, state: immunisation.DoseState) -> GayatriDoseState:
        return cls(
            dose=state.scheduled.dose,
            vaccine=state.scheduled.vaccine,
            status=state.status,
            due_on=state.due_on,
            window_ends_on=state.window_ends_on,
            given_on=state.given_on,
            late=state.late,
        )


@strawberry.type(description="A length/height measurement of a child, scored against the WHO standard.")
class GayatriMeasurement(Node):
    row: strawberry.Private[MeasurementRow]
    measured_on: date = strawberry.field(description="The day of the measurement.")
    age_months: int = strawberry.field(description="The child's age in completed months on that day.")
    position: Position = strawberry.field(description="How the child was measured.")  # type: ignore[valid-type]
    height_for_age: HeightForAge = strawberry.field(description="The height-for-age category.")  # type: ignore[valid-type]
    recorded_at: datetime = strawberry.field(description="When it was recorded.")

    def node_key(self) -> str:
        return str(self.row.id)

    @classmethod
    def from_row(cls, row: MeasurementRow) -> GayatriMeasurement:
        return cls(
            row=row,
            measured_on=row.measured_on,
            age_months=row.age_months,
            position=row.position,
            height_for_age=row.category,
            recorded_at=row.recorded_at,
        )

    @strawberry.field(description="Length or height as measured, in cm (one decimal).")
    def height_cm(self) -> float:
        return self.row.height_mm / 10

    @strawberry.field(description="Weight in kg, if weighed.")
    def weight_kg(self) -> float | None:
        return None if self.row.weight_g is None else self.row.weight_g / 1000

    @strawberry.field(description=HAZ_DESCRIPTION)
    def height_for_age_z(self) -> float:
        return round(self.row.haz, 2)

    @strawberry.field(description="True when the z-score is below -2 (STUNTED or SEVERELY_STUNTED).")
    def stunted(self) -> bool:
        return self.row.category in domain.STUNTING

    @strawberry.field(description="The WHO reference row the z-score used (median and SD for the sex and age).")
    async def reference(self, info: Info) -> GayatriGrowthReference:
        child = await row_loader(info, ChildRow).load(self.row.child_id)
        assert child is not None
        found = growth.reference(child.sex, self.row.age_months)
        assert found is not None
        return GayatriGrowthReference.build(found)

    @strawberry.field(description="The child measured.")
    async def child(self, info: Info) -> GayatriChild:
        row = await row_loader(info, ChildRow).load(self.row.child_id)
        assert row is not None
        return GayatriChild.build(row, info)


@strawberry.type(
    description="A child under five followed by the cadres of its kelurahan. Sensitive personal data: "
    "only the active cadres of the kelurahan and the staff of Dinas Kesehatan Kota Mojokerto see it."
)
class GayatriChild(Node):
    row: strawberry.Private[ChildRow]
    reveal: strawberry.Private[bool]
    name: str = strawberry.field(description="The child's name.")
    sex: ChildSex = strawberry.field(description="The child's sex.")  # type: ignore[valid-type]
    birth_date: date = strawberry.field(description="Date of birth.")
    kelurahan_code: str = strawberry.field(description="Kemendagri code of the kelurahan the child lives in.")
    mother_name: str = strawberry.field(description="The mother's name.")
    registered_at: datetime = strawberry.field(description="When the child was registered in GAYATRI.")

    def node_key(self) -> str:
        return str(self.row.id)

    @classmethod
    def build(cls, row: ChildRow, info: Info) -> GayatriChild:
        return cls(
            row=row,
            reveal=reveals_child_nik(info.context.principal, row),
            name=row.name,
            sex=row.sex,
            birth_date=row.birth_date,
            kelurahan_code=row.kelurahan_code,
            mother_name=row.mother_name,
            registered_at=row.registered_at,
        )

    @strawberry.field(
        description="The child's NIK; null if none yet. Masked (`3576**********01`) unless you are "
        "Dinas Kesehatan staff holding `identity.personal_data.view`."
    )
    def nik(self) -> str | None:
        value = self.row.nik
        return value if value is None or self.reveal else mask_nik(value)

    @strawberry.field(description="The mother's NIK, masked like `nik`.")
    def mother_nik(self) -> str | None:
        value = self.row.mother_nik
        return value if value is None or self.reveal else mask_nik(value)

    @strawberry.field(description="Age in completed months today (WIB).")
    def age_months(self) -> int:
        return growth.completed_months(self.row.birth_date, today())

    @strawberry.field(description="Global ID of the kelurahan (a `Region`).")
    def kelurahan_id(self) -> strawberry.ID:
        return _kelurahan_id(self.row.kelurahan_code)

    @strawberry.field(description="Name of the kelurahan.")
    async def kelurahan_name(self, info: Info) -> str:
        return await _region_name(info, self.row.kelurahan_code)

    async def _measurements(self, info: Info) -> list[MeasurementRow]:
        rows = await group_loader(
            info,
            MeasurementRow,
            MeasurementRow.child_id,
            order_by=[col(MeasurementRow.measured_on).desc(), col(MeasurementRow.id).desc()],
        ).load(self.row.id)
        return list(rows)

    @strawberry.field(description="Length/height measurements, newest first.")
    async def measurements(self, info: Info) -> list[GayatriMeasurement]:
        return [GayatriMeasurement.from_row(r) for r in await self._measurements(info)]

    @strawberry.field(description="The newest measurement; null if never measured.")
    async def latest_measurement(self, info: Info) -> GayatriMeasurement | None:
        rows = await self._measurements(info)
        return GayatriMeasurement.from_row(rows[0]) if rows else None

    @strawberry.field(description="Stunted at the newest measurement (height-for-age z < -2); null if never measured.")
    async def stunted(self, info: Info) -> bool | None:
        rows = await self._measurements(info)
        return rows[0].category in domain.STUNTING if rows else None

    async def _doses(self, info: Info) -> list[immunisation.DoseState]:
        rows = await group_loader(info, ImmunisationRow, ImmunisationRow.child_id).load(self.row.id)
        return immunisation.dose_states(self.row.birth_date, [(r.dose, r.given_on) for r in rows], today())

    @strawberry.field(description="Every dose of the routine schedule with its status today, in schedule order.")
    async def immunisations(self, info: Info) -> list[GayatriDoseState]:
        return [GayatriDoseState.build(s) for s in await self._doses(info)]

    @strawberry.field(description="Doses due now (recommended age reached, still on time).")
    async def due_doses(self, info: Info) -> list[GayatriDoseState]:
        states = await self._doses(info)
        return [GayatriDoseState.build(s) for s in states if s.status is immunisation.DoseStatus.DUE]

    @strawberry.field(description="Doses missed: past their window and not given.")
    async def missed_doses(self, info: Info) -> list[GayatriDoseState]:
        states = await self._doses(info)
        return [GayatriDoseState.build(s) for s in states if s.status is immunisation.DoseStatus.MISSED]


# -- cases -----------------------------------------------------------------------------------


@strawberry.type(description="A step of a case: who did what, when, with which note.")
class GayatriCaseEntry:
    row: strawberry.Private[CaseEntryRow]
    step: CaseStep = strawberry.field(description="What was done.")  # type: ignore[valid-type]
    status: CaseStatus = strawberry.field(description="The case's status after this step.")  # type: ignore[valid-type]
    at: datetime = strawberry.field(description="When.")
    note: str | None = strawberry.field(description="The triage note, follow-up note or resolution.")
    priority: CasePriority | None = strawberry.field(description="The priority set (report, triage).")  # type: ignore[valid-type]
    case_type: CaseType | None = strawberry.field(description="The new type, when triage reclassified the case.")  # type: ignore[valid-type]

    @classmethod
    def from_row(cls, row: CaseEntryRow) -> GayatriCaseEntry:
        return cls(
            row=row,
            step=row.step,
            status=row.status,
            at=row.at,
            note=row.note,
            priority=row.priority,
            case_type=row.case_type,
        )

    @strawberry.field(description="Who did it (a cadre or an officer).")
    async def actor_name(self, info: Info) -> str | None:
        if self.row.actor_id is None:
            return None
        account = await row_loader(info, AccountRow).load(self.row.actor_id)
        return account.name if account else None

    @strawberry.field(description="The officer's agency, e.g. `dinkes-3576`; null for a cadre.")
    async def actor_agency_code(self, info: Info) -> str | None:
        if self.row.actor_agency_id is None:
            return None
        return (await _agency(info, self.row.actor_agency_id)).code

    @strawberry.field(description="For REPORTED and ROUTED: the agency the case went to.")
    async def routed_to_agency_code(self, info: Info) -> str | None:
        if self.row.agency_id is None:
            return None
        return (await _agency(info, self.row.agency_id)).code


@strawberry.type(
    description="A case a cadre reported (health emergency, stunting, immunisation, tuberculosis, "
    "social aid), routed to the responsible agency and followed up. Seen by the reporting cadre, the staff of the "
    "responsible agency and the province admin."
)
class GayatriCase(Node):
    row: strawberry.Private[CaseRow]
    number: str = strawberry.field(description="Case number to read out, e.g. `GYT-260112-000042`.")
    case_type: CaseType = strawberry.field(description="What was reported (as corrected at triage).")  # type: ignore[valid-type]
    status: CaseStatus = strawberry.field(description="Where the case stands.")  # type: ignore[valid-type]
    priority: CasePriority | None = strawberry.field(description="Null until triage (except emergencies).")  # type: ignore[valid-type]
    kelurahan_code: str = strawberry.field(description="Kemendagri code of the kelurahan.")
    description: str = strawberry.field(description="What the cadre reported.")
    subject_name: str | None = strawberry.field(description="Who the case is about, when not a registered child.")
    address: str | None = strawberry.field(description="Where (RT/RW, street).")
    reported_at: datetime = strawberry.field(description="When it was reported.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    resolved_at: datetime | None = strawberry.field(description="When it was resolved.")

    def node_key(self) -> str:
        return str(self.row.id)

    @classmethod
    def from_row(cls, row: CaseRow) -> GayatriCase:
        return cls(
            row=row,
            number=row.number,
            case_type=row.case_type,
            status=row.status,
            priority=row.priority,
            kelurahan_code=row.kelurahan_code,
            description=row.description,
            subject_name=row.subject_name,
            address=row.address,
            reported_at=row.reported_at,
            updated_at=row.updated_at,
            resolved_at=row.resolved_at,
        )

    @strawberry.field(description="Name of the kelurahan.")
    async def kelurahan_name(self, info: Info) -> str:
        return await _region_name(info, self.row.kelurahan_code)

    @strawberry.field(description="Code of the agency now responsible, e.g. `dinkes-3576`.")
    async def agency_code(self, info: Info) -> str:
        return (await _agency(info, self.row.agency_id)).code

    @strawberry.field(description="Name of the agency now responsible.")
    async def agency_name(self, info: Info) -> str:
        return (await _agency(info, self.row.agency_id)).name

    @strawberry.field(description="The reporting cadre's name.")
    async def reporter_name(self, info: Info) -> str:
        cadre = await row_loader(info, CadreRow).load(self.row.cadre_id)
        return cadre.name if cadre else ""

    @strawberry.field(description="The child the case is about; null when none, or when you may not see the child.")
    async def child(self, info: Info) -> GayatriChild | None:
        if self.row.child_id is None:
            return None
        row = await row_loader(info, ChildRow).load(self.row.child_id)
        if row is None or not can_read_child(info.context.principal, row, await _viewer_cadre(info)):
            return None
        return GayatriChild.build(row, info)

    @strawberry.field(description="Every step, oldest first.")
    async def timeline(self, info: Info) -> list[GayatriCaseEntry]:
        rows = await group_loader(info, CaseEntryRow, CaseEntryRow.case_id, order_by=[CaseEntryRow.id]).load(
            self.row.id
        )
        return [GayatriCaseEntry.from_row(r) for r in rows]


@strawberry.type(
    description="An emergency pushed to the staff of the responsible agency as soon as it is reported. "
    "Fetch the case with `node(id: caseId)`."
)
class GayatriEmergency:
    case_id: strawberry.ID = strawberry.field(description="Global ID of the `GayatriCase`.")
    number: str = strawberry.field(description="Case number.")
    case_type: CaseType = strawberry.field(description="HEALTH_EMERGENCY, or a case reclassified as one.")  # type: ignore[valid-type]
    kelurahan_code: str = strawberry.field(description="Kemendagri code of the kelurahan.")
    kelurahan_name: str = strawberry.field(description="Name of the kelurahan.")
    agency_code: str = strawberry.field(description="The agency the emergency was pushed to.")
    reported_at: datetime = strawberry.field(description="When it was reported.")


# -- public figures and references -----------------------------------------------------------


@strawberry.type(
    description="A row of the WHO length/height-for-age standard (L = 1): median and SD for a sex and age."
)
class GayatriGrowthReference:
    sex: ChildSex = strawberry.field(description="The sex the row is for.")  # type: ignore[valid-type]
    age_months: int = strawberry.field(description="Age in completed months (0-60).")
    basis: GrowthBasis = strawberry.field(description="Recumbent length or standing height.")  # type: ignore[valid-type]
    median_cm: float = strawberry.field(description="M: the median length/height, cm.")
    coefficient_of_variation: float = strawberry.field(description="S: the coefficient of variation.")
    sd_cm: float = strawberry.field(description="One standard deviation, M * S, cm (4 decimals).")
    minus2_sd_cm: float = strawberry.field(description="The stunting threshold (-2 SD), cm (1 decimal).")
    minus3_sd_cm: float = strawberry.field(description="The severe stunting threshold (-3 SD), cm (1 decimal).")

    @classmethod
    def build(cls, row: growth.Reference) -> GayatriGrowthReference:
        return cls(
            sex=row.sex,
            age_months=row.age_months,
            basis=row.basis,
            median_cm=row.median,
            coefficient_of_variation=row.s,
            sd_cm=round(row.sd, 4),
            minus2_sd_cm=round(row.height_at(-2), 1),
            minus3_sd_cm=round(row.height_at(-3), 1),
        )


@strawberry.type(description="How many cases of one type.")
class GayatriCaseTypeCount:
    case_type: CaseType = strawberry.field(description="The case type.")  # type: ignore[valid-type]
    count: int = strawberry.field(description="Number of cases.")


@strawberry.type(description="Public figures of one kelurahan: cadres, children, stunting, cases. Counts only.")
class GayatriKelurahanStats:
    kelurahan_code: str = strawberry.field(description="Kemendagri code of the kelurahan.")
    kelurahan_name: str = strawberry.field(description="Name of the kelurahan.")
    kecamatan_code: str = strawberry.field(description="Code of its kecamatan.")
    kecamatan_name: str = strawberry.field(description="Name of its kecamatan.")
    active_cadres: int = strawberry.field(description="Active cadres.")
    children: int = strawberry.field(description="Children registered.")
    measured_children: int = strawberry.field(description="Children with at least one measurement.")
    stunted_children: int = strawberry.field(
        description="Children stunted (z < -2, severe included) at their newest measurement."
    )
    severely_stunted_children: int = strawberry.field(description="Children severely stunted (z < -3) at their newest.")
    stunting_percent: float | None = strawberry.field(
        description="stuntedChildren / measuredChildren * 100, one decimal; null when no child was measured."
    )
    cases_by_type: list[GayatriCaseTypeCount] = strawberry.field(description="Cases reported, by type (all states).")

    @classmethod
    def build(cls, row: KelurahanStats) -> GayatriKelurahanStats:
        return cls(
            kelurahan_code=row.code,
            kelurahan_name=row.name,
            kecamatan_code=row.kecamatan_code,
            kecamatan_name=row.kecamatan_name,
            active_cadres=row.active_cadres,
            children=row.children,
            measured_children=row.measured_children,
            stunted_children=row.stunted,
            severely_stunted_children=row.severely_stunted,
            stunting_percent=row.stunting_percent,
            cases_by_type=[
                GayatriCaseTypeCount(case_type=t, count=row.cases_by_type.get(t, 0)) for t in domain.CaseType
            ],
        )


@strawberry.type(description="Cases of one type: all, still open, resolved.")
class GayatriCaseCount:
    case_type: CaseType = strawberry.field(description="The case type.")  # type: ignore[valid-type]
    total: int = strawberry.field(description="All cases of the type.")
    open: int = strawberry.field(description="Not yet resolved.")
    resolved: int = strawberry.field(description="Resolved.")

    @classmethod
    def build(cls, row: CaseCount) -> GayatriCaseCount:
        return cls(case_type=row.case_type, total=row.total, open=row.open, resolved=row.resolved)
