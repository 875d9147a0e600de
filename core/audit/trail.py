"""Reading the audit trail: who may read which records, and the filters admins use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, and_, false, or_, select
from sqlmodel import col

from core.audit.models import AuditRecord
from core.auth import Principal, Role
from core.errors import CettarError


@dataclass(frozen=True)
class TrailFilter:
    action: str | None = None
    """An exact action, or a prefix ending in ``.`` (``officer.``)."""
    username: str | None = None
    target_type: str | None = None
    target_id: str | None = None
    agency_id: int | None = None
    """Records by the staff of this agency, or about something of this agency."""
    since: datetime | None = None
    until: datetime | None = None


def trail_query(principal: Principal, f: TrailFilter | None = None, *, field: str = "filter") -> Select[AuditRecord]:
    """The records ``principal`` may read, newest first once paginated.

    The province admin reads everything. An agency admin reads what their
    agency's staff did, and what anyone did to something of their agency (an
    officer, say) — not the province admin's other actions.
    """
    statement = select(AuditRecord)
    if principal.role is Role.AGENCY_ADMIN and principal.agency_id is not None:
        statement = statement.where(
            or_(
                and_(
                    col(AuditRecord.agency_id) == principal.agency_id,
                    col(AuditRecord.role) != Role.PROVINCE_ADMIN.value,
                ),
                col(AuditRecord.target_agency_id) == principal.agency_id,
            )
        )
    elif principal.role is not Role.PROVINCE_ADMIN:
        statement = statement.where(false())
    return _filtered(statement, f, field) if f else statement


def _filtered(statement: Select[AuditRecord], f: TrailFilter, field: str) -> Select[AuditRecord]:
    if f.action:
        action = col(AuditRecord.action)
        statement = statement.where(action.startswith(f.action) if f.action.endswith(".") else action == f.action)
    if f.username:
        statement = statement.where(col(AuditRecord.username) == f.username.strip().lower())
    if f.target_type:
        statement = statement.where(col(AuditRecord.target_type) == f.target_type)
    if f.target_id:
        statement = statement.where(col(AuditRecord.target_id) == f.target_id)
    if f.agency_id is not None:
        statement = statement.where(
            or_(col(AuditRecord.agency_id) == f.agency_id, col(AuditRecord.target_agency_id) == f.agency_id)
        )
    for name, value in (("since", f.since), ("until", f.until)):
        if value is not None and value.tzinfo is None:
            raise CettarError(
                "VALIDATION_FAILED",
                field=f"{field}.{name}",
                message_id="Waktu harus menyertakan zona waktu, mis. 2026-11-29T08:00:00+07:00.",
                message_en="The time must carry its offset, e.g. 2026-11-29T08:00:00+07:00.",
            )
    if f.since:
        statement = statement.where(col(AuditRecord.at) >= f.since)
    if f.until:
        statement = statement.where(col(AuditRecord.at) < f.until)
    return statement
