"""Shared helpers of the klinik_bumdes tests: seeding, counting rows, moving the clock."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from core.runtime import Runtime
from core.testkit import GraphQLClient
from plugins.klinik_bumdes.service import common

PLUGINS = ["akun", "wilayah", "klinik_bumdes"]

#: Demo desa codes (see plugins/klinik_bumdes/demo.py).
PUJON_KIDUL = "35.07.26.2003"  # managed by warga.budi, MAJU
KEDENSARI = "35.15.06.2016"  # managed by warga.siti, PEMULA
TAMANSARI = "35.10.24.2008"  # MAJU, no manager
WIDORO = "35.01.01.2001"  # PEMULA, no manager
KARANG_PILANG = "35.78.01.1001"  # a kelurahan in Surabaya: no BUM Desa there
FREE_DESA = "35.07.26.2005"  # Pujon Lor, Kabupaten Malang: no BUM Desa in the demo


async def seed_demo(runtime: Runtime) -> None:
    """What ``cettar seed --demo`` does for the enabled plugins."""
    async with runtime.database.session() as session:
        await runtime.plugins.acall("cettar_seed", session=session, demo=True, runtime=runtime)


async def count(runtime: Runtime, table: str, where: str = "") -> int:
    async with runtime.database.session() as session:
        value = await session.execute(text(f"SELECT count(*) FROM {table} {where}"))
        return int(value.scalar_one())


async def counts(runtime: Runtime) -> dict[str, int]:
    """Rows in every table of the plugin, and the notifications and events: to show nothing was written."""
    tables = [
        "klinik_bumdes_enterprise",
        "klinik_bumdes_unit",
        "klinik_bumdes_grade_change",
        "klinik_bumdes_revenue",
        "klinik_bumdes_expert",
        "klinik_bumdes_expert_topic",
        "klinik_bumdes_ticket",
        "klinik_bumdes_ticket_step",
        "klinik_bumdes_session",
        "klinik_bumdes_note",
        "klinik_bumdes_program",
        "klinik_bumdes_enrollment",
        "core_notification",
        "core_outbox",
        "core_idempotency",
    ]
    return {t: await count(runtime, t) for t in tables}


async def events(runtime: Runtime, prefix: str = "klinik_bumdes.") -> list[tuple[str, dict[str, Any]]]:
    async with runtime.database.session() as session:
        rows = await session.execute(
            text("SELECT name, payload FROM core_outbox WHERE name LIKE :p ORDER BY id"), {"p": prefix + "%"}
        )
        found = []
        for name, payload in rows.all():
            if isinstance(payload, str):
                payload = json.loads(payload)
            found.append((name, payload))
        return found


class Clock:
    """The plugin's clock (``service.common.now``), moved by tests: ``clock.forward(days=3)``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.offset = timedelta()
        real = common.now
        monkeypatch.setattr(common, "now", lambda: real() + self.offset)

    def forward(self, **delta: float) -> None:
        self.offset += timedelta(**delta)

    def move_to(self, moment: str) -> None:
        """Set the clock to an ISO ``moment``, whatever the hour the test started at."""
        self.offset += datetime.fromisoformat(moment) - self.now()

    def now(self) -> datetime:
        return common.now()


BUM_DESA_BY_DESA = "query($code: String!) { bumDesa(desaCode: $code) { id name grade } }"


async def bum_desa_id(gql: GraphQLClient, desa_code: str) -> str:
    data = await gql.execute(BUM_DESA_BY_DESA, {"code": desa_code})
    assert data["bumDesa"] is not None, desa_code
    return str(data["bumDesa"]["id"])


EXPERTS = "query($search: String) { bumDesaExperts(filter: {search: $search}, first: 20) { nodes { id name } } }"


async def expert_id(gql: GraphQLClient, name_part: str) -> str:
    data = await gql.execute(EXPERTS, {"search": name_part})
    (node,) = data["bumDesaExperts"]["nodes"]
    return str(node["id"])


def codes(response: Any) -> list[tuple[str, str | None]]:
    """``(code, field)`` of every error of a response."""
    return [(e["extensions"].get("code"), e["extensions"].get("field")) for e in response.errors]
