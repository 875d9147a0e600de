"""Who is asking: the principal of a request."""

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


@dataclass(frozen=True)
class Principal:
    role: Role = Role.ANONYMOUS
    account_id: int | None = None
    username: str | None = None
    agency_id: int | None = None
    permissions: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_authenticated(self) -> bool:
        return self.role is not Role.ANONYMOUS


ANONYMOUS = Principal()
