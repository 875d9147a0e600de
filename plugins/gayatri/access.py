"""Who sees which GAYATRI rows: the platform rule of ``core.access`` plus the cadres of a kelurahan.

- a child (and its measurements and doses): the staff of the health agency holding
  the record, the active cadres of the child's kelurahan, and the province admin;
- a case: the cadre who reported it, the staff of the agency now responsible, the
  province admin;
- a cadre: the cadre themself, the staff of the health agency, the province admin.

``core.access.scoped`` knows owners and agencies but not "the cadres of a
kelurahan", so the child rule adds an ``EXISTS`` on ``gayatri_cadre`` to the
platform's condition. Lists, nested fields and ``node(id:)`` all use these.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, false, or_, select, true
from sqlmodel import col

from core.access import can_read, may_see_personal_data, row_filter
from core.auth import Principal, Role
from core.identity.permissions import VIEW_PERSONAL_DATA
from plugins.gayatri.models import Cadre, Case, Child


def _is_citizen(principal: Principal) -> bool:
    return principal.role is Role.CITIZEN and principal.account_id is not None


def child_condition(principal: Principal) -> ColumnElement[bool]:
    """The rows of ``gayatri_child`` ``principal`` may read."""
    allowed: list[ColumnElement[bool]] = []
    platform = row_filter(principal, agency=col(Child.agency_id))
    if platform is None:
        return true()
    allowed.append(platform)
    if _is_citizen(principal):
        allowed.append(cadre_kelurahan_condition(principal, col(Child.kelurahan_code)))
    return or_(*allowed) if len(allowed) > 1 else allowed[0]


def visible_children(statement: Select[Any], principal: Principal) -> Select[Any]:
    return statement.where(child_condition(principal))


def visible_cases(statement: Select[Any], principal: Principal) -> Select[Any]:
    condition = row_filter(principal, owner=col(Case.reporter_id), agency=col(Case.agency_id))
    return statement if condition is None else statement.where(condition)


def visible_cadres(statement: Select[Any], principal: Principal) -> Select[Any]:
    condition = row_filter(principal, owner=col(Cadre.account_id), agency=col(Cadre.agency_id))
    return statement if condition is None else statement.where(condition)


def can_read_child(principal: Principal, child: Child, viewer_cadre: Cadre | None) -> bool:
    """The same rule as :func:`child_condition`, for a loaded row and the viewer's own cadre record."""
    if can_read(principal, agency_id=child.agency_id):
        return True
    return (
        _is_citizen(principal)
        and viewer_cadre is not None
        and viewer_cadre.active
        and viewer_cadre.account_id == principal.account_id
        and viewer_cadre.kelurahan_code == child.kelurahan_code
    )


def can_read_case(principal: Principal, case: Case) -> bool:
    return can_read(principal, owner_id=case.reporter_id, agency_id=case.agency_id)


def can_read_cadre(principal: Principal, cadre: Cadre) -> bool:
    return can_read(principal, owner_id=cadre.account_id, agency_id=cadre.agency_id)


def reveals_child_nik(principal: Principal, child: Child) -> bool:
    """A child's and its mother's NIK unmasked: staff of the health agency holding ``identity.personal_data.view``.

    Cadres and the province admin see them masked (the kernel's need-to-know rule).
    """
    return may_see_personal_data(
        principal, owner_id=None, handling_agency_id=child.agency_id, permission=VIEW_PERSONAL_DATA
    )


def cadre_kelurahan_condition(principal: Principal, kelurahan: Any) -> ColumnElement[bool]:
    """Whether ``principal`` is an active cadre of the kelurahan in column ``kelurahan``."""
    if not _is_citizen(principal):
        return false()
    return exists(
        select(col(Cadre.id)).where(
            and_(
                col(Cadre.account_id) == principal.account_id,
                col(Cadre.active).is_(True),
                col(Cadre.kelurahan_code) == kelurahan,
            )
        )
    )
