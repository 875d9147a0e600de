"""Who may read and change Rumahku SIP data.

- Anyone (anonymous too) reads the aggregates (``housingStatistics``).
- Staff of the development's agency (Disperkim Gresik) read every detail; with
  ``rumahku_sip.manage`` they record and change it, with ``rumahku_sip.verify_psu``
  they verify, refuse and complete PSU handovers. The province admin reads everything.
- A citizen account linked to a developer reads that developer's developments (not
  aerial surveys or tax links) and proposes their PSU handovers.
- Everyone else sees nothing: a development they may not read is reported as missing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, select
from sqlmodel import col

from core.access import can_read, row_filter
from core.auth import Principal, Role
from core.errors import CettarError
from core.identity.permissions import Permission
from plugins.rumahku_sip.models import Developer, Development

MANAGE = "rumahku_sip.manage"
VERIFY_PSU = "rumahku_sip.verify_psu"

PERMISSIONS = [
    Permission(
        MANAGE,
        "Record and change housing developments, developers, units, PSU, problems, aerial surveys and NOP links "
        "of one's own agency (Disperkim Kabupaten Gresik).",
        [Role.OFFICER, Role.AGENCY_ADMIN],
        grantable_by=[Role.AGENCY_ADMIN],
    ),
    Permission(
        VERIFY_PSU,
        "Verify in the field, refuse, and complete (BAST) the handover of a development's PSU to the kabupaten.",
        [Role.AGENCY_ADMIN],
        grantable_by=[Role.AGENCY_ADMIN],
    ),
]


def developer_account() -> Any:
    """The account linked to a development's developer (a correlated scalar subquery)."""
    return (
        select(col(Developer.account_id))
        .where(col(Developer.id) == col(Development.developer_id))
        .correlate(Development)
        .scalar_subquery()
    )


def development_condition(principal: Principal) -> ColumnElement[bool] | None:
    """The developments ``principal`` may read (None: all of them)."""
    return row_filter(principal, owner=developer_account(), agency=col(Development.agency_id))


def developer_condition(principal: Principal) -> ColumnElement[bool] | None:
    return row_filter(principal, owner=col(Developer.account_id), agency=col(Developer.agency_id))


def can_see(principal: Principal, *, agency_id: int, developer_account_id: int | None) -> bool:
    """Whether ``principal`` may read a development (or anything of it)."""
    return can_read(principal, owner_id=developer_account_id, agency_id=agency_id)


def is_agency_reader(principal: Principal, agency_id: int) -> bool:
    """Staff of the agency, or the province admin: they also read aerial surveys and NOP links."""
    return principal.is_province_admin or (principal.is_staff and principal.in_agency(agency_id))


def require_staff(principal: Principal, agency_id: int, permission: str) -> None:
    """Staff of ``agency_id`` (or the province admin) holding ``permission``; FORBIDDEN otherwise."""
    if not principal.is_authenticated:
        raise CettarError("UNAUTHENTICATED")
    if not (principal.has(permission) and is_agency_reader(principal, agency_id)):
        raise CettarError("FORBIDDEN")
