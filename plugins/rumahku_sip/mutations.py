"""Root mutation fields: decode the input, call the service in the request's unit of work, build the payload.

Who may call each is checked in the service (``access.require_staff`` and the
development's visibility), so a refusal is the same from GraphQL, the CLI or a test.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import strawberry
from strawberry.extensions.field_extension import FieldExtension

from core.auth import Principal
from core.plugins import PluginManager
from core.storage import UploadLike
from plugins.rumahku_sip import inputs, monitoring, psu, service
from plugins.rumahku_sip.models import Development
from plugins.rumahku_sip.resolvers import key, required_key
from plugins.rumahku_sip.settings import RumahkuSipSettings
from plugins.rumahku_sip.types import (
    AerialSurvey,
    DevelopmentPermit,
    DevelopmentProblem,
    HousingDeveloper,
    HousingDevelopment,
    HousingUnit,
    PsuHandover,
    PublicFacility,
    TaxObjectLink,
)
from schema import Info, IsAuthenticated, Upload, allow


def signed_in() -> list[FieldExtension]:
    """Anyone signed in; the service decides the rest (a fresh extension for each field)."""
    return [allow(IsAuthenticated())]


def uploads(files: list[Upload] | None) -> Sequence[UploadLike]:
    """The multipart files (Starlette ``UploadFile`` objects at run time, typed as ``Upload``)."""
    return cast("Sequence[UploadLike]", files or [])


def _principal(info: Info) -> Principal:
    return info.context.principal


def agency_code(plugins: PluginManager) -> str:
    settings = plugins.get("rumahku_sip").settings
    assert isinstance(settings, RumahkuSipSettings)
    return settings.agency_code


def _files(info: Info) -> psu.Files:
    runtime = info.context.runtime
    return psu.Files(storage=runtime.storage, max_bytes=int(runtime.settings.max_attachment_mib * 2**20))


def _development(info: Info, row: Development) -> HousingDevelopment:
    return HousingDevelopment.build(row, _principal(info))


# -- developers --------------------------------------------------------------------------------


@strawberry.mutation(
    description="Register a housing developer (Disperkim Gresik staff with `rumahku_sip.manage`).",
    extensions=signed_in(),
)
async def register_housing_developer(
    info: Info, input: inputs.RegisterHousingDeveloperInput
) -> inputs.RegisterHousingDeveloperPayload:
    data = service.DeveloperData(
        name=input.name,
        nib=input.nib,
        association=input.association,
        office_address=input.office_address,
        idempotency_key=input.idempotency_key,
    )
    async with info.context.db() as session:
        row = await service.register_developer(
            session, _principal(info), agency_code(info.context.runtime.plugins), data
        )
    return inputs.RegisterHousingDeveloperPayload(developer=HousingDeveloper.build(row))


@strawberry.mutation(
    description="Let a citizen account act for a developer: it then sees the developer's developments and proposes "
    "their PSU handovers. `username: null` removes the link.",
    extensions=signed_in(),
)
async def link_developer_account(
    info: Info, input: inputs.LinkDeveloperAccountInput
) -> inputs.LinkDeveloperAccountPayload:
    developer_id = required_key(input.developer_id, "HousingDeveloper", "input.developerId")
    async with info.context.db() as session:
        row = await service.link_developer_account(session, _principal(info), developer_id, input.username)
    return inputs.LinkDeveloperAccountPayload(developer=HousingDeveloper.build(row))


# -- developments ------------------------------------------------------------------------------


@strawberry.mutation(
    description="Register a housing development in a desa/kelurahan of Gresik, with its permits and boundary.",
    extensions=signed_in(),
)
async def register_housing_development(
    info: Info, input: inputs.RegisterHousingDevelopmentInput
) -> inputs.RegisterHousingDevelopmentPayload:
    data = service.DevelopmentData(
        developer_id=required_key(input.developer_id, "HousingDeveloper", "input.developerId"),
        name=input.name,
        desa_code=input.desa_code,
        address=input.address,
        segment=input.segment,
        status=input.status,
        planned_units=input.planned_units,
        land_area_hectares=input.land_area_hectares,
        boundary=input.boundary,
        permits=[service.PermitData(p.kind, p.number, p.issued_on) for p in input.permits],
        idempotency_key=input.idempotency_key,
    )
    async with info.context.db() as session:
        row = await service.register_development(
            session, _principal(info), agency_code(info.context.runtime.plugins), data
        )
    return inputs.RegisterHousingDevelopmentPayload(development=_development(info, row))


@strawberry.mutation(
    description="Change a development's name, address, status, plan, area or boundary.", extensions=signed_in()
)
async def update_housing_development(
    info: Info, input: inputs.UpdateHousingDevelopmentInput
) -> inputs.UpdateHousingDevelopmentPayload:
    development_id = required_key(input.development_id, "HousingDevelopment", "input.developmentId")
    changes = service.DevelopmentChanges(
        name=input.name,
        address=input.address,
        status=input.status,
        planned_units=input.planned_units,
        land_area_hectares=input.land_area_hectares,
        boundary=input.boundary,
    )
    async with info.context.db() as session:
        row = await service.update_development(session, _principal(info), development_id, changes)
    return inputs.UpdateHousingDevelopmentPayload(development=_development(info, row))


@strawberry.mutation(description="Add a permit (PBG, site plan, KKPR) to a development.", extensions=signed_in())
async def add_development_permit(
    info: Info, input: inputs.AddDevelopmentPermitInput
) -> inputs.AddDevelopmentPermitPayload:
    development_id = required_key(input.development_id, "HousingDevelopment", "input.developmentId")
    permit = service.PermitData(input.kind, input.number, input.issued_on)
    async with info.context.db() as session:
        development, row = await service.add_permit(session, _principal(info), development_id, permit)
    return inputs.AddDevelopmentPermitPayload(
        development=_development(info, development), permit=DevelopmentPermit.build(row)
    )


@strawberry.mutation(description="Record 1-100 houses of a development.", extensions=signed_in())
async def add_housing_units(info: Info, input: inputs.AddHousingUnitsInput) -> inputs.AddHousingUnitsPayload:
    development_id = required_key(input.development_id, "HousingDevelopment", "input.developmentId")
    units = [service.UnitData(u.block, u.number, u.house_type, u.status) for u in input.units]
    async with info.context.db() as session:
        development, rows = await service.add_units(
            session, _principal(info), development_id, units, input.idempotency_key
        )
    return inputs.AddHousingUnitsPayload(
        development=_development(info, development), units=[HousingUnit(row=row) for row in rows]
    )


@strawberry.mutation(description="Change a house's status.", extensions=signed_in())
async def update_housing_unit(info: Info, input: inputs.UpdateHousingUnitInput) -> inputs.UpdateHousingUnitPayload:
    unit_id = required_key(input.unit_id, "HousingUnit", "input.unitId")
    async with info.context.db() as session:
        row = await service.update_unit(session, _principal(info), unit_id, input.status)
    return inputs.UpdateHousingUnitPayload(unit=HousingUnit(row=row))


# -- PSU and handovers -------------------------------------------------------------------------


@strawberry.mutation(description="Record a public or social facility (PSU) of a development.", extensions=signed_in())
async def add_public_facility(info: Info, input: inputs.AddPublicFacilityInput) -> inputs.AddPublicFacilityPayload:
    data = psu.FacilityData(
        development_id=required_key(input.development_id, "HousingDevelopment", "input.developmentId"),
        kind=input.kind,
        name=input.name,
        area_m2=input.area_m2,
        built=input.built,
        idempotency_key=input.idempotency_key,
    )
    async with info.context.db() as session:
        row = await psu.add_facility(session, _principal(info), data)
    return inputs.AddPublicFacilityPayload(facility=PublicFacility(row=row))


@strawberry.mutation(
    description="Change a facility (name, area, built) while it is in no pending or completed handover.",
    extensions=signed_in(),
)
async def update_public_facility(
    info: Info, input: inputs.UpdatePublicFacilityInput
) -> inputs.UpdatePublicFacilityPayload:
    facility_id = required_key(input.facility_id, "PublicFacility", "input.facilityId")
    async with info.context.db() as session:
        row = await psu.update_facility(
            session, _principal(info), facility_id, name=input.name, area_m2=input.area_m2, built=input.built
        )
    return inputs.UpdatePublicFacilityPayload(facility=PublicFacility(row=row))


@strawberry.mutation(
    description="Propose the handover of built PSU to the kabupaten, with documents: the developer's account, or "
    "Disperkim staff on its behalf. Emits `rumahku_sip.psu_handover_proposed`.",
    extensions=signed_in(),
)
async def propose_psu_handover(info: Info, input: inputs.ProposePsuHandoverInput) -> inputs.ProposePsuHandoverPayload:
    proposal = psu.Proposal(
        development_id=required_key(input.development_id, "HousingDevelopment", "input.developmentId"),
        facility_ids=[
            required_key(i, "PublicFacility", f"input.facilityIds.{n}") for n, i in enumerate(input.facility_ids)
        ],
        note=input.note,
        documents=uploads(input.documents),
        idempotency_key=input.idempotency_key,
    )
    async with info.context.db() as session:
        row = await psu.propose(session, _principal(info), _files(info), proposal)
    return inputs.ProposePsuHandoverPayload(handover=PsuHandover(row=row))


@strawberry.mutation(
    description="Record the field verification of a proposed handover (`rumahku_sip.verify_psu`).",
    extensions=signed_in(),
)
async def verify_psu_handover(info: Info, input: inputs.VerifyPsuHandoverInput) -> inputs.VerifyPsuHandoverPayload:
    handover_id = required_key(input.handover_id, "PsuHandover", "input.handoverId")
    async with info.context.db() as session:
        row = await psu.verify(
            session,
            _principal(info),
            _files(info),
            handover_id,
            field_verified_on=input.field_verified_on,
            notes=input.notes,
            documents=uploads(input.documents),
        )
    return inputs.VerifyPsuHandoverPayload(handover=PsuHandover(row=row))


@strawberry.mutation(
    description="Complete a verified handover with its BAST (`rumahku_sip.verify_psu`). "
    "Emits `rumahku_sip.psu_handed_over`.",
    extensions=signed_in(),
)
async def complete_psu_handover(
    info: Info, input: inputs.CompletePsuHandoverInput
) -> inputs.CompletePsuHandoverPayload:
    handover_id = required_key(input.handover_id, "PsuHandover", "input.handoverId")
    async with info.context.db() as session:
        row = await psu.complete(
            session,
            _principal(info),
            _files(info),
            handover_id,
            bast_number=input.bast_number,
            bast_date=input.bast_date,
            documents=uploads(input.documents),
        )
    return inputs.CompletePsuHandoverPayload(handover=PsuHandover(row=row))


@strawberry.mutation(
    description="Refuse a proposed or verified handover with a reason (`rumahku_sip.verify_psu`); the facilities "
    "may be proposed again.",
    extensions=signed_in(),
)
async def refuse_psu_handover(info: Info, input: inputs.RefusePsuHandoverInput) -> inputs.RefusePsuHandoverPayload:
    handover_id = required_key(input.handover_id, "PsuHandover", "input.handoverId")
    async with info.context.db() as session:
        row = await psu.refuse(
            session,
            _principal(info),
            _files(info),
            handover_id,
            reason=input.reason,
            documents=uploads(input.documents),
        )
    return inputs.RefusePsuHandoverPayload(handover=PsuHandover(row=row))


# -- problems, surveys, tax objects ------------------------------------------------------------


@strawberry.mutation(
    description="Report a problem at a development: abandoned, PSU not built, change of use.", extensions=signed_in()
)
async def report_development_problem(
    info: Info, input: inputs.ReportDevelopmentProblemInput
) -> inputs.ReportDevelopmentProblemPayload:
    report = monitoring.ProblemReport(
        development_id=required_key(input.development_id, "HousingDevelopment", "input.developmentId"),
        kind=input.kind,
        description=input.description,
        found_on=input.found_on,
        facility_id=key(input.facility_id, "PublicFacility", "input.facilityId"),
        survey_id=key(input.survey_id, "AerialSurvey", "input.surveyId"),
        idempotency_key=input.idempotency_key,
    )
    async with info.context.db() as session:
        row = await monitoring.report_problem(session, _principal(info), report)
    return inputs.ReportDevelopmentProblemPayload(problem=DevelopmentProblem(row=row))


@strawberry.mutation(description="Mark an open problem resolved, saying how.", extensions=signed_in())
async def resolve_development_problem(
    info: Info, input: inputs.ResolveDevelopmentProblemInput
) -> inputs.ResolveDevelopmentProblemPayload:
    problem_id = required_key(input.problem_id, "DevelopmentProblem", "input.problemId")
    async with info.context.db() as session:
        row = await monitoring.resolve_problem(session, _principal(info), problem_id, input.resolution)
    return inputs.ResolveDevelopmentProblemPayload(problem=DevelopmentProblem(row=row))


@strawberry.mutation(description="Record an aerial (drone) survey of a development.", extensions=signed_in())
async def record_aerial_survey(info: Info, input: inputs.RecordAerialSurveyInput) -> inputs.RecordAerialSurveyPayload:
    data = monitoring.SurveyData(
        development_id=required_key(input.development_id, "HousingDevelopment", "input.developmentId"),
        flown_on=input.flown_on,
        operator=input.operator,
        area_hectares=input.area_hectares,
        orthophoto=input.orthophoto,
        findings=input.findings,
        idempotency_key=input.idempotency_key,
    )
    async with info.context.db() as session:
        row = await monitoring.record_survey(session, _principal(info), data)
    return inputs.RecordAerialSurveyPayload(survey=AerialSurvey(row=row))


@strawberry.mutation(
    description="Link a PBB-P2 tax object (NOP, validated) to a development or one of its units.",
    extensions=signed_in(),
)
async def link_tax_object(info: Info, input: inputs.LinkTaxObjectInput) -> inputs.LinkTaxObjectPayload:
    development_id = required_key(input.development_id, "HousingDevelopment", "input.developmentId")
    unit_id = key(input.unit_id, "HousingUnit", "input.unitId")
    async with info.context.db() as session:
        row = await monitoring.link_tax_object(session, _principal(info), development_id, input.nop, unit_id)
    return inputs.LinkTaxObjectPayload(tax_object=TaxObjectLink(row=row))


@strawberry.mutation(description="Remove an NOP link.", extensions=signed_in())
async def unlink_tax_object(info: Info, input: inputs.UnlinkTaxObjectInput) -> inputs.UnlinkTaxObjectPayload:
    tax_object_id = required_key(input.tax_object_id, "TaxObjectLink", "input.taxObjectId")
    async with info.context.db() as session:
        development_id = await monitoring.unlink_tax_object(session, _principal(info), tax_object_id)
        row = await session.get(Development, development_id)
    assert row is not None
    return inputs.UnlinkTaxObjectPayload(development=_development(info, row))


MUTATIONS = (
    register_housing_developer,
    link_developer_account,
    register_housing_development,
    update_housing_development,
    add_development_permit,
    add_housing_units,
    update_housing_unit,
    add_public_facility,
    update_public_facility,
    propose_psu_handover,
    verify_psu_handover,
    complete_psu_handover,
    refuse_psu_handover,
    report_development_problem,
    resolve_development_problem,
    record_aerial_survey,
    link_tax_object,
    unlink_tax_object,
)
