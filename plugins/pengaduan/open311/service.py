"""GeoReport v2 requests on top of the complaint service: filing, listing, one request, tokens.

A service request *is* a complaint (``pengaduan_complaint``); its
``service_request_id`` is the complaint's tracking number (``ADU-XXXX-XXXX``),
its ``service_code`` the complaint's category. What only Open311 carries
(address string and id, media URL, the attribute answers, the batch token and
the key used) is a ``pengaduan_open311_request`` row; what an integrator says
about the reporter is stored by the complaint service as an external reporter
(personal data) and is never read here again.

Reading follows the complaint plugin's visibility: the lists show *public*
complaints only (verified, not confidential, not removed by moderation); with the
``api_key`` that filed them, an integrator also sees its own requests in any
status. Nothing about a reporter is ever returned.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.audit.chain import Actor, record
from core.calendar import WIB
from core.db import utcnow
from core.errors import CettarError, Language
from core.identity.validators import normalise_email, normalise_phone
from core.regions.models import Agency, Region, RegionKind
from plugins.pengaduan import service as complaints
from plugins.pengaduan.models import ActorKind, ComplaintStep, StepAction
from plugins.pengaduan.open311 import catalog, keys, params
from plugins.pengaduan.open311.models import Open311Key, Open311Request, ResponseMode
from plugins.pengaduan.open311.wire import Open311Error, Problem, bad_request, not_found
from plugins.pengaduan.settings import settings_of

if TYPE_CHECKING:
    from core.runtime import Runtime

#: The one jurisdiction this endpoint serves; ``jurisdiction_id`` may be left out.
JURISDICTION_ID = "jatimprov.go.id"
#: GET requests answers at most this many requests, most recent first (the specification's default).
MAX_REQUESTS = 1000
#: A date range may span at most this long; without dates, the most recent 90 days.
MAX_RANGE = timedelta(days=90)
#: The specification limits a description to 4,000 characters.
DESCRIPTION_MAX = 4000
SOURCE = "open311"
TOKEN_BYTES = 16
#: Optional-argument names of the reporter, as the specification spells them.
REPORTER_FIELDS = ("email", "device_id", "account_id", "first_name", "last_name", "phone")
#: Steps of the public timeline whose reason is a status note: what staff told the public.
PUBLIC_NOTE_ACTIONS = frozenset(
    {
        StepAction.VERIFIED,
        StepAction.FOLLOWED_UP,
        StepAction.RESOLVED,
        StepAction.NOT_OUR_AUTHORITY,
        StepAction.ARCHIVED,
        StepAction.AUTO_CLOSED,
    }
)
_MEDIA_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_KIND_WORDS = {
    RegionKind.DESA: "Desa",
    RegionKind.KELURAHAN: "Kelurahan",
    RegionKind.KECAMATAN: "Kecamatan",
    RegionKind.KABUPATEN: "Kabupaten",
    RegionKind.KOTA: "Kota",
}
#: The complaint service's fields, as Open311 names them (to say which parameter is wrong).
_PARAMETER_OF_FIELD = {
    "title": f"attribute[{catalog.TITLE}]",
    "text": "description",
    "category": "service_code",
    "regionCode": f"attribute[{catalog.REGION_CODE}]",
    "latitude": "lat",
    "longitude": "long",
    "agencyCode": f"attribute[{catalog.AGENCY_CODE}]",
    "serviceCode": f"attribute[{catalog.PUBLIC_SERVICE}]",
    "idempotencyKey": "idempotency_key",
}


def check_jurisdiction(values: Mapping[str, str]) -> None:
    """``jurisdiction_id`` is optional here (one jurisdiction); any other one is 404."""
    given = params.optional(values, "jurisdiction_id")
    if given is not None and given.lower() != JURISDICTION_ID:
        raise not_found(
            f"jurisdiction_id '{given}' tidak ditemukan; endpoint ini melayani {JURISDICTION_ID}.",
            f"The jurisdiction_id '{given}' was not found; this endpoint serves {JURISDICTION_ID}.",
        )


async def optional_key(session: AsyncSession, values: Mapping[str, str]) -> Open311Key | None:
    """The key of a GET that sends one (it must be valid); None without ``api_key``."""
    given = params.optional(values, "api_key")
    return None if given is None else await keys.authenticate(session, given)


# -- POST requests ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    """A POST requests form, read and checked."""

    service_code: str
    point: params.Point | None
    address_string: str | None
    address_id: str | None
    description: str
    media_url: str | None
    answers: dict[str, str]
    reporter: complaints.ExternalReporter | None
    idempotency_key: str | None


def _location(form: Mapping[str, str]) -> tuple[params.Point | None, str | None, str | None]:
    point = params.point(params.optional(form, "lat"), params.optional(form, "long"))
    address_string = params.optional(form, "address_string")
    address_id = params.optional(form, "address_id")
    if point is None and address_string is None and address_id is None:
        raise bad_request(
            "Lokasi wajib: kirim lat dan long, address_string, atau address_id.",
            "A location is required: send lat and long, address_string, or address_id.",
        )
    if address_string is not None and len(address_string) > 500:
        raise bad_request("address_string paling banyak 500 karakter.", "address_string is at most 500 characters.")
    if address_id is not None and len(address_id) > 64:
        raise bad_request("address_id paling banyak 64 karakter.", "address_id is at most 64 characters.")
    return point, address_string, address_id


def _reporter(form: Mapping[str, str]) -> complaints.ExternalReporter | None:
    given = {name: params.optional(form, name) for name in REPORTER_FIELDS}
    if not any(given.values()):
        return None
    try:
        email = normalise_email(given["email"], field="email") if given["email"] else None
        phone = normalise_phone(given["phone"], field="phone") if given["phone"] else None
    except CettarError as exc:
        name = exc.field or "email"
        raise bad_request(
            f"{name} tidak valid: {exc.message('id')}", f"{name} is not valid: {exc.message('en')}"
        ) from None
    for name, limit in (("first_name", 80), ("last_name", 80), ("device_id", 120), ("account_id", 120)):
        value = given[name]
        if value is not None and len(value) > limit:
            raise bad_request(f"{name} paling banyak {limit} karakter.", f"{name} is at most {limit} characters.")
    return complaints.ExternalReporter(
        email=email,
        first_name=given["first_name"],
        last_name=given["last_name"],
        phone=phone,
        device_id=given["device_id"],
        account_id=given["account_id"],
    )


def _check_controls(pairs: Sequence[tuple[str, str]]) -> None:
    """400 for a value holding a control character other than a line break or a tab (NUL above all:
    PostgreSQL cannot store it). Where a line break is wrong, the attribute's own check says so."""
    for name, value in pairs:
        if complaints.has_controls(value, allowed=complaints.TEXT_CONTROLS):
            shown = name if params.ATTRIBUTE.fullmatch(name) or name.isidentifier() else "a parameter"
            raise bad_request(
                f"{shown} tidak boleh memuat karakter kendali selain baris baru.",
                f"{shown} must not contain control characters other than line breaks.",
            )


def read_submission(cat: catalog.Catalog, form: Mapping[str, str], pairs: Sequence[tuple[str, str]]) -> Submission:
    """Check a POST form in the specification's order: service, location, attributes, description, media
    (a value holding a control character first)."""
    _check_controls(pairs)
    check_jurisdiction(form)
    service_code = params.optional(form, "service_code")
    if service_code is None:
        raise bad_request("service_code wajib diisi.", "service_code was not provided.")
    cat.category(service_code)  # 404 for an unknown service
    point, address_string, address_id = _location(form)
    answers = catalog.check_answers(cat, params.attributes(pairs))
    description = (form.get("description") or "").strip()
    if not description:
        raise bad_request("description wajib diisi: uraikan laporannya.", "A description of the report is required.")
    if len(description) > DESCRIPTION_MAX:
        raise bad_request(
            f"description paling banyak {DESCRIPTION_MAX} karakter.",
            f"The description is at most {DESCRIPTION_MAX} characters.",
        )
    media_url = params.optional(form, "media_url")
    if media_url is not None and (len(media_url) > 2000 or not _MEDIA_URL.fullmatch(media_url)):
        raise bad_request(
            "media_url harus berupa URL http(s), paling banyak 2000 karakter.",
            "media_url must be an http(s) URL of at most 2000 characters.",
        )
    return Submission(
        service_code=service_code,
        point=point,
        address_string=address_string,
        address_id=address_id,
        description=description,
        media_url=media_url,
        answers=answers,
        reporter=_reporter(form),
        idempotency_key=params.optional(form, "idempotency_key"),
    )


def title_of(submission: Submission) -> str:
    """The answer to ``attribute[title]``, else the description's first line (the whole description
    when that line is too short for a title), cut at a word."""
    if catalog.TITLE in submission.answers:
        return submission.answers[catalog.TITLE]
    title = submission.description.splitlines()[0].strip()
    if len(title) < complaints.TITLE_MIN:
        title = " ".join(submission.description.split())
    limit = complaints.TITLE_MAX
    if len(title) <= limit:
        return title
    return title[: limit - 1].rsplit(" ", 1)[0] + "…"


def _as_bad_request(error: CettarError) -> Open311Error:
    field = (error.field or "").rsplit(".", 1)[-1]
    name = _PARAMETER_OF_FIELD.get(field)
    prefix_id = prefix_en = ""
    if name:
        prefix_id = prefix_en = f"{name}: "
    return Open311Error(Problem(400, prefix_id + error.message("id"), prefix_en + error.message("en")))


def notice(row: complaints.Complaint, language: Language, follow_up_days: int, *, with_id: bool) -> str:
    """What happens next (``service_notice``): verification by the complaint unit by its deadline, then the
    agency's follow-up. The tracking number only when the answer may carry the id (not for a token)."""
    due = row.due_on.isoformat() if row.due_on else "-"
    if language == "en":
        text = (
            f"The complaint unit verifies the report by {due} (WIB) and disposes it to the agency responsible, "
            f"which must follow it up within {follow_up_days} working days."
        )
        return f"Tracking number {row.tracking_number}. {text}" if with_id else text
    text = (
        f"Unit pengaduan memverifikasi laporan paling lambat {due} (WIB) lalu mendisposisikannya ke instansi "
        f"yang berwenang, yang wajib menindaklanjutinya dalam {follow_up_days} hari kerja."
    )
    return f"Nomor pelacakan {row.tracking_number}. {text}" if with_id else text


async def submit(
    session: AsyncSession,
    runtime: Runtime,
    key: Open311Key,
    submission: Submission,
    language: Language,
) -> dict[str, Any]:
    """File the complaint and answer as the key's mode says (the id, or a token)."""
    assert key.id is not None
    answers = submission.answers
    point = submission.point
    try:
        row = await complaints.file_complaint(
            session,
            runtime,
            reporter_account_id=None,
            external_reporter=submission.reporter,
            title=title_of(submission),
            text=submission.description,
            category=submission.service_code,
            agency_code=answers.get(catalog.AGENCY_CODE),
            service_code=answers.get(catalog.PUBLIC_SERVICE),
            region_code=answers[catalog.REGION_CODE],
            latitude=point.latitude if point else None,
            longitude=point.longitude if point else None,
            channel=complaints.Channel.API,
            anonymous=answers.get(catalog.ANONYMOUS) == "true",
            confidential=answers.get(catalog.CONFIDENTIAL) == "true",
            attachments=(),
            idempotency_key=submission.idempotency_key,
            idempotency_scope=f"open311:{key.id}",
            source=SOURCE,
            kind=complaints.ComplaintKind(answers.get(catalog.KIND, complaints.ComplaintKind.COMPLAINT.value)),
            field_prefix="",
        )
    except CettarError as exc:
        raise _as_bad_request(exc) from None
    assert row.id is not None
    request = (
        await session.execute(select(Open311Request).where(col(Open311Request.complaint_id) == row.id))
    ).scalar_one_or_none()
    if request is None:  # a retry with the same idempotency_key finds the first one
        now = utcnow()
        request = Open311Request(
            complaint_id=row.id,
            key_id=key.id,
            token=secrets.token_urlsafe(TOKEN_BYTES),
            service_code=submission.service_code,
            address_string=submission.address_string,
            address_id=submission.address_id,
            media_url=submission.media_url,
            attributes=dict(answers),
            created_at=now,
        )
        session.add(request)
        await keys.mark_used(session, key.id, now)
        record(
            session,
            "pengaduan.open311_request_filed",
            target_type="Complaint",
            target_id=row.id,
            target_agency_id=row.unit_agency_id,
            detail={"open311_key_id": key.id, "service_code": submission.service_code},
            actor=Actor(role="integrator", username=f"open311:{key.id}"),
        )
        await session.flush()
    days = settings_of(runtime).follow_up_days
    if key.response_mode is ResponseMode.BATCH:
        return {"token": request.token, "service_notice": notice(row, language, days, with_id=False)}
    return {
        "service_request_id": row.tracking_number,
        "service_notice": notice(row, language, days, with_id=True),
        "account_id": submission.reporter.account_id if submission.reporter else None,
    }


# -- GET requests ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestQuery:
    """GET requests, read and checked. ``ids`` override every other argument."""

    ids: tuple[str, ...] = ()
    service_codes: tuple[str, ...] = ()
    start: datetime | None = None
    end: datetime | None = None
    statuses: tuple[str, ...] = ()


def read_query(values: Mapping[str, str], now: datetime) -> RequestQuery:
    """The filters of GET requests; 400 for a bad date, range, status or service code."""
    check_jurisdiction(values)
    ids = tuple(
        i.upper()
        for i in params.comma_list(params.optional(values, "service_request_id"))
        if not complaints.has_controls(i)  # never a tracking number (and PostgreSQL cannot compare a NUL)
    )
    if not ids and params.optional(values, "service_request_id") is not None:
        return RequestQuery(ids=("",))  # only ids that cannot exist: an empty answer
    if len(ids) > MAX_REQUESTS:
        raise bad_request(
            f"Paling banyak {MAX_REQUESTS} service_request_id sekaligus.",
            f"At most {MAX_REQUESTS} service_request_id at once.",
        )
    if ids:
        return RequestQuery(ids=ids)
    codes = tuple(params.comma_list(params.optional(values, "service_code")))
    unknown = [code for code in codes if complaints.category(code) is None]
    if unknown:
        raise bad_request(
            f"service_code tidak dikenal: {', '.join(unknown)}.", f"Unknown service_code: {', '.join(unknown)}."
        )
    statuses = tuple(s.lower() for s in params.comma_list(params.optional(values, "status")))
    wrong = [s for s in statuses if s not in ("open", "closed")]
    if wrong:
        raise bad_request(
            f"status harus open atau closed, bukan {', '.join(wrong)}.",
            f"status must be open or closed, not {', '.join(wrong)}.",
        )
    start_text, end_text = params.optional(values, "start_date"), params.optional(values, "end_date")
    start = params.w3c_datetime(start_text, "start_date") if start_text else None
    end = params.w3c_datetime(end_text, "end_date") if end_text else None
    if start is not None and end is not None:
        if end < start:
            raise bad_request("end_date tidak boleh sebelum start_date.", "end_date must not be before start_date.")
        if end - start > MAX_RANGE:
            raise bad_request(
                "Rentang start_date sampai end_date paling lama 90 hari.",
                "The range from start_date to end_date may not span more than 90 days.",
            )
    elif start is not None:
        end = start + MAX_RANGE
    elif end is not None:
        start = end - MAX_RANGE
    else:
        end = now
        start = now - MAX_RANGE
    return RequestQuery(service_codes=codes, start=start, end=end, statuses=statuses)


def _visible(key: Open311Key | None, *, one: bool) -> ColumnElement[bool]:
    """Public complaints; with a key, also the requests filed with it — a confidential one
    only when asked for by itself (``one``), never in a list."""
    condition = complaints.public_condition()
    if key is None:
        return condition
    own: ColumnElement[bool] = col(complaints.Complaint.id).in_(
        select(col(Open311Request.complaint_id)).where(col(Open311Request.key_id) == key.id)
    )
    if not one:
        own = and_(own, col(complaints.Complaint.confidential).is_(False))
    return or_(condition, own)


def requests_statement(query: RequestQuery, key: Open311Key | None, *, one: bool = False) -> Select[Any]:
    """The complaints a GET requests answers, most recent first, at most :data:`MAX_REQUESTS`."""
    complaint = complaints.Complaint
    statement = select(complaint).where(_visible(key, one=one))
    if query.ids:
        statement = statement.where(col(complaint.tracking_number).in_(list(query.ids)))
    else:
        if query.service_codes:
            statement = statement.where(col(complaint.category).in_(list(query.service_codes)))
        if query.statuses and set(query.statuses) != {"open", "closed"}:
            wanted = complaints.OPEN_STATUSES if "open" in query.statuses else complaints.CLOSED_STATUSES
            statement = statement.where(col(complaint.status).in_(sorted(wanted)))
        if query.start is not None:
            statement = statement.where(col(complaint.created_at) >= query.start)
        if query.end is not None:
            statement = statement.where(col(complaint.created_at) <= query.end)
    return statement.order_by(col(complaint.created_at).desc(), col(complaint.id).desc()).limit(MAX_REQUESTS)


async def list_requests(
    session: AsyncSession, query: RequestQuery, key: Open311Key | None, language: Language, *, one: bool = False
) -> list[dict[str, Any]]:
    rows = list((await session.execute(requests_statement(query, key, one=one))).scalars())
    return await describe(session, rows, language)


async def get_request(
    session: AsyncSession, service_request_id: str, key: Open311Key | None, language: Language
) -> list[dict[str, Any]]:
    """GET requests/{id}: a list of one request; 404 when it does not exist or is not public."""
    wanted = RequestQuery(ids=(service_request_id.strip().upper(),))
    found = (
        []
        if complaints.has_controls(service_request_id)
        else await list_requests(session, wanted, key, language, one=True)
    )
    if not found:
        raise not_found(
            f"service_request_id '{service_request_id}' tidak ditemukan.",
            f"The service_request_id '{service_request_id}' was not found.",
        )
    return found


async def resolve_token(session: AsyncSession, token: str) -> list[dict[str, Any]]:
    """GET tokens/{token}: ``[{service_request_id, token}]``; 404 for an unknown token."""
    statement = (
        select(col(complaints.Complaint.tracking_number))
        .join(Open311Request, col(Open311Request.complaint_id) == col(complaints.Complaint.id))
        .where(col(Open311Request.token) == token)
    )
    found = None if complaints.has_controls(token) else (await session.execute(statement)).scalar_one_or_none()
    if found is None:
        raise not_found(f"token '{token}' tidak ditemukan.", f"The token '{token}' was not found.")
    return [{"service_request_id": found, "token": token}]


# -- a complaint as a GeoReport request --------------------------------------------------------


def _region_chain(code: str) -> list[str]:
    """``35.78.01.1001`` → itself, its kecamatan and its kabupaten/kota (most specific first)."""
    parts = code.split(".")
    return [".".join(parts[:n]) for n in range(len(parts), 1, -1)]


def _place(region: Region) -> str:
    word = _KIND_WORDS.get(region.kind)
    return f"{word} {region.name}" if word else region.name


def _address(address_string: str | None, chain: list[Region | None]) -> str:
    places = [address_string] if address_string else []
    places += [_place(region) for region in chain if region is not None]
    return ", ".join([*places, "Jawa Timur"])


def _expected(row: complaints.Complaint) -> str | None:
    """The deadline of the current step (verification, follow-up, resolution), while the request is open."""
    if row.due_on is None or not complaints.is_open(row.status):
        return None
    return params.w3c(datetime.combine(row.due_on, time(23, 59, 59), tzinfo=WIB))


async def status_notes(session: AsyncSession, complaint_ids: Sequence[int]) -> dict[int, str]:
    """The latest public note of each complaint (one query): the reason of its latest public step.

    Only the steps the public timeline shows count (see :data:`PUBLIC_NOTE_ACTIONS`), and
    only those taken by staff or the system: what a reporter wrote (a reopening reason, a
    supplement) may identify them and is never a status note.
    """
    step = ComplaintStep
    latest = (
        select(func.max(col(step.id)))
        .where(
            col(step.complaint_id).in_(list(complaint_ids)),
            col(step.action).in_(sorted(PUBLIC_NOTE_ACTIONS)),
            col(step.actor_kind).in_([ActorKind.STAFF, ActorKind.SYSTEM]),
            col(step.reason).is_not(None),
        )
        .group_by(col(step.complaint_id))
    )
    rows = await session.execute(select(col(step.complaint_id), col(step.reason)).where(col(step.id).in_(latest)))
    return {int(complaint_id): str(reason) for complaint_id, reason in rows}


async def describe(
    session: AsyncSession, rows: Sequence[complaints.Complaint], language: Language
) -> list[dict[str, Any]]:
    """The GeoReport fields of complaints, with a fixed number of queries for any number of rows."""
    if not rows:
        return []
    ids = [row.id for row in rows if row.id is not None]
    extras = {
        r.complaint_id: r
        for r in (
            await session.execute(select(Open311Request).where(col(Open311Request.complaint_id).in_(ids)))
        ).scalars()
    }
    agency_ids = {row.agency_id for row in rows if row.agency_id is not None}
    agencies = {
        agency.id: agency.name
        for agency in (await session.execute(select(Agency).where(col(Agency.id).in_(agency_ids)))).scalars()
    }
    codes = {code for row in rows for code in _region_chain(row.region_code)}
    regions = {r.code: r for r in (await session.execute(select(Region).where(col(Region.code).in_(codes)))).scalars()}
    notes = await status_notes(session, ids)
    english = language == "en"
    described = []
    for row in rows:
        assert row.id is not None
        extra = extras.get(row.id)
        category = complaints.category(row.category)
        described.append(
            {
                "service_request_id": row.tracking_number,
                "status": "open" if complaints.is_open(row.status) else "closed",
                "status_notes": notes.get(row.id),
                "service_name": (category.name_en if english else category.name_id) if category else row.category,
                "service_code": row.category,
                "description": row.text,
                "agency_responsible": agencies.get(row.agency_id) if row.agency_id is not None else None,
                "service_notice": None,
                "requested_datetime": params.w3c(row.created_at),
                "updated_datetime": params.w3c(row.updated_at),
                "expected_datetime": _expected(row),
                "address": _address(
                    extra.address_string if extra else None, [regions.get(c) for c in _region_chain(row.region_code)]
                ),
                "address_id": extra.address_id if extra else None,
                "zipcode": None,
                "lat": row.latitude,
                "long": row.longitude,
                "media_url": extra.media_url if extra else None,
            }
        )
    return described
