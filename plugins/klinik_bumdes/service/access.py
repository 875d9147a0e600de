"""Who may do what in the Klinik BUM Desa.

- The clinic is run by Dinas PMD Provinsi Jawa Timur (agency ``dpmd-jatim``): its officers and
  agency admins, the province admin, and anyone granted ``klinik_bumdes.manage`` manage the
  registry, the experts, the programmes and every consultation.
- ``klinik_bumdes.consult`` lets staff elsewhere (a Dinas PMD of a kabupaten, say) handle the
  consultations of the BUM Desa **in their agency's region**: see them (with the BUM Desa's
  contacts), assign, schedule, resolve and close. Agency admins may grant it to their officers,
  so it never reaches beyond the region of the granting agency; a provincial agency's holders
  handle every consultation.
- An expert linked to an account sees and works on the consultations assigned to them.
- A citizen linked to a BUM Desa as its manager opens consultations for it and sees their own.
- Everyone, signed in or not, reads the registry basics, the experts, programmes and statistics.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, false, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.access import row_filter
from core.auth import Principal
from core.errors import CettarError
from core.regions.models import Agency
from plugins.klinik_bumdes.models import Enterprise, Expert, Ticket

AGENCY_CODE = "dpmd-jatim"
MANAGE = "klinik_bumdes.manage"
CONSULT = "klinik_bumdes.consult"


@dataclass(frozen=True)
class Access:
    """A principal's standing in the clinic, computed once per request."""

    principal: Principal
    #: ``core_agency.id`` of Dinas PMD Provinsi Jawa Timur (audit records name it as the target's agency).
    agency_id: int | None
    #: The expert this account is, if it is linked to one.
    expert_id: int | None = None
    #: For a holder of ``consult`` outside the clinic whose agency serves a kabupaten/kota: that region
    #: (``35.15``) and the BUM Desa in it. None: every consultation (the clinic, a provincial agency).
    consult_region: str | None = None
    region_enterprises: frozenset[int] = frozenset()

    @property
    def account_id(self) -> int | None:
        return self.principal.account_id

    @property
    def manage(self) -> bool:
        """Runs the clinic: the registry, experts, programmes and every consultation."""
        p = self.principal
        return p.is_province_admin or p.has(MANAGE) or (p.is_staff and p.in_agency(self.agency_id))

    @property
    def consult(self) -> bool:
        """Handles consultations (assign, schedule, resolve, close): all, or those of one region."""
        return self.manage or self.principal.has(CONSULT)

    def handles(self, enterprise_id: int) -> bool:
        """Whether this principal handles the consultations of that BUM Desa."""
        if self.manage:
            return True
        if not self.principal.has(CONSULT):
            return False
        return self.consult_region is None or enterprise_id in self.region_enterprises

    def is_expert_of(self, ticket: Ticket) -> bool:
        return self.expert_id is not None and ticket.expert_id == self.expert_id

    def can_see_ticket(self, ticket: Ticket) -> bool:
        return (
            self.handles(ticket.enterprise_id)
            or self.principal.owns(ticket.requester_account_id)
            or self.is_expert_of(ticket)
        )

    def can_work_ticket(self, ticket: Ticket) -> bool:
        """Schedule sessions, record their notes and resolve: handlers and the assigned expert."""
        return self.handles(ticket.enterprise_id) or self.is_expert_of(ticket)

    def ticket_filter(self) -> ColumnElement[bool] | None:
        """The WHERE condition of the consultations this principal may read (None: all)."""
        if self.manage or (self.principal.has(CONSULT) and self.consult_region is None):
            return None
        allowed = [row_filter(self.principal, owner=col(Ticket.requester_account_id))]
        if self.expert_id is not None:
            allowed.append(col(Ticket.expert_id) == self.expert_id)
        if self.principal.has(CONSULT) and self.consult_region is not None:
            allowed.append(col(Ticket.enterprise_id).in_(in_region(self.consult_region)))
        conditions = [c for c in allowed if c is not None]
        return or_(*conditions) if conditions else false()

    def may_see_contact(self, *, owner_account_id: int | None, enterprise_id: int | None = None) -> bool:
        """Phone numbers, e-mail addresses and personal names: the owner, and those who handle the
        consultations — of that BUM Desa (``enterprise_id``), or any (an expert's contacts)."""
        if self.principal.owns(owner_account_id):
            return True
        return self.consult if enterprise_id is None else self.handles(enterprise_id)

    def require_manage(self) -> None:
        if not self.principal.is_authenticated:
            raise CettarError("UNAUTHENTICATED")
        if not self.manage:
            raise CettarError("FORBIDDEN")

    def require_consult(self) -> None:
        if not self.principal.is_authenticated:
            raise CettarError("UNAUTHENTICATED")
        if not self.consult:
            raise CettarError("FORBIDDEN")


async def clinic_agency_id(session: AsyncSession) -> int | None:
    found = await session.execute(select(col(Agency.id)).where(col(Agency.code) == AGENCY_CODE))
    value = found.scalar_one_or_none()
    return None if value is None else int(value)


def in_region(region: str) -> Any:
    """The ids of the BUM Desa in ``region`` (a kabupaten/kota code), as a subquery."""
    return select(col(Enterprise.id)).where(
        or_(col(Enterprise.regency_code) == region, col(Enterprise.regency_code).startswith(f"{region}."))
    )


async def access_for(session: AsyncSession, principal: Principal) -> Access:
    """The principal's :class:`Access`: two small queries (the clinic's agency, the linked expert), and two
    more for a holder of ``consult`` outside the clinic (their agency's region, the BUM Desa in it)."""
    agency_id = await clinic_agency_id(session)
    expert_id = None
    if principal.account_id is not None:
        found = await session.execute(select(col(Expert.id)).where(col(Expert.account_id) == principal.account_id))
        value = found.scalar_one_or_none()
        expert_id = None if value is None else int(value)
    access = Access(principal=principal, agency_id=agency_id, expert_id=expert_id)
    if access.manage or not principal.has(CONSULT):
        return access
    region = None
    if principal.agency_id is not None:
        agency = await session.get(Agency, principal.agency_id)
        region = agency.region_code if agency is not None else None
    if region is None or "." not in region:  # a provincial agency (or none): every consultation
        return access
    ids = frozenset(int(i) for i in (await session.execute(in_region(region))).scalars())
    return replace(access, consult_region=region, region_enterprises=ids)
