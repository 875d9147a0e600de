"""Filing and reading complaints: plain async functions on a session, no GraphQL.

This module is the plugin's public service layer: the GraphQL resolvers and the
Open311 API (``plugins/pengaduan/open311``) both build on it. The lifecycle steps
are in :mod:`plugins.pengaduan.lifecycle`, the community features in
:mod:`plugins.pengaduan.community`, the escalation job in
:mod:`plugins.pengaduan.escalation`.

Visibility, in one place (:func:`visibility`, :func:`visible_complaints`):

- everyone sees *public* complaints: not confidential, not hidden by moderation,
  verified (status in :data:`PUBLIC_STATUSES`);
- the reporter sees their own complaints;
- the staff of an agency see the complaints disposed to it, now or before;
- verifiers (``pengaduan.verify``) see the complaints of their complaint unit
  (the province unit: all); moderators (``pengaduan.moderate``) the hidden ones;
- the province admin sees everything.

Anonymity: the reporter's identity of an anonymous complaint is never returned.
Nothing in this plugin links an anonymous complaint to an account except
``Complaint.reporter_account_id``, which is compared with the caller's own account
id only (:func:`is_reporter`).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, and_, exists, false, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.audit import chain as audit
from core.auth import Principal, Role
from core.calendar import due_date
from core.db import utcnow
from core.errors import CettarError
from core.events import emit
from core.idempotency import fingerprint, remember, replay, scope_of
from core.regions.models import Agency, Region, RegionKind
from core.storage import CheckedFile, store
from plugins.pengaduan import errors as _errors  # noqa: F401  (registers the error codes)
from plugins.pengaduan.categories import CATEGORIES, Category, category
from plugins.pengaduan.models import (
    ActorKind,
    Channel,
    Complaint,
    ComplaintAttachment,
    ComplaintDisposition,
    ComplaintKind,
    ComplaintStatus,
    ComplaintStep,
    ExternalReporterRow,
    ModerationState,
    StepAction,
)
from plugins.pengaduan.privacy import anonymised
from plugins.pengaduan.settings import settings_of

if TYPE_CHECKING:
    from core.runtime import Runtime

__all__ = [
    "CATEGORIES",
    "CLOSED_STATUSES",
    "FINAL_STATUSES",
    "MODERATE",
    "OPEN_STATUSES",
    "PUBLIC_STATUSES",
    "VERIFY",
    "Category",
    "Channel",
    "Complaint",
    "ComplaintFilter",
    "ComplaintKind",
    "ComplaintStatus",
    "ExternalReporter",
    "category",
    "complaints_by_id",
    "complaints_query",
    "file_complaint",
    "get_complaint",
    "has_controls",
    "is_open",
    "is_public",
    "is_reporter",
    "public_complaints_query",
    "visibility",
    "visible_complaints",
]

SOURCE = "pengaduan"

# Permissions (declared in ``__init__``).
VERIFY = "pengaduan.verify"
HANDLE = "pengaduan.handle"
FORWARD = "pengaduan.forward"
MODERATE = "pengaduan.moderate"

#: Statuses in which the complaint still waits for someone (Open311 ``open``).
OPEN_STATUSES: frozenset[ComplaintStatus] = frozenset(
    {
        ComplaintStatus.SUBMITTED,
        ComplaintStatus.HELD,
        ComplaintStatus.DISPOSED,
        ComplaintStatus.IN_PROGRESS,
        ComplaintStatus.REOPENED,
    }
)
#: Statuses in which the work is done (Open311 ``closed``); RESOLVED may still be reopened.
CLOSED_STATUSES: frozenset[ComplaintStatus] = frozenset(
    {
        ComplaintStatus.RESOLVED,
        ComplaintStatus.CLOSED,
        ComplaintStatus.NOT_OUR_AUTHORITY,
        ComplaintStatus.ARCHIVED,
    }
)
#: Statuses nothing leaves.
FINAL_STATUSES: frozenset[ComplaintStatus] = frozenset(
    {ComplaintStatus.CLOSED, ComplaintStatus.NOT_OUR_AUTHORITY, ComplaintStatus.ARCHIVED}
)
#: Statuses in which a non-confidential complaint is public: verified and disposed, onwards.
PUBLIC_STATUSES: frozenset[ComplaintStatus] = frozenset(
    {
        ComplaintStatus.DISPOSED,
        ComplaintStatus.IN_PROGRESS,
        ComplaintStatus.RESOLVED,
        ComplaintStatus.REOPENED,
        ComplaintStatus.CLOSED,
    }
)

TITLE_MIN, TITLE_MAX = 5, 150
TEXT_MIN, TEXT_MAX = 20, 5000
#: Jawa Timur with its islands (Bawean, Kangean, Masalembu), generously.
LATITUDE_RANGE = (-9.0, -5.0)
LONGITUDE_RANGE = (110.8, 116.5)
#: Inside that box but not Jawa Timur: Bali, Nusa Penida and Lombok — everything south of this latitude and
#: east of this longitude (Java ends at the Blambangan peninsula, about 114.6° E; Jawa Timur's islands east
#: of it, Kangean and Sapeken, lie north of 7.5° S).
BALI_AND_LOMBOK = (-7.6, 114.75)


def in_east_java(latitude: float, longitude: float) -> bool:
    """Whether a WGS 84 point may be in Jawa Timur (a generous box without Bali and Lombok)."""
    if not (
        LATITUDE_RANGE[0] <= latitude <= LATITUDE_RANGE[1] and LONGITUDE_RANGE[0] <= longitude <= LONGITUDE_RANGE[1]
    ):
        return False
    return not (latitude < BALI_AND_LOMBOK[0] and longitude > BALI_AND_LOMBOK[1])


VILLAGE_KINDS = frozenset({RegionKind.DESA, RegionKind.KELURAHAN})
_TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
#: Line breaks and tabs a text may hold; every other control character (NUL above all, which PostgreSQL
#: cannot store or compare) makes a text invalid and a code unknown.
TEXT_CONTROLS = frozenset("\n\r\t")


def has_controls(value: str | None, *, allowed: frozenset[str] = frozenset()) -> bool:
    """Whether ``value`` holds a control character (Unicode category Cc) other than ``allowed``."""
    return value is not None and any((ch < " " or "\x7f" <= ch <= "\x9f") and ch not in allowed for ch in value)


def is_open(status: ComplaintStatus) -> bool:
    """Open311 ``open`` (True) or ``closed`` (False)."""
    return status in OPEN_STATUSES


@dataclass(frozen=True)
class ExternalReporter:
    """What an integrator (Open311) sends about the person reporting: personal data, never shown publicly."""

    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    device_id: str | None = None
    account_id: str | None = None

    def display_name(self) -> str | None:
        name = " ".join(part for part in (self.first_name, self.last_name) if part)
        return name or None


@dataclass(frozen=True)
class ComplaintFilter:
    """Filters for lists; every one is optional."""

    statuses: Sequence[ComplaintStatus] = ()
    categories: Sequence[str] = ()
    kinds: Sequence[ComplaintKind] = ()
    region_code: str | None = None  # a region and everything under it
    agency_id: int | None = None  # disposed to it now
    service_code: str | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None
    overdue_on: Any = None  # a date: only complaints whose deadline is before it
    moderation: Sequence[ModerationState] = field(default_factory=tuple)
    ids: Sequence[int] = ()


# -- visibility ------------------------------------------------------------------------------


def public_condition() -> ColumnElement[bool]:
    """Rows anyone may read."""
    return and_(
        col(Complaint.confidential).is_(False),
        col(Complaint.moderation) == ModerationState.VISIBLE,
        col(Complaint.status).in_(sorted(PUBLIC_STATUSES)),
    )


def is_public(row: Complaint) -> bool:
    return not row.confidential and row.moderation is ModerationState.VISIBLE and row.status in PUBLIC_STATUSES


def is_reporter(principal: Principal, row: Complaint) -> bool:
    """Whether the caller filed ``row`` (the only use of the reporter link)."""
    return principal.owns(row.reporter_account_id)


def _was_disposed_to(agency_id: int) -> ColumnElement[bool]:
    return exists(
        select(col(ComplaintDisposition.id)).where(
            col(ComplaintDisposition.complaint_id) == col(Complaint.id),
            col(ComplaintDisposition.agency_id) == agency_id,
        )
    )


async def agency_id_by_code(session: AsyncSession, code: str) -> int | None:
    if has_controls(code):
        return None
    found = (await session.execute(select(col(Agency.id)).where(col(Agency.code) == code))).first()
    return None if found is None or found[0] is None else int(found[0])


async def is_province_unit(session: AsyncSession, runtime: Runtime, agency_id: int | None) -> bool:
    if agency_id is None:
        return False
    return agency_id == await agency_id_by_code(session, settings_of(runtime).province_unit)


async def verifies_everywhere(session: AsyncSession, runtime: Runtime, principal: Principal) -> bool:
    """The province admin, and the staff of the province's complaint unit holding ``pengaduan.verify``."""
    if principal.is_province_admin:
        return True
    return (
        principal.is_staff and principal.has(VERIFY) and await is_province_unit(session, runtime, principal.agency_id)
    )


async def visibility(
    session: AsyncSession, runtime: Runtime, principal: Principal, *, include_public: bool = True
) -> ColumnElement[bool] | None:
    """The WHERE condition of the complaints ``principal`` may read (None: all of them).

    Without ``include_public``: only those the principal reads because of who they are — the
    reporter, the agencies it was disposed to, its verifiers, moderators (attachment downloads).
    """
    if await verifies_everywhere(session, runtime, principal):
        return None
    allowed: list[ColumnElement[bool]] = [public_condition()] if include_public else []
    if principal.account_id is not None:
        allowed.append(col(Complaint.reporter_account_id) == principal.account_id)
    if principal.is_staff and principal.agency_id is not None:
        allowed.append(col(Complaint.agency_id) == principal.agency_id)
        allowed.append(_was_disposed_to(principal.agency_id))
        if principal.has(VERIFY):
            allowed.append(col(Complaint.unit_agency_id) == principal.agency_id)
    if principal.is_authenticated and principal.has(MODERATE):
        allowed.append(
            and_(
                col(Complaint.confidential).is_(False),
                col(Complaint.moderation) != ModerationState.VISIBLE,
                col(Complaint.status).in_(sorted(PUBLIC_STATUSES)),
            )
        )
    return or_(*allowed) if allowed else false()


def _filtered(stmt: Select[Any], f: ComplaintFilter | None) -> Select[Any]:
    if f is None:
        return stmt
    if any(has_controls(code) for code in (f.region_code, f.service_code, *f.categories)):
        return stmt.where(false())  # no stored code holds one (and PostgreSQL cannot compare a NUL)
    if f.statuses:
        stmt = stmt.where(col(Complaint.status).in_(list(f.statuses)))
    if f.categories:
        stmt = stmt.where(col(Complaint.category).in_(list(f.categories)))
    if f.kinds:
        stmt = stmt.where(col(Complaint.kind).in_(list(f.kinds)))
    if f.region_code:
        code = f.region_code.strip()
        stmt = stmt.where(
            or_(
                col(Complaint.region_code) == code,
                col(Complaint.region_code).startswith(f"{code}.", autoescape=True),
            )
        )
    if f.agency_id is not None:
        stmt = stmt.where(col(Complaint.agency_id) == f.agency_id)
    if f.service_code:
        stmt = stmt.where(col(Complaint.service_code) == f.service_code)
    if f.created_after is not None:
        stmt = stmt.where(col(Complaint.created_at) >= f.created_after)
    if f.created_before is not None:
        stmt = stmt.where(col(Complaint.created_at) < f.created_before)
    if f.overdue_on is not None:
        stmt = stmt.where(col(Complaint.due_on) < f.overdue_on, col(Complaint.status).in_(sorted(OPEN_STATUSES)))
    if f.moderation:
        stmt = stmt.where(col(Complaint.moderation).in_(list(f.moderation)))
    if f.ids:
        stmt = stmt.where(col(Complaint.id).in_(list(f.ids)))
    return stmt


def public_complaints_query(f: ComplaintFilter | None = None) -> Select[Any]:
    """Public complaints only, for anyone (Open311 ``GET requests``); paginate or order it yourself."""
    return _filtered(select(Complaint).where(public_condition()), f)


async def complaints_query(
    session: AsyncSession, runtime: Runtime, principal: Principal, f: ComplaintFilter | None = None
) -> Select[Any]:
    """The complaints ``principal`` may read, filtered."""
    stmt = select(Complaint)
    condition = await visibility(session, runtime, principal)
    if condition is not None:
        stmt = stmt.where(condition)
    return _filtered(stmt, f)


def my_complaints_query(principal: Principal, f: ComplaintFilter | None = None) -> Select[Any]:
    """The complaints the signed-in caller filed, anonymous ones included (they are theirs)."""
    if principal.account_id is None:
        return select(Complaint).where(false())
    return _filtered(select(Complaint).where(col(Complaint.reporter_account_id) == principal.account_id), f)


async def visible_complaints(
    session: AsyncSession, runtime: Runtime, principal: Principal, ids: Sequence[int]
) -> list[Complaint | None]:
    """One complaint or ``None`` (missing or not visible to ``principal``) per id, in order; one query."""
    stmt = await complaints_query(session, runtime, principal, ComplaintFilter(ids=list(ids)))
    found = {row.id: row for row in (await session.execute(stmt)).scalars()}
    return [found.get(i) for i in ids]


async def complaints_by_id(session: AsyncSession, ids: Sequence[int]) -> list[Complaint | None]:
    """One complaint or ``None`` per id, with NO visibility check (jobs, internal use)."""
    rows = (await session.execute(select(Complaint).where(col(Complaint.id).in_(list(ids))))).scalars()
    found = {row.id: row for row in rows}
    return [found.get(i) for i in ids]


async def get_complaint(
    session: AsyncSession, complaint_id: int, *, runtime: Runtime | None = None, principal: Principal | None = None
) -> Complaint | None:
    """The complaint ``complaint_id``; with ``runtime`` and ``principal``, ``None`` unless they may read it."""
    if principal is None or runtime is None:
        return (await complaints_by_id(session, [complaint_id]))[0]
    return (await visible_complaints(session, runtime, principal, [complaint_id]))[0]


async def get_complaint_by_tracking_number(session: AsyncSession, tracking_number: str) -> Complaint | None:
    if has_controls(tracking_number):
        return None
    stmt = select(Complaint).where(col(Complaint.tracking_number) == tracking_number.strip().upper())
    return (await session.execute(stmt)).scalars().first()


async def disposition_agency_ids(session: AsyncSession, complaint_id: int) -> set[int]:
    """Every agency the complaint was ever disposed to."""
    stmt = select(col(ComplaintDisposition.agency_id)).where(col(ComplaintDisposition.complaint_id) == complaint_id)
    return {int(a) for a in (await session.execute(stmt)).scalars()}


async def can_verify(session: AsyncSession, runtime: Runtime, principal: Principal, row: Complaint) -> bool:
    """Whether ``principal`` verifies (and disposes, holds, archives) ``row``: its complaint unit's verifiers."""
    if await verifies_everywhere(session, runtime, principal):
        return True
    return principal.is_staff and principal.has(VERIFY) and principal.in_agency(row.unit_agency_id)


# -- filing ----------------------------------------------------------------------------------


def _new_tracking_number() -> str:
    chars = "".join(secrets.choice(_TRACKING_ALPHABET) for _ in range(8))
    return f"ADU-{chars[:4]}-{chars[4:]}"


def regency_of(region_code: str) -> str:
    """``35.78.01.1001`` → ``35.78``."""
    return ".".join(region_code.split(".")[:2])


def agency_code_for(pattern: str, region_code: str) -> str:
    """``dinkes-{regency}`` for ``35.78.01.1001`` → ``dinkes-3578``."""
    return pattern.replace("{regency}", regency_of(region_code).replace(".", ""))


def _clean(value: str | None) -> str:
    return " ".join((value or "").split()) if value is not None else ""


def check_text(title: str, text: str, prefix: str = "input.") -> tuple[str, str]:
    """The title and text, stripped, or a typed error naming the field."""
    title = _clean(title)
    body = (text or "").strip()
    if not TITLE_MIN <= len(title) <= TITLE_MAX or has_controls(title):
        raise CettarError("COMPLAINT_TITLE_INVALID", field=f"{prefix}title", min=TITLE_MIN, max=TITLE_MAX)
    if not TEXT_MIN <= len(body) <= TEXT_MAX or has_controls(body, allowed=TEXT_CONTROLS):
        raise CettarError("COMPLAINT_TEXT_INVALID", field=f"{prefix}text", min=TEXT_MIN, max=TEXT_MAX)
    return title, body


def check_coordinates(latitude: float | None, longitude: float | None, prefix: str = "input.") -> None:
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        missing = "latitude" if latitude is None else "longitude"
        raise CettarError("COMPLAINT_INVALID_COORDINATES", field=f"{prefix}{missing}")
    if not LATITUDE_RANGE[0] <= latitude <= LATITUDE_RANGE[1]:
        raise CettarError("COMPLAINT_INVALID_COORDINATES", field=f"{prefix}latitude")
    if not in_east_java(latitude, longitude):
        raise CettarError("COMPLAINT_INVALID_COORDINATES", field=f"{prefix}longitude")


async def check_region(session: AsyncSession, region_code: str, prefix: str = "input.") -> str:
    code = (region_code or "").strip()
    region = await session.get(Region, code) if code and not has_controls(code) else None
    if region is None or region.kind not in VILLAGE_KINDS:
        raise CettarError("COMPLAINT_INVALID_REGION", field=f"{prefix}regionCode")
    return code


async def unit_agency_id(session: AsyncSession, runtime: Runtime, region_code: str) -> int:
    """The complaint unit of a region's kabupaten/kota, else the province's."""
    settings = settings_of(runtime)
    found = await agency_id_by_code(session, agency_code_for(settings.unit_agency_pattern, region_code))
    if found is None:
        found = await agency_id_by_code(session, settings.province_unit)
    if found is None:
        raise RuntimeError(f"the province complaint unit {settings.province_unit!r} does not exist")
    return found


def add_step(
    session: AsyncSession,
    row: Complaint,
    action: StepAction,
    *,
    from_status: ComplaintStatus | None,
    actor: Principal | None,
    as_reporter: bool = False,
    reason: str | None = None,
    agency_id: int | None = None,
    escalation_level: int | None = None,
    at: datetime | None = None,
) -> ComplaintStep:
    """Record a step. A reporter's step never names their account; the system has none."""
    assert row.id is not None
    if as_reporter:
        kind, account_id, actor_agency = ActorKind.REPORTER, None, None
    elif actor is None:
        kind, account_id, actor_agency = ActorKind.SYSTEM, None, None
    else:
        kind, account_id, actor_agency = ActorKind.STAFF, actor.account_id, actor.agency_id
    step = ComplaintStep(
        complaint_id=row.id,
        action=action,
        from_status=from_status,
        to_status=row.status,
        actor_kind=kind,
        actor_account_id=account_id,
        actor_agency_id=actor_agency,
        agency_id=agency_id,
        escalation_level=escalation_level,
        reason=reason,
        at=at or utcnow(),
    )
    session.add(step)
    return step


#: The audit actor of what a reporter does on an anonymous complaint: a citizen, never which one. The request
#: id is withheld too (the audit chain would otherwise copy the request's, shared with the sign-in's records).
REPORTER_ACTOR = audit.Actor(role=Role.CITIZEN.value, withhold_request_id=True)


def audit_reporter_action(session: AsyncSession, action: str, row: Complaint, detail: dict[str, Any]) -> None:
    """Audit a reporter's action on their complaint without naming them when the complaint is anonymous.

    For a named complaint the request's principal is the actor, as for any mutation.
    """
    audit.record(
        session,
        action,
        target_type="Complaint",
        target_id=row.id,
        target_agency_id=row.agency_id or row.unit_agency_id,
        detail=detail,
        actor=REPORTER_ACTOR if row.anonymous else None,
    )


def emit_change(session: AsyncSession, row: Complaint, action: StepAction | str, **extra: Any) -> None:
    """``pengaduan.complaint_<action>``: ids and statuses only, never the reporter."""
    name = action.value if isinstance(action, StepAction) else action
    payload: dict[str, Any] = {
        "complaint_id": row.id,
        "action": name,
        "status": row.status.value,
        "agency_id": row.agency_id,
        "unit_agency_id": row.unit_agency_id,
    }
    payload.update(extra)
    emit(session, f"pengaduan.complaint_{name}", payload, source=SOURCE)


async def file_complaint(
    session: AsyncSession,
    runtime: Runtime,
    *,
    reporter_account_id: int | None,
    external_reporter: ExternalReporter | None,
    title: str,
    text: str,
    category: str,
    agency_code: str | None,
    service_code: str | None,
    region_code: str,
    latitude: float | None,
    longitude: float | None,
    channel: Channel,
    anonymous: bool,
    confidential: bool,
    attachments: Sequence[CheckedFile],
    idempotency_key: str | None,
    source: str,
    kind: ComplaintKind = ComplaintKind.COMPLAINT,
    idempotency_scope: str | None = None,
    field_prefix: str = "input.",
    now: datetime | None = None,
) -> Complaint:
    """File a complaint, an aspiration or a request for information; status SUBMITTED.

    Every input is checked first (typed errors naming ``field_prefix + field``), nothing
    is written before. ``attachments`` were checked with ``core.storage.check_uploads``.
    A retry with the same ``idempotency_key`` (per ``idempotency_scope``, by default the
    reporter's account) returns the first complaint. The reporter gets a notification;
    an anonymous reporter's account is recorded nowhere but ``reporter_account_id``.
    """
    from plugins.pengaduan import notices  # late: notices imports this module

    p = field_prefix
    if has_controls(idempotency_key):
        raise CettarError("VALIDATION_FAILED", field=f"{p}idempotencyKey")
    scope = idempotency_scope or scope_of(reporter_account_id)
    digest = fingerprint(
        {
            "title": title,
            "text": text,
            "category": category,
            "agency": agency_code,
            "service": service_code,
            "region": region_code,
            "lat": latitude,
            "lon": longitude,
            "channel": str(channel),
            "anonymous": anonymous,
            "confidential": confidential,
            "kind": str(kind),
            "files": [a.sha256 for a in attachments],
            "external": None if external_reporter is None else external_reporter.__dict__,
        }
    )
    operation = "pengaduan.fileComplaint"
    earlier = await replay(
        session, scope=scope, key=idempotency_key, operation=operation, digest=digest, field=f"{p}idempotencyKey"
    )
    if earlier is not None:
        found = await get_complaint(session, int(earlier))
        if found is not None:
            if found.anonymous:
                # Without a record of its own, the request would be audited as `graphql.fileComplaint` under the
                # reporter's name — right after the anonymous filing it repeats.
                audit_reporter_action(session, "pengaduan.complaint_filing_repeated", found, {"idempotent": True})
            return found

    title, body = check_text(title, text, p)
    if category not in {c.code for c in CATEGORIES}:
        raise CettarError("COMPLAINT_UNKNOWN_CATEGORY", field=f"{p}category", category=category)
    region = await check_region(session, region_code, p)
    check_coordinates(latitude, longitude, p)
    requested_agency: int | None = None
    service_code = (service_code or "").strip() or None
    if service_code is not None:
        service = runtime.services.get(service_code)
        if service is None:
            raise CettarError("COMPLAINT_UNKNOWN_SERVICE", field=f"{p}serviceCode", service=service_code)
        if not agency_code:
            requested_agency = await agency_id_by_code(session, agency_code_for(service.agency_code, region))
    if agency_code:
        requested_agency = await agency_id_by_code(session, agency_code.strip())
        if requested_agency is None:
            raise CettarError("COMPLAINT_UNKNOWN_AGENCY", field=f"{p}agencyCode", agency=agency_code.strip())

    moment = now or utcnow()
    settings = settings_of(runtime)
    row = Complaint(
        tracking_number=_new_tracking_number(),
        kind=kind,
        title=title,
        text=body,
        category=category,
        status=ComplaintStatus.SUBMITTED,
        channel=channel,
        source=source[:32],
        anonymous=anonymous,
        confidential=confidential,
        region_code=region,
        regency_code=regency_of(region),
        latitude=latitude,
        longitude=longitude,
        service_code=service_code,
        requested_agency_id=requested_agency,
        unit_agency_id=await unit_agency_id(session, runtime, region),
        reporter_account_id=reporter_account_id,
        created_at=moment,
        updated_at=moment,
        status_changed_at=moment,
        due_on=due_date(moment, settings.verify_days),
    )
    session.add(row)
    await session.flush()
    assert row.id is not None
    if external_reporter is not None and not anonymous:  # nobody may read who filed an anonymous one: not kept
        session.add(
            ExternalReporterRow(
                complaint_id=row.id,
                email=external_reporter.email,
                first_name=external_reporter.first_name,
                last_name=external_reporter.last_name,
                phone=external_reporter.phone,
                device_id=external_reporter.device_id,
                account_id=external_reporter.account_id,
            )
        )
    for item in anonymised(list(attachments)) if anonymous else attachments:
        stored = await store(runtime.storage, item)
        session.add(
            ComplaintAttachment(
                complaint_id=row.id,
                key=stored.key,
                filename=stored.filename,
                content_type=stored.content_type,
                size=stored.size,
                created_at=moment,
            )
        )
    add_step(session, row, StepAction.FILED, from_status=None, actor=None, as_reporter=True, at=moment)
    remember(session, scope=scope, key=idempotency_key, operation=operation, digest=digest, target_id=row.id)
    audit_reporter_action(
        session,
        "pengaduan.complaint_filed",
        row,
        {"category": category, "channel": channel.value, "source": row.source, "anonymous": anonymous},
    )
    emit_change(session, row, StepAction.FILED)
    await notices.tell_reporter(session, row, StepAction.FILED)
    await session.flush()
    return row
