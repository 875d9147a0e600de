"""The access matrix: every role against every field that returns personal data.

Each viewer signs in with a real token (the ``login`` mutation); ``anonymous`` sends none.
The expected tables below are written out from the rules, not derived from product code:

- a citizen sees only their own account; an officer or agency admin the accounts of their
  agency's staff; the province admin every account. Anything else is ``null``, exactly like
  an ID that does not exist;
- NIK, phone, e-mail and NIP are unmasked for their owner, and (phone, e-mail, NIP, KORPRI
  number) for those who manage the officer: an agency admin of the officer's agency or the
  province admin. A citizen's data is masked even for the province admin, unless granted
  ``identity.personal_data.view``;
- ``birthDate``/``sex`` are null unless revealed, ``korpriNumber`` null unless managed,
  ``permissions`` null on anyone's account but one's own.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import col

from core.identity.models import Account
from core.testkit import GraphQLClient, GraphQLResponse

#: The kernel's identity matrix: plugins that grant their own default permissions to roles stay out.
pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah"])

# -- who is who ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """A demo account and the personal data seeded for it."""

    username: str
    email: str
    phone: str
    permissions: tuple[str, ...]
    nik: str | None = None
    birth_date: str | None = None
    sex: str | None = None
    nik_regency_code: str | None = None
    nip: str | None = None
    korpri_number: str | None = None

    @property
    def is_citizen(self) -> bool:
        return self.nik is not None


AUDIT = "identity.audit.read"
MANAGE = "identity.officers.manage"
GRANT = "identity.permissions.grant"
PERSONAL = "identity.personal_data.view"

PEOPLE = {
    p.username: p
    for p in (
        Person(
            "warga.budi",
            "budi@warga.example",
            "+6281234500001",
            permissions=(),
            nik="3578011203850001",
            birth_date="1985-03-12",
            sex="MALE",
            nik_regency_code="35.78",
        ),
        Person(
            "warga.siti",
            "siti@warga.example",
            "+6281234500002",
            permissions=(),
            nik="3515025708920003",
            birth_date="1992-08-17",
            sex="FEMALE",
            nik_regency_code="35.15",
        ),
        Person(
            "petugas.surabaya",
            "agus@dispendukcapil.example",
            "+6281234500011",
            permissions=(PERSONAL,),
            nip="198703152010011001",
            korpri_number="KORPRI-35-011001",
        ),
        Person(
            "admin.surabaya",
            "dewi@dispendukcapil.example",
            "+6281234500012",
            permissions=(AUDIT, MANAGE, GRANT, PERSONAL),
            nip="197905102005012002",
            korpri_number="KORPRI-35-012002",
        ),
        Person(
            "petugas.sidoarjo",
            "rudi@dispendukcapil.example",
            "+6281234500021",
            permissions=(PERSONAL,),
            nip="199001202015031003",
            korpri_number="KORPRI-35-031003",
        ),
        Person(
            "admin.sidoarjo",
            "sri@dispendukcapil.example",
            "+6281234500022",
            permissions=(AUDIT, MANAGE, GRANT, PERSONAL),
            nip="198211112008042001",
            korpri_number="KORPRI-35-042001",
        ),
        Person(
            "admin.provinsi",
            "hadi@diskominfo.example",
            "+6281234500031",
            permissions=(AUDIT, MANAGE, GRANT),  # no personal_data.view by default
            nip="197507072000031001",
            korpri_number="KORPRI-35-031001",
        ),
    )
}
ANONYMOUS = "anonymous"
TARGETS = tuple(PEOPLE)
VIEWERS = (ANONYMOUS, *TARGETS)
STAFF = tuple(u for u in TARGETS if not PEOPLE[u].is_citizen)

SURABAYA = "dispendukcapil-3578"
SIDOARJO = "dispendukcapil-3515"
DISKOMINFO = "diskominfo-jatim"

# -- the matrix ------------------------------------------------------------------------------------

HIDDEN = "hidden"  # node(id:) is null, exactly like an ID that does not exist
OWN = "own"  # one's own account: everything unmasked, permissions listed
MANAGED = "managed"  # an officer one manages: contact data, NIP and KORPRI number unmasked
MASKED = "masked"  # visible, but contact data, NIK and NIP masked; the rest null

HID, MGR, MSK = HIDDEN, MANAGED, MASKED

# What `node(id: <Account ID>)` shows each viewer (rows) of each target (columns).
ACCOUNT_MATRIX: dict[str, tuple[str, ...]] = {
    #                    budi siti p.sby a.sby p.sda a.sda a.prov
    ANONYMOUS:          (HID, HID, HID,  HID,  HID,  HID,  HID),
    "warga.budi":       (OWN, HID, HID,  HID,  HID,  HID,  HID),
    "warga.siti":       (HID, OWN, HID,  HID,  HID,  HID,  HID),
    "petugas.surabaya": (HID, HID, OWN,  MSK,  HID,  HID,  HID),
    "admin.surabaya":   (HID, HID, MGR,  OWN,  HID,  HID,  HID),
    "petugas.sidoarjo": (HID, HID, HID,  HID,  OWN,  MSK,  HID),
    "admin.sidoarjo":   (HID, HID, HID,  HID,  MGR,  OWN,  HID),
    "admin.provinsi":   (MSK, MSK, MGR,  MGR,  MGR,  MGR,  OWN),
}  # fmt: skip


def view_of(viewer: str, target: str) -> str:
    return ACCOUNT_MATRIX[viewer][TARGETS.index(target)]


# How each field looks, by what the viewer may see and whose account it is.
PLAIN = "plain"  # the original value
MASK = "mask"  # the masked form, e.g. 3578**********01
NULL = "null"

CITIZEN_FIELDS = {
    OWN: {
        "email": PLAIN,
        "phone": PLAIN,
        "citizen.nik": PLAIN,
        "citizen.birthDate": PLAIN,
        "citizen.sex": PLAIN,
        "citizen.nikRegencyCode": PLAIN,
        "officer": NULL,
        "permissions": PLAIN,
    },
    MASKED: {
        "email": MASK,
        "phone": MASK,
        "citizen.nik": MASK,
        "citizen.birthDate": NULL,
        "citizen.sex": NULL,
        "citizen.nikRegencyCode": PLAIN,
        "officer": NULL,
        "permissions": NULL,
    },
}
STAFF_FIELDS = {
    OWN: {
        "email": PLAIN,
        "phone": PLAIN,
        "citizen": NULL,
        "officer.nip": PLAIN,
        "officer.korpriNumber": PLAIN,
        "permissions": PLAIN,
    },
    MANAGED: {
        "email": PLAIN,
        "phone": PLAIN,
        "citizen": NULL,
        "officer.nip": PLAIN,
        "officer.korpriNumber": PLAIN,
        "permissions": NULL,
    },
    MASKED: {
        "email": MASK,
        "phone": MASK,
        "citizen": NULL,
        "officer.nip": MASK,
        "officer.korpriNumber": NULL,
        "permissions": NULL,
    },
}


def expected_fields(view: str, target: str) -> dict[str, str] | None:
    if view == HIDDEN:
        return None
    return (CITIZEN_FIELDS if PEOPLE[target].is_citizen else STAFF_FIELDS)[view]


# -- masked forms, as documented -------------------------------------------------------------------


def masked_nik(nik: str) -> str:
    return f"{nik[:4]}{'*' * 10}{nik[-2:]}"  # 3515**********02


def masked_nip(nip: str) -> str:
    return f"{nip[:4]}{'*' * 12}{nip[-2:]}"  # 1985************02


def masked_phone(e164: str) -> str:
    national = e164.removeprefix("+62")
    return f"+62{national[:3]}{'*' * (len(national) - 6)}{national[-3:]}"  # +62812*****890


def masked_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[0]}***{local[-1]}@{domain}"  # b***i@warga.example


def state(value: Any, plain: Any, masked: Any = None) -> str:
    if value is None:
        return NULL
    if value == plain:
        return PLAIN
    if masked is not None and value == masked:
        return MASK
    return f"unexpected {value!r}"


def observe(account: dict[str, Any], target: str) -> dict[str, str]:
    """The state of every personal field of ``account`` (an ``Account`` in a response)."""
    person = PEOPLE[target]
    seen = {
        "email": state(account["email"], person.email, masked_email(person.email)),
        "phone": state(account["phone"], person.phone, masked_phone(person.phone)),
        "permissions": state(account["permissions"], sorted(person.permissions)),
    }
    citizen, officer = account["citizen"], account["officer"]
    if citizen is None:
        seen["citizen"] = NULL
    else:
        assert person.nik is not None, f"{target} is no citizen but has {citizen}"
        seen["citizen.nik"] = state(citizen["nik"], person.nik, masked_nik(person.nik))
        seen["citizen.birthDate"] = state(citizen["birthDate"], person.birth_date)
        seen["citizen.sex"] = state(citizen["sex"], person.sex)
        seen["citizen.nikRegencyCode"] = state(citizen["nikRegencyCode"], person.nik_regency_code)
    if officer is None:
        seen["officer"] = NULL
    else:
        assert person.nip is not None, f"{target} is no officer but has {officer}"
        seen["officer.nip"] = state(officer["nip"], person.nip, masked_nip(person.nip))
        seen["officer.korpriNumber"] = state(officer["korpriNumber"], person.korpri_number)
    return seen


def mismatches(viewer: str, what: str, target: str, observed: dict[str, str] | None) -> list[str]:
    expected = expected_fields(view_of(viewer, target), target)
    if observed == expected:
        return []
    if observed is None or expected is None:
        return [f"{viewer} → {target}'s {what}: expected {expected or 'null'}, got {observed or 'null'}"]
    return [
        f"{viewer} → {target}'s {what}.{field}: expected {expected.get(field)}, got {observed.get(field)}"
        for field in sorted(expected.keys() | observed.keys())
        if expected.get(field) != observed.get(field)
    ]


# -- queries and helpers ---------------------------------------------------------------------------

ACCOUNT_FIELDS = """
  username email phone permissions
  citizen { nik birthDate sex nikRegencyCode }
  officer { nip korpriNumber }
"""
ACCOUNT_NODE = f"query($id: ID!) {{ node(id: $id) {{ id ... on Account {{ {ACCOUNT_FIELDS} }} }} }}"
OFFICER_NODE = (
    f"query($id: ID!) {{ node(id: $id) {{ id ... on Officer {{ nip korpriNumber account {{ {ACCOUNT_FIELDS} }} }} }} }}"
)
NODES = f"""query($ids: [ID!]!) {{
  nodes(ids: $ids) {{
    id
    ... on Account {{ {ACCOUNT_FIELDS} }}
    ... on Officer {{ nip korpriNumber account {{ {ACCOUNT_FIELDS} }} }}
  }}
}}"""
ME = f"{{ me {{ id {ACCOUNT_FIELDS} }} }}"
OFFICERS = f"""query($agencyCode: String) {{
  officers(first: 100, agencyCode: $agencyCode) {{
    totalCount
    nodes {{ agencyCode nip korpriNumber account {{ {ACCOUNT_FIELDS} }} }}
  }}
}}"""
AUDIT_TRAIL = """query($filter: AuditFilter) {
  auditTrail(first: 100, filter: $filter) { totalCount nodes { username agencyCode action } }
}"""
MISSING_KEY = 1_000_000  # no account has this id in a test database


def global_id(type_name: str, key: int | str) -> str:
    """base64url of ``Type:key`` without padding (the documented format)."""
    return base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode().rstrip("=")


SignIn = Callable[[str], Awaitable[GraphQLClient]]


@pytest.fixture
def as_(gql: GraphQLClient) -> SignIn:
    """``await as_(username)``: a client sending that account's bearer token, signed in once per test."""
    clients = {ANONYMOUS: gql}

    async def sign_in(username: str) -> GraphQLClient:
        if username not in clients:
            clients[username] = await gql.login(username)
        return clients[username]

    return sign_in


@pytest.fixture
async def ids(cettar_runtime) -> dict[str, int]:
    """The database id of every demo account, by username."""
    async with cettar_runtime.database.session() as session:
        rows = await session.execute(select(col(Account.username), col(Account.id)))
        found = {str(username): int(key) for username, key in rows}
    assert set(TARGETS) <= found.keys()
    assert MISSING_KEY not in found.values()
    return found


def ok(response: GraphQLResponse, who: str) -> Any:
    assert response.status == 200 and not response.errors, f"{who}: {response.status} {response.errors}"
    return response.data


def values_under(key: str, tree: Any) -> Iterator[Any]:
    """Every value stored under ``key`` anywhere in a response."""
    if isinstance(tree, dict):
        for k, v in tree.items():
            if k == key:
                yield v
            yield from values_under(key, v)
    elif isinstance(tree, list):
        for item in tree:
            yield from values_under(key, item)


# -- 1. node(id:) and nodes(ids:) ------------------------------------------------------------------


@pytest.mark.parametrize("viewer", VIEWERS)
async def test_account_nodes_follow_the_matrix(as_, ids, viewer):
    client = await as_(viewer)
    found: dict[str, Any] = {}
    problems: list[str] = []
    for target in TARGETS:
        node = ok(await client.query(ACCOUNT_NODE, {"id": global_id("Account", ids[target])}), viewer)["node"]
        found[target] = node
        if node is not None:
            assert node["id"] == global_id("Account", ids[target]) and node["username"] == target
        problems += mismatches(viewer, "Account", target, None if node is None else observe(node, target))
    assert not problems, "\n".join(problems)

    # nodes(ids:) answers the same, in order, null for what may not be seen
    batch = [global_id("Account", ids[t]) for t in TARGETS]
    data = ok(await client.query(NODES, {"ids": batch}), viewer)
    assert data["nodes"] == [found[t] for t in TARGETS], f"{viewer}: nodes(ids:) differs from node(id:)"


@pytest.mark.parametrize("viewer", VIEWERS)
async def test_officer_nodes_follow_the_matrix(as_, ids, viewer):
    """An officer is visible exactly when their account is, with the same masking; citizens have none."""
    client = await as_(viewer)
    found: dict[str, Any] = {}
    problems: list[str] = []
    for target in TARGETS:
        officer_id = global_id("Officer", ids[target])
        node = ok(await client.query(OFFICER_NODE, {"id": officer_id}), viewer)["node"]
        found[target] = node
        if PEOPLE[target].is_citizen:
            assert node is None, f"{viewer} → {target}: a citizen has no Officer, got {node}"
            continue
        if node is not None:
            assert node["id"] == officer_id
            account = node["account"]
            assert {"nip": node["nip"], "korpriNumber": node["korpriNumber"]} == account["officer"], (
                f"{viewer} → {target}: Officer and Officer.account.officer disagree"
            )
        problems += mismatches(viewer, "Officer", target, None if node is None else observe(node["account"], target))
    assert not problems, "\n".join(problems)

    batch = [global_id("Officer", ids[t]) for t in TARGETS]
    data = ok(await client.query(NODES, {"ids": batch}), viewer)
    assert data["nodes"] == [found[t] for t in TARGETS], f"{viewer}: nodes(ids:) differs from node(id:)"


@pytest.mark.parametrize("viewer", VIEWERS)
async def test_a_guessed_id_looks_exactly_like_one_you_may_not_see(as_, ids, viewer):
    client = await as_(viewer)
    missing = {
        "Account:<missing>": global_id("Account", MISSING_KEY),
        "Account:<int32 max>": global_id("Account", 2**31 - 1),
        "Officer:<missing>": global_id("Officer", MISSING_KEY),
        "Officer:<a citizen's account>": global_id("Officer", ids["warga.budi"]),
        "Nope:<unknown type>": global_id("Nope", ids["warga.budi"]),
    }
    hidden = {
        f"{kind}:{target}": global_id(kind, ids[target])
        for kind in ("Account", "Officer")
        for target in TARGETS
        if view_of(viewer, target) == HIDDEN and not (kind == "Officer" and PEOPLE[target].is_citizen)
    }
    for label, node_id in {**missing, **hidden}.items():
        response = await client.query(ACCOUNT_NODE, {"id": node_id})
        assert (response.status, response.body) == (200, {"data": {"node": None}}), f"{viewer} → {label}"
    everything = [*missing.values(), *hidden.values()]
    response = await client.query(NODES, {"ids": everything})
    assert (response.status, response.body) == (200, {"data": {"nodes": [None] * len(everything)}}), viewer


@pytest.mark.parametrize("key", ["²", "99999999999999999999", "2147483648", "01", "\u0661"])
async def test_a_guessed_id_with_an_odd_key_is_null_too(as_, key):
    client = await as_("admin.provinsi")
    for type_name in ("Account", "Officer"):
        response = await client.query(ACCOUNT_NODE, {"id": global_id(type_name, key)})
        assert (response.status, response.body) == (200, {"data": {"node": None}}), f"{type_name}:{key}"


# -- 2. me -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("viewer", VIEWERS)
async def test_me_shows_your_own_data_unmasked(as_, ids, viewer):
    me = ok(await (await as_(viewer)).query(ME), viewer)["me"]
    if viewer == ANONYMOUS:
        assert me is None
        return
    assert me["id"] == global_id("Account", ids[viewer]) and me["username"] == viewer
    assert observe(me, viewer) == expected_fields(OWN, viewer), viewer


async def test_the_province_admin_sees_citizens_unmasked_only_when_granted_personal_data(as_, ids):
    admin = await as_("admin.provinsi")
    grant = """mutation($input: GrantPermissionInput!) {
      grantPermission(input: $input) { granted } }"""
    revoke = grant.replace("grantPermission", "revokePermission")
    budi = {"id": global_id("Account", ids["warga.budi"])}
    policy = {"input": {"permission": PERSONAL, "accountId": global_id("Account", ids["admin.provinsi"])}}

    before = ok(await admin.query(ACCOUNT_NODE, budi), "before")["node"]
    assert observe(before, "warga.budi") == CITIZEN_FIELDS[MASKED]

    ok(await admin.query(grant, policy), "grant")
    granted = ok(await admin.query(ACCOUNT_NODE, budi), "granted")["node"]
    assert observe(granted, "warga.budi") == {**CITIZEN_FIELDS[OWN], "permissions": NULL}

    ok(await admin.query(revoke, policy), "revoke")
    after = ok(await admin.query(ACCOUNT_NODE, budi), "after")["node"]
    assert observe(after, "warga.budi") == CITIZEN_FIELDS[MASKED]


# -- 3. officers -----------------------------------------------------------------------------------

# The `officers` list: an error code, or the officers each viewer sees and how.
OFFICERS_SEEN: dict[str, str | dict[str, str]] = {
    ANONYMOUS: "UNAUTHENTICATED",
    "warga.budi": "FORBIDDEN",
    "warga.siti": "FORBIDDEN",
    "petugas.surabaya": {"petugas.surabaya": OWN, "admin.surabaya": MASKED},
    "admin.surabaya": {"petugas.surabaya": MANAGED, "admin.surabaya": OWN},
    "petugas.sidoarjo": {"petugas.sidoarjo": OWN, "admin.sidoarjo": MASKED},
    "admin.sidoarjo": {"petugas.sidoarjo": MANAGED, "admin.sidoarjo": OWN},
    "admin.provinsi": {
        "petugas.surabaya": MANAGED,
        "admin.surabaya": MANAGED,
        "petugas.sidoarjo": MANAGED,
        "admin.sidoarjo": MANAGED,
        "admin.provinsi": OWN,
    },
}
AGENCY_OF = {
    "petugas.surabaya": SURABAYA,
    "admin.surabaya": SURABAYA,
    "petugas.sidoarjo": SIDOARJO,
    "admin.sidoarjo": SIDOARJO,
    "admin.provinsi": DISKOMINFO,
}


@pytest.mark.parametrize("viewer", VIEWERS)
async def test_officers_lists_only_whom_you_may_see(as_, viewer):
    client = await as_(viewer)
    expected = OFFICERS_SEEN[viewer]
    response = await client.query(OFFICERS)
    if isinstance(expected, str):
        assert response.codes == [expected], f"{viewer}: {response.errors}"
        assert response.data is None or response.data.get("officers") is None
        return
    page = ok(response, viewer)["officers"]
    listed = {n["account"]["username"]: n for n in page["nodes"]}
    assert sorted(listed) == sorted(expected) and page["totalCount"] == len(expected), viewer
    problems: list[str] = []
    for target, node in listed.items():
        assert node["agencyCode"] == AGENCY_OF[target], f"{viewer} → {target}"
        assert {"nip": node["nip"], "korpriNumber": node["korpriNumber"]} == node["account"]["officer"]
        observed = observe(node["account"], target)
        if observed != STAFF_FIELDS[expected[target]]:
            problems.append(f"{viewer} → {target} in officers: expected {expected[target]}, got {observed}")
        if expected[target] == MASKED:
            assert node["nip"] != PEOPLE[target].nip, f"{viewer} sees {target}'s NIP unmasked"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("viewer", "other_agency"), [("petugas.surabaya", SIDOARJO), ("admin.sidoarjo", SURABAYA)])
async def test_asking_for_another_agencys_officers_gives_nothing(as_, viewer, other_agency):
    page = ok(await (await as_(viewer)).query(OFFICERS, {"agencyCode": other_agency}), viewer)["officers"]
    assert page == {"totalCount": 0, "nodes": []}


# -- 4. auditTrail ---------------------------------------------------------------------------------

# An error code, or the agencies whose records the viewer reads (None: records without an agency).
ALL_AGENCIES = {SURABAYA, SIDOARJO, DISKOMINFO, None}
AUDIT_SEEN: dict[str, str | set[str | None]] = {
    ANONYMOUS: "UNAUTHENTICATED",
    "warga.budi": "FORBIDDEN",
    "warga.siti": "FORBIDDEN",
    "petugas.surabaya": "FORBIDDEN",
    "admin.surabaya": {SURABAYA},
    "petugas.sidoarjo": "FORBIDDEN",
    "admin.sidoarjo": {SIDOARJO},
    "admin.provinsi": ALL_AGENCIES,
}


async def test_audit_trail_shows_each_admin_only_their_agencys_records(as_):
    clients = {viewer: await as_(viewer) for viewer in VIEWERS}  # every sign-in writes `account.login`
    agency_of = {**AGENCY_OF, "warga.budi": None, "warga.siti": None}
    for viewer, expected in AUDIT_SEEN.items():
        response = await clients[viewer].query(AUDIT_TRAIL)
        if isinstance(expected, str):
            assert response.codes == [expected], f"{viewer}: {response.errors}"
            assert response.data is None or response.data.get("auditTrail") is None
            continue
        trail = ok(response, viewer)["auditTrail"]
        records = trail["nodes"]
        assert trail["totalCount"] == len(records), viewer
        assert {r["agencyCode"] for r in records} == expected, f"{viewer} reads records of other agencies"
        logins = sorted(r["username"] for r in records if r["action"] == "account.login")
        assert logins == sorted(u for u in TARGETS if agency_of[u] in expected), viewer

    # filters cannot widen the scope
    admin = clients["admin.surabaya"]
    for audit_filter in ({"agencyCode": SIDOARJO}, {"username": "warga.budi"}, {"username": "admin.provinsi"}):
        trail = ok(await admin.query(AUDIT_TRAIL, {"filter": audit_filter}), str(audit_filter))["auditTrail"]
        assert trail == {"totalCount": 0, "nodes": []}, f"admin.surabaya with {audit_filter}"


# -- 5. nothing leaks ------------------------------------------------------------------------------


def secrets_of(target: str) -> dict[str, str]:
    person = PEOPLE[target]
    found = {"e-mail": person.email, "phone": person.phone, "phone digits": person.phone.removeprefix("+62")}
    if person.nik:
        found["NIK"] = person.nik
    if person.nip:
        found["NIP"] = person.nip
    return found


@pytest.mark.parametrize("viewer", VIEWERS)
async def test_no_response_carries_personal_data_of_others(as_, ids, viewer):
    """Everything the viewer can ask for, as text, holds none of the data of those they neither are nor manage."""
    client = await as_(viewer)
    every_id = [global_id(kind, ids[t]) for kind in ("Account", "Officer") for t in TARGETS]
    bodies = [
        (await client.query(NODES, {"ids": every_id})).body,
        (await client.query(ME)).body,
        (await client.query(OFFICERS)).body,
        *[(await client.query(ACCOUNT_NODE, {"id": node_id})).body for node_id in every_id],
        *[(await client.query(OFFICER_NODE, {"id": node_id})).body for node_id in every_id],
    ]
    text = json.dumps(bodies, ensure_ascii=False)
    for target in TARGETS:
        if view_of(viewer, target) in (OWN, MANAGED):
            continue
        for what, value in secrets_of(target).items():
            assert value not in text, f"{viewer} received {target}'s {what}"

    for nik in values_under("nik", bodies):
        if viewer != ANONYMOUS and nik == PEOPLE[viewer].nik:
            continue
        assert re.fullmatch(r"\d{4}\*{10}\d{2}", nik), f"{viewer} received a NIK not masked as 3515**********02: {nik}"
        assert sum(ch.isdigit() for ch in nik) <= 6, f"{viewer}: masked NIK {nik} keeps more than 6 digits"
