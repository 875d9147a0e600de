"""Logs never contain a NIK, a password or a token."""

from __future__ import annotations

import logging

import pytest
import strawberry

from core.logs import redact
from core.plugins import PluginMeta, hookimpl
from schema import Info

NIK = "3578011203850001"
TOKEN = "cettar_q1w2e3r4t5y6u7i8o9p0aSdFgHjKl"


def test_redact_blanks_personal_data_and_secrets():
    line = f'nik={NIK} nip=198703152010011001 Authorization: Bearer {TOKEN} {{"password": "rahasia-sekali"}}'
    cleaned = redact(line)
    for secret in (NIK, "198703152010011001", TOKEN, "rahasia-sekali"):
        assert secret not in cleaned
    assert "[NIK]" in cleaned and "[NIP]" in cleaned
    assert redact("newPassword=abc123&x=1") == "newPassword=[REDACTED]&x=1"
    assert redact("order 12345 of 2026") == "order 12345 of 2026"


@strawberry.field
def leaky(info: Info) -> str:
    raise RuntimeError(f"lookup failed for NIK {NIK} with token {TOKEN} and password=hunter2-hunter2")


class LeakyPlugin:
    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name="bocor", version="1.0", title="Bocor")

    @hookimpl
    def cettar_schema(self, builder: object) -> None:
        builder.query(leaky)  # type: ignore[attr-defined]


@pytest.mark.cettar(extra_plugins=[LeakyPlugin], settings={"login_delay_seconds": 0})
async def test_nothing_personal_reaches_the_logs(gql, caplog):
    caplog.set_level(logging.DEBUG)
    budi = await gql.login("warga.budi")
    token = budi.headers["Authorization"].removeprefix("Bearer ")
    await gql.query('mutation { login(username: "warga.budi", password: "salah-bukan-ini-1") { token } }')
    await gql.query(
        "mutation($i: RegisterCitizenInput!) { registerCitizen(input: $i) { account { id } } }",
        {"i": {"username": "warga.budi", "name": "Budi", "nik": NIK, "password": "kata-sandi-1234", "phone": "0812"}},
    )
    failed = await budi.query("{ leaky }")
    assert failed.codes == ["INTERNAL_ERROR"]
    logged = "\n".join(f"{r.getMessage()}\n{r.exc_text or ''}" for r in caplog.records)
    assert "lookup failed" in logged  # the failure itself is logged…
    for secret in (NIK, TOKEN, token, "hunter2-hunter2", "salah-bukan-ini-1", "cettar-demo-2026"):
        assert secret not in logged  # …without what must never be written down
