"""An audit actor whose request id is withheld: recorded by role alone, the chain intact."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry

from core.audit.chain import WITHHELD_REQUEST_ID, Actor, record, verify
from core.plugins import PluginMeta, hookimpl
from schema import Info

TRAIL = """
query {
  auditTrail(filter: {action: "bisik."}, first: 10) {
    nodes { action username role agencyCode requestId }
  }
}"""
WHISPER = "mutation { whisperForAudit }"


@strawberry.mutation(description="Records one entry as a withheld citizen and one as the caller (tests only).")
async def whisper_for_audit(info: Info) -> bool:
    async with info.context.db() as session:
        record(session, "bisik.unnamed", actor=Actor(role="citizen", withhold_request_id=True))
        record(session, "bisik.named")
    return True


class WhisperPlugin:
    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name="bisik", version="0.0.1", title="Bisik (tests only)")

    @hookimpl
    def cettar_schema(self, builder: Any) -> None:
        builder.mutation(whisper_for_audit)


@pytest.mark.cettar(extra_plugins=[WhisperPlugin])
async def test_a_withheld_actor_is_recorded_without_the_request_id_next_to_one_with_it(gql, cettar_runtime):
    officer = await gql.login("petugas.surabaya")
    await officer.execute(WHISPER, headers={"X-Request-ID": "req-bisik-1"})
    province = await gql.login("admin.provinsi")
    trail = {r["action"]: r for r in (await province.execute(TRAIL))["auditTrail"]["nodes"]}
    assert trail["bisik.unnamed"] == {
        "action": "bisik.unnamed",
        "username": None,
        "role": "citizen",
        "agencyCode": None,
        "requestId": WITHHELD_REQUEST_ID,
    }
    assert trail["bisik.named"] == {
        "action": "bisik.named",
        "username": "petugas.surabaya",
        "role": "officer",
        "agencyCode": "dispendukcapil-3578",
        "requestId": "req-bisik-1",
    }
    async with cettar_runtime.database.session() as session:
        assert (await verify(session)).ok


def test_an_actor_cannot_both_carry_and_withhold_a_request_id():
    with pytest.raises(ValueError, match="withheld"):
        Actor(role="citizen", request_id="req-1", withhold_request_id=True)
