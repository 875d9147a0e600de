"""Applications: submission, the workflow, claims and notes. Plain async functions, no GraphQL.

Every change happens in the caller's transaction and, together with it, records a
timeline entry, an audit record, a domain event (ids only) and — for a status change —
an in-app notification for the applicant. Nothing is written when a check fails:
uploads are checked, answers validated and the agency resolved before any file is
stored or any row added.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy import Select, and_, not_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col

from core import calendar
from core.audit import chain as audit
from core.auth import Principal, Role
from core.db import utcnow
from core.errors import CettarError
from core.events import emit
from core.idempotency import fingerprint, remember, replay, scope_of
from core.identity.models import Citizen
from core.identity.validators import normalise_phone
from core.notifications import notify
from core.regions.models import Agency, Region
from core.runtime import Runtime
from core.services import Channel, Delivery, Fee, ServiceDefinition
from core.storage import CheckedFile, UploadLike, check_uploads, store
from plugins.layanan import catalog, forms
from plugins.layanan.access import may_process, may_read
from plugins.layanan.models import Application, Attachment, HomeDelivery, TimelineEntry
from plugins.layanan.tracking import new_tracking_number
from plugins.layanan.workflow import (
    FINAL,
    QUEUE_DEFAULT,
    RUNNING,
    STATUS_LABELS,
    Actor,
    ApplicationStatus,
    CourierStatus,
    TimelineKind,
    transition_for,
)

SOURCE = "layanan"
SUBMITTED_EVENT = "layanan.application_submitted"
STATUS_EVENT = "layanan.application_status_changed"
CLAIMED_EVENT = "layanan.application_claimed"
NOTE_EVENT = "layanan.application_note_added"
DELIVERY_EVENT = "layanan.delivery_updated"
#: Events about one application, and those its applicant may receive (not the internal ones).
APPLICATION_EVENTS = frozenset({SUBMITTED_EVENT, STATUS_EVENT, CLAIMED_EVENT, NOTE_EVENT, DELIVERY_EVENT})
APPLICANT_EVENTS = frozenset({SUBMITTED_EVENT, STATUS_EVENT, DELIVERY_EVENT})

MAX_REASON = 1000
MAX_NOTE = 2000
#: Tries at a fresh tracking number before giving up (a collision is a one-in-10^15 event).
TRACKING_ATTEMPTS = 5
NOTIFICATION_KIND = "layanan.status_changed"


_clock: ContextVar[datetime | None] = ContextVar("layanan_clock", default=None)


def now() -> datetime:
    """The current moment; inside :func:`clock_at` (demo data) the moment given there."""
    return _clock.get() or utcnow()


@contextmanager
def clock_at(moment: datetime) -> Iterator[None]:
    """Record what happens inside as happening at ``moment`` (demo data spread over past weeks)."""
    token = _clock.set(moment)
    try:
        yield
    finally:
        _clock.reset(token)


def today() -> date:
    """Today in WIB: what ``overdue`` is computed against."""
    return calendar.today()


def is_overdue(application: Application, on: date | None = None) -> bool:
    """The agency still has it (submitted, verified, in process) and its due date has passed."""
    return application.status in RUNNING and (on or today()) > application.due_date


# -- input -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Address:
    recipient_name: str
    phone: str
    street: str
    region_code: str
    postal_code: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Submission:
    service_code: str
    answers: Any
    delivery_method: Delivery = Delivery.PICKUP
    address: Address | None = None
    idempotency_key: str | None = None
    uploads: Sequence[UploadLike] = field(default_factory=tuple)
    #: Demo data only: a fixed tracking number, so seeding twice finds what it made. Never from a client.
    tracking_number: str | None = None


@dataclass(frozen=True)
class Resubmission:
    application_id: int
    answers: Any
    uploads: Sequence[UploadLike] = field(default_factory=tuple)
    withdraw_attachment_ids: Sequence[int] = field(default_factory=tuple)
    idempotency_key: str | None = None


def _text(value: str | None, *, limit: int, path: str) -> str | None:
    text = (value or "").strip()
    if len(text) > limit:
        raise CettarError(
            "VALIDATION_FAILED",
            field=path,
            message_id=f"Paling banyak {limit} karakter.",
            message_en=f"At most {limit} characters.",
        )
    return text or None


def _required_text(value: str | None, *, limit: int, path: str) -> str:
    text = _text(value, limit=limit, path=path)
    if text is None:
        raise CettarError("VALIDATION_FAILED", field=path, message_id="Wajib diisi.", message_en="This is required.")
    return text


async def _check_address(session: AsyncSession, address: Address | None, path: str) -> Address:
    if address is None:
        raise CettarError("DELIVERY_ADDRESS_REQUIRED", field=path)
    postal = _text(address.postal_code, limit=5, path=f"{path}.postalCode")
    if postal is not None and (len(postal) != 5 or not postal.isascii() or not postal.isdigit()):
        raise CettarError(
            "VALIDATION_FAILED",
            field=f"{path}.postalCode",
            message_id="Kode pos terdiri atas 5 angka.",
            message_en="A postal code has 5 digits.",
        )
    region = await forms.check_village(session, address.region_code, f"{path}.regionCode")
    return Address(
        recipient_name=_required_text(address.recipient_name, limit=120, path=f"{path}.recipientName"),
        phone=normalise_phone(address.phone, field=f"{path}.phone"),
        street=_required_text(address.street, limit=300, path=f"{path}.street"),
        region_code=region.code,
        postal_code=postal,
        note=_text(address.note, limit=300, path=f"{path}.note"),
    )


def _max_bytes(runtime: Runtime) -> int:
    return int(runtime.settings.max_attachment_mib * 2**20)


def _needs_attachment(service: ServiceDefinition) -> bool:
    return any(r.attachment and r.required for r in service.requirements)


def fee_of(service: ServiceDefinition, answers: Mapping[str, Any]) -> Fee:
    """The fee of one application: ``fee_for`` of its checked answers when the service has one, else ``fee``."""
    if service.fee_for is None:
        return service.fee
    fee = service.fee_for(MappingProxyType(dict(answers)))
    if not isinstance(fee, Fee):
        raise TypeError(f"service {service.code!r}: fee_for must return a core.services.Fee")
    return fee


def _fee_values(fee: Fee) -> dict[str, Any]:
    return {
        "fee_amount": fee.amount,
        "fee_legal_basis": fee.legal_basis,
        "fee_description_id": fee.description_id,
        "fee_description_en": fee.description_en,
    }


def rupiah(amount: int) -> str:
    return f"Rp{amount:,}".replace(",", ".")


# -- reading ---------------------------------------------------------------------------------------


async def get_application(session: AsyncSession, application_id: int) -> Application | None:
    return await session.get(Application, application_id)


async def by_tracking_number(session: AsyncSession, number: str) -> Application | None:
    statement = select(Application).where(col(Application.tracking_number) == number)
    return (await session.execute(statement)).scalar_one_or_none()


def my_applications_query(principal: Principal, statuses: Sequence[ApplicationStatus] | None = None) -> Select[Any]:
    """The principal's own applications (as applicant)."""
    statement = select(Application).where(col(Application.applicant_id) == principal.account_id)
    if statuses:
        statement = statement.where(col(Application.status).in_(list(statuses)))
    return statement


def queue_query(
    principal: Principal,
    *,
    statuses: Sequence[ApplicationStatus] | None = None,
    service_code: str | None = None,
    overdue: bool | None = None,
    mine: bool = False,
    unclaimed: bool = False,
    on: date | None = None,
) -> Select[Any]:
    """The applications of the principal's agency (an officer's queue), filtered."""
    statement = select(Application).where(col(Application.agency_id) == principal.agency_id)
    statement = statement.where(col(Application.status).in_(list(statuses or QUEUE_DEFAULT)))
    if service_code:
        statement = statement.where(col(Application.service_code) == service_code.strip())
    if overdue is not None:
        late = and_(col(Application.status).in_(list(RUNNING)), col(Application.due_date) < (on or today()))
        statement = statement.where(late if overdue else not_(late))
    if mine:
        statement = statement.where(col(Application.assigned_officer_id) == principal.account_id)
    if unclaimed:
        statement = statement.where(col(Application.assigned_officer_id).is_(None))
    return statement


async def resolve_agency(
    session: AsyncSession,
    service: ServiceDefinition,
    region_code: str | None,
    answers: Mapping[str, Any] | None = None,
) -> Agency | None:
    """The agency processing an application: the service's ``agency_for`` first, then its ``agency_code`` rule."""
    code = catalog.agency_code_for(service, region_code, answers)
    if code is None:
        return None
    return (await session.execute(select(Agency).where(col(Agency.code) == code))).scalar_one_or_none()


async def application_region(
    session: AsyncSession, service: ServiceDefinition, answers: Mapping[str, Any], citizen: Citizen
) -> tuple[str | None, str]:
    """The region an application belongs to, and the input path to blame when no agency serves it.

    The desa/kelurahan answered in the form's ``region_field``, or else the kab/kota of the
    applicant's NIK (when it is a region the platform knows).
    """
    if service.region_field and service.region_field in answers:
        return str(answers[service.region_field]), f"input.answers.{service.region_field}"
    if await session.get(Region, citizen.nik_regency_code) is not None:
        return citizen.nik_regency_code, "input.serviceCode"
    return None, "input.serviceCode"


# -- submitting ------------------------------------------------------------------------------------


async def _unique_tracking_number(session: AsyncSession) -> str:
    for _ in range(TRACKING_ATTEMPTS):
        number = new_tracking_number()
        if await by_tracking_number(session, number) is None:
            return number
    raise RuntimeError("could not draw an unused tracking number")  # pragma: no cover - 1 in 10^15


def _service_name(runtime: Runtime, code: str) -> tuple[str, str]:
    service = runtime.services.get(code)
    return (service.name_id, service.name_en) if service else (code, code)


async def _notify_status(
    session: AsyncSession, runtime: Runtime, application: Application, reason: str | None = None
) -> None:
    """The applicant's in-app notification of a status change (their own data only)."""
    assert application.id is not None
    name_id, name_en = _service_name(runtime, application.service_code)
    label_id, label_en = STATUS_LABELS[application.status]
    number = application.tracking_number
    if application.status is ApplicationStatus.SUBMITTED and application.revision_count == 0:
        due = application.due_date.strftime("%d-%m-%Y")
        title = ("Permohonan diterima", "Application received")
        body = (
            f"Permohonan {name_id} Anda dengan nomor {number} telah diterima. Batas waktu penyelesaian: {due}.",
            f"Your application for {name_en}, number {number}, was received. It is due on {due}.",
        )
        if application.fee_amount > 0:
            fee = rupiah(application.fee_amount)
            body = (f"{body[0]} Biaya: {fee}.", f"{body[1]} Fee: {fee}.")
    else:
        title = (f"Permohonan {label_id}", f"Application {label_en}")
        body = (
            f"Permohonan {name_id} nomor {number} {label_id}.",
            f"Your application {number} ({name_en}) is {label_en}.",
        )
        if application.status is ApplicationStatus.READY and application.delivery_method is Delivery.PICKUP:
            body = (
                body[0] + " Silakan ambil di loket instansi.",
                body[1] + " Please collect it at the agency's counter.",
            )
        if reason:
            body = (f"{body[0]} Alasan: {reason}", f"{body[1]} Reason: {reason}")
    await notify(
        session,
        account_id=application.applicant_id,
        kind=NOTIFICATION_KIND,
        title=title,
        body=body,
        source=SOURCE,
        target_type="Application",
        target_key=str(application.id),
    )


def _timeline(
    session: AsyncSession,
    application: Application,
    principal: Principal,
    kind: TimelineKind,
    at: datetime,
    *,
    from_status: ApplicationStatus | None = None,
    to_status: ApplicationStatus | None = None,
    courier_status: CourierStatus | None = None,
    text: str | None = None,
) -> TimelineEntry:
    assert application.id is not None
    entry = TimelineEntry(
        application_id=application.id,
        at=at,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        courier_status=courier_status,
        actor_id=principal.account_id,
        actor_role=principal.role.value,
        text=text,
    )
    session.add(entry)
    return entry


def _attachment_rows(application_id: int, files: Sequence[CheckedFile], round_: int, at: datetime) -> list[Attachment]:
    return [
        Attachment(
            application_id=application_id,
            storage_key=f.sha256,
            filename=f.filename,
            content_type=f.content_type,
            size=f.size,
            round=round_,
            uploaded_at=at,
        )
        for f in files
    ]


async def submit(session: AsyncSession, runtime: Runtime, principal: Principal, data: Submission) -> Application:
    """A citizen applies for a service; a retry with the same idempotency key returns the first application."""
    service = runtime.services.get(data.service_code.strip())
    if service is None:
        raise CettarError("SERVICE_NOT_FOUND", field="input.serviceCode", service=data.service_code.strip()[:64])
    if Channel.APP not in service.channels and Channel.WEB not in service.channels:
        raise CettarError(
            "SERVICE_NOT_OFFERED",
            field="input.serviceCode",
            reason_id="layanan ini hanya di loket",
            reason_en="this service is only offered at the counter",
        )
    if data.delivery_method not in service.delivery:
        raise CettarError("DELIVERY_NOT_OFFERED", field="input.delivery.method")
    address = None
    if data.delivery_method is Delivery.HOME_DELIVERY:
        address = await _check_address(session, data.address, "input.delivery.address")
    # Everything is checked before anything is stored: files first (by content), then the answers.
    files = await check_uploads(data.uploads, field="input.attachments", max_bytes=_max_bytes(runtime))
    answers = await forms.check_answers(session, service, data.answers)
    if _needs_attachment(service) and not files:
        raise CettarError("ATTACHMENT_REQUIRED", field="input.attachments", min=1)
    fee = fee_of(service, answers)
    stored_answers = forms.to_json(answers)

    scope = scope_of(principal.account_id)
    digest = fingerprint(
        {
            "service": service.code,
            "answers": stored_answers,
            "delivery": data.delivery_method.value,
            "address": None if address is None else dataclasses.asdict(address),
            "files": [f.sha256 for f in files],
        }
    )
    operation = "layanan.submitApplication"
    earlier = await replay(
        session, scope=scope, key=data.idempotency_key, operation=operation, digest=digest, field="input.idempotencyKey"
    )
    if earlier is not None:
        found = await session.get(Application, int(earlier))
        if found is not None:
            return found

    citizen = await session.get(Citizen, principal.account_id) if principal.account_id is not None else None
    if citizen is None:
        raise CettarError("FORBIDDEN")
    region_code, region_path = await application_region(session, service, answers, citizen)
    agency = await resolve_agency(session, service, region_code, answers)
    if agency is None or agency.id is None:
        raise CettarError(
            "SERVICE_NOT_OFFERED",
            field=region_path,
            reason_id="tidak ada instansi yang melayaninya di wilayah ini",
            reason_en="no agency offers it in this region",
        )

    for checked in files:
        await store(runtime.storage, checked)
    moment = now()
    application = Application(
        tracking_number=data.tracking_number or await _unique_tracking_number(session),
        service_code=service.code,
        agency_id=agency.id,
        applicant_id=citizen.account_id,
        region_code=region_code,
        status=ApplicationStatus.SUBMITTED,
        answers=stored_answers,
        delivery_method=data.delivery_method,
        time_limit_days=service.time_limit_days,
        **_fee_values(fee),
        submitted_at=moment,
        clock_started_at=moment,
        due_date=calendar.due_date(moment, service.time_limit_days),
        updated_at=moment,
    )
    session.add(application)
    try:
        await session.flush()
    except IntegrityError:  # pragma: no cover - a tracking number drawn twice at the same instant
        raise CettarError("CONFLICT") from None
    assert application.id is not None
    session.add_all(_attachment_rows(application.id, files, 0, moment))
    if address is not None:
        session.add(
            HomeDelivery(
                application_id=application.id,
                recipient_name=address.recipient_name,
                phone=address.phone,
                street=address.street,
                region_code=address.region_code,
                postal_code=address.postal_code,
                note=address.note,
                status=CourierStatus.PREPARING,
                updated_at=moment,
            )
        )
    _timeline(
        session, application, principal, TimelineKind.STATUS_CHANGED, moment, to_status=ApplicationStatus.SUBMITTED
    )
    remember(
        session, scope=scope, key=data.idempotency_key, operation=operation, digest=digest, target_id=application.id
    )
    audit.record(
        session,
        "layanan.application_submitted",
        target_type="Application",
        target_id=application.id,
        target_agency_id=agency.id,
        detail={"service_code": service.code, "attachments": len(files)},
    )
    emit(
        session,
        SUBMITTED_EVENT,
        {"application_id": application.id, "agency_id": agency.id, "service_code": service.code},
        source=SOURCE,
    )
    await _notify_status(session, runtime, application)
    await session.flush()
    return application


# -- the workflow ----------------------------------------------------------------------------------


async def _load_for_change(session: AsyncSession, principal: Principal, application_id: int) -> Application:
    """The application, if ``principal`` may see it; NOT_FOUND otherwise (as if it did not exist)."""
    application = await session.get(Application, application_id)
    if application is None or not may_read(principal, application):
        raise CettarError("NOT_FOUND", field="input.applicationId")
    return application


def _actor(principal: Principal, application: Application) -> Actor | None:
    if principal.owns(application.applicant_id):
        return Actor.APPLICANT
    if may_process(principal, application):
        return Actor.STAFF
    return None


def _refuse(current: ApplicationStatus, target: ApplicationStatus) -> CettarError:
    status_id, status_en = STATUS_LABELS[current]
    target_id, target_en = STATUS_LABELS[target]
    return CettarError(
        "TRANSITION_NOT_ALLOWED",
        field="input.status",
        status_id=status_id,
        status_en=status_en,
        target_id=target_id,
        target_en=target_en,
    )


async def _move(
    session: AsyncSession,
    application: Application,
    current: ApplicationStatus,
    values: dict[str, Any],
) -> None:
    """Change the row only if nobody changed its status meanwhile (CONFLICT otherwise)."""
    result = await session.execute(
        update(Application)
        .where(col(Application.id) == application.id, col(Application.status) == current)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 1) != 1:
        raise CettarError("CONFLICT", field="input.applicationId")
    # The row already holds these values: nothing is left for the unit of work to flush.
    for key, value in values.items():
        set_committed_value(application, key, value)


async def transition(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    application_id: int,
    target: ApplicationStatus,
    reason: str | None = None,
    *,
    received_by: str | None = None,
) -> Application:
    """Move an application to ``target`` if ``principal``'s role allows it from its current status."""
    application = await _load_for_change(session, principal, application_id)
    current = application.status
    actor = _actor(principal, application)
    if actor is None:
        raise CettarError("FORBIDDEN")
    allowed = transition_for(current, target, actor)
    if allowed is None or target is ApplicationStatus.SUBMITTED:
        # Back to "submitted" happens only by resubmitting the corrected answers.
        raise _refuse(current, target)
    if target is ApplicationStatus.DELIVERED and application.delivery_method is not Delivery.HOME_DELIVERY:
        raise CettarError("DELIVERY_NOT_APPLICABLE", field="input.status")
    text = _text(reason, limit=MAX_REASON, path="input.reason")
    if allowed.reason_required and text is None:
        raise CettarError("REASON_REQUIRED", field="input.reason")
    moment = now()
    values: dict[str, Any] = {"status": target, "updated_at": moment}
    if target in (ApplicationStatus.NEEDS_REVISION, ApplicationStatus.REJECTED, ApplicationStatus.CANCELLED):
        values["status_reason"] = text
    if target is ApplicationStatus.READY:
        values["ready_at"] = moment
    if target in FINAL:
        values["closed_at"] = moment
    if actor is Actor.STAFF and application.assigned_officer_id is None and target not in FINAL:
        values["assigned_officer_id"] = principal.account_id
    await _move(session, application, current, values)
    if target is ApplicationStatus.DELIVERED:
        await _mark_delivered(session, application, moment, received_by)
    await _record_status(session, runtime, principal, application, current, moment, text)
    return application


async def _record_status(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    application: Application,
    previous: ApplicationStatus,
    moment: datetime,
    reason: str | None,
) -> None:
    status = application.status
    _timeline(
        session,
        application,
        principal,
        TimelineKind.STATUS_CHANGED,
        moment,
        from_status=previous,
        to_status=status,
        text=reason,
    )
    audit.record(
        session,
        f"layanan.application_{status.value}"
        if status is not ApplicationStatus.SUBMITTED
        else "layanan.application_resubmitted",
        target_type="Application",
        target_id=application.id,
        target_agency_id=application.agency_id,
        detail={"from": previous.value, "to": status.value, "service_code": application.service_code},
    )
    emit(
        session,
        STATUS_EVENT,
        {
            "application_id": application.id,
            "agency_id": application.agency_id,
            "service_code": application.service_code,
            "from": previous.value,
            "to": status.value,
        },
        source=SOURCE,
    )
    await _notify_status(session, runtime, application, reason)
    await session.flush()


async def resubmit(session: AsyncSession, runtime: Runtime, principal: Principal, data: Resubmission) -> Application:
    """The applicant sends corrected answers (and files) for an application returned for revision.

    The time limit counts again, in full, from the resubmission: the clock stops while the
    application is back with the citizen.
    """
    application = await _load_for_change(session, principal, data.application_id)
    if not principal.owns(application.applicant_id):
        raise CettarError("FORBIDDEN")
    service = runtime.services.get(application.service_code)
    if service is None:
        raise CettarError("SERVICE_NOT_FOUND", field="input.applicationId", service=application.service_code)
    files = await check_uploads(data.uploads, field="input.attachments", max_bytes=_max_bytes(runtime))
    checked_answers = await forms.check_answers(session, service, data.answers)
    answers = forms.to_json(checked_answers)
    scope = scope_of(principal.account_id)
    digest = fingerprint(
        {
            "application": application.id,
            "answers": answers,
            "files": [f.sha256 for f in files],
            "withdraw": sorted(data.withdraw_attachment_ids),
        }
    )
    operation = "layanan.resubmitApplication"
    if await replay(
        session, scope=scope, key=data.idempotency_key, operation=operation, digest=digest, field="input.idempotencyKey"
    ):
        return application
    current = application.status
    if transition_for(current, ApplicationStatus.SUBMITTED, Actor.APPLICANT) is None:
        raise _refuse(current, ApplicationStatus.SUBMITTED)
    active = list(
        (
            await session.execute(
                select(Attachment).where(
                    col(Attachment.application_id) == application.id, col(Attachment.withdrawn_at).is_(None)
                )
            )
        ).scalars()
    )
    by_id = {a.id: a for a in active}
    for index, attachment_id in enumerate(data.withdraw_attachment_ids):
        if attachment_id not in by_id:
            raise CettarError("NOT_FOUND", field=f"input.withdrawAttachmentIds.{index}")
    if _needs_attachment(service) and not files and len(by_id) <= len(set(data.withdraw_attachment_ids)):
        raise CettarError("ATTACHMENT_REQUIRED", field="input.attachments", min=1)

    for checked in files:
        await store(runtime.storage, checked)
    moment = now()
    for attachment_id in set(data.withdraw_attachment_ids):
        by_id[attachment_id].withdrawn_at = moment
    assert application.id is not None
    round_ = application.revision_count + 1
    session.add_all(_attachment_rows(application.id, files, round_, moment))
    await _move(
        session,
        application,
        current,
        {
            "status": ApplicationStatus.SUBMITTED,
            "answers": answers,
            "revision_count": round_,
            "clock_started_at": moment,
            "due_date": calendar.due_date(moment, application.time_limit_days),
            "updated_at": moment,
            "status_reason": None,
            # Corrected answers may change what the application costs (another SIM class, say).
            **(_fee_values(fee_of(service, checked_answers)) if service.fee_for is not None else {}),
        },
    )
    remember(
        session, scope=scope, key=data.idempotency_key, operation=operation, digest=digest, target_id=application.id
    )
    await _record_status(session, runtime, principal, application, current, moment, None)
    return application


async def claim(session: AsyncSession, principal: Principal, application_id: int) -> Application:
    """An officer takes an application: it is theirs to handle. An agency admin may take it over."""
    application = await _load_for_change(session, principal, application_id)
    if not may_process(principal, application):
        raise CettarError("FORBIDDEN")
    if application.status in FINAL:
        raise CettarError("CONFLICT", field="input.applicationId")
    if application.assigned_officer_id == principal.account_id:
        return application
    if application.assigned_officer_id is not None and principal.role is not Role.AGENCY_ADMIN:
        raise CettarError("APPLICATION_CLAIMED", field="input.applicationId")
    moment = now()
    statement = update(Application).where(col(Application.id) == application.id)
    if principal.role is not Role.AGENCY_ADMIN:  # an officer takes only what nobody has taken meanwhile
        statement = statement.where(col(Application.assigned_officer_id).is_(None))
    result = await session.execute(
        statement.values(assigned_officer_id=principal.account_id, updated_at=moment).execution_options(
            synchronize_session=False
        )
    )
    if getattr(result, "rowcount", 1) != 1:
        raise CettarError("APPLICATION_CLAIMED", field="input.applicationId")
    set_committed_value(application, "assigned_officer_id", principal.account_id)
    set_committed_value(application, "updated_at", moment)
    _timeline(session, application, principal, TimelineKind.CLAIMED, moment)
    audit.record(
        session,
        "layanan.application_claimed",
        target_type="Application",
        target_id=application.id,
        target_agency_id=application.agency_id,
    )
    emit(
        session,
        CLAIMED_EVENT,
        {"application_id": application.id, "agency_id": application.agency_id, "officer_id": principal.account_id},
        source=SOURCE,
    )
    await session.flush()
    return application


async def add_note(
    session: AsyncSession, principal: Principal, application_id: int, text: str
) -> tuple[Application, TimelineEntry]:
    """An internal note on an application, for the staff of the processing agency only."""
    application = await _load_for_change(session, principal, application_id)
    if not may_process(principal, application):
        raise CettarError("FORBIDDEN")
    note = _required_text(text, limit=MAX_NOTE, path="input.text")
    entry = _timeline(session, application, principal, TimelineKind.NOTE, now(), text=note)
    await session.flush()
    audit.record(
        session,
        "layanan.application_note_added",
        target_type="Application",
        target_id=application.id,
        target_agency_id=application.agency_id,
        detail={"note_id": entry.id},
    )
    emit(
        session,
        NOTE_EVENT,
        {"application_id": application.id, "agency_id": application.agency_id, "note_id": entry.id},
        source=SOURCE,
    )
    return application, entry


# -- home delivery ---------------------------------------------------------------------------------


async def _mark_delivered(
    session: AsyncSession, application: Application, moment: datetime, received_by: str | None
) -> None:
    delivery = await session.get(HomeDelivery, application.id)
    if delivery is None:  # pragma: no cover - every home delivery application has its address
        return
    delivery.status = CourierStatus.DELIVERED
    delivery.delivered_at = moment
    delivery.updated_at = moment
    delivery.received_by = _text(received_by, limit=120, path="input.receivedBy") or delivery.received_by


@dataclass(frozen=True)
class DeliveryUpdate:
    application_id: int
    status: CourierStatus
    courier: str | None = None
    courier_tracking_number: str | None = None
    received_by: str | None = None


async def update_delivery(
    session: AsyncSession, runtime: Runtime, principal: Principal, data: DeliveryUpdate
) -> Application:
    """Staff record where a home delivery is; ``DELIVERED`` completes the application."""
    application = await _load_for_change(session, principal, data.application_id)
    if not may_process(principal, application):
        raise CettarError("FORBIDDEN")
    if application.delivery_method is not Delivery.HOME_DELIVERY:
        raise CettarError("DELIVERY_NOT_APPLICABLE", field="input.applicationId")
    if application.status is not ApplicationStatus.READY:
        raise CettarError("DELIVERY_NOT_READY", field="input.applicationId")
    delivery = await session.get(HomeDelivery, application.id)
    assert delivery is not None
    courier = _text(data.courier, limit=60, path="input.courier")
    tracking = _text(data.courier_tracking_number, limit=60, path="input.courierTrackingNumber")
    delivery.courier = courier or delivery.courier
    delivery.courier_tracking_number = tracking or delivery.courier_tracking_number
    if data.status is CourierStatus.DELIVERED:
        assert application.id is not None
        return await transition(
            session, runtime, principal, application.id, ApplicationStatus.DELIVERED, received_by=data.received_by
        )
    moment = now()
    delivery.status = data.status
    delivery.updated_at = moment
    _timeline(session, application, principal, TimelineKind.DELIVERY_UPDATED, moment, courier_status=data.status)
    audit.record(
        session,
        "layanan.delivery_updated",
        target_type="Application",
        target_id=application.id,
        target_agency_id=application.agency_id,
        detail={"courier_status": data.status.value},
    )
    emit(
        session,
        DELIVERY_EVENT,
        {"application_id": application.id, "agency_id": application.agency_id, "courier_status": data.status.value},
        source=SOURCE,
    )
    await session.flush()
    return application
