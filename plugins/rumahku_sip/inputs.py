"""Inputs, filters and payloads of Rumahku SIP (one ``input`` in, one payload out)."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.scalars import JSON

from plugins.rumahku_sip.types import (
    AerialSurvey,
    DevelopmentPermit,
    DevelopmentProblem,
    DevelopmentStatus,
    FacilityKind,
    HandoverStatus,
    HousingDeveloper,
    HousingDevelopment,
    HousingSegment,
    HousingUnit,
    PermitKind,
    ProblemKind,
    ProblemStatus,
    PsuHandover,
    PublicFacility,
    TaxObjectLink,
    UnitStatus,
)
from schema import Upload

IDEMPOTENCY = "Retrying with the same key returns what the first attempt created, and creates nothing."

# -- filters -----------------------------------------------------------------------------------


@strawberry.input(description="Filters of `housingDevelopments`; all optional, combined with AND.")
class HousingDevelopmentFilter:
    kecamatan_code: str | None = strawberry.field(default=None, description="A kecamatan, e.g. `35.25.14` (Kebomas).")
    desa_code: str | None = strawberry.field(default=None, description="A desa/kelurahan, e.g. `35.25.14.1010`.")
    developer_id: strawberry.ID | None = strawberry.field(default=None, description="A `HousingDeveloper` ID.")
    status: DevelopmentStatus | None = strawberry.field(default=None, description="Development status.")  # type: ignore[valid-type]
    segment: HousingSegment | None = strawberry.field(default=None, description="Market segment.")  # type: ignore[valid-type]
    search: str | None = strawberry.field(default=None, description="Part of the development's name.")
    with_open_problems: bool | None = strawberry.field(
        default=None, description="True: only those with an open problem; false: only those without."
    )


@strawberry.input(description="Filters of `psuHandovers`; all optional.")
class PsuHandoverFilter:
    status: HandoverStatus | None = strawberry.field(default=None, description="Handover status.")  # type: ignore[valid-type]
    development_id: strawberry.ID | None = strawberry.field(default=None, description="A `HousingDevelopment` ID.")
    kecamatan_code: str | None = strawberry.field(default=None, description="A kecamatan, e.g. `35.25.10` (Manyar).")


@strawberry.input(description="Filters of `developmentProblems`; all optional.")
class DevelopmentProblemFilter:
    kind: ProblemKind | None = strawberry.field(default=None, description="Kind of problem.")  # type: ignore[valid-type]
    status: ProblemStatus | None = strawberry.field(default=None, description="Open or resolved.")  # type: ignore[valid-type]
    development_id: strawberry.ID | None = strawberry.field(default=None, description="A `HousingDevelopment` ID.")
    kecamatan_code: str | None = strawberry.field(default=None, description="A kecamatan, e.g. `35.25.15` (Driyorejo).")


# -- developers --------------------------------------------------------------------------------


@strawberry.input(description="A housing developer to register.")
class RegisterHousingDeveloperInput:
    name: str = strawberry.field(description="Company name, e.g. `PT Graha Kebomas Permai`.")
    nib: str | None = strawberry.field(default=None, description="NIB (Nomor Induk Berusaha), 13 digits.")
    association: str | None = strawberry.field(default=None, description="REI, APERSI, HIMPERRA…")
    office_address: str | None = strawberry.field(default=None, description="Office address.")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The developer registered.")
class RegisterHousingDeveloperPayload:
    developer: HousingDeveloper = strawberry.field(description="The developer.")


@strawberry.input(description="Link a citizen account to act for a developer, or unlink it.")
class LinkDeveloperAccountInput:
    developer_id: strawberry.ID = strawberry.field(description="A `HousingDeveloper` ID.")
    username: str | None = strawberry.field(
        default=None, description="The citizen account's username; null removes the link."
    )


@strawberry.type(description="The developer with its new link.")
class LinkDeveloperAccountPayload:
    developer: HousingDeveloper = strawberry.field(description="The developer.")


# -- developments ------------------------------------------------------------------------------


@strawberry.input(description="A permit: kind, number, date.")
class DevelopmentPermitInput:
    kind: PermitKind = strawberry.field(description="PBG, SITE_PLAN or KKPR.")  # type: ignore[valid-type]
    number: str = strawberry.field(description="The number as issued, e.g. `SK-PBG-352514-12082024-01`.")
    issued_on: date = strawberry.field(description="The date it was issued (not in the future).")


@strawberry.input(description="A housing development to register.")
class RegisterHousingDevelopmentInput:
    developer_id: strawberry.ID = strawberry.field(description="A `HousingDeveloper` ID.")
    name: str = strawberry.field(description="Its name, e.g. `Perumahan Graha Kebomas Asri`.")
    desa_code: str = strawberry.field(description="A desa/kelurahan of Kabupaten Gresik, e.g. `35.25.14.1010`.")
    address: str = strawberry.field(description="Street address.")
    segment: HousingSegment = strawberry.field(description="Subsidised (MBR), commercial or mixed.")  # type: ignore[valid-type]
    status: DevelopmentStatus = strawberry.field(description="Where it stands.")  # type: ignore[valid-type]
    planned_units: int = strawberry.field(description="Units the site plan provides for (1-50,000).")
    land_area_hectares: float | None = strawberry.field(default=None, description="Land area in hectares.")
    boundary: JSON | None = strawberry.field(
        default=None,
        description="A GeoJSON Polygon or MultiPolygon (or a Feature holding one), positions `[longitude, latitude]` "
        "inside Kabupaten Gresik, rings closed.",
    )
    permits: list[DevelopmentPermitInput] = strawberry.field(
        default_factory=list, description="Permits it already holds."
    )
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The development registered.")
class RegisterHousingDevelopmentPayload:
    development: HousingDevelopment = strawberry.field(description="The development.")


@strawberry.input(description="Changes to a development; give only what changes.")
class UpdateHousingDevelopmentInput:
    development_id: strawberry.ID = strawberry.field(description="A `HousingDevelopment` ID.")
    name: str | None = strawberry.field(default=None, description="New name.")
    address: str | None = strawberry.field(default=None, description="New address.")
    status: DevelopmentStatus | None = strawberry.field(default=None, description="New status.")  # type: ignore[valid-type]
    planned_units: int | None = strawberry.field(
        default=None, description="New number of planned units (not fewer than those recorded)."
    )
    land_area_hectares: float | None = strawberry.field(default=None, description="New land area in hectares.")
    boundary: JSON | None = strawberry.field(default=None, description="New boundary (GeoJSON, as when registering).")


@strawberry.type(description="The development changed.")
class UpdateHousingDevelopmentPayload:
    development: HousingDevelopment = strawberry.field(description="The development.")


@strawberry.input(description="A permit to add to a development.")
class AddDevelopmentPermitInput:
    development_id: strawberry.ID = strawberry.field(description="A `HousingDevelopment` ID.")
    kind: PermitKind = strawberry.field(description="PBG, SITE_PLAN or KKPR.")  # type: ignore[valid-type]
    number: str = strawberry.field(description="The number as issued.")
    issued_on: date = strawberry.field(description="The date it was issued (not in the future).")


@strawberry.type(description="The permit added and its development.")
class AddDevelopmentPermitPayload:
    development: HousingDevelopment = strawberry.field(description="The development.")
    permit: DevelopmentPermit = strawberry.field(description="The permit.")


# -- units -------------------------------------------------------------------------------------


@strawberry.input(description="A house to record.")
class HousingUnitInput:
    block: str = strawberry.field(description="Block, e.g. `A`.")
    number: str = strawberry.field(description="Number within the block, e.g. `12`.")
    house_type: str = strawberry.field(description="Building area / land area in m², e.g. `36/72`.")
    status: UnitStatus = strawberry.field(description="Where it stands.")  # type: ignore[valid-type]


@strawberry.input(description="Houses to record in a development (1-100 at a time, within the planned units).")
class AddHousingUnitsInput:
    development_id: strawberry.ID = strawberry.field(description="A `HousingDevelopment` ID.")
    units: list[HousingUnitInput] = strawberry.field(description="The units.")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The units recorded and their development.")
class AddHousingUnitsPayload:
    development: HousingDevelopment = strawberry.field(description="The development.")
    units: list[HousingUnit] = strawberry.field(description="The units recorded.")


@strawberry.input(description="A unit's new status.")
class UpdateHousingUnitInput:
    unit_id: strawberry.ID = strawberry.field(description="A `HousingUnit` ID.")
    status: UnitStatus = strawberry.field(description="The new status.")  # type: ignore[valid-type]


@strawberry.type(description="The unit changed.")
class UpdateHousingUnitPayload:
    unit: HousingUnit = strawberry.field(description="The unit.")


# -- PSU and handovers -------------------------------------------------------------------------


@strawberry.input(description="A public or social facility (PSU) a development provides.")
class AddPublicFacilityInput:
    development_id: strawberry.ID = strawberry.field(description="A `HousingDevelopment` ID.")
    kind: FacilityKind = strawberry.field(description="What it is.")  # type: ignore[valid-type]
    name: str = strawberry.field(description="Its name, e.g. `Taman RTH Blok C`.")
    area_m2: int | None = strawberry.field(default=None, description="Area in m².")
    built: bool = strawberry.field(default=False, description="Whether it has been built.")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The facility added.")
class AddPublicFacilityPayload:
    facility: PublicFacility = strawberry.field(description="The facility.")


@strawberry.input(description="Changes to a facility not in a pending or completed handover.")
class UpdatePublicFacilityInput:
    facility_id: strawberry.ID = strawberry.field(description="A `PublicFacility` ID.")
    name: str | None = strawberry.field(default=None, description="New name.")
    area_m2: int | None = strawberry.field(default=None, description="New area in m².")
    built: bool | None = strawberry.field(default=None, description="Whether it has been built.")


@strawberry.type(description="The facility changed.")
class UpdatePublicFacilityPayload:
    facility: PublicFacility = strawberry.field(description="The facility.")


@strawberry.input(
    description="Propose the handover of built PSU to the kabupaten, with documents (site plan, land certificates, "
    "list of PSU…). Send the files as a GraphQL multipart request."
)
class ProposePsuHandoverInput:
    development_id: strawberry.ID = strawberry.field(description="A `HousingDevelopment` ID.")
    facility_ids: list[strawberry.ID] = strawberry.field(description="`PublicFacility` IDs of that development (1-50).")
    documents: list[Upload] = strawberry.field(description="1-10 files: PDF, JPEG or PNG, checked by content.")
    note: str | None = strawberry.field(default=None, description="A note for the agency.")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The handover proposed.")
class ProposePsuHandoverPayload:
    handover: PsuHandover = strawberry.field(description="The handover.")


@strawberry.input(description="Record the field verification of a proposed handover.")
class VerifyPsuHandoverInput:
    handover_id: strawberry.ID = strawberry.field(description="A `PsuHandover` ID.")
    field_verified_on: date = strawberry.field(description="The day of the field check (not before the proposal).")
    notes: str = strawberry.field(description="What the field check found (at least 10 characters).")
    documents: list[Upload] | None = strawberry.field(default=None, description="Report or photos (optional).")


@strawberry.type(description="The handover verified.")
class VerifyPsuHandoverPayload:
    handover: PsuHandover = strawberry.field(description="The handover.")


@strawberry.input(description="Complete a verified handover with its BAST (berita acara serah terima).")
class CompletePsuHandoverInput:
    handover_id: strawberry.ID = strawberry.field(description="A `PsuHandover` ID.")
    bast_number: str = strawberry.field(description="BAST number, unique.")
    bast_date: date = strawberry.field(description="BAST date (not before the field verification).")
    documents: list[Upload] = strawberry.field(description="The signed BAST scan (1-10 files).")


@strawberry.type(description="The handover completed.")
class CompletePsuHandoverPayload:
    handover: PsuHandover = strawberry.field(description="The handover.")


@strawberry.input(description="Refuse a proposed or verified handover, saying why.")
class RefusePsuHandoverInput:
    handover_id: strawberry.ID = strawberry.field(description="A `PsuHandover` ID.")
    reason: str = strawberry.field(description="Why (at least 10 characters); the developer reads it.")
    documents: list[Upload] | None = strawberry.field(default=None, description="Supporting files (optional).")


@strawberry.type(description="The handover refused.")
class RefusePsuHandoverPayload:
    handover: PsuHandover = strawberry.field(description="The handover.")


# -- problems, surveys, tax objects ------------------------------------------------------------


@strawberry.input(description="A problem found at a development.")
class ReportDevelopmentProblemInput:
    development_id: strawberry.ID = strawberry.field(description="A `HousingDevelopment` ID.")
    kind: ProblemKind = strawberry.field(description="What kind of problem.")  # type: ignore[valid-type]
    description: str = strawberry.field(description="What was found (at least 10 characters).")
    found_on: date = strawberry.field(description="The day it was found.")
    facility_id: strawberry.ID | None = strawberry.field(
        default=None, description="The `PublicFacility` concerned (required for PSU_NOT_BUILT)."
    )
    survey_id: strawberry.ID | None = strawberry.field(default=None, description="The `AerialSurvey` that found it.")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The problem reported.")
class ReportDevelopmentProblemPayload:
    problem: DevelopmentProblem = strawberry.field(description="The problem.")


@strawberry.input(description="Close an open problem, saying how it was resolved.")
class ResolveDevelopmentProblemInput:
    problem_id: strawberry.ID = strawberry.field(description="A `DevelopmentProblem` ID.")
    resolution: str = strawberry.field(description="How it was resolved (at least 10 characters).")


@strawberry.type(description="The problem resolved.")
class ResolveDevelopmentProblemPayload:
    problem: DevelopmentProblem = strawberry.field(description="The problem.")


@strawberry.input(description="An aerial (drone) survey of a development.")
class RecordAerialSurveyInput:
    development_id: strawberry.ID = strawberry.field(description="A `HousingDevelopment` ID.")
    flown_on: date = strawberry.field(description="The day it was flown.")
    operator: str = strawberry.field(description="Who flew it (pilot or team).")
    area_hectares: float = strawberry.field(description="Area covered in hectares (over 0, at most 2,000).")
    orthophoto: str = strawberry.field(
        description="An https:// link to the orthophoto, or its storage key (SHA-256, 64 hex characters)."
    )
    findings: str = strawberry.field(description="What it found (at least 10 characters).")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The survey recorded.")
class RecordAerialSurveyPayload:
    survey: AerialSurvey = strawberry.field(description="The survey.")


@strawberry.input(description="Link a PBB-P2 tax object (NOP) to a development or one of its units.")
class LinkTaxObjectInput:
    development_id: strawberry.ID = strawberry.field(description="A `HousingDevelopment` ID.")
    nop: str = strawberry.field(
        description="NOP, 18 digits, with or without separators: `35.25.140.008.012-0034.0`. Its kecamatan part "
        "must match the development's kecamatan where it can be mapped."
    )
    unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="A `HousingUnit` ID; leave out for the development's own parcel."
    )


@strawberry.type(description="The link (the existing one when the same NOP was linked to the same object before).")
class LinkTaxObjectPayload:
    tax_object: TaxObjectLink = strawberry.field(description="The link.")


@strawberry.input(description="Remove an NOP link.")
class UnlinkTaxObjectInput:
    tax_object_id: strawberry.ID = strawberry.field(description="A `TaxObjectLink` ID.")


@strawberry.type(description="The development the link was removed from.")
class UnlinkTaxObjectPayload:
    development: HousingDevelopment = strawberry.field(description="The development.")
