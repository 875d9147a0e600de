"""GAYATRI's shared rules and the cadres: plain async functions on a session, no GraphQL.

The children (``children``), cases (``cases``) and public figures (``stats``) have
their own modules; what they share — the kelurahan check, the agencies, who is a
cadre, who may record — lives here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core import idempotency
from core.access import require
from core.audit.chain import record
from core.auth import Principal, Role
from core.errors import CettarError
from core.identity.models import Account
from core.regions.models import Agency, Region, RegionKind
from plugins.gayatri import domain
from plugins.gayatri.access import can_read_cadre, visible_cadres
from plugins.gayatri.models import Cadre

MANAGE_CADRES = "gayatri.cadres.manage"
RECORD_CHILDREN = "gayatri.children.record"
HANDLE_CASES = "gayatri.cases.handle"

T = TypeVar("T")


# -- small shared checks ---------------------------------------------------------------------


def text(value: str | None, field: str, *, max_length: int, required: bool = True) -> str | None:
    """A stripped text input: ``VALIDATION_FAILED`` when required and empty, or too long."""
    cleaned = (value or "").strip()
    if not cleaned:
        if required:
            raise CettarError(
                "VALIDATION_FAILED",
                field=field,
                message_id="Isian ini wajib diisi.",
                message_en="This field is required.",
            )
        return None
    if len(cleaned) > max_length:
        raise CettarError(
            "VALIDATION_FAILED",
            field=field,
            message_id=f"Paling banyak {max_length} karakter.",
            message_en=f"At most {max_length} characters.",
        )
    return cleaned


def required_text(value: str | None, field: str, *, max_length: int) -> str:
    cleaned = text(value, field, max_length=max_length)
    assert cleaned is not None
    return cleaned


async def insert_once(session: AsyncSession, row: object, taken: CettarError) -> None:
    """Insert ``row`` in a savepoint. When another request inserted the same thing after our check
    (the unique constraint wins the race), raise ``taken``: the typed error the check raises."""
    try:
        async with session.begin_nested():
            session.add(row)
            await session.flush()
    except IntegrityError:
        raise taken from None


async def check_kelurahan(session: AsyncSession, code: str, field: str) -> Region:
    """A kelurahan of Kota Mojokerto in ``core_region``, or ``GAYATRI_KELURAHAN_INVALID``."""
    cleaned = (code or "").strip()
    region = await session.get(Region, cleaned) if domain.is_mojokerto_kelurahan_code(cleaned) else None
    if region is None or region.kind is not RegionKind.KELURAHAN:
        raise CettarError("GAYATRI_KELURAHAN_INVALID", field=field, kelurahan=cleaned[:20] or "''")
    return region


async def agency_ids(session: AsyncSession, codes: tuple[str, ...]) -> dict[str, int]:
    rows = await session.execute(select(col(Agency.code), col(Agency.id)).where(col(Agency.code).in_(codes)))
    return {str(code): int(found) for code, found in rows if found is not None}


async def agency_id(session: AsyncSession, code: str) -> int:
    found = await agency_ids(session, (code,))
    if code not in found:  # seeded by `cettar seed` (the core for dinkes, this plugin for dinsos)
        raise RuntimeError(f"agency {code} is missing: run `cettar seed`")
    return found[code]


async def cadre_of(session: AsyncSession, account_id: int | None) -> Cadre | None:
    """The active cadre record of an account, if it has one."""
    if account_id is None:
        return None
    statement = select(Cadre).where(col(Cadre.account_id) == account_id, col(Cadre.active).is_(True))
    return (await session.execute(statement)).scalars().first()


async def require_cadre(session: AsyncSession, principal: Principal) -> Cadre:
    cadre = await cadre_of(session, principal.account_id) if principal.role is Role.CITIZEN else None
    if cadre is None:
        raise CettarError("GAYATRI_NOT_A_CADRE")
    return cadre


async def is_health_staff(session: AsyncSession, principal: Principal) -> bool:
    return principal.is_staff and principal.agency_id == await agency_id(session, domain.HEALTH_AGENCY)


@dataclass(frozen=True)
class Recorder:
    """Who records a child's data: a cadre of its kelurahan, or health agency staff."""

    cadre: Cadre | None


async def require_recorder(session: AsyncSession, principal: Principal, kelurahan_code: str, field: str) -> Recorder:
    """Staff of the health agency holding ``gayatri.children.record``, or an active cadre of the kelurahan."""
    if principal.is_staff:
        if not principal.has(RECORD_CHILDREN) or not await is_health_staff(session, principal):
            raise CettarError("FORBIDDEN")
        return Recorder(cadre=None)
    if principal.role is not Role.CITIZEN:
        raise CettarError("FORBIDDEN")
    cadre = await require_cadre(session, principal)
    if cadre.kelurahan_code != kelurahan_code:
        raise CettarError("GAYATRI_OUTSIDE_KELURAHAN", field=field, kelurahan=kelurahan_code)
    return Recorder(cadre=cadre)


async def once(
    session: AsyncSession,
    principal: Principal,
    *,
    key: str | None,
    operation: str,
    payload: dict[str, Any],
    load: Callable[[int], Awaitable[T | None]],
    create: Callable[[], Awaitable[T]],
    target_id: Callable[[T], object],
) -> T:
    """Run ``create`` once per idempotency key: a retry with the same key and input returns the first result."""
    scope = idempotency.scope_of(principal.account_id)
    digest = idempotency.fingerprint(payload)
    earlier = await idempotency.replay(
        session, scope=scope, key=key, operation=operation, digest=digest, field="input.idempotencyKey"
    )
    if earlier is not None:
        found = await load(int(earlier))
        if found is not None:
            return found
    created = await create()
    idempotency.remember(
        session, scope=scope, key=key, operation=operation, digest=digest, target_id=target_id(created)
    )
    return created


# -- cadres ----------------------------------------------------------------------------------


def cadres_query(principal: Principal, *, kelurahan_code: str | None = None, active: bool | None = None) -> Select[Any]:
    statement = visible_cadres(select(Cadre), principal)
    if kelurahan_code is not None:
        statement = statement.where(col(Cadre.kelurahan_code) == kelurahan_code.strip())
    if active is not None:
        statement = statement.where(col(Cadre.active).is_(active))
    return statement


async def require_cadre_manager(session: AsyncSession, principal: Principal) -> int:
    """The health agency's id, when ``principal`` may manage its cadres (staff of it holding the permission)."""
    health = await agency_id(session, domain.HEALTH_AGENCY)
    if not principal.has(MANAGE_CADRES) or not (principal.is_province_admin or principal.agency_id == health):
        raise CettarError("FORBIDDEN")
    return health


async def _check_cadre_account(session: AsyncSession, account_id: int, *, except_cadre: int | None = None) -> None:
    account = await session.get(Account, account_id)
    if account is None or account.role is not Role.CITIZEN or not account.active:
        raise CettarError("GAYATRI_CADRE_ACCOUNT_INVALID", field="input.accountId")
    taken = select(col(Cadre.id)).where(col(Cadre.account_id) == account_id)
    if except_cadre is not None:
        taken = taken.where(col(Cadre.id) != except_cadre)
    if (await session.execute(taken)).first() is not None:
        raise CettarError("GAYATRI_CADRE_ALREADY_REGISTERED", field="input.accountId")


@dataclass(frozen=True)
class CadreData:
    name: str
    kelurahan_code: str
    account_id: int | None = None
    posyandu: str | None = None
    idempotency_key: str | None = None


async def register_cadre(session: AsyncSession, principal: Principal, data: CadreData) -> Cadre:
    health = await require_cadre_manager(session, principal)
    name = required_text(data.name, "input.name", max_length=120)
    posyandu = text(data.posyandu, "input.posyandu", max_length=120, required=False)
    region = await check_kelurahan(session, data.kelurahan_code, "input.kelurahanCode")

    async def create() -> Cadre:
        if data.account_id is not None:
            await _check_cadre_account(session, data.account_id)
        cadre = Cadre(
            name=name,
            kelurahan_code=region.code,
            account_id=data.account_id,
            agency_id=health,
            posyandu=posyandu,
            registered_by=principal.account_id,
        )
        await insert_once(session, cadre, CettarError("GAYATRI_CADRE_ALREADY_REGISTERED", field="input.accountId"))
        record(
            session, "gayatri.cadre_registered", target_type="GayatriCadre", target_id=cadre.id, target_agency_id=health
        )
        return cadre

    return await once(
        session,
        principal,
        key=data.idempotency_key,
        operation="registerGayatriCadre",
        payload={"n": name, "k": region.code, "a": data.account_id, "p": posyandu},
        load=lambda pk: session.get(Cadre, pk),
        create=create,
        target_id=lambda cadre: cadre.id,
    )


@dataclass(frozen=True)
class CadreChanges:
    name: str | None = None
    kelurahan_code: str | None = None
    posyandu: str | None = None
    active: bool | None = None
    account_id: int | None = None


async def update_cadre(session: AsyncSession, principal: Principal, cadre_id: int, changes: CadreChanges) -> Cadre:
    health = await require_cadre_manager(session, principal)
    cadre = await session.get(Cadre, cadre_id)
    require(cadre is not None and can_read_cadre(principal, cadre))
    assert cadre is not None
    if changes.name is not None:
        cadre.name = required_text(changes.name, "input.name", max_length=120)
    if changes.kelurahan_code is not None:
        cadre.kelurahan_code = (await check_kelurahan(session, changes.kelurahan_code, "input.kelurahanCode")).code
    if changes.posyandu is not None:
        cadre.posyandu = text(changes.posyandu, "input.posyandu", max_length=120, required=False)
    if changes.account_id is not None:
        await _check_cadre_account(session, changes.account_id, except_cadre=cadre.id)
        cadre.account_id = changes.account_id
    if changes.active is not None:
        cadre.active = changes.active
    session.add(cadre)
    await session.flush()
    record(
        session,
        "gayatri.cadre_updated",
        target_type="GayatriCadre",
        target_id=cadre.id,
        target_agency_id=health,
        detail={"active": cadre.active, "kelurahan": cadre.kelurahan_code},
    )
    return cadre
