"""Oversight of developments: problems found, aerial (drone) surveys, and links to PBB-P2 tax objects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.audit.chain import record
from core.auth import Principal
from core.db import utcnow
from core.errors import CettarError
from core.events import emit
from core.regions.models import Region
from plugins.rumahku_sip.access import MANAGE, is_agency_reader, require_staff
from plugins.rumahku_sip.errors import invalid
from plugins.rumahku_sip.models import Facility, Problem, ProblemKind, ProblemStatus, Survey, TaxObject, Unit
from plugins.rumahku_sip.nop import kecamatan_code, parse_nop
from plugins.rumahku_sip.service import (
    SOURCE,
    hectares_to_m2,
    idempotent,
    managed_development,
    past_date,
    required_text,
    visible_development,
)

STORAGE_KEY = re.compile(r"^[0-9a-f]{64}$")
MAX_SURVEY_HECTARES = 2_000.0


# -- problems ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProblemReport:
    development_id: int
    kind: ProblemKind
    description: str
    found_on: date
    facility_id: int | None = None
    survey_id: int | None = None
    idempotency_key: str | None = None


async def report_problem(session: AsyncSession, principal: Principal, report: ProblemReport) -> Problem:
    visible = await managed_development(session, principal, report.development_id, "input.developmentId")
    kind = ProblemKind(report.kind)
    description = required_text(report.description, "input.description", 2000, min_length=10)
    found_on = past_date(report.found_on, "input.foundOn")
    if report.facility_id is not None:
        facility = await session.get(Facility, report.facility_id)
        if facility is None or facility.development_id != visible.id:
            raise CettarError("NOT_FOUND", field="input.facilityId")
    elif kind is ProblemKind.PSU_NOT_BUILT:
        raise invalid(
            "input.facilityId",
            "Sebutkan PSU yang belum dibangun.",
            "Name the facility that was not built.",
        )
    if report.survey_id is not None:
        survey = await session.get(Survey, report.survey_id)
        if survey is None or survey.development_id != visible.id:
            raise CettarError("NOT_FOUND", field="input.surveyId")
    payload = {
        "development": visible.id,
        "kind": kind,
        "description": description,
        "found_on": found_on,
        "facility": report.facility_id,
        "survey": report.survey_id,
    }
    once = await idempotent(session, principal, report.idempotency_key, "rumahku_sip.report_problem", payload)
    if once.earlier is not None:
        earlier = await session.get(Problem, once.earlier)
        assert earlier is not None
        return earlier
    problem = Problem(
        development_id=visible.id,
        facility_id=report.facility_id,
        survey_id=report.survey_id,
        kind=kind,
        description=description,
        found_on=found_on,
        reported_by=principal.account_id,
    )
    session.add(problem)
    await session.flush()
    once.remember(session, problem.id)
    record(
        session,
        "rumahku_sip.problem_reported",
        target_type="DevelopmentProblem",
        target_id=problem.id,
        target_agency_id=visible.development.agency_id,
        detail={"kind": kind.value},
    )
    emit(
        session,
        "rumahku_sip.problem_reported",
        {"problem_id": problem.id, "development_id": visible.id, "kind": kind.value},
        source=SOURCE,
    )
    return problem


async def resolve_problem(session: AsyncSession, principal: Principal, problem_id: int, resolution: str) -> Problem:
    problem = await session.get(Problem, problem_id)
    if problem is None:
        raise CettarError("NOT_FOUND", field="input.problemId")
    visible = await managed_development(session, principal, problem.development_id, "input.problemId")
    if problem.status is ProblemStatus.RESOLVED:
        raise CettarError("HOUSING_PROBLEM_RESOLVED", field="input.problemId")
    problem.resolution = required_text(resolution, "input.resolution", 2000, min_length=10)
    problem.status = ProblemStatus.RESOLVED
    problem.resolved_at, problem.resolved_by = utcnow(), principal.account_id
    session.add(problem)
    await session.flush()
    record(
        session,
        "rumahku_sip.problem_resolved",
        target_type="DevelopmentProblem",
        target_id=problem.id,
        target_agency_id=visible.development.agency_id,
    )
    emit(
        session,
        "rumahku_sip.problem_resolved",
        {"problem_id": problem.id, "development_id": visible.id},
        source=SOURCE,
    )
    return problem


# -- aerial surveys ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyData:
    development_id: int
    flown_on: date
    operator: str
    area_hectares: float
    orthophoto: str
    findings: str
    idempotency_key: str | None = None


def check_orthophoto(value: str, field: str = "input.orthophoto") -> str:
    """An ``https://`` link to the orthophoto, or the storage key (SHA-256, hex) of the file."""
    cleaned = value.strip()
    if STORAGE_KEY.match(cleaned.lower()):
        return cleaned.lower()
    parts = urlsplit(cleaned)
    if parts.scheme != "https" or not parts.hostname or "." not in parts.hostname or len(cleaned) > 500:
        raise invalid(
            field,
            "Isi tautan https:// ke ortofoto atau kunci berkasnya (SHA-256, 64 karakter heksadesimal).",
            "Give an https:// link to the orthophoto or its file key (SHA-256, 64 hexadecimal characters).",
        )
    return cleaned


async def record_survey(session: AsyncSession, principal: Principal, data: SurveyData) -> Survey:
    visible = await managed_development(session, principal, data.development_id, "input.developmentId")
    flown_on = past_date(data.flown_on, "input.flownOn", not_before=date(2010, 1, 1))
    operator = required_text(data.operator, "input.operator", 120, min_length=3)
    area = hectares_to_m2(data.area_hectares, "input.areaHectares", maximum=MAX_SURVEY_HECTARES)
    orthophoto = check_orthophoto(data.orthophoto)
    findings = required_text(data.findings, "input.findings", 4000, min_length=10)
    payload = {
        "development": visible.id,
        "flown_on": flown_on,
        "operator": operator,
        "area": area,
        "orthophoto": orthophoto,
        "findings": findings,
    }
    once = await idempotent(session, principal, data.idempotency_key, "rumahku_sip.record_survey", payload)
    if once.earlier is not None:
        earlier = await session.get(Survey, once.earlier)
        assert earlier is not None
        return earlier
    survey = Survey(
        development_id=visible.id,
        flown_on=flown_on,
        operator=operator,
        area_m2=area,
        orthophoto=orthophoto,
        findings=findings,
        recorded_by=principal.account_id,
    )
    session.add(survey)
    await session.flush()
    once.remember(session, survey.id)
    record(
        session,
        "rumahku_sip.aerial_survey_recorded",
        target_type="AerialSurvey",
        target_id=survey.id,
        target_agency_id=visible.development.agency_id,
    )
    emit(
        session,
        "rumahku_sip.aerial_survey_recorded",
        {"survey_id": survey.id, "development_id": visible.id},
        source=SOURCE,
    )
    return survey


# -- tax objects (NOP) -------------------------------------------------------------------------


async def link_tax_object(
    session: AsyncSession, principal: Principal, development_id: int, nop_text: str, unit_id: int | None = None
) -> TaxObject:
    """Link an NOP to the development (its mother parcel) or to one of its units.

    Linking the same NOP to the same object again returns the existing link.
    """
    visible = await managed_development(session, principal, development_id, "input.developmentId")
    nop = parse_nop(nop_text)
    mapped = kecamatan_code(nop)
    if (
        mapped is not None
        and mapped != visible.development.kecamatan_code
        and await session.get(Region, mapped) is not None
    ):
        raise CettarError(
            "HOUSING_NOP_KECAMATAN_MISMATCH",
            field="input.nop",
            nop=nop.formatted,
            nop_kecamatan=mapped,
            kecamatan=visible.development.kecamatan_code,
        )
    if unit_id is not None:
        unit = await session.get(Unit, unit_id)
        if unit is None or unit.development_id != visible.id:
            raise CettarError("NOT_FOUND", field="input.unitId")
    existing = (await session.execute(select(TaxObject).where(col(TaxObject.nop) == nop.digits))).scalar_one_or_none()
    if existing is not None:
        if existing.development_id == visible.id and existing.unit_id == unit_id:
            return existing
        raise CettarError("HOUSING_NOP_ALREADY_LINKED", field="input.nop", nop=nop.formatted)
    if unit_id is not None:
        other = await session.execute(select(col(TaxObject.nop)).where(col(TaxObject.unit_id) == unit_id))
        if other.first():
            raise CettarError(
                "CONFLICT",
                field="input.unitId",
                message_id="Unit ini sudah terhubung dengan NOP lain; lepaskan dahulu.",
                message_en="This unit is already linked to another NOP; unlink it first.",
            )
    link = TaxObject(development_id=visible.id, unit_id=unit_id, nop=nop.digits, linked_by=principal.account_id)
    session.add(link)
    await session.flush()
    record(
        session,
        "rumahku_sip.tax_object_linked",
        target_type="TaxObjectLink",
        target_id=link.id,
        target_agency_id=visible.development.agency_id,
    )
    emit(
        session,
        "rumahku_sip.tax_object_linked",
        {"tax_object_id": link.id, "development_id": visible.id, "unit_id": unit_id, "nop": nop.digits},
        source=SOURCE,
    )
    return link


async def unlink_tax_object(session: AsyncSession, principal: Principal, tax_object_id: int) -> int:
    """Remove an NOP link; returns the development it belonged to."""
    link = await session.get(TaxObject, tax_object_id)
    if link is None:
        raise CettarError("NOT_FOUND", field="input.taxObjectId")
    visible = await visible_development(session, principal, link.development_id, "input.taxObjectId")
    if not is_agency_reader(principal, visible.development.agency_id):
        raise CettarError("NOT_FOUND", field="input.taxObjectId")  # a developer does not see NOP links
    require_staff(principal, visible.development.agency_id, MANAGE)
    await session.delete(link)
    await session.flush()
    record(
        session,
        "rumahku_sip.tax_object_unlinked",
        target_type="TaxObjectLink",
        target_id=tax_object_id,
        target_agency_id=visible.development.agency_id,
    )
    emit(
        session,
        "rumahku_sip.tax_object_unlinked",
        {"tax_object_id": tax_object_id, "development_id": visible.id},
        source=SOURCE,
    )
    return visible.id
