"""Shared helpers of the Rumahku SIP tests: seeding, signing in, finding demo rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import col

from core.auth import Principal, Role
from core.regions.models import Agency
from core.runtime import Runtime
from core.testkit import GraphQLClient
from plugins.rumahku_sip.access import MANAGE, VERIFY_PSU

PLUGINS = ["akun", "wilayah", "rumahku_sip"]
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% test\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489") + b"\x00" * 16
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


async def seed(runtime: Runtime, *, demo: bool = True) -> None:
    """What ``cettar seed --demo`` does for plugins."""
    async with runtime.database.session() as session:
        await runtime.plugins.acall("cettar_seed", session=session, demo=demo, runtime=runtime)


async def agency_id(runtime: Runtime, code: str) -> int:
    async with runtime.database.session() as session:
        found = (await session.execute(select(col(Agency.id)).where(col(Agency.code) == code))).scalar_one()
    return int(found)


async def officer_of(
    gql: GraphQLClient, runtime: Runtime, code: str = "disperkim-3525", *permissions: str
) -> GraphQLClient:
    """A principal working in agency ``code`` with exactly ``permissions`` (no account behind it)."""
    return gql.as_principal(
        Principal(role=Role.OFFICER, agency_id=await agency_id(runtime, code), permissions=frozenset(permissions))
    )


ALL = (MANAGE, VERIFY_PSU)


async def roles(gql: GraphQLClient) -> dict[str, GraphQLClient]:
    """Signed-in clients for every demo account the tests act as (demo data must be seeded)."""
    return {
        "officer": await gql.login("petugas.perkim"),
        "admin": await gql.login("admin.perkim"),
        "developer": await gql.login("pengembang.gresik"),
        "citizen": await gql.login("warga.siti"),
        "other_officer": await gql.login("petugas.surabaya"),
        "province": await gql.login("admin.provinsi"),
        "anonymous": gql,
    }


async def development_id(gql: GraphQLClient, name: str) -> str:
    """The global ID of a demo development, read as the Disperkim officer."""
    officer = await gql.login("petugas.perkim")
    data = await officer.execute(
        "query ($s: String) { housingDevelopments(filter: {search: $s}) { nodes { id name } } }", {"s": name}
    )
    (found,) = [n for n in data["housingDevelopments"]["nodes"] if n["name"] == name]
    return str(found["id"])


async def events(runtime: Runtime, prefix: str = "rumahku_sip.") -> list[tuple[str, dict[str, Any]]]:
    """Domain events written to the outbox, oldest first."""
    from core.events.models import OutboxEvent

    async with runtime.database.session() as session:
        rows = (
            await session.execute(
                select(OutboxEvent).where(col(OutboxEvent.name).startswith(prefix)).order_by(col(OutboxEvent.id))
            )
        ).scalars()
        return [(row.name, dict(row.payload)) for row in rows]


async def count(runtime: Runtime, model: type[Any]) -> int:
    from sqlalchemy import func

    async with runtime.database.session() as session:
        return int((await session.execute(select(func.count()).select_from(model))).scalar_one())


async def audit_actions(runtime: Runtime, prefix: str = "rumahku_sip.") -> list[str]:
    from core.audit.models import AuditRecord

    async with runtime.database.session() as session:
        rows = await session.execute(
            select(col(AuditRecord.action))
            .where(col(AuditRecord.action).startswith(prefix))
            .order_by(col(AuditRecord.seq))
        )
        return [str(a) for a in rows.scalars()]
