"""Identity through the public API: registration, sign-in, tokens, passwords, officers, permissions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update
from sqlmodel import col

from core.auth import Role
from core.db import utcnow
from core.events.models import OutboxEvent
from core.identity.models import Account, Citizen, Officer, Session
from core.identity.permissions import Permission
from core.plugins import PluginMeta, hookimpl

REGISTER = """
mutation($input: RegisterCitizenInput!) {
  registerCitizen(input: $input) {
    account { id username role name phone email citizen { nik nikRegencyCode inProvince birthDate sex } }
  }
}"""
LOGIN = """
mutation($username: String!, $password: String!) {
  login(username: $username, password: $password) { token expiresAt account { username role } }
}"""
ME = "{ me { username role name permissions citizen { nik } officer { nip agencyCode } } }"
PASSWORD = "kata-sandi-rahasia-1"

NO_DELAY = pytest.mark.cettar(settings={"login_delay_seconds": 0})


def citizen(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": "ani.wijaya",
        "name": "Ani Wijaya",
        "nik": "3578016512990004",  # Surabaya, Karang Pilang; a woman born 25-12-1999
        "phone": "0812-3456-7890",
        "email": "Ani@Example.COM",
        "password": PASSWORD,
    }
    data.update(overrides)
    return data


async def count(runtime, model) -> int:
    async with runtime.database.session() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


# -- registration ------------------------------------------------------------------------------


async def test_a_citizen_registers_and_signs_in(gql):
    account = (await gql.execute(REGISTER, {"input": citizen()}))["registerCitizen"]["account"]
    assert account["username"] == "ani.wijaya"
    assert account["role"] == "CITIZEN"
    assert account["phone"] == "+6281234567890"
    assert account["email"] == "ani@example.com"
    assert account["citizen"] == {
        "nik": "3578016512990004",
        "nikRegencyCode": "35.78",
        "inProvince": True,
        "birthDate": "1999-12-25",
        "sex": "FEMALE",
    }
    signed_in = await gql.execute(LOGIN, {"username": "ani.wijaya", "password": PASSWORD})
    assert signed_in["login"]["account"] == {"username": "ani.wijaya", "role": "CITIZEN"}
    admin_login = 'mutation { login(username: "admin.surabaya", password: "cettar-demo-2026") { account { permissions officer { nip korpriNumber } } } }'
    own = (await gql.execute(admin_login))["login"]["account"]
    assert "identity.officers.manage" in own["permissions"]  # the payload shows you as yourself
    assert own["officer"] == {"nip": "197905102005012002", "korpriNumber": "KORPRI-35-012002"}
    me = (await gql.with_token(signed_in["login"]["token"]).execute(ME))["me"]
    assert me["username"] == "ani.wijaya"
    assert me["citizen"] == {"nik": "3578016512990004"}
    # the phone number and the e-mail address sign in too
    assert (await gql.execute(LOGIN, {"username": "081234567890", "password": PASSWORD}))["login"]["token"]
    assert (await gql.execute(LOGIN, {"username": "ani@example.com", "password": PASSWORD}))["login"]["token"]


async def test_a_nik_from_outside_jawa_timur_is_accepted_and_marked(gql):
    data = citizen(nik="3171011708900001", username="tamu.jakarta", phone=None, email="tamu@example.com")
    profile = (await gql.execute(REGISTER, {"input": data}))["registerCitizen"]["account"]["citizen"]
    assert profile["inProvince"] is False
    assert profile["nikRegencyCode"] == "31.71"


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"nik": "35780165129900"}, "INVALID_NIK", "nik"),  # 14 digits
        ({"nik": "3599016512990004"}, "INVALID_NIK", "nik"),  # no kabupaten 35.99
        ({"nik": "3578017512990004"}, "INVALID_NIK", "nik"),  # day 35 (+40 = 75) does not exist
        ({"nik": "3578016512990000"}, "INVALID_NIK", "nik"),  # sequence 0000
        ({"phone": "12345"}, "INVALID_PHONE", "phone"),
        ({"email": "not-an-address"}, "INVALID_EMAIL", "email"),
        ({"password": "1234567890"}, "WEAK_PASSWORD", "password"),
        ({"username": "3578016512990004"}, "INVALID_USERNAME", "username"),
        ({"phone": None, "email": None}, "CONTACT_REQUIRED", "phone"),
    ],
)
async def test_bad_registrations_get_typed_errors_and_create_nothing(gql, cettar_runtime, changes, code, field):
    before = await count(cettar_runtime, Account)
    response = await gql.query(REGISTER, {"input": citizen(**changes)}, language="en")
    assert response.codes == [code]
    assert response.errors[0]["extensions"]["field"] == field
    assert response.data is None
    assert await count(cettar_runtime, Account) == before
    indonesian = await gql.query(REGISTER, {"input": citizen(**changes)}, language="id")
    assert indonesian.errors[0]["message"] != response.errors[0]["message"]


async def test_one_account_per_nik(gql, cettar_runtime):
    await gql.execute(REGISTER, {"input": citizen()})
    again = await gql.query(REGISTER, {"input": citizen(username="ani.lain", phone=None, email="lain@example.com")})
    assert again.codes == ["ACCOUNT_EXISTS"]
    assert again.errors[0]["extensions"]["field"] == "nik"
    assert await count(cettar_runtime, Citizen) == 3  # two demo citizens and Ani


async def test_a_retried_registration_with_its_idempotency_key_returns_the_same_account(gql, cettar_runtime):
    first = await gql.execute(REGISTER, {"input": citizen(idempotencyKey="reg-42")})
    second = await gql.execute(REGISTER, {"input": citizen(idempotencyKey="reg-42")})
    assert first == second
    assert await count(cettar_runtime, Citizen) == 3
    other = await gql.query(REGISTER, {"input": citizen(idempotencyKey="reg-42", name="Someone Else")})
    assert other.codes == ["IDEMPOTENCY_KEY_REUSED"]


# -- sign-in, tokens -----------------------------------------------------------------------------


@NO_DELAY
async def test_a_wrong_password_and_an_unknown_account_look_the_same(gql):
    wrong = await gql.query(LOGIN, {"username": "warga.budi", "password": "salah-sekali-123"}, language="en")
    unknown = await gql.query(LOGIN, {"username": "nobody.here", "password": "salah-sekali-123"}, language="en")
    assert wrong.codes == unknown.codes == ["INVALID_CREDENTIALS"]
    assert wrong.errors[0]["message"] == unknown.errors[0]["message"]


@NO_DELAY
async def test_repeated_bad_passwords_are_refused_even_with_the_right_one(gql, cettar_runtime):
    limit = cettar_runtime.settings.login_lockout_after
    for _ in range(limit):
        bad = await gql.query(LOGIN, {"username": "warga.siti", "password": "tebak-tebakan-99"})
        assert bad.codes == ["INVALID_CREDENTIALS"]
    refused = await gql.query(LOGIN, {"username": "warga.siti", "password": "cettar-demo-2026"}, language="en")
    assert refused.codes == ["TOO_MANY_ATTEMPTS"]
    assert "seconds" in refused.errors[0]["message"]
    # the same for a name no account has: the refusal reveals nothing
    for _ in range(limit):
        await gql.query(LOGIN, {"username": "tidak.ada", "password": "tebak-tebakan-99"})
    assert (await gql.query(LOGIN, {"username": "tidak.ada", "password": "x" * 12})).codes == ["TOO_MANY_ATTEMPTS"]
    # other accounts still sign in
    assert (await gql.login("warga.budi")).headers["Authorization"].startswith("Bearer cettar_")


@pytest.mark.cettar(settings={"login_delay_seconds": 0, "login_address_lockout_after": 3, "login_lockout_after": 10})
async def test_repeated_failures_from_one_address_are_refused(gql):
    for name in ("satu.orang", "dua.orang", "tiga.orang"):
        assert (await gql.query(LOGIN, {"username": name, "password": "tebak-tebakan-99"})).codes == [
            "INVALID_CREDENTIALS"
        ]
    refused = await gql.query(LOGIN, {"username": "warga.budi", "password": "cettar-demo-2026"})
    assert refused.codes == ["TOO_MANY_ATTEMPTS"]


async def test_a_revoked_token_is_refused(gql):
    budi = await gql.login("warga.budi")
    assert (await budi.execute(ME))["me"]["username"] == "warga.budi"
    assert (await budi.execute("mutation { logout { revoked } }"))["logout"]["revoked"] == 1
    refused = await budi.query(ME, language="en")
    assert refused.status == 401
    assert refused.codes == ["INVALID_TOKEN"]
    assert refused.headers["www-authenticate"].startswith("Bearer")


async def test_an_expired_or_unknown_token_is_refused(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    async with cettar_runtime.database.session() as session:
        await session.execute(update(Session).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert (await budi.query(ME)).codes == ["INVALID_TOKEN"]
    assert (await gql.with_token("cettar_made-up").query(ME)).codes == ["INVALID_TOKEN"]
    assert (await gql.with_headers(Authorization="Basic d2FyZ2E6eA==").query(ME)).status == 401


async def test_tokens_are_stored_only_as_hashes(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    token = budi.headers["Authorization"].removeprefix("Bearer ")
    async with cettar_runtime.database.session() as session:
        stored = list((await session.execute(select(col(Session.token_hash)))).scalars())
    assert stored and token not in stored and all(len(h) == 64 for h in stored)


async def test_anonymous_me_is_null_and_signed_in_me_names_the_role(gql):
    assert (await gql.execute(ME))["me"] is None
    admin = await gql.login("admin.surabaya")
    me = (await admin.execute(ME))["me"]
    assert me["role"] == "AGENCY_ADMIN"
    assert me["officer"]["agencyCode"] == "dispendukcapil-3578"
    assert "identity.officers.manage" in me["permissions"]


async def test_a_subscription_socket_can_authenticate_in_connection_init(gql, cettar_app):
    import httpx
    from httpx_ws import aconnect_ws
    from httpx_ws.transport import ASGIWebSocketTransport

    budi = await gql.login("warga.budi")
    transport = ASGIWebSocketTransport(app=cettar_app.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://cettar.test") as client:
        async with aconnect_ws("/graphql", client, subprotocols=["graphql-transport-ws"]) as ws:
            await ws.send_json({"type": "connection_init", "payload": {"Authorization": "Bearer cettar_wrong"}})
            with pytest.raises(Exception):  # noqa: B017 - the server closes the socket with 4403
                await ws.receive_json(timeout=5)
        async with aconnect_ws("/graphql", client, subprotocols=["graphql-transport-ws"]) as ws:
            await ws.send_json({"type": "connection_init", "payload": {"Authorization": budi.headers["Authorization"]}})
            assert (await ws.receive_json(timeout=5))["type"] == "connection_ack"


# -- passwords -----------------------------------------------------------------------------------


CHANGE = "mutation($input: ChangePasswordInput!) { changePassword(input: $input) { account { username } } }"
RESET_REQUEST = "mutation($u: String!) { requestPasswordReset(input: {username: $u}) { accepted } }"
RESET = "mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { done } }"


@NO_DELAY
async def test_changing_the_password_revokes_other_sessions(gql):
    phone, laptop = await gql.login("warga.budi"), await gql.login("warga.budi")
    wrong = await phone.query(CHANGE, {"input": {"currentPassword": "bukan-ini-123", "newPassword": PASSWORD}})
    assert wrong.codes == ["INVALID_CREDENTIALS"]
    weak = await phone.query(CHANGE, {"input": {"currentPassword": "cettar-demo-2026", "newPassword": "warga.budi99"}})
    assert weak.codes == ["WEAK_PASSWORD"]
    await phone.execute(CHANGE, {"input": {"currentPassword": "cettar-demo-2026", "newPassword": PASSWORD}})
    assert (await phone.execute(ME))["me"]["username"] == "warga.budi"
    assert (await laptop.query(ME)).codes == ["INVALID_TOKEN"]
    assert (await gql.query(LOGIN, {"username": "warga.budi", "password": "cettar-demo-2026"})).codes == [
        "INVALID_CREDENTIALS"
    ]
    await gql.login("warga.budi", PASSWORD)


async def test_password_reset_by_code(gql, cettar_runtime):
    assert (await gql.execute(RESET_REQUEST, {"u": "nobody.at.all"}))["requestPasswordReset"]["accepted"] is True
    assert (await gql.execute(RESET_REQUEST, {"u": "siti@warga.example"}))["requestPasswordReset"]["accepted"] is True
    async with cettar_runtime.database.session() as session:
        events = list(
            (
                await session.execute(
                    select(OutboxEvent).where(col(OutboxEvent.name) == "identity.password_reset_requested")
                )
            ).scalars()
        )
    assert len(events) == 1 and events[0].payload["channel"] == "email"
    code = events[0].payload["code"]
    bad = await gql.query(RESET, {"input": {"code": "cettar_nope", "newPassword": PASSWORD}})
    assert bad.codes == ["RESET_TOKEN_INVALID"]
    assert (await gql.execute(RESET, {"input": {"code": code, "newPassword": PASSWORD}}))["resetPassword"]["done"]
    await gql.login("warga.siti", PASSWORD)
    used = await gql.query(RESET, {"input": {"code": code, "newPassword": "lagi-lagi-berganti-9"}})
    assert used.codes == ["RESET_TOKEN_INVALID"]


# -- officers ------------------------------------------------------------------------------------

CREATE_OFFICER = """
mutation($input: CreateOfficerInput!) {
  createOfficer(input: $input) {
    activationCode
    officer { id name nip position grade korpriMember agencyCode role trainings { name } }
  }
}"""


def officer(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": "petugas.baru",
        "name": "Rina Kusuma",
        "nip": "199505052020122001",
        "agencyCode": "dispendukcapil-3578",
        "position": "Pengadministrasi Kependudukan",
        "grade": "iii/a",
        "korpriNumber": "KORPRI-35-0042",
    }
    data.update(overrides)
    return data


async def test_an_agency_admin_adds_an_officer_who_activates_the_account(gql):
    admin = await gql.login("admin.surabaya")
    created = (await admin.execute(CREATE_OFFICER, {"input": officer()}))["createOfficer"]
    assert created["officer"]["nip"] == "199505052020122001"
    assert created["officer"]["grade"] == "III/a"
    assert created["officer"]["role"] == "OFFICER"
    assert created["officer"]["korpriMember"] is True
    await gql.execute(RESET, {"input": {"code": created["activationCode"], "newPassword": PASSWORD}})
    rina = await gql.login("petugas.baru", PASSWORD)
    assert (await rina.execute(ME))["me"]["officer"]["agencyCode"] == "dispendukcapil-3578"
    training = """mutation($input: AddOfficerTrainingInput!) {
      addOfficerTraining(input: $input) { officer { trainings { name organizer cohort year } } } }"""
    result = await admin.execute(
        training,
        {
            "input": {
                "officerId": created["officer"]["id"],
                "name": "Pelatihan Dasar CPNS",
                "organizer": "BPSDM Provinsi Jawa Timur",
                "cohort": "Angkatan XXI",
                "year": 2021,
            }
        },
    )
    assert result["addOfficerTraining"]["officer"]["trainings"] == [
        {
            "name": "Pelatihan Dasar CPNS",
            "organizer": "BPSDM Provinsi Jawa Timur",
            "cohort": "Angkatan XXI",
            "year": 2021,
        }
    ]


async def test_who_may_add_officers_where(gql, cettar_runtime):
    before = await count(cettar_runtime, Officer)
    sidoarjo_admin = await gql.login("admin.sidoarjo")
    other_agency = await sidoarjo_admin.query(CREATE_OFFICER, {"input": officer()})
    assert other_agency.codes == ["FORBIDDEN"]
    promote = await sidoarjo_admin.query(
        CREATE_OFFICER, {"input": officer(agencyCode="dispendukcapil-3515", role="PROVINCE_ADMIN")}
    )
    assert promote.codes == ["FORBIDDEN"]
    officer_itself = await (await gql.login("petugas.surabaya")).query(CREATE_OFFICER, {"input": officer()})
    assert officer_itself.codes == ["FORBIDDEN"]
    citizen_client = await gql.login("warga.budi")
    assert (await citizen_client.query(CREATE_OFFICER, {"input": officer()})).codes == ["FORBIDDEN"]
    assert (await gql.query(CREATE_OFFICER, {"input": officer()})).codes == ["UNAUTHENTICATED"]
    assert await count(cettar_runtime, Officer) == before
    province = await gql.login("admin.provinsi")
    created = await province.execute(CREATE_OFFICER, {"input": officer(agencyCode="dispendukcapil-3515")})
    assert created["createOfficer"]["officer"]["agencyCode"] == "dispendukcapil-3515"


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"nip": "19950505202012200"}, "INVALID_NIP", "nip"),  # 17 digits
        ({"nip": "199505052020123001"}, "INVALID_NIP", "nip"),  # sex digit 3
        ({"nip": "199513052020122001"}, "INVALID_NIP", "nip"),  # month 13
        ({"nip": "199505052020122000"}, "INVALID_NIP", "nip"),  # sequence 000
        ({"nip": "200505052010122001"}, "INVALID_NIP", "nip"),  # appointed at five
        ({"grade": "V/z"}, "VALIDATION_FAILED", "grade"),
        ({"phone": "0812"}, "INVALID_PHONE", "phone"),
        ({"agencyCode": "no-such-agency"}, "NOT_FOUND", "agencyCode"),
    ],
)
async def test_bad_officer_data_gets_typed_errors_and_creates_nothing(gql, cettar_runtime, changes, code, field):
    admin = await gql.login("admin.provinsi")
    before = await count(cettar_runtime, Account)
    response = await admin.query(CREATE_OFFICER, {"input": officer(**changes)})
    assert response.codes == [code]
    assert response.errors[0]["extensions"].get("field") == field
    assert await count(cettar_runtime, Account) == before


async def test_disabling_an_officer_revokes_their_sessions(gql):
    officer_client = await gql.login("petugas.surabaya")
    admin = await gql.login("admin.surabaya")
    me = (await officer_client.execute("{ me { officer { id } } }"))["me"]["officer"]["id"]
    update_officer = "mutation($input: UpdateOfficerInput!) { updateOfficer(input: $input) { officer { position } } }"
    moved = await admin.query(update_officer, {"input": {"officerId": me, "agencyCode": "dispendukcapil-3515"}})
    assert moved.codes == ["FORBIDDEN"]  # only the province admin moves officers between agencies
    await admin.execute(update_officer, {"input": {"officerId": me, "active": False, "position": "Analis Kebijakan"}})
    assert (await officer_client.query(ME)).codes == ["INVALID_TOKEN"]
    assert (await gql.query(LOGIN, {"username": "petugas.surabaya", "password": "cettar-demo-2026"})).codes == [
        "INVALID_CREDENTIALS"
    ]
    other_admin = await gql.login("admin.sidoarjo")
    hidden = await other_admin.query(update_officer, {"input": {"officerId": me, "active": True}})
    assert hidden.codes == ["NOT_FOUND"]


# -- permissions declared by plugins --------------------------------------------------------------


class ConsultantPlugin:
    """A regional plugin that declares its own permission."""

    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name="konsultan", version="1.0", title="Konsultan")

    @hookimpl
    def cettar_permissions(self) -> list[Permission]:
        return [
            Permission("konsultan.consult", "Answer consultation tickets.", grantable_by=[Role.AGENCY_ADMIN]),
            Permission("konsultan.approve", "Approve the clinic's reports."),
        ]


GRANT = "mutation($input: GrantPermissionInput!) { grantPermission(input: $input) { permission granted } }"


@pytest.mark.cettar(extra_plugins=[ConsultantPlugin])
async def test_plugins_declare_permissions_that_admins_grant(gql):
    province = await gql.login("admin.provinsi")
    listed = (await province.execute("{ permissions { name plugin defaultRoles } }"))["permissions"]
    assert {"name": "konsultan.consult", "plugin": "konsultan", "defaultRoles": []} in listed
    officer_id = (await (await gql.login("petugas.sidoarjo")).execute("{ me { id } }"))["me"]["id"]
    surabaya_admin = await gql.login("admin.surabaya")
    refused = await surabaya_admin.query(GRANT, {"input": {"permission": "konsultan.consult", "accountId": officer_id}})
    assert refused.codes == ["NOT_FOUND"]  # not an officer of their agency
    sidoarjo_admin = await gql.login("admin.sidoarjo")
    await sidoarjo_admin.execute(GRANT, {"input": {"permission": "konsultan.consult", "accountId": officer_id}})
    granted = await gql.login("petugas.sidoarjo")
    assert "konsultan.consult" in (await granted.execute("{ me { permissions } }"))["me"]["permissions"]
    by_role = await sidoarjo_admin.query(GRANT, {"input": {"permission": "konsultan.consult", "role": "CITIZEN"}})
    assert by_role.codes == ["FORBIDDEN"]  # only the province admin grants to a whole role
    await province.execute(GRANT, {"input": {"permission": "konsultan.consult", "role": "CITIZEN"}})
    budi = await gql.login("warga.budi")
    assert "konsultan.consult" in (await budi.execute("{ me { permissions } }"))["me"]["permissions"]
    unknown = await province.query(GRANT, {"input": {"permission": "no.such.thing", "role": "CITIZEN"}})
    assert unknown.codes == ["NOT_FOUND"]
    # an agency admin grants neither what they do not hold nor what is not declared grantable by them
    for permission in ("konsultan.approve", "identity.permissions.grant", "identity.officers.manage"):
        refused = await sidoarjo_admin.query(GRANT, {"input": {"permission": permission, "accountId": officer_id}})
        assert refused.codes == ["FORBIDDEN"], permission


class Clash:
    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name="bentrok", version="1.0", title="Bentrok")

    @hookimpl
    def cettar_permissions(self) -> list[Permission]:
        return [Permission("identity.audit.read", "Mine too.")]


def test_two_declarations_of_one_permission_stop_the_start(cettar_settings):
    from core.plugins import PluginLoadError
    from core.runtime import Runtime

    with pytest.raises(PluginLoadError, match="'core' and 'bentrok'"):
        Runtime.create(cettar_settings, extra_plugins=[Clash()])


@pytest.mark.cettar(settings={"env": "production"})
async def test_demo_accounts_are_refused_in_production(gql, cettar_runtime):
    refused = await gql.query(LOGIN, {"username": "warga.budi", "password": "cettar-demo-2026"}, language="en")
    assert refused.codes == ["DEMO_ACCOUNT_REFUSED"]
    assert await count(cettar_runtime, Session) == 0


async def test_a_socket_stops_working_for_new_operations_once_its_token_is_revoked(gql, cettar_app):
    import httpx
    from httpx_ws import aconnect_ws
    from httpx_ws.transport import ASGIWebSocketTransport

    budi = await gql.login("warga.budi")
    transport = ASGIWebSocketTransport(app=cettar_app.app)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://cettar.test") as client,
        aconnect_ws("/graphql", client, subprotocols=["graphql-transport-ws"]) as ws,
    ):
        await ws.send_json({"type": "connection_init", "payload": {"Authorization": budi.headers["Authorization"]}})
        assert (await ws.receive_json(timeout=5))["type"] == "connection_ack"
        await ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": "{ me { username } }"}})
        assert (await ws.receive_json(timeout=5))["payload"] == {"data": {"me": {"username": "warga.budi"}}}
        assert (await ws.receive_json(timeout=5))["type"] == "complete"
        await budi.execute("mutation { logout { revoked } }")
        await ws.send_json({"id": "2", "type": "subscribe", "payload": {"query": "{ me { username } }"}})
        refused = await ws.receive_json(timeout=5)
        assert refused["type"] in ("error", "next"), refused
        errors = refused["payload"] if refused["type"] == "error" else refused["payload"]["errors"]
        assert [e["extensions"]["code"] for e in errors] == ["INVALID_TOKEN"]


async def test_an_agency_admin_cannot_grant_themselves_a_permission(gql):
    admin = await gql.login("admin.sidoarjo")
    own_id = (await admin.execute("{ me { id } }"))["me"]["id"]
    refused = await admin.query(GRANT, {"input": {"permission": "identity.personal_data.view", "accountId": own_id}})
    assert refused.codes == ["FORBIDDEN"]


async def test_a_reset_code_works_once_even_when_two_requests_race(gql, cettar_runtime):
    import asyncio

    await gql.execute(RESET_REQUEST, {"u": "warga.budi"})
    async with cettar_runtime.database.session() as session:
        event = (
            await session.execute(
                select(OutboxEvent).where(col(OutboxEvent.name) == "identity.password_reset_requested")
            )
        ).scalar_one()
    code = event.payload["code"]
    first, second = await asyncio.gather(
        gql.query(RESET, {"input": {"code": code, "newPassword": "sandi-baru-pertama-1"}}),
        gql.query(RESET, {"input": {"code": code, "newPassword": "sandi-baru-kedua-22"}}),
    )
    outcomes = sorted([tuple(first.codes), tuple(second.codes)])
    assert outcomes[0] == () and outcomes[1] in (("RESET_TOKEN_INVALID",), ("CONFLICT",)), outcomes


SESSIONS = "{ me { sessions(first: 10) { totalCount nodes { id current userAgent } } } }"
REVOKE = "mutation($id: ID!) { revokeSession(input: {sessionId: $id}) { account { username } } }"


async def test_a_citizen_sees_their_sessions_and_signs_out_a_lost_phone(gql):
    phone = await gql.with_headers(**{"User-Agent": "CETTAR Android 1.0"}).login("warga.budi")
    laptop = await gql.with_headers(**{"User-Agent": "Firefox"}).login("warga.budi")
    listed = (await laptop.execute(SESSIONS))["me"]["sessions"]
    assert listed["totalCount"] == 2
    newest, oldest = listed["nodes"]
    assert (newest["userAgent"], newest["current"]) == ("Firefox", True)
    assert (oldest["userAgent"], oldest["current"]) == ("CETTAR Android 1.0", False)
    # another citizen can neither see nor revoke it
    siti = await gql.login("warga.siti")
    assert (await siti.execute("query($id: ID!) { node(id: $id) { id } }", {"id": oldest["id"]}))["node"] is None
    assert (await siti.query(REVOKE, {"id": oldest["id"]})).codes == ["NOT_FOUND"]
    assert (await laptop.execute(REVOKE, {"id": oldest["id"]}))["revokeSession"]["account"]["username"] == "warga.budi"
    assert (await phone.query(SESSIONS)).codes == ["INVALID_TOKEN"]
    assert (await laptop.execute(SESSIONS))["me"]["sessions"]["totalCount"] == 1
    assert (await laptop.query(REVOKE, {"id": oldest["id"]})).codes == ["NOT_FOUND"]  # already gone
