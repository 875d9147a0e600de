"""Shared helpers of the gayatri tests: seeding, signing in, global IDs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.sql import Select
from sqlmodel import col

from core.identity.models import Account
from core.runtime import Runtime
from core.testkit import GraphQLClient
from plugins.gayatri import seed
from schema import encode_global_id

PLUGINS = ["akun", "wilayah", "gayatri"]

CADRE_MENTIKAN = "kader.mentikan"  # 35.76.01.1003
CADRE_BALONGSARI = "kader.balongsari"  # 35.76.02.1008
CADRE_KRANGGAN = "kader.kranggan"  # 35.76.03.1001
DINKES_OFFICER = "petugas.dinkes.mojokerto"
DINKES_ADMIN = "admin.dinkes.mojokerto"
DINSOS_OFFICER = "petugas.dinsos.mojokerto"
MENTIKAN, BALONGSARI, KRANGGAN, WATES = seed.MENTIKAN, seed.BALONGSARI, seed.KRANGGAN, seed.WATES


async def seed_demo(runtime: Runtime) -> None:
    """What ``cettar seed --demo`` does for the enabled plugins."""
    async with runtime.database.session() as session:
        await runtime.plugins.acall("cettar_seed", session=session, demo=True, runtime=runtime)


async def seed_people(runtime: Runtime) -> seed.People:
    """Only the demo accounts and cadres: tests start from no children and no cases."""
    async with runtime.database.session() as session:
        return await seed.seed_people(session)


def gid(type_name: str, key: object) -> str:
    return encode_global_id(type_name, str(key))


async def account_id(runtime: Runtime, username: str) -> int:
    async with runtime.database.session() as session:
        found = (await session.execute(select(col(Account.id)).where(col(Account.username) == username))).scalar_one()
    assert found is not None
    return found


async def count(runtime: Runtime, statement: Select[Any]) -> int:
    async with runtime.database.session() as session:
        return int((await session.execute(select(func.count()).select_from(statement.subquery()))).scalar_one())


async def rows(runtime: Runtime, model: type[Any]) -> int:
    return await count(runtime, select(model))


async def login(gql: GraphQLClient, username: str) -> GraphQLClient:
    return await gql.login(username)
