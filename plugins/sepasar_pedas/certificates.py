"""Certificates: issued for an attended class, revoked when wrong, verified by anyone by code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core import idempotency
from core.access import require_authenticated
from core.audit.chain import record
from core.auth import Principal
from core.calendar import local_date
from core.db import utcnow
from core.errors import CettarError
from core.events.outbox import emit
from core.notifications import notify
from plugins.sepasar_pedas import rules
from plugins.sepasar_pedas.classes import enrolments_by_id
from plugins.sepasar_pedas.models import Attendance, Certificate, Enrolment, SchoolClass, Trader


def my_certificates_query(principal: Principal) -> Select[Any]:
    """The certificates of the traders linked to the signed-in citizen."""
    require_authenticated(principal)
    return (
        select(Certificate)
        .join(Enrolment, col(Enrolment.id) == col(Certificate.enrolment_id))
        .join(Trader, col(Trader.id) == col(Enrolment.trader_id))
        .where(col(Trader.account_id) == principal.account_id)
    )


async def certificates_by_id(session: AsyncSession, ids: Sequence[int]) -> list[tuple[Certificate, Trader] | None]:
    stmt = (
        select(Certificate, Trader)
        .join(Enrolment, col(Enrolment.id) == col(Certificate.enrolment_id))
        .join(Trader, col(Trader.id) == col(Enrolment.trader_id))
        .where(col(Certificate.id).in_(list(ids)))
    )
    found = {cert.id: (cert, trader) for cert, trader in (await session.execute(stmt)).all()}
    return [found.get(i) for i in ids]


async def issue(
    session: AsyncSession, principal: Principal, enrolment_id: int, idempotency_key: str | None = None
) -> Certificate:
    """A certificate for an enrolment marked present, after the class ended; one per enrolment."""
    (pair,) = await enrolments_by_id(session, [enrolment_id])
    rules.require_manager(principal, rules.ISSUE_CERTIFICATES, pair[1].agency_id if pair else None, "input.enrolmentId")
    assert pair is not None
    enrolment, trader = pair
    scope = idempotency.scope_of(principal.account_id)
    digest = idempotency.fingerprint({"enrolment": enrolment_id})
    earlier = await idempotency.replay(
        session,
        scope=scope,
        key=idempotency_key,
        operation="issueSepasarCertificate",
        digest=digest,
        field="input.idempotencyKey",
    )
    if earlier is not None:
        found = await session.get(Certificate, int(earlier))
        assert found is not None
        return found
    school_class = await session.get(SchoolClass, enrolment.class_id)
    assert school_class is not None
    now = utcnow()
    if school_class.ends_at > now:
        raise CettarError("SEPASAR_CLASS_NOT_FINISHED", field="input.enrolmentId")
    if enrolment.attendance is not Attendance.PRESENT:
        raise CettarError("SEPASAR_NOT_ATTENDED", field="input.enrolmentId")
    exists = CettarError("SEPASAR_CERTIFICATE_EXISTS", field="input.enrolmentId")
    existing = select(col(Certificate.id)).where(col(Certificate.enrolment_id) == enrolment.id)
    if (await session.execute(existing)).first():
        raise exists
    certificate = Certificate(
        enrolment_id=enrolment.id,  # type: ignore[arg-type]
        code=rules.new_certificate_code(),
        issued_at=now,
        issued_on=local_date(now),
        issued_by=principal.account_id,
    )
    # Two issues for one enrolment at once (a double click): one certificate, and the typed refusal.
    await rules.insert_once(session, certificate, exists)
    idempotency.remember(
        session,
        scope=scope,
        key=idempotency_key,
        operation="issueSepasarCertificate",
        digest=digest,
        target_id=certificate.id,
    )
    record(
        session,
        "sepasar_pedas.certificate_issued",
        target_type="SepasarCertificate",
        target_id=certificate.id,
        target_agency_id=trader.agency_id,
        detail={"enrolmentId": enrolment.id, "classId": school_class.id},
    )
    emit(
        session,
        "sepasar_pedas.certificate_issued",
        {"certificate_id": certificate.id, "enrolment_id": enrolment.id, "class_id": school_class.id},
        source=rules.PLUGIN,
    )
    if trader.account_id is not None:
        await notify(
            session,
            account_id=trader.account_id,
            kind="sepasar_pedas.certificate_issued",
            title=("Sertifikat SEPASAR PEDAS terbit", "Your SEPASAR PEDAS certificate"),
            body=(
                f"Sertifikat kelas {school_class.title} sudah terbit, kode {certificate.code}.",
                f"Your certificate for {school_class.title} was issued, code {certificate.code}.",
            ),
            source=rules.PLUGIN,
            target_type="SepasarCertificate",
            target_key=str(certificate.id),
        )
    return certificate


async def revoke(session: AsyncSession, principal: Principal, certificate_id: int, reason: str) -> Certificate:
    (pair,) = await certificates_by_id(session, [certificate_id])
    rules.require_manager(
        principal, rules.ISSUE_CERTIFICATES, pair[1].agency_id if pair else None, "input.certificateId"
    )
    assert pair is not None
    certificate, trader = pair
    cleaned = rules.text(reason, "input.reason", min_length=5, max_length=200)
    if certificate.revoked_at is not None:
        raise CettarError("SEPASAR_CERTIFICATE_REVOKED", field="input.certificateId")
    certificate.revoked_at, certificate.revoked_reason = utcnow(), cleaned
    await session.flush()
    record(
        session,
        "sepasar_pedas.certificate_revoked",
        target_type="SepasarCertificate",
        target_id=certificate.id,
        target_agency_id=trader.agency_id,
    )
    emit(
        session,
        "sepasar_pedas.certificate_revoked",
        {"certificate_id": certificate.id, "enrolment_id": certificate.enrolment_id},
        source=rules.PLUGIN,
    )
    if trader.account_id is not None:
        await notify(
            session,
            account_id=trader.account_id,
            kind="sepasar_pedas.certificate_revoked",
            title=("Sertifikat SEPASAR PEDAS dicabut", "SEPASAR PEDAS certificate revoked"),
            body=(
                f"Sertifikat {certificate.code} dicabut: {cleaned}",
                f"Certificate {certificate.code} was revoked: {cleaned}",
            ),
            source=rules.PLUGIN,
            target_type="SepasarCertificate",
            target_key=str(certificate.id),
        )
    return certificate


class VerificationStatus(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Verification:
    """What anyone may learn from a certificate code, and nothing more."""

    code: str
    status: VerificationStatus
    holder_name: str | None = None
    class_title: str | None = None
    class_date: date | None = None
    issued_on: date | None = None


async def verify(session: AsyncSession, code: str) -> Verification:
    """Look a code up for the public: the holder's name masked, the class, its date, the status."""
    canonical = rules.normalise_certificate_code(code)
    typed = code.strip()[:40]
    if canonical is None:
        return Verification(code=typed, status=VerificationStatus.UNKNOWN)
    stmt = (
        select(Certificate, Trader, SchoolClass)
        .join(Enrolment, col(Enrolment.id) == col(Certificate.enrolment_id))
        .join(Trader, col(Trader.id) == col(Enrolment.trader_id))
        .join(SchoolClass, col(SchoolClass.id) == col(Enrolment.class_id))
        .where(col(Certificate.code) == canonical)
    )
    found = (await session.execute(stmt)).first()
    if found is None:
        return Verification(code=canonical, status=VerificationStatus.UNKNOWN)
    certificate, trader, school_class = found
    return Verification(
        code=canonical,
        status=VerificationStatus.REVOKED if certificate.revoked_at is not None else VerificationStatus.VALID,
        holder_name=rules.mask_name(trader.name),
        class_title=school_class.title,
        class_date=local_date(school_class.starts_at),
        issued_on=certificate.issued_on,
    )
