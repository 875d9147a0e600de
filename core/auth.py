"""Who is asking: the principal of a request, its role and its permissions."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

#: ASGI scope key under which the authenticated principal travels.
SCOPE_KEY = "cettar.principal"


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    CITIZEN = "citizen"
    OFFICER = "officer"
    AGENCY_ADMIN = "agency_admin"
    PROVINCE_ADMIN = "province_admin"


#: Roles held by civil servants (ASN) working in an agency.
STAFF_ROLES = frozenset({Role.OFFICER, Role.AGENCY_ADMIN})


@dataclass(frozen=True)
class Principal:
    role: Role = Role.ANONYMOUS
    account_id: int | None = None
    username: str | None = None
    agency_id: int | None = None
    permissions: frozenset[str] = field(default_factory=frozenset)
    session_id: int | None = None

    @property
    def is_authenticated(self) -> bool:
        return self.role is not Role.ANONYMOUS

    @property
    def is_province_admin(self) -> bool:
        return self.role is Role.PROVINCE_ADMIN

    @property
    def is_staff(self) -> bool:
        """An officer or an agency admin: someone who works for one agency."""
        return self.role in STAFF_ROLES

    def has(self, permission: str) -> bool:
        return permission in self.permissions

    def owns(self, account_id: int | None) -> bool:
        return account_id is not None and self.account_id == account_id

    def in_agency(self, agency_id: int | None) -> bool:
        return agency_id is not None and self.agency_id == agency_id


ANONYMOUS = Principal()


def bearer_token(value: object) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` value (``str`` or latin-1 ``bytes``).

    None for any other scheme, an empty token, or no value at all. The one parser of
    that header: HTTP requests, WebSocket upgrades, ``connection_init`` payloads and
    ``/metrics`` scrapes all read it here.
    """
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    if not isinstance(value, str):
        return None
    scheme, _, token = value.partition(" ")
    return (token.strip() or None) if scheme.lower() == "bearer" else None
