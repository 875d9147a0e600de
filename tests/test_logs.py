"""Logs never contain a NIK, a password or a token."""

from __future__ import annotations

import json
import logging

import pytest
import strawberry

from core.logs import JsonFormatter, TextFormatter
from core.plugins import PluginMeta, hookimpl
from core.redaction import install_redaction, redact
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


def test_a_quoted_password_is_blanked_whole_spaces_and_all():
    for line, cleaned in [
        ('{"password": "correct horse battery"}', '{"password": "[REDACTED]"}'),
        ("{'newPassword': 'correct horse battery', 'x': 1}", "{'newPassword': '[REDACTED]', 'x': 1}"),
        (
            'login(username: "budi", password: "correct horse battery")',
            'login(username: "budi", password: "[REDACTED]")',
        ),
        ('{"query": "login(password: \\"correct horse battery\\")"}', '{"query": "login(password: \\"[REDACTED]\\")"}'),
        ('kata_sandi="correct horse battery" ok', 'kata_sandi="[REDACTED]" ok'),
        ('password: "correct horse battery', 'password: "[REDACTED]"'),  # cut off: blanked to the end
    ]:
        assert redact(line) == cleaned
        assert redact(cleaned) == cleaned  # redacting twice changes nothing
    assert "horse" not in redact('{"currentPassword": "a \\" horse"}')


def test_error_and_region_codes_stay_readable():
    for line in (
        "refused: code=INVALID_TOKEN",
        "{'code': 'PAGE_SIZE_EXCEEDED', 'field': 'ids'}",
        '{"extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"}}',
        'region code "35.78", agency code: dispendukcapil-3578',
    ):
        assert redact(line) == line
    # reset and activation codes are tokens (core.identity.secrets.new_token): blanked as tokens
    assert redact(f"reset code {TOKEN}") == "reset code cettar_[REDACTED]"


@pytest.mark.parametrize("name", ["sqlalchemy.engine.Engine", "httpx", "asyncio", "root"])
def test_records_of_every_logger_are_redacted(caplog, name):
    install_redaction()
    logger = logging.getLogger(None if name == "root" else name)
    with caplog.at_level(logging.INFO, logger=logger.name):
        logger.info("[generated in 0.0001s] (%r, %r)", NIK, "password=hunter2-hunter2")
        try:
            raise ValueError(f"duplicate NIK {NIK}")
        except ValueError:
            logger.exception("insert failed for %s", NIK, stack_info=True)
    logged = [r for r in caplog.records if r.name == logger.name]
    assert len(logged) == 2
    text = "\n".join(f"{r.getMessage()}\n{r.exc_text}\n{r.stack_info}" for r in logged)
    assert NIK not in text and "hunter2" not in text
    assert "ValueError: duplicate NIK [NIK]" in text
    assert "[NIK]" in logged[0].getMessage()
    for formatter in (TextFormatter(), JsonFormatter()):  # python-json-logger formats the traceback anew
        written = formatter.format(logged[1])
        assert NIK not in written and "duplicate NIK [NIK]" in written
    assert set(json.loads(JsonFormatter().format(logged[1]))) == {
        "timestamp",
        "level",
        "logger",
        "message",
        "request_id",
        "exception",
        "stack_info",
    }


def test_redaction_is_installed_once_and_skips_nothing_on_the_way_out():
    install_redaction()
    factory = logging.getLogRecordFactory()
    install_redaction()
    assert logging.getLogRecordFactory() is factory
    # a record the factory did not make (built directly, or unpickled from another process):
    # the formatters redact the whole line
    record = logging.LogRecord("other", logging.INFO, __file__, 1, "nik %s", (NIK,), None)
    assert NIK not in TextFormatter().format(record)
    assert NIK not in JsonFormatter().format(record)
