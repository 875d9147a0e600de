"""What a scorecard covers: one agency, the agencies of a region (rolled up), or the whole province."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

import strawberry
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.errors import CettarError, register_messages
from core.regions.models import Agency, Region

#: Jawa Timur.
PROVINCE = "35"
REGION_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")

register_messages(
    {
        "SCORECARD_UNKNOWN_AGENCY": (
            "Instansi `{agency}` tidak dikenal.",
            "The agency `{agency}` is not known.",
        ),
        "SCORECARD_UNKNOWN_REGION": (
            "Wilayah `{region}` tidak dikenal.",
            "The region `{region}` is not known.",
        ),
        "SCORECARD_REGION_OUTSIDE_PROVINCE": (
            "Wilayah `{region}` tidak berada di Provinsi Jawa Timur (kode 35).",
            "The region `{region}` is not in the province of Jawa Timur (code 35).",
        ),
        "SCORECARD_SCOPE_CONFLICT": (
            "Isi `agencyCode` atau `regionCode`, bukan keduanya.",
            "Give either `agencyCode` or `regionCode`, not both.",
        ),
    }
)


@strawberry.enum(description="What a CETTAR scorecard covers.")
class CettarScopeKind(Enum):
    AGENCY = "agency"
    REGION = "region"
    PROVINCE = "province"


@dataclass(frozen=True)
class Scope:
    """An agency (``agency_id``), a region (``region_code``: its agencies and those of the regions under it),
    or the province (every agency)."""

    kind: CettarScopeKind
    code: str
    name: str
    agency_id: int | None = None
    region_code: str | None = None

    def condition(self, agency_column: str) -> str:
        """SQL: ``agency_column`` is an agency of this scope."""
        if self.kind is CettarScopeKind.AGENCY:
            return f"{agency_column} = :scope_agency"
        if self.kind is CettarScopeKind.REGION:
            return (
                f"{agency_column} IN (SELECT g.id FROM core_agency g"
                " WHERE g.region_code = :scope_region OR g.region_code LIKE :scope_region_under)"
            )
        return "1 = 1"

    def params(self) -> dict[str, Any]:
        if self.kind is CettarScopeKind.AGENCY:
            return {"scope_agency": self.agency_id}
        if self.kind is CettarScopeKind.REGION:
            return {"scope_region": self.region_code, "scope_region_under": f"{self.region_code}.%"}
        return {}

    def agency_ids(self) -> list[int] | None:
        return None if self.agency_id is None else [self.agency_id]


def in_region(column: Any, code: str) -> Any:
    """``column`` names ``code`` or a region under it (``35.78`` holds ``35.78.01``, not ``35.781``)."""
    return or_(column == code, column.startswith(f"{code}.", autoescape=True))


async def region_of(session: AsyncSession, code: str, field: str) -> Region:
    """A region of Jawa Timur, or a typed error naming ``field``."""
    text = code.strip()
    if not REGION_CODE.match(text):
        raise CettarError("SCORECARD_UNKNOWN_REGION", field=field, region=text[:20])
    if text != PROVINCE and not text.startswith(f"{PROVINCE}."):
        raise CettarError("SCORECARD_REGION_OUTSIDE_PROVINCE", field=field, region=text)
    region = await session.get(Region, text)
    if region is None:
        raise CettarError("SCORECARD_UNKNOWN_REGION", field=field, region=text)
    return region


async def resolve_scope(
    session: AsyncSession, agency_code: str | None, region_code: str | None, *, prefix: str = ""
) -> Scope:
    """The scope named by the arguments (neither: the province); one statement."""
    if agency_code is not None and region_code is not None:
        raise CettarError("SCORECARD_SCOPE_CONFLICT", field=f"{prefix}agencyCode")
    if agency_code is not None:
        code = agency_code.strip()
        agency = (await session.execute(select(Agency).where(col(Agency.code) == code))).scalar_one_or_none()
        if agency is None:
            raise CettarError("SCORECARD_UNKNOWN_AGENCY", field=f"{prefix}agencyCode", agency=code[:64])
        return Scope(CettarScopeKind.AGENCY, agency.code, agency.name, agency_id=agency.id)
    if region_code is not None:
        region = await region_of(session, region_code, f"{prefix}regionCode")
        if region.code == PROVINCE:
            return Scope(CettarScopeKind.PROVINCE, region.code, region.name)
        return Scope(CettarScopeKind.REGION, region.code, region.name, region_code=region.code)
    province = await session.get(Region, PROVINCE)
    return Scope(CettarScopeKind.PROVINCE, PROVINCE, province.name if province is not None else "Jawa Timur")
