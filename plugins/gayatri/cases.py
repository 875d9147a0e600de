"""Case reports: a cadre reports; the responsible agency triages, routes, follows up and resolves.

Every step writes a timeline entry (who, when, note), an audit record, a domain
event and a notification for the reporting cadre, in the caller's transaction.
A step changes the status with a conditional ``UPDATE … WHERE status IN (…)``, so
two officers acting at once cannot both move the same case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.access import require
from core.audit.chain import record
from core.auth import Principal
from core.db import utcnow
from core.errors import CettarError
from core.events import emit
from core.notifications import notify
from core.regions.models import Agency, Region
from plugins.gayatri import domain
from plugins.gayatri.access import can_read_case, can_read_child, visible_cases
from plugins.gayatri.domain import STATUS_LABELS, CasePriority, CaseStatus, CaseStep, CaseType
from plugins.gayatri.models import Case, CaseEntry, Child
from plugins.gayatri.service import (
    HANDLE_CASES,
    agency_id,
    agency_ids,
    check_kelurahan,
    once,
    require_cadre,
    required_text,
    text,
)

EMERGENCY_EVENT = "gayatri.emergency_reported"
STEP_LABELS: dict[CaseStep, tuple[str, str]] = {
    CaseStep.TRIAGED: ("ditriase", "triaged"),
    CaseStep.ROUTED: ("diteruskan", "routed"),
    CaseStep.FOLLOW_UP: ("ditindaklanjuti", "followed up"),
    CaseStep.RESOLVED: ("diselesaikan", "resolved"),
}


@dataclass(frozen=True)
class CaseFilter:
    status: CaseStatus | None = None
    case_type: CaseType | None = None
    priority: CasePriority | None = None
    kelurahan_code: str | None = None
    child_id: int | None = None


def cases_query(principal: Principal, filter: CaseFilter | None = None) -> Select[Any]:
    """The cases ``principal`` may see: their own reports (cadre), their agency's (staff), all (province)."""
    statement = visible_cases(select(Case), principal)
    f = filter or CaseFilter()
    if f.status is not None:
        statement = statement.where(col(Case.status) == f.status)
    if f.case_type is not None:
        statement = statement.where(col(Case.case_type) == f.case_type)
    if f.priority is not None:
        statement = statement.where(col(Case.priority) == f.priority)
    if f.kelurahan_code is not None:
        statement = statement.where(col(Case.kelurahan_code) == f.kelurahan_code.strip())
    if f.child_id is not None:
        statement = statement.where(col(Case.child_id) == f.child_id)
    return statement


async def visible_case(session: AsyncSession, principal: Principal, case_id: int) -> Case:
    case = await session.get(Case, case_id)
    require(case is not None and can_read_case(principal, case))
    assert case is not None
    return case


def case_number(case_id: int, at: datetime) -> str:
    return f"GYT-{at:%y%m%d}-{case_id:06d}"


# -- reporting -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportData:
    case_type: CaseType
    description: str
    kelurahan_code: str | None = None
    child_id: int | None = None
    subject_name: str | None = None
    address: str | None = None
    idempotency_key: str | None = None


async def report_case(session: AsyncSession, principal: Principal, data: ReportData) -> Case:
    """A cadre reports a case in their kelurahan; it goes to the agency responsible for its type."""
    cadre = await require_cadre(session, principal)
    reporter, cadre_id = principal.account_id, cadre.id
    assert reporter is not None and cadre_id is not None
    kelurahan = cadre.kelurahan_code
    if data.kelurahan_code is not None:
        kelurahan = (await check_kelurahan(session, data.kelurahan_code, "input.kelurahanCode")).code
        if kelurahan != cadre.kelurahan_code:
            raise CettarError("GAYATRI_OUTSIDE_KELURAHAN", field="input.kelurahanCode", kelurahan=kelurahan)
    description = required_text(data.description, "input.description", max_length=4000)
    subject = text(data.subject_name, "input.subjectName", max_length=120, required=False)
    address = text(data.address, "input.address", max_length=200, required=False)
    if data.child_id is not None:
        child = await session.get(Child, data.child_id)
        if child is None or not can_read_child(principal, child, cadre):
            raise CettarError("NOT_FOUND", field="input.childId")
    responsible = await agency_id(session, domain.ROUTING[data.case_type])
    emergency = data.case_type is CaseType.HEALTH_EMERGENCY

    async def create() -> Case:
        now = utcnow()
        case = Case(
            case_type=data.case_type,
            status=CaseStatus.REPORTED,
            priority=CasePriority.EMERGENCY if emergency else None,
            kelurahan_code=kelurahan,
            reporter_id=reporter,
            cadre_id=cadre_id,
            child_id=data.child_id,
            agency_id=responsible,
            subject_name=subject,
            address=address,
            description=description,
            reported_at=now,
            updated_at=now,
        )
        session.add(case)
        await session.flush()
        assert case.id is not None
        case.number = case_number(case.id, now)
        session.add(
            CaseEntry(
                case_id=case.id,
                step=CaseStep.REPORTED,
                status=CaseStatus.REPORTED,
                actor_id=principal.account_id,
                agency_id=responsible,
                priority=case.priority,
                at=now,
            )
        )
        await session.flush()
        record(
            session,
            "gayatri.case_reported",
            target_type="GayatriCase",
            target_id=case.id,
            target_agency_id=responsible,
            detail={"case_type": data.case_type.value},
        )
        payload = {"case_id": case.id, "agency_id": responsible, "case_type": data.case_type.value}
        emit(session, "gayatri.case_reported", payload, source="gayatri")
        if emergency:
            emit(session, EMERGENCY_EVENT, {"case_id": case.id, "agency_id": responsible}, source="gayatri")
        return case

    return await once(
        session,
        principal,
        key=data.idempotency_key,
        operation="reportGayatriCase",
        payload={
            "t": data.case_type.value,
            "d": description,
            "k": kelurahan,
            "c": data.child_id,
            "s": subject,
            "a": address,
        },
        load=lambda pk: session.get(Case, pk),
        create=create,
        target_id=lambda case: case.id,
    )


# -- handling --------------------------------------------------------------------------------


async def _handled_case(session: AsyncSession, principal: Principal, case_id: int) -> Case:
    """A case of the principal's own agency (``NOT_FOUND`` otherwise); ``FORBIDDEN`` without the permission."""
    if not principal.has(HANDLE_CASES):
        raise CettarError("FORBIDDEN")
    case = await session.get(Case, case_id)
    require(case is not None and principal.is_staff and principal.in_agency(case.agency_id))
    assert case is not None
    return case


async def _advance(
    session: AsyncSession,
    principal: Principal,
    case: Case,
    step: CaseStep,
    *,
    note: str | None,
    values: dict[str, Any] | None = None,
    entry: dict[str, Any] | None = None,
) -> Case:
    """Move ``case`` by ``step`` if its status allows it, with its entry, audit, event and notification."""
    sources, target = domain.TRANSITIONS[step]
    assert case.id is not None
    now = utcnow()
    changes: dict[str, Any] = {"status": target, "updated_at": now, **(values or {})}
    result = await session.execute(
        update(Case)
        .where(col(Case.id) == case.id, col(Case.status).in_([s.value for s in sources]))
        .values(**changes)
        .execution_options(synchronize_session=False)
    )
    if not getattr(result, "rowcount", 0):
        await session.refresh(case)
        status_id, status_en = STATUS_LABELS[case.status]
        step_id, step_en = STEP_LABELS[step]
        raise CettarError(
            "GAYATRI_INVALID_TRANSITION",
            field="input.caseId",
            status_id=status_id,
            status_en=status_en,
            step_id=step_id,
            step_en=step_en,
        )
    await session.refresh(case)
    session.add(
        CaseEntry(
            case_id=case.id,
            step=step,
            status=target,
            actor_id=principal.account_id,
            actor_agency_id=principal.agency_id,
            note=note,
            at=now,
            **(entry or {}),
        )
    )
    await session.flush()
    record(
        session,
        f"gayatri.case_{step.value}",
        target_type="GayatriCase",
        target_id=case.id,
        target_agency_id=case.agency_id,
        detail={"status": target.value},
    )
    emit(
        session,
        "gayatri.case_status_changed",
        {"case_id": case.id, "status": target.value, "agency_id": case.agency_id},
        source="gayatri",
    )
    label_id, label_en = STATUS_LABELS[target]
    await notify(
        session,
        account_id=case.reporter_id,
        kind="gayatri.case_status_changed",
        title=(f"Laporan {case.number}: {label_id}", f"Report {case.number}: {label_en}"),
        body=(
            f"Laporan GAYATRI {case.number} kini berstatus {label_id}.",
            f"GAYATRI report {case.number} is now {label_en}.",
        ),
        source="gayatri",
        target_type="GayatriCase",
        target_key=str(case.id),
    )
    return case


async def triage_case(
    session: AsyncSession,
    principal: Principal,
    case_id: int,
    *,
    priority: CasePriority,
    case_type: CaseType | None = None,
    note: str | None = None,
) -> Case:
    """Set the priority (and correct the type) of a reported case."""
    case = await _handled_case(session, principal, case_id)
    cleaned = text(note, "input.note", max_length=2000, required=False)
    values: dict[str, Any] = {"priority": priority}
    entry: dict[str, Any] = {"priority": priority}
    reclassified = case_type is not None and case_type is not case.case_type
    if reclassified:
        values["case_type"] = case_type
        entry["case_type"] = case_type
    case = await _advance(session, principal, case, CaseStep.TRIAGED, note=cleaned, values=values, entry=entry)
    if reclassified and case_type is CaseType.HEALTH_EMERGENCY:
        emit(session, EMERGENCY_EVENT, {"case_id": case.id, "agency_id": case.agency_id}, source="gayatri")
    return case


async def route_case(
    session: AsyncSession,
    principal: Principal,
    case_id: int,
    *,
    agency_code: str | None = None,
    note: str | None = None,
) -> Case:
    """Send a triaged case to the agency responsible for its type (or to another GAYATRI agency named)."""
    case = await _handled_case(session, principal, case_id)
    cleaned = text(note, "input.note", max_length=2000, required=False)
    code = (agency_code or domain.ROUTING[case.case_type]).strip()
    if code not in domain.CASE_AGENCIES:
        raise CettarError(
            "GAYATRI_ROUTE_TARGET_INVALID", field="input.agencyCode", agencies=", ".join(domain.CASE_AGENCIES)
        )
    target = (await agency_ids(session, (code,)))[code]
    case = await _advance(
        session,
        principal,
        case,
        CaseStep.ROUTED,
        note=cleaned,
        values={"agency_id": target},
        entry={"agency_id": target},
    )
    if case.case_type is CaseType.HEALTH_EMERGENCY and target != principal.agency_id:
        # the agency now responsible hears of the emergency at once too
        emit(session, EMERGENCY_EVENT, {"case_id": case.id, "agency_id": target}, source="gayatri")
    return case


async def add_follow_up(
    session: AsyncSession, principal: Principal, case_id: int, *, note: str, idempotency_key: str | None = None
) -> Case:
    """A follow-up note by the responsible agency; the case is (or stays) in follow-up."""
    case = await _handled_case(session, principal, case_id)
    cleaned = required_text(note, "input.note", max_length=2000)

    async def create() -> Case:
        return await _advance(session, principal, case, CaseStep.FOLLOW_UP, note=cleaned)

    async def load(pk: int) -> Case | None:
        return await session.get(Case, pk)

    return await once(
        session,
        principal,
        key=idempotency_key,
        operation="addGayatriCaseFollowUp",
        payload={"c": case.id, "n": cleaned},
        load=load,
        create=create,
        target_id=lambda c: c.id,
    )


async def resolve_case(session: AsyncSession, principal: Principal, case_id: int, *, resolution: str) -> Case:
    """Close a case in follow-up with what was done."""
    case = await _handled_case(session, principal, case_id)
    cleaned = required_text(resolution, "input.resolution", max_length=2000)
    return await _advance(session, principal, case, CaseStep.RESOLVED, note=cleaned, values={"resolved_at": utcnow()})


# -- emergencies pushed to subscribers -------------------------------------------------------


@dataclass(frozen=True)
class EmergencyFacts:
    case_id: int
    number: str
    case_type: CaseType
    kelurahan_code: str
    kelurahan_name: str
    agency_code: str
    reported_at: datetime


async def emergency_facts(session: AsyncSession, case_id: int, agency_id: int) -> EmergencyFacts | None:
    """What a ``gayatri.emergency_reported`` event shows its subscribers (no personal data)."""
    row = (
        await session.execute(
            select(Case, col(Region.name), col(Agency.code))
            .join(Region, col(Region.code) == col(Case.kelurahan_code))
            .join(Agency, col(Agency.id) == agency_id)
            .where(col(Case.id) == case_id)
        )
    ).first()
    if row is None:
        return None
    case, kelurahan_name, agency_code = row
    assert case.id is not None
    return EmergencyFacts(
        case_id=case.id,
        number=case.number,
        case_type=case.case_type,
        kelurahan_code=case.kelurahan_code,
        kelurahan_name=str(kelurahan_name),
        agency_code=str(agency_code),
        reported_at=case.reported_at,
    )
