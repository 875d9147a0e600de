"""Public and social facilities (PSU) and their handover from developer to the kabupaten.

Permendagri 9/2009: the developer proposes the handover of built PSU with its
documents → the agency verifies it in the field → the BAST (berita acara serah
terima) is signed and the PSU becomes the kabupaten's. The agency may refuse a
proposal (before or after verification), with a reason; the developer may then
propose the facilities again.

    NOT_PROPOSED ─propose→ PROPOSED ─verify→ VERIFIED ─complete (BAST)→ HANDED_OVER
                               └────────┴─refuse→ REFUSED ─propose→ PROPOSED …

A facility's ``handover_status`` follows the handover it is in, so counts by status
are one GROUP BY.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.audit.chain import record
from core.auth import Principal
from core.calendar import local_date
from core.db import utcnow
from core.errors import CettarError
from core.events import emit
from core.identity.models import Account
from core.notifications import notify
from core.storage import DOCUMENTS, CheckedFile, Storage, UploadLike, check_uploads, store
from plugins.rumahku_sip.access import MANAGE, VERIFY_PSU, require_staff
from plugins.rumahku_sip.errors import invalid
from plugins.rumahku_sip.models import (
    Document,
    DocumentStage,
    Facility,
    FacilityKind,
    Handover,
    HandoverItem,
    HandoverStatus,
)
from plugins.rumahku_sip.service import (
    SOURCE,
    Visible,
    idempotent,
    managed_development,
    past_date,
    required_text,
    text,
    touch,
    visible_development,
)

MAX_FACILITIES_PER_HANDOVER = 50
MAX_AREA_M2 = 2_000_000
#: Statuses from which a facility may be proposed (again).
PROPOSABLE = frozenset({HandoverStatus.NOT_PROPOSED, HandoverStatus.REFUSED})


@dataclass(frozen=True)
class Files:
    """Where uploads are checked and kept: the runtime's storage and the size limit."""

    storage: Storage
    max_bytes: int

    async def check(self, uploads: Sequence[UploadLike] | None, field: str, *, required: bool) -> list[CheckedFile]:
        if required and not uploads:
            raise CettarError("PSU_DOCUMENTS_REQUIRED", field=field)
        return await check_uploads(uploads, field=field, max_bytes=self.max_bytes, allowed=DOCUMENTS)

    async def keep(
        self,
        session: AsyncSession,
        checked: Sequence[CheckedFile],
        handover_id: int,
        stage: DocumentStage,
        principal: Principal,
    ) -> None:
        for item in checked:
            stored = await store(self.storage, item)
            session.add(
                Document(
                    handover_id=handover_id,
                    stage=stage,
                    storage_key=stored.key,
                    filename=stored.filename,
                    content_type=stored.content_type,
                    size=stored.size,
                    uploaded_by=principal.account_id,
                )
            )


def _area(value: int | None, field: str) -> int | None:
    if value is not None and not 1 <= value <= MAX_AREA_M2:
        raise invalid(field, f"Luas harus 1 sampai {MAX_AREA_M2} m².", f"The area must be 1 to {MAX_AREA_M2} m².")
    return value


# -- facilities --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FacilityData:
    development_id: int
    kind: FacilityKind
    name: str
    area_m2: int | None = None
    built: bool = False
    idempotency_key: str | None = None


async def add_facility(session: AsyncSession, principal: Principal, data: FacilityData) -> Facility:
    visible = await managed_development(session, principal, data.development_id, "input.developmentId")
    name = required_text(data.name, "input.name", 120, min_length=3)
    area = _area(data.area_m2, "input.areaM2")
    payload = {"development": visible.id, "kind": data.kind, "name": name, "area": area, "built": data.built}
    once = await idempotent(session, principal, data.idempotency_key, "rumahku_sip.add_facility", payload)
    if once.earlier is not None:
        earlier = await session.get(Facility, once.earlier)
        assert earlier is not None
        return earlier
    facility = Facility(
        development_id=visible.id, kind=FacilityKind(data.kind), name=name, area_m2=area, built=data.built
    )
    session.add(facility)
    touch(visible.development)
    await session.flush()
    once.remember(session, facility.id)
    record(
        session,
        "rumahku_sip.facility_added",
        target_type="PublicFacility",
        target_id=facility.id,
        target_agency_id=visible.development.agency_id,
        detail={"kind": facility.kind.value},
    )
    return facility


async def _facility(
    session: AsyncSession, principal: Principal, facility_id: int, field: str
) -> tuple[Facility, Visible]:
    facility = await session.get(Facility, facility_id)
    if facility is None:
        raise CettarError("NOT_FOUND", field=field)
    visible = await visible_development(session, principal, facility.development_id, field)
    return facility, visible


async def update_facility(
    session: AsyncSession,
    principal: Principal,
    facility_id: int,
    *,
    name: str | None = None,
    area_m2: int | None = None,
    built: bool | None = None,
) -> Facility:
    facility, visible = await _facility(session, principal, facility_id, "input.facilityId")
    require_staff(principal, visible.development.agency_id, MANAGE)
    if facility.handover_status not in PROPOSABLE:
        raise CettarError("PSU_ALREADY_IN_HANDOVER", field="input.facilityId", name=facility.name)
    if name is None and area_m2 is None and built is None:
        raise invalid("input", "Tidak ada yang diubah.", "Nothing to change.")
    if name is not None:
        facility.name = required_text(name, "input.name", 120, min_length=3)
    if area_m2 is not None:
        facility.area_m2 = _area(area_m2, "input.areaM2")
    if built is not None:
        facility.built = built
    session.add(facility)
    touch(visible.development)
    await session.flush()
    record(
        session,
        "rumahku_sip.facility_updated",
        target_type="PublicFacility",
        target_id=facility.id,
        target_agency_id=visible.development.agency_id,
        detail={"built": facility.built},
    )
    return facility


# -- handovers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    development_id: int
    facility_ids: Sequence[int]
    note: str | None
    documents: Sequence[UploadLike]
    idempotency_key: str | None = None


def _may_propose(principal: Principal, visible: Visible) -> None:
    """The developer's own account, or staff of the agency holding ``rumahku_sip.manage``."""
    if principal.owns(visible.developer.account_id):
        return
    require_staff(principal, visible.development.agency_id, MANAGE)


async def _set_facilities(session: AsyncSession, handover_id: int, status: HandoverStatus) -> list[int]:
    ids = [
        int(i)
        for i in (
            await session.execute(
                select(col(HandoverItem.facility_id)).where(col(HandoverItem.handover_id) == handover_id)
            )
        ).scalars()
    ]
    await session.execute(
        update(Facility)
        .where(col(Facility.id).in_(ids), col(Facility.handover_id) == handover_id)
        .values(handover_status=status)
        .execution_options(synchronize_session="fetch")
    )
    return sorted(ids)


async def propose(session: AsyncSession, principal: Principal, files: Files, proposal: Proposal) -> Handover:
    visible = await visible_development(session, principal, proposal.development_id, "input.developmentId")
    _may_propose(principal, visible)
    ids = list(proposal.facility_ids)
    if not 1 <= len(ids) <= MAX_FACILITIES_PER_HANDOVER or len(set(ids)) != len(ids):
        raise invalid(
            "input.facilityIds",
            f"Pilih 1 sampai {MAX_FACILITIES_PER_HANDOVER} PSU yang berbeda.",
            f"Choose 1 to {MAX_FACILITIES_PER_HANDOVER} different facilities.",
        )
    note = text(proposal.note, "input.note", 1000, required=False)
    checked = await files.check(proposal.documents, "input.documents", required=True)
    payload = {
        "development": visible.id,
        "facilities": sorted(ids),
        "note": note,
        "documents": [c.sha256 for c in checked],
    }
    once = await idempotent(session, principal, proposal.idempotency_key, "rumahku_sip.propose_psu_handover", payload)
    if once.earlier is not None:
        earlier = await session.get(Handover, once.earlier)
        assert earlier is not None
        return earlier
    rows = {
        row.id: row
        for row in (
            await session.execute(
                select(Facility).where(col(Facility.id).in_(ids), col(Facility.development_id) == visible.id)
            )
        ).scalars()
    }
    for index, facility_id in enumerate(ids):
        facility = rows.get(facility_id)
        field = f"input.facilityIds.{index}"
        if facility is None:
            raise CettarError("NOT_FOUND", field=field)
        if facility.handover_status not in PROPOSABLE:
            raise CettarError("PSU_ALREADY_IN_HANDOVER", field=field, name=facility.name)
        if not facility.built:
            raise CettarError("PSU_NOT_BUILT", field=field, name=facility.name)
    handover = Handover(
        development_id=visible.id, status=HandoverStatus.PROPOSED, note=note, proposed_by=principal.account_id
    )
    session.add(handover)
    await session.flush()
    assert handover.id is not None
    for facility_id in ids:
        session.add(HandoverItem(handover_id=handover.id, facility_id=facility_id))
    # Conditional, in one statement: a facility another proposal took meanwhile is not taken twice.
    taken = await session.execute(
        update(Facility)
        .where(col(Facility.id).in_(ids), col(Facility.handover_status).in_([s.value for s in PROPOSABLE]))
        .values(handover_id=handover.id, handover_status=HandoverStatus.PROPOSED)
        .execution_options(synchronize_session="fetch")
    )
    if getattr(taken, "rowcount", 0) != len(ids):
        for index, facility_id in enumerate(ids):
            await session.refresh(rows[facility_id])
            if rows[facility_id].handover_id != handover.id:
                raise CettarError(
                    "PSU_ALREADY_IN_HANDOVER", field=f"input.facilityIds.{index}", name=rows[facility_id].name
                )
    await files.keep(session, checked, handover.id, DocumentStage.PROPOSAL, principal)
    touch(visible.development)
    await session.flush()
    once.remember(session, handover.id)
    record(
        session,
        "rumahku_sip.psu_handover_proposed",
        target_type="PsuHandover",
        target_id=handover.id,
        target_agency_id=visible.development.agency_id,
        detail={"facilities": len(ids), "documents": len(checked)},
    )
    emit(
        session,
        "rumahku_sip.psu_handover_proposed",
        {"handover_id": handover.id, "development_id": visible.id, "facility_ids": sorted(ids)},
        source=SOURCE,
    )
    return handover


async def _handover(
    session: AsyncSession, principal: Principal, handover_id: int, allowed: frozenset[HandoverStatus]
) -> tuple[Handover, Visible]:
    handover = await session.get(Handover, handover_id)
    if handover is None:
        raise CettarError("NOT_FOUND", field="input.handoverId")
    visible = await visible_development(session, principal, handover.development_id, "input.handoverId")
    require_staff(principal, visible.development.agency_id, VERIFY_PSU)
    if handover.status not in allowed:
        raise CettarError("PSU_HANDOVER_INVALID_STATE", field="input.handoverId", status=handover.status.name)
    return handover, visible


async def _move(session: AsyncSession, handover: Handover, allowed: frozenset[HandoverStatus], **values: Any) -> None:
    """Change the handover only if it is still in an ``allowed`` status, in one conditional UPDATE:
    two officers deciding at once cannot both move it (the loser gets ``PSU_HANDOVER_INVALID_STATE``)."""
    try:
        async with session.begin_nested():
            result = await session.execute(
                update(Handover)
                .where(col(Handover.id) == handover.id, col(Handover.status).in_([s.value for s in allowed]))
                .values(**values)
                .execution_options(synchronize_session=False)
            )
    except IntegrityError:  # a BAST number recorded meanwhile for another handover
        number = values.get("bast_number")
        raise CettarError("PSU_BAST_EXISTS", field="input.bastNumber", number=number) from None
    await session.refresh(handover)
    if getattr(result, "rowcount", 0) != 1:
        raise CettarError("PSU_HANDOVER_INVALID_STATE", field="input.handoverId", status=handover.status.name)


async def _tell_proposer(session: AsyncSession, handover: Handover, visible: Visible, what: str) -> None:
    """Notify the developer's account of a decision on a handover it proposed."""
    proposer = await session.get(Account, handover.proposed_by) if handover.proposed_by else None
    if proposer is None or proposer.id != visible.developer.account_id:
        return
    name = visible.development.name
    titles = {
        "verified": (
            ("Serah terima PSU terverifikasi", "PSU handover verified"),
            (
                f"Usulan serah terima PSU {name} telah diverifikasi di lapangan.",
                f"The PSU handover proposal of {name} was verified in the field.",
            ),
        ),
        "handed_over": (
            ("PSU telah diserahterimakan", "PSU handed over"),
            (
                f"PSU {name} telah diserahterimakan dengan BAST {handover.bast_number}.",
                f"The PSU of {name} were handed over with BAST {handover.bast_number}.",
            ),
        ),
        "refused": (
            ("Usulan serah terima PSU ditolak", "PSU handover proposal refused"),
            (
                f"Usulan serah terima PSU {name} ditolak. Lihat alasannya di aplikasi.",
                f"The PSU handover proposal of {name} was refused. See the reason in the app.",
            ),
        ),
    }
    title, body = titles[what]
    await notify(
        session,
        account_id=proposer.id or 0,
        kind=f"rumahku_sip.psu_handover_{what}",
        title=title,
        body=body,
        source=SOURCE,
        target_type="PsuHandover",
        target_key=str(handover.id),
    )


async def verify(
    session: AsyncSession,
    principal: Principal,
    files: Files,
    handover_id: int,
    *,
    field_verified_on: date,
    notes: str,
    documents: Sequence[UploadLike] | None = None,
) -> Handover:
    handover, visible = await _handover(session, principal, handover_id, frozenset({HandoverStatus.PROPOSED}))
    on = past_date(field_verified_on, "input.fieldVerifiedOn", not_before=local_date(handover.proposed_at))
    cleaned = required_text(notes, "input.notes", 2000, min_length=10)
    checked = await files.check(documents, "input.documents", required=False)
    await _move(
        session,
        handover,
        frozenset({HandoverStatus.PROPOSED}),
        status=HandoverStatus.VERIFIED,
        field_verified_on=on,
        verification_notes=cleaned,
        verified_at=utcnow(),
        verified_by=principal.account_id,
    )
    assert handover.id is not None
    await files.keep(session, checked, handover.id, DocumentStage.VERIFICATION, principal)
    await session.flush()
    facility_ids = await _set_facilities(session, handover.id, HandoverStatus.VERIFIED)
    touch(visible.development)
    record(
        session,
        "rumahku_sip.psu_handover_verified",
        target_type="PsuHandover",
        target_id=handover.id,
        target_agency_id=visible.development.agency_id,
    )
    emit(
        session,
        "rumahku_sip.psu_handover_verified",
        {"handover_id": handover.id, "development_id": visible.id, "facility_ids": facility_ids},
        source=SOURCE,
    )
    await _tell_proposer(session, handover, visible, "verified")
    await session.flush()
    return handover


async def complete(
    session: AsyncSession,
    principal: Principal,
    files: Files,
    handover_id: int,
    *,
    bast_number: str,
    bast_date: date,
    documents: Sequence[UploadLike],
) -> Handover:
    handover, visible = await _handover(session, principal, handover_id, frozenset({HandoverStatus.VERIFIED}))
    number = required_text(bast_number, "input.bastNumber", 80, min_length=5).upper()
    assert handover.field_verified_on is not None
    on = past_date(bast_date, "input.bastDate", not_before=handover.field_verified_on)
    checked = await files.check(documents, "input.documents", required=True)
    taken = await session.execute(select(col(Handover.id)).where(col(Handover.bast_number) == number))
    if taken.first():
        raise CettarError("PSU_BAST_EXISTS", field="input.bastNumber", number=number)
    await _move(
        session,
        handover,
        frozenset({HandoverStatus.VERIFIED}),
        status=HandoverStatus.HANDED_OVER,
        bast_number=number,
        bast_date=on,
        handed_over_at=utcnow(),
        handed_over_by=principal.account_id,
    )
    assert handover.id is not None
    await files.keep(session, checked, handover.id, DocumentStage.HANDOVER, principal)
    await session.flush()
    facility_ids = await _set_facilities(session, handover.id, HandoverStatus.HANDED_OVER)
    touch(visible.development)
    record(
        session,
        "rumahku_sip.psu_handed_over",
        target_type="PsuHandover",
        target_id=handover.id,
        target_agency_id=visible.development.agency_id,
        detail={"facilities": len(facility_ids)},
    )
    emit(
        session,
        "rumahku_sip.psu_handed_over",
        {"handover_id": handover.id, "development_id": visible.id, "facility_ids": facility_ids},
        source=SOURCE,
    )
    await _tell_proposer(session, handover, visible, "handed_over")
    await session.flush()
    return handover


async def refuse(
    session: AsyncSession,
    principal: Principal,
    files: Files,
    handover_id: int,
    *,
    reason: str,
    documents: Sequence[UploadLike] | None = None,
) -> Handover:
    allowed = frozenset({HandoverStatus.PROPOSED, HandoverStatus.VERIFIED})
    handover, visible = await _handover(session, principal, handover_id, allowed)
    cleaned = required_text(reason, "input.reason", 2000, min_length=10)
    checked = await files.check(documents, "input.documents", required=False)
    await _move(
        session,
        handover,
        allowed,
        status=HandoverStatus.REFUSED,
        refusal_reason=cleaned,
        refused_at=utcnow(),
        refused_by=principal.account_id,
    )
    assert handover.id is not None
    await files.keep(session, checked, handover.id, DocumentStage.REFUSAL, principal)
    await session.flush()
    facility_ids = await _set_facilities(session, handover.id, HandoverStatus.REFUSED)
    touch(visible.development)
    record(
        session,
        "rumahku_sip.psu_handover_refused",
        target_type="PsuHandover",
        target_id=handover.id,
        target_agency_id=visible.development.agency_id,
    )
    emit(
        session,
        "rumahku_sip.psu_handover_refused",
        {"handover_id": handover.id, "development_id": visible.id, "facility_ids": facility_ids},
        source=SOURCE,
    )
    await _tell_proposer(session, handover, visible, "refused")
    await session.flush()
    return handover
