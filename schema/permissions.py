"""Permission classes for fields and mutations: one mechanism for the whole schema.

    @strawberry.field(extensions=[allow(HasPermission("identity.audit.read"))])
    async def audit_trail(info: Info, ...) -> ...

Anonymous callers are refused with ``UNAUTHENTICATED``; signed-in callers who
lack the role or permission with ``FORBIDDEN``. Row-level rules (whose rows a
principal may read) are not here but in the service code, through
:mod:`core.access`, so that lists, nested fields and ``node(id:)`` agree.
"""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission, PermissionExtension

from core.auth import Principal, Role
from core.errors import CettarError


def principal_of(info: Any) -> Principal:
    principal: Principal = info.context.principal
    return principal


class _Check(BasePermission):
    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        principal = principal_of(info)
        if not principal.is_authenticated:
            raise CettarError("UNAUTHENTICATED")
        return self.allows(principal)

    def allows(self, principal: Principal) -> bool:
        return True

    def on_unauthorized(self) -> None:
        raise CettarError("FORBIDDEN")


class IsAuthenticated(_Check):
    """Anyone signed in."""


class HasRole(_Check):
    """Signed in with one of ``roles``."""

    def __init__(self, *roles: Role) -> None:
        self.roles = frozenset(roles)

    def allows(self, principal: Principal) -> bool:
        return principal.role in self.roles


class HasPermission(_Check):
    """Signed in and holding ``permission`` (by role default or by grant)."""

    def __init__(self, permission: str) -> None:
        self.permission = permission

    def allows(self, principal: Principal) -> bool:
        return principal.has(self.permission)


def allow(*checks: BasePermission) -> PermissionExtension:
    """The field extension that applies ``checks`` (all must pass) before the resolver runs."""
    return PermissionExtension(permissions=list(checks), use_directives=False)


STAFF = HasRole(Role.OFFICER, Role.AGENCY_ADMIN, Role.PROVINCE_ADMIN)
