"""Root fields of officer performance: who may see whose figures, then the figures."""

from __future__ import annotations

from typing import Annotated

import strawberry
from sqlalchemy import select
from sqlmodel import col

from core.auth import Principal, Role
from core.errors import CettarError
from core.identity.models import Account as AccountRow
from core.identity.models import Officer as OfficerRow
from core.regions.models import Agency as AgencyRow
from plugins.kinerja.officers.types import OfficerPerformance, Subject
from plugins.kinerja.period import PeriodInput, check_period
from schema import STAFF, Connection, HasRole, Info, allow, decode_int_id, paginate

AGENCY_OR_PROVINCE_ADMIN = HasRole(Role.AGENCY_ADMIN, Role.PROVINCE_ADMIN)


def may_see(principal: Principal, *, account_id: int, agency_id: int) -> bool:
    """The officer themselves, an agency admin of the officer's agency, the province admin."""
    if principal.is_province_admin or principal.owns(account_id):
        return True
    return principal.role is Role.AGENCY_ADMIN and principal.in_agency(agency_id)


@strawberry.field(
    description="An officer's performance over a period (kinerja ASN). Without `officerId`, your own. Only the "
    "officer, an agency admin of the officer's agency and the province admin may read it: anyone else gets "
    "NOT_FOUND, as for an officer that does not exist; a citizen gets FORBIDDEN.",
    extensions=[allow(STAFF)],
)
async def officer_performance(
    info: Info,
    period: PeriodInput,
    officer_id: Annotated[
        strawberry.ID | None, strawberry.argument(description="The officer's global ID (`Officer.id`); default: you.")
    ] = None,
) -> OfficerPerformance:
    principal: Principal = info.context.principal
    checked = check_period(period)
    if officer_id is None:
        account_id = principal.account_id
        field = None
    else:
        account_id = decode_int_id(str(officer_id), "Officer", "officerId")
        field = "officerId"
    async with info.context.db() as session:
        agency_id = (
            None
            if account_id is None
            else await session.scalar(select(col(OfficerRow.agency_id)).where(col(OfficerRow.account_id) == account_id))
        )
    if account_id is None or agency_id is None or not may_see(principal, account_id=account_id, agency_id=agency_id):
        raise CettarError("NOT_FOUND", field=field)
    return OfficerPerformance(subject=Subject(account_id, agency_id, checked, alone=True))


@strawberry.field(
    description="The performance of every officer and agency admin of an agency over a period, by account, paged; "
    "for an agency admin of that agency and the province admin (others: FORBIDDEN). Every page is one SQL "
    "aggregate.",
    extensions=[allow(AGENCY_OR_PROVINCE_ADMIN)],
)
async def agency_officer_performance(
    info: Info,
    agency_code: Annotated[str, strawberry.argument(description="The agency's code, e.g. `dispendukcapil-3578`.")],
    period: PeriodInput,
    first: int | None = None,
    after: str | None = None,
) -> Connection[OfficerPerformance]:
    principal: Principal = info.context.principal
    checked = check_period(period)
    async with info.context.db() as session:
        agency_id = await session.scalar(select(col(AgencyRow.id)).where(col(AgencyRow.code) == agency_code.strip()))
    if agency_id is None:
        raise CettarError("NOT_FOUND", field="agencyCode")
    if not (principal.is_province_admin or principal.in_agency(agency_id)):
        raise CettarError("FORBIDDEN", field="agencyCode")
    statement = (
        select(OfficerRow)
        .join(AccountRow, col(AccountRow.id) == col(OfficerRow.account_id))
        .where(
            col(OfficerRow.agency_id) == agency_id,
            col(AccountRow.role).in_([Role.OFFICER, Role.AGENCY_ADMIN]),
        )
    )
    return await paginate(
        info,
        statement,
        [OfficerRow.account_id],
        key_of=lambda row: (row.account_id,),
        convert=lambda row: OfficerPerformance(subject=Subject(row.account_id, row.agency_id, checked, alone=False)),
        first=first,
        after=after,
    )
