"""GAYATRI's mutation inputs and payloads: one ``input`` each, a payload carrying what changed."""

from __future__ import annotations

from datetime import date

import strawberry

from plugins.gayatri.types import (
    CasePriority,
    CaseStatus,
    CaseType,
    ChildSex,
    Dose,
    GayatriCadre,
    GayatriCase,
    GayatriChild,
    GayatriDoseState,
    GayatriMeasurement,
    HeightForAge,
    Position,
)

IDEMPOTENCY = "Any string up to 120 characters; a retry with the same key and input returns the first result."


@strawberry.input(description="Filters of `gayatriCases`; all optional.")
class GayatriCaseFilter:
    status: CaseStatus | None = strawberry.field(default=None, description="Only cases in this status.")  # type: ignore[valid-type]
    case_type: CaseType | None = strawberry.field(default=None, description="Only cases of this type.")  # type: ignore[valid-type]
    priority: CasePriority | None = strawberry.field(default=None, description="Only cases of this priority.")  # type: ignore[valid-type]
    kelurahan_code: str | None = strawberry.field(default=None, description="Only cases in this kelurahan.")
    child_id: strawberry.ID | None = strawberry.field(default=None, description="Only cases about this child.")


@strawberry.input(description="Filters of `gayatriChildren`; all optional.")
class GayatriChildFilter:
    kelurahan_code: str | None = strawberry.field(default=None, description="Only children of this kelurahan.")
    height_for_age: HeightForAge | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Only children in this category at their newest measurement."
    )
    stunted: bool | None = strawberry.field(
        default=None,
        description="true: stunted (z < -2) at the newest measurement; false: measured and not stunted.",
    )
    search: str | None = strawberry.field(default=None, description="Part of the child's name.")


# -- cadres ----------------------------------------------------------------------------------


@strawberry.input(description="Register a cadre (Dinas Kesehatan Kota Mojokerto staff or the province admin).")
class RegisterGayatriCadreInput:
    name: str = strawberry.field(description="The cadre's name.")
    kelurahan_code: str = strawberry.field(description="A kelurahan of Kota Mojokerto, e.g. `35.76.01.1003`.")
    account_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global ID of the cadre's citizen `Account`, so they can sign in and report."
    )
    posyandu: str | None = strawberry.field(default=None, description="The Posyandu the cadre serves at.")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The registered cadre.")
class RegisterGayatriCadrePayload:
    cadre: GayatriCadre = strawberry.field(description="The cadre.")


@strawberry.input(description="Change a cadre; omitted fields stay as they are.")
class UpdateGayatriCadreInput:
    cadre_id: strawberry.ID = strawberry.field(description="Global ID of the `GayatriCadre`.")
    name: str | None = strawberry.field(default=None, description="New name.")
    kelurahan_code: str | None = strawberry.field(default=None, description="Move to another kelurahan.")
    posyandu: str | None = strawberry.field(default=None, description="New Posyandu (empty to clear).")
    account_id: strawberry.ID | None = strawberry.field(default=None, description="Link a citizen `Account`.")
    active: bool | None = strawberry.field(default=None, description="false: the cadre stopped (can no longer act).")


@strawberry.type(description="The changed cadre.")
class UpdateGayatriCadrePayload:
    cadre: GayatriCadre = strawberry.field(description="The cadre.")


# -- children --------------------------------------------------------------------------------


@strawberry.input(description="Register a child under five (a cadre of the kelurahan, or Dinas Kesehatan staff).")
class RegisterGayatriChildInput:
    name: str = strawberry.field(description="The child's name.")
    sex: ChildSex = strawberry.field(description="The child's sex.")  # type: ignore[valid-type]
    birth_date: date = strawberry.field(description="Date of birth (at most 60 completed months ago).")
    kelurahan_code: str = strawberry.field(description="The kelurahan of Kota Mojokerto the child lives in.")
    mother_name: str = strawberry.field(description="The mother's name.")
    nik: str | None = strawberry.field(default=None, description="The child's NIK; must match birth date and sex.")
    mother_nik: str | None = strawberry.field(default=None, description="The mother's NIK (a woman's NIK).")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The registered child.")
class RegisterGayatriChildPayload:
    child: GayatriChild = strawberry.field(description="The child.")


@strawberry.input(description="Record a length/height measurement; the stunting flag is computed from it.")
class RecordGayatriMeasurementInput:
    child_id: strawberry.ID = strawberry.field(description="Global ID of the `GayatriChild`.")
    measured_on: date = strawberry.field(description="The day of the measurement (not before birth, not after today).")
    height_cm: float = strawberry.field(description="Length/height in cm, rounded to one decimal (35-130).")
    position: Position = strawberry.field(description="LYING (length) or STANDING (height).")  # type: ignore[valid-type]
    weight_kg: float | None = strawberry.field(default=None, description="Weight in kg (0.5-40), if weighed.")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The new measurement and the child it belongs to.")
class RecordGayatriMeasurementPayload:
    measurement: GayatriMeasurement = strawberry.field(description="The measurement, with its z-score and category.")
    child: GayatriChild = strawberry.field(description="The child.")


@strawberry.input(description="Record a dose given to a child.")
class RecordGayatriImmunisationInput:
    child_id: strawberry.ID = strawberry.field(description="Global ID of the `GayatriChild`.")
    dose: Dose = strawberry.field(description="Which dose of the schedule.")  # type: ignore[valid-type]
    given_on: date = strawberry.field(description="When it was given (not before birth, not after today).")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The dose as now scheduled for the child, and the child.")
class RecordGayatriImmunisationPayload:
    dose: GayatriDoseState = strawberry.field(description="The dose, now GIVEN.")
    child: GayatriChild = strawberry.field(description="The child, with its other doses.")


# -- cases -----------------------------------------------------------------------------------


@strawberry.input(description="A cadre reports a case in their kelurahan.")
class ReportGayatriCaseInput:
    case_type: CaseType = strawberry.field(description="What kind of case; decides the responsible agency.")  # type: ignore[valid-type]
    description: str = strawberry.field(description="What happened (up to 4000 characters).")
    kelurahan_code: str | None = strawberry.field(
        default=None, description="The cadre's kelurahan (the default); another one is refused."
    )
    child_id: strawberry.ID | None = strawberry.field(default=None, description="The `GayatriChild` concerned, if any.")
    subject_name: str | None = strawberry.field(default=None, description="Who the case is about, if not a child.")
    address: str | None = strawberry.field(default=None, description="Where (RT/RW, street).")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The reported case.")
class ReportGayatriCasePayload:
    case: GayatriCase = strawberry.field(description="The case, REPORTED.")


@strawberry.input(description="Triage a reported case: set its priority, correct its type if needed.")
class TriageGayatriCaseInput:
    case_id: strawberry.ID = strawberry.field(description="Global ID of the `GayatriCase`.")
    priority: CasePriority = strawberry.field(description="The urgency.")  # type: ignore[valid-type]
    case_type: CaseType | None = strawberry.field(default=None, description="The corrected type, if it was wrong.")  # type: ignore[valid-type]
    note: str | None = strawberry.field(default=None, description="A triage note.")


@strawberry.input(description="Route a triaged case to the responsible agency.")
class RouteGayatriCaseInput:
    case_id: strawberry.ID = strawberry.field(description="Global ID of the `GayatriCase`.")
    agency_code: str | None = strawberry.field(
        default=None,
        description="`dinkes-3576` or `dinsos-3576`; by default the agency responsible for the case type.",
    )
    note: str | None = strawberry.field(default=None, description="A note for the receiving agency.")


@strawberry.input(description="Add a follow-up note; the case moves to (or stays) IN_FOLLOW_UP.")
class AddGayatriCaseFollowUpInput:
    case_id: strawberry.ID = strawberry.field(description="Global ID of the `GayatriCase`.")
    note: str = strawberry.field(description="What was done (up to 2000 characters).")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.input(description="Resolve a case in follow-up.")
class ResolveGayatriCaseInput:
    case_id: strawberry.ID = strawberry.field(description="Global ID of the `GayatriCase`.")
    resolution: str = strawberry.field(description="How it was resolved (up to 2000 characters).")


@strawberry.type(description="The case after the step.")
class TriageGayatriCasePayload:
    case: GayatriCase = strawberry.field(description="The case, TRIAGED.")


@strawberry.type(description="The case after the step.")
class RouteGayatriCasePayload:
    case: GayatriCase = strawberry.field(description="The case, ROUTED, now with the receiving agency.")


@strawberry.type(description="The case after the step.")
class AddGayatriCaseFollowUpPayload:
    case: GayatriCase = strawberry.field(description="The case, IN_FOLLOW_UP, with the note in its timeline.")


@strawberry.type(description="The case after the step.")
class ResolveGayatriCasePayload:
    case: GayatriCase = strawberry.field(description="The case, RESOLVED.")
