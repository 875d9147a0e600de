"""Root fields of the survey: thin — arguments in, a service call, a typed result or a typed error out."""

from __future__ import annotations

import re
from typing import Annotated

import strawberry
from graphql.language import FieldNode
from sqlalchemy import select
from sqlmodel import col

from core.auth import Principal, Role
from core.errors import CettarError
from core.regions.models import Agency, Region, RegionKind
from plugins.kinerja.models import SurveyResponse
from plugins.kinerja.period import PeriodInput, check_period
from plugins.kinerja.survey import service, stats
from plugins.kinerja.survey.inputs import AnswerSatisfactionSurveyInput, AnswerSatisfactionSurveyPayload
from plugins.kinerja.survey.types import SatisfactionComment, SatisfactionIndex, SatisfactionSurvey
from schema import Connection, HasPermission, HasRole, Info, allow, decode_int_id, paginate

#: Read the survey comments of one's own agency (the province admin: of every agency).
READ_COMMENTS = "kinerja.survey_comments"
CITIZEN = HasRole(Role.CITIZEN)
REGION_CODE = re.compile(r"35(\.\d{2})?")


def _principal(info: Info) -> Principal:
    return info.context.principal


def _ref(
    application_id: strawberry.ID | None,
    complaint_id: strawberry.ID | None,
    tracking_number: str | None,
    prefix: str,
) -> service.SubjectRef:
    return service.SubjectRef(
        application_id=None
        if application_id is None
        else decode_int_id(str(application_id), "Application", f"{prefix}applicationId"),
        complaint_id=None
        if complaint_id is None
        else decode_int_id(str(complaint_id), "Complaint", f"{prefix}complaintId"),
        tracking_number=tracking_number,
        prefix=prefix,
    )


def _alone(info: Info) -> bool:
    """Whether this field is the operation's only root field."""
    selections = info.operation.selection_set.selections
    return len(selections) == 1 and isinstance(selections[0], FieldNode)


# -- the citizen -------------------------------------------------------------------------------------


@strawberry.mutation(
    description="Answer the satisfaction survey (SKM, PermenPANRB 14/2017) of your application once it was picked up "
    "or delivered, or of your complaint once it is closed: nine scores 1-4 and an optional comment, once per "
    "application or complaint. A complaint's survey names no respondent anywhere.",
    extensions=[allow(CITIZEN)],
)
async def answer_satisfaction_survey(
    info: Info, input: AnswerSatisfactionSurveyInput
) -> AnswerSatisfactionSurveyPayload:
    ref = _ref(input.application_id, input.complaint_id, input.tracking_number, "input.")
    answer = service.Answer(input.scores.values(), input.comment, input.idempotency_key)
    async with info.context.db() as session:
        state = await service.answer_survey(
            session, info.context.runtime, _principal(info), ref, answer, alone=_alone(info)
        )
    return AnswerSatisfactionSurveyPayload(survey=SatisfactionSurvey.build(state))


@strawberry.field(
    description="The satisfaction survey of one of your applications or complaints: answered or not, and whether "
    "you may answer it now. Give exactly one of `applicationId`, `complaintId` or `trackingNumber`. Someone "
    "else's application is NOT_FOUND.",
    extensions=[allow(CITIZEN)],
)
async def my_satisfaction_survey(
    info: Info,
    application_id: Annotated[strawberry.ID | None, strawberry.argument(description="Your application.")] = None,
    complaint_id: Annotated[strawberry.ID | None, strawberry.argument(description="Your complaint.")] = None,
    tracking_number: Annotated[
        str | None, strawberry.argument(description="Or its tracking number (`LYN-…`, `ADU-…`).")
    ] = None,
) -> SatisfactionSurvey:
    ref = _ref(application_id, complaint_id, tracking_number, "")
    async with info.context.db() as session:
        state = await service.state(session, _principal(info), ref)
    return SatisfactionSurvey.build(state)


# -- the figures -------------------------------------------------------------------------------------


async def _agency_id(info: Info, code: str | None, field: str = "agencyCode") -> int | None:
    if code is None:
        return None
    cleaned = code.strip()
    async with info.context.db() as session:
        found = (await session.execute(select(col(Agency.id)).where(col(Agency.code) == cleaned))).scalar()
    if found is None:
        raise CettarError(
            "NOT_FOUND",
            field=field,
            message_id=f"Instansi {cleaned!r} tidak dikenal.",
            message_en=f"There is no agency {cleaned!r}.",
        )
    return int(found)


async def _region(info: Info, code: str | None, field: str = "regionCode") -> str | None:
    if code is None:
        return None
    cleaned = code.strip()
    if not REGION_CODE.fullmatch(cleaned):
        raise CettarError(
            "VALIDATION_FAILED",
            field=field,
            message_id="Wilayah harus provinsi (35) atau kabupaten/kota (mis. 35.78).",
            message_en="The region must be the province (35) or a kabupaten/kota (e.g. 35.78).",
        )
    async with info.context.db() as session:
        kind = (await session.execute(select(col(Region.kind)).where(col(Region.code) == cleaned))).scalar()
    if kind not in (RegionKind.PROVINSI, RegionKind.KABUPATEN, RegionKind.KOTA):
        raise CettarError(
            "NOT_FOUND",
            field=field,
            message_id=f"Wilayah {cleaned} tidak ada.",
            message_en=f"There is no region {cleaned}.",
        )
    return cleaned


def _service(info: Info, code: str | None, field: str = "serviceCode") -> str | None:
    if code is None:
        return None
    cleaned = code.strip()
    if info.context.runtime.services.get(cleaned) is None:
        raise CettarError(
            "NOT_FOUND",
            field=field,
            message_id=f"Layanan {cleaned!r} tidak ada dalam katalog.",
            message_en=f"There is no service {cleaned!r} in the catalog.",
        )
    return cleaned


@strawberry.field(
    description="The community satisfaction index (IKM) of the surveys answered in a period (WIB days), public: of "
    "every agency, or of one agency (`agencyCode`), a region (`regionCode`: `35` the province, `35.78` Kota "
    "Surabaya — the agencies of that region), a service (`serviceCode`: its applications); the filters combine."
)
async def satisfaction_index(
    info: Info,
    period: Annotated[PeriodInput, strawberry.argument(description="The days the surveys were answered on.")],
    agency_code: Annotated[str | None, strawberry.argument(description="The serving agency's code.")] = None,
    region_code: Annotated[str | None, strawberry.argument(description="`35` or a kabupaten/kota code.")] = None,
    service_code: Annotated[str | None, strawberry.argument(description="A catalog service code.")] = None,
) -> SatisfactionIndex:
    checked = check_period(period)
    agency_id = await _agency_id(info, agency_code)
    region = await _region(info, region_code)
    service_filter = _service(info, service_code)
    async with info.context.db() as session:
        result = await stats.satisfaction(
            session,
            checked,
            agency_ids=None if agency_id is None else [agency_id],
            region_code=region,
            service_code=service_filter,
        )
    return SatisfactionIndex.from_result(result)


@strawberry.field(
    description="The comments citizens left in the satisfaction survey, newest first: an officer or agency admin "
    "reads those of their own agency, the province admin those of any agency (`agencyCode` narrows it). No "
    "comment names its respondent.",
    extensions=[allow(HasPermission(READ_COMMENTS))],
)
async def satisfaction_comments(
    info: Info,
    period: Annotated[
        PeriodInput | None, strawberry.argument(description="Only those answered on these days (WIB).")
    ] = None,
    agency_code: Annotated[
        str | None, strawberry.argument(description="The serving agency (staff: only their own).")
    ] = None,
    service_code: Annotated[str | None, strawberry.argument(description="Only about this service.")] = None,
    first: int | None = None,
    after: str | None = None,
) -> Connection[SatisfactionComment]:
    principal = _principal(info)
    agency_id = await _agency_id(info, agency_code)
    if not principal.is_province_admin:
        if not principal.is_staff or principal.agency_id is None:
            raise CettarError("FORBIDDEN")
        if agency_id is not None and agency_id != principal.agency_id:
            raise CettarError("FORBIDDEN", field="agencyCode")
        agency_id = principal.agency_id
    stmt = select(SurveyResponse).where(col(SurveyResponse.comment).is_not(None))
    if period is not None:
        checked = check_period(period)
        stmt = stmt.where(
            col(SurveyResponse.answered_at) >= checked.since, col(SurveyResponse.answered_at) < checked.until
        )
    if agency_id is not None:
        stmt = stmt.where(col(SurveyResponse.agency_id) == agency_id)
    service_filter = _service(info, service_code)
    if service_filter is not None:
        stmt = stmt.where(col(SurveyResponse.service_code) == service_filter)
    return await paginate(
        info,
        stmt,
        [SurveyResponse.id],
        key_of=lambda row: (row.id,),
        convert=SatisfactionComment.from_row,
        first=first,
        after=after,
        descending=True,
    )
