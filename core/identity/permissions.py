"""Permissions: declared by the core and by plugins, granted to roles or to accounts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.auth import Role
from core.identity.models import PermissionGrant

# The kernel's own permissions.
MANAGE_OFFICERS = "identity.officers.manage"
VIEW_PERSONAL_DATA = "identity.personal_data.view"
READ_AUDIT = "identity.audit.read"
GRANT_PERMISSIONS = "identity.permissions.grant"


@dataclass(frozen=True)
class Permission:
    """A named permission and the roles that hold it by default.

    Plugins declare theirs with the ``cettar_permissions`` hook, named
    ``<plugin>.<what>`` (for example ``klinik_bumdes.consult``). The province
    admin grants any permission; an agency admin grants one to the officers of
    their agency when it holds it or when its role is in ``grantable_by``.
    """

    name: str
    description: str
    roles: frozenset[Role] = frozenset()
    grantable_by: frozenset[Role] = frozenset()

    def __init__(
        self, name: str, description: str, roles: Iterable[Role] = (), grantable_by: Iterable[Role] = ()
    ) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "description", description)
        object.__setattr__(self, "roles", frozenset(roles))
        object.__setattr__(self, "grantable_by", frozenset(grantable_by))


CORE_PERMISSIONS = (
    Permission(
        MANAGE_OFFICERS,
        "Create and update officers: an agency admin in their own agency, the province admin everywhere.",
        [Role.AGENCY_ADMIN, Role.PROVINCE_ADMIN],
    ),
    Permission(
        VIEW_PERSONAL_DATA,
        "See a citizen's NIK and phone unmasked when one's agency handles their case (need to know).",
        [Role.OFFICER, Role.AGENCY_ADMIN],
    ),
    Permission(
        READ_AUDIT,
        "Read the audit trail: an agency admin their agency's records, the province admin all.",
        [Role.AGENCY_ADMIN, Role.PROVINCE_ADMIN],
    ),
    Permission(
        GRANT_PERMISSIONS,
        "Grant permissions: the province admin to roles and accounts, an agency admin to its own officers.",
        [Role.AGENCY_ADMIN, Role.PROVINCE_ADMIN],
    ),
)


class PermissionRegistry:
    """Every declared permission, by name."""

    def __init__(self, permissions: Iterable[Permission] = CORE_PERMISSIONS) -> None:
        self._by_name: dict[str, Permission] = {}
        self._owner: dict[str, str] = {}
        self.add("core", permissions)

    def add(self, owner: str, permissions: Iterable[Permission]) -> None:
        for permission in permissions:
            if permission.name in self._by_name:
                raise ValueError(
                    f"permission {permission.name!r} is declared by both {self._owner[permission.name]!r} and {owner!r}"
                )
            self._by_name[permission.name] = permission
            self._owner[permission.name] = owner

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def all(self) -> list[Permission]:
        return [self._by_name[name] for name in sorted(self._by_name)]

    def get(self, name: str) -> Permission:
        return self._by_name[name]

    def owner(self, name: str) -> str:
        return self._owner[name]

    def defaults(self, role: Role) -> frozenset[str]:
        return frozenset(p.name for p in self._by_name.values() if role in p.roles)

    def effective(self, role: Role, granted: Iterable[object]) -> frozenset[str]:
        """The role's defaults plus the granted permissions that are still declared."""
        return self.defaults(role) | {str(name) for name in granted if name is not None and str(name) in self}


async def effective_permissions(
    session: AsyncSession, registry: PermissionRegistry, role: Role, account_id: int | None
) -> frozenset[str]:
    """The role's defaults plus what was granted to the role or to the account."""
    granted = await session.execute(
        select(col(PermissionGrant.permission)).where(
            or_(col(PermissionGrant.role) == role, col(PermissionGrant.account_id) == account_id)
            if account_id is not None
            else col(PermissionGrant.role) == role
        )
    )
    return registry.effective(role, granted.scalars())
