"""Row-level access: which rows a principal may read, for every plugin's service code.

One rule for the whole platform:

- a citizen sees the rows they own;
- an officer and an agency admin see the rows of their agency;
- the province admin sees every row;
- anyone, signed in or not, sees rows marked public.

Service code never filters by hand; it passes its query through :func:`scoped`
(lists) or asks :func:`can_read` (one object), so that a list, a ``node(id:)``
lookup and a nested field apply the same rule. A row the principal may not read
is reported exactly like a row that does not exist.
"""

from __future__ import annotations

from typing import Any, TypeAlias, TypeVarTuple

from sqlalchemy import ColumnElement, false, or_
from sqlalchemy.orm import Mapped, QueryableAttribute
from sqlalchemy.sql import Select

from core.auth import Principal, Role
from core.errors import CettarError

Ts = TypeVarTuple("Ts")
Column: TypeAlias = ColumnElement[Any] | QueryableAttribute[Any] | Mapped[Any]


def row_filter(
    principal: Principal,
    *,
    owner: Column | None = None,
    agency: Column | None = None,
    public: ColumnElement[bool] | None = None,
) -> ColumnElement[bool] | None:
    """The WHERE condition for ``principal`` (None: no restriction).

    ``owner`` is the column holding the owning account id, ``agency`` the column
    holding the responsible agency id, ``public`` a condition for rows anyone may read.
    A table with neither an owner nor an agency column is readable by the province
    admin only (and by anyone where ``public`` holds).
    """
    if principal.role is Role.PROVINCE_ADMIN:
        return None
    allowed: list[ColumnElement[bool]] = []
    if public is not None:
        allowed.append(public)
    if owner is not None and principal.account_id is not None:
        allowed.append(owner == principal.account_id)
    if principal.is_staff and agency is not None and principal.agency_id is not None:
        allowed.append(agency == principal.agency_id)
    if not allowed:
        return false()
    return or_(*allowed) if len(allowed) > 1 else allowed[0]


def scoped(
    statement: Select[*Ts],
    principal: Principal,
    *,
    owner: Column | None = None,
    agency: Column | None = None,
    public: ColumnElement[bool] | None = None,
) -> Select[*Ts]:
    """``statement`` restricted to the rows ``principal`` may read."""
    condition = row_filter(principal, owner=owner, agency=agency, public=public)
    return statement if condition is None else statement.where(condition)


def can_read(
    principal: Principal, *, owner_id: int | None = None, agency_id: int | None = None, public: bool = False
) -> bool:
    """The same rule as :func:`scoped`, for one object already loaded."""
    if public or principal.role is Role.PROVINCE_ADMIN:
        return True
    if principal.owns(owner_id):
        return True
    return principal.is_staff and principal.in_agency(agency_id)


def require(allowed: bool) -> None:
    """Refuse with NOT_FOUND: a forbidden object looks exactly like a missing one."""
    if not allowed:
        raise CettarError("NOT_FOUND")


def require_authenticated(principal: Principal) -> None:
    if not principal.is_authenticated:
        raise CettarError("UNAUTHENTICATED")


def require_permission(principal: Principal, permission: str) -> None:
    """UNAUTHENTICATED for anonymous callers, FORBIDDEN for those without ``permission``."""
    require_authenticated(principal)
    if not principal.has(permission):
        raise CettarError("FORBIDDEN")


def manages(principal: Principal, *, agency_id: int | None, role: Role) -> bool:
    """Whether ``principal`` manages a staff account of ``role`` in ``agency_id``.

    The province admin manages every staff account; an agency admin manages the
    officers (role ``OFFICER``) of their own agency — not other admins, not the
    province admin, not themselves.
    """
    if principal.role is Role.PROVINCE_ADMIN:
        return True
    return principal.role is Role.AGENCY_ADMIN and principal.in_agency(agency_id) and role is Role.OFFICER


def may_see_personal_data(
    principal: Principal, *, owner_id: int | None, handling_agency_id: int | None = None, permission: str
) -> bool:
    """Whether NIK, phone and similar fields are shown unmasked.

    Only to their owner, and to staff holding ``permission`` (need to know) whose
    agency handles the record, or the province admin holding it.
    """
    if principal.owns(owner_id):
        return True
    if not principal.has(permission):
        return False
    return principal.is_province_admin or (principal.is_staff and principal.in_agency(handling_agency_id))
