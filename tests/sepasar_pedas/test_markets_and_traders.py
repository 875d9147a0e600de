"""Markets (public, with statistics) and traders (the trade office's, NIK masked for everyone else)."""

from __future__ import annotations

from typing import Any

import pytest

from core.auth import Role
from core.runtime import Runtime
from core.testkit import GraphQLClient, count_statements
from schema import encode_global_id
from tests.sepasar_pedas.support import citizen, events_named, seed_demo, staff

pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah", "sepasar_pedas"])

MARKETS = """
query ($search: String, $region: String, $first: Int) {
  sepasarMarkets(search: $search, regionCode: $region, first: $first) {
    totalCount
    nodes { code name regionCode regionName agencyCode active
            statistics { traders enrolments attended absent attendanceRate certificates } }
  }
}
"""
CREATE_MARKET = """
mutation ($input: CreateSepasarMarketInput!) {
  createSepasarMarket(input: $input) { market { id code name regionCode address agencyCode active } }
}
"""
REGISTER = """
mutation ($input: RegisterSepasarTraderInput!) {
  registerSepasarTrader(input: $input) { trader { id stallNumber name nik commodity active linked market { code } } }
}
"""
TRADERS = """
query ($filter: SepasarTraderFilter) {
  sepasarTraders(filter: $filter, first: 50) { totalCount nodes { id stallNumber name nik commodity linked } }
}
"""
TRADER_NODE = "query ($id: ID!) { node(id: $id) { ... on SepasarTrader { name nik stallNumber } } }"


def market(**change: Any) -> dict[str, Any]:
    value = {
        "code": "pasar-bunul",
        "name": "Pasar Bunul",
        "regionCode": "35.73.01.1008",
        "address": "Jl. Hamid Rusdi, Bunulrejo, Blimbing",
    }
    value.update(change)
    return value


def trader(**change: Any) -> dict[str, Any]:
    value = {
        "marketCode": "pasar-bunul",
        "stallNumber": " b-03 ",
        "name": "Wahyu Hidayat",
        "nik": "3573011503800011",
        "commodity": "VEGETABLES_FRUIT",
    }
    value.update(change)
    return value


async def test_markets_are_public_with_their_statistics(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    data = (await gql.execute(MARKETS, {"first": 10}))["sepasarMarkets"]
    assert data["totalCount"] == 4
    by_code = {m["code"]: m for m in data["nodes"]}
    assert by_code["pasar-besar"] == {
        "code": "pasar-besar",
        "name": "Pasar Besar",
        "regionCode": "35.73.02.1005",
        "regionName": "Sukoharjo",
        "agencyCode": "disdag-3573",
        "active": True,
        # Four traders; six enrolments (Siti in three classes, three others in the QRIS class); one absent;
        # certificates of Siti (2) and Sri (1).
        "statistics": {
            "traders": 4,
            "enrolments": 6,
            "attended": 4,
            "absent": 1,
            "attendanceRate": 0.8,
            "certificates": 3,
        },
    }
    # A revoked certificate does not count; attendance not yet recorded gives no rate.
    assert by_code["pasar-oro-oro-dowo"]["statistics"]["certificates"] == 1
    assert by_code["pasar-gadang"]["statistics"]["attendanceRate"] is None
    search = (await gql.execute(MARKETS, {"search": "oro"}))["sepasarMarkets"]
    assert [m["code"] for m in search["nodes"]] == ["pasar-oro-oro-dowo"]
    klojen = (await gql.execute(MARKETS, {"region": "35.73.02"}))["sepasarMarkets"]
    assert [m["code"] for m in klojen["nodes"]] == ["pasar-besar", "pasar-oro-oro-dowo"]
    one = await gql.execute('{ sepasarMarket(code: "pasar-gadang") { name } none: sepasarMarket(code: "x") { name } }')
    assert one == {"sepasarMarket": {"name": "Pasar Gadang"}, "none": None}


async def test_market_statistics_do_not_query_per_market(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    await gql.execute(MARKETS, {"first": 1})
    with count_statements(cettar_runtime) as one:
        await gql.execute(MARKETS, {"first": 1})
    with count_statements(cettar_runtime) as four:
        await gql.execute(MARKETS, {"first": 4})
    assert four.count == one.count


async def test_the_trade_office_admin_adds_and_changes_markets(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    admin = await staff(gql, cettar_runtime, "admin.disdag", Role.AGENCY_ADMIN)
    created = (await admin.execute(CREATE_MARKET, {"input": market(idempotencyKey="m-1")}))["createSepasarMarket"]
    assert {k: v for k, v in created["market"].items() if k != "id"} == {
        "code": "pasar-bunul",
        "name": "Pasar Bunul",
        "regionCode": "35.73.01.1008",
        "address": "Jl. Hamid Rusdi, Bunulrejo, Blimbing",
        "agencyCode": "disdag-3573",
        "active": True,
    }
    assert created["market"]["id"] == encode_global_id("SepasarMarket", "pasar-bunul")
    again = await admin.execute(CREATE_MARKET, {"input": market(idempotencyKey="m-1")})
    assert again == {"createSepasarMarket": created}
    assert (await admin.query(CREATE_MARKET, {"input": market()})).codes == ["SEPASAR_MARKET_EXISTS"]
    assert [e["code"] for e in await events_named(cettar_runtime, "sepasar_pedas.market_created")] == ["pasar-bunul"]

    closed = await admin.execute(
        'mutation { updateSepasarMarket(input: {code: "pasar-bunul", active: false, name: "Pasar Bunul Baru"}) { market { name active } } }'
    )
    assert closed["updateSepasarMarket"]["market"] == {"name": "Pasar Bunul Baru", "active": False}
    officer = await staff(gql, cettar_runtime, "petugas.disdag", Role.OFFICER)
    refused = await officer.query(REGISTER, {"input": trader()})  # the market left the programme
    assert refused.codes == ["SEPASAR_MARKET_INACTIVE"]


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"regionCode": "35.78.01.1001"}, "SEPASAR_REGION_OUTSIDE_AGENCY", "input.regionCode"),  # Surabaya
        ({"regionCode": "35.73"}, "SEPASAR_REGION_OUTSIDE_AGENCY", "input.regionCode"),  # the kota itself
        ({"regionCode": "35.73.09"}, "SEPASAR_REGION_OUTSIDE_AGENCY", "input.regionCode"),  # no such kecamatan
        ({"code": "Pasar Bunul"}, "SEPASAR_INVALID_CODE", "input.code"),
        ({"name": "P"}, "SEPASAR_TEXT_LENGTH", "input.name"),
        ({"address": ""}, "SEPASAR_TEXT_LENGTH", "input.address"),
    ],
)
async def test_an_invalid_market_is_refused(
    gql: GraphQLClient, cettar_runtime: Runtime, change: dict[str, Any], code: str, field: str
) -> None:
    admin = await staff(gql, cettar_runtime, "admin.disdag", Role.AGENCY_ADMIN)
    response = await admin.query(CREATE_MARKET, {"input": market(**change)})
    assert (response.codes, response.errors[0]["extensions"]["field"]) == ([code], field)
    assert (await gql.execute(MARKETS))["sepasarMarkets"]["totalCount"] == 0


async def test_who_may_add_markets(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    assert (await gql.query(CREATE_MARKET, {"input": market()})).codes == ["UNAUTHENTICATED"]
    assert (await (await gql.login("warga.budi")).query(CREATE_MARKET, {"input": market()})).codes == ["FORBIDDEN"]
    officer = await staff(gql, cettar_runtime, "petugas.disdag", Role.OFFICER)  # officers do not hold it
    assert (await officer.query(CREATE_MARKET, {"input": market()})).codes == ["FORBIDDEN"]
    # An agency admin holds the permission, but another agency's markets look missing.
    surabaya = await gql.login("admin.surabaya")
    assert (await surabaya.query(CREATE_MARKET, {"input": market()})).codes == ["NOT_FOUND"]
    province = await gql.login("admin.provinsi")
    created = await province.execute(CREATE_MARKET, {"input": market()})
    assert created["createSepasarMarket"]["market"]["agencyCode"] == "disdag-3573"


async def test_officers_register_traders_with_unique_stalls(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    province = await gql.login("admin.provinsi")
    await province.execute(CREATE_MARKET, {"input": market()})
    officer = await staff(gql, cettar_runtime, "petugas.disdag", Role.OFFICER)
    registered = (await officer.execute(REGISTER, {"input": trader(idempotencyKey="t-1")}))["registerSepasarTrader"]
    assert {k: v for k, v in registered["trader"].items() if k != "id"} == {
        "stallNumber": "B-03",
        "name": "Wahyu Hidayat",
        "nik": "3573011503800011",  # the trade office's staff see it whole
        "commodity": "VEGETABLES_FRUIT",
        "active": True,
        "linked": False,
        "market": {"code": "pasar-bunul"},
    }
    assert (await officer.execute(REGISTER, {"input": trader(idempotencyKey="t-1")})) == {
        "registerSepasarTrader": registered
    }
    taken = await officer.query(REGISTER, {"input": trader(nik="3573015504850012", stallNumber="B-03")})
    assert (taken.codes, taken.errors[0]["extensions"]["field"]) == (["SEPASAR_STALL_TAKEN"], "input.stallNumber")
    twice = await officer.query(REGISTER, {"input": trader(stallNumber="B-04")})
    assert (twice.codes, twice.errors[0]["extensions"]["field"]) == (["SEPASAR_TRADER_EXISTS"], "input.nik")
    # Stall numbers are unique per market: B-03 in Pasar Besar is free.
    elsewhere = await officer.execute(
        REGISTER, {"input": trader(marketCode="pasar-besar", nik="3573015504850012", name="Lina Marlina")}
    )
    assert elsewhere["registerSepasarTrader"]["trader"]["stallNumber"] == "B-03"
    for change, code, field in [
        ({"nik": "1234"}, "INVALID_NIK", "input.nik"),
        ({"stallNumber": "A#1"}, "SEPASAR_INVALID_STALL", "input.stallNumber"),
        ({"stallNumber": "X" * 17}, "SEPASAR_INVALID_STALL", "input.stallNumber"),
        ({"name": "W"}, "SEPASAR_TEXT_LENGTH", "input.name"),
        ({"marketCode": "pasar-tidak-ada"}, "NOT_FOUND", "input.marketCode"),
    ]:
        response = await officer.query(
            REGISTER, {"input": trader(**{"stallNumber": "Z-1", "nik": "3573016006900013", **change})}
        )
        assert (response.codes, response.errors[0]["extensions"]["field"]) == ([code], field), change

    bunul = (await officer.execute(TRADERS, {"filter": {"marketCode": "pasar-bunul"}}))["sepasarTraders"]
    assert [(t["stallNumber"], t["name"]) for t in bunul["nodes"]] == [("B-03", "Wahyu Hidayat")]
    assert (await officer.execute(TRADERS, {"filter": {"search": "b-03"}}))["sepasarTraders"]["totalCount"] == 2
    fish = (await officer.execute(TRADERS, {"filter": {"commodity": "FISH"}}))["sepasarTraders"]
    assert [t["name"] for t in fish["nodes"]] == ["Nurul Hidayah"]
    assert len(await events_named(cettar_runtime, "sepasar_pedas.trader_registered")) == 2

    moved = await officer.execute(
        'mutation ($id: ID!) { updateSepasarTrader(input: {traderId: $id, stallNumber: "b-05", commodity: FISH, active: false}) { trader { stallNumber commodity active } } }',
        {"id": registered["trader"]["id"]},
    )
    assert moved["updateSepasarTrader"]["trader"] == {"stallNumber": "B-05", "commodity": "FISH", "active": False}


async def test_who_sees_a_trader_and_their_nik(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    officer = await staff(gql, cettar_runtime, "petugas.disdag", Role.OFFICER)
    siti_id = next(
        t["id"] for t in (await officer.execute(TRADERS, {"filter": {"search": "Siti"}}))["sepasarTraders"]["nodes"]
    )
    seen = {}
    for who, client in [
        ("officer of the trade office", officer),
        ("province admin", await gql.login("admin.provinsi")),
        ("the trader herself", await gql.login("warga.siti")),
        ("another citizen", await gql.login("warga.budi")),
        ("officer of another agency", await gql.login("petugas.surabaya")),
        ("anonymous", gql),
    ]:
        seen[who] = (await client.execute(TRADER_NODE, {"id": siti_id}))["node"]
    assert seen == {
        "officer of the trade office": {"name": "Siti Aminah", "nik": "3515025708920003", "stallNumber": "A-01"},
        "province admin": {"name": "Siti Aminah", "nik": "3515**********03", "stallNumber": "A-01"},
        "the trader herself": {"name": "Siti Aminah", "nik": "3515025708920003", "stallNumber": "A-01"},
        "another citizen": None,
        "officer of another agency": None,
        "anonymous": None,
    }
    # Lists agree with node(id:): another agency's officer sees none, anonymous and citizens may not ask.
    assert (await (await gql.login("petugas.surabaya")).execute(TRADERS))["sepasarTraders"]["totalCount"] == 0
    assert (await (await gql.login("admin.provinsi")).execute(TRADERS))["sepasarTraders"]["totalCount"] == 10
    assert (await gql.query(TRADERS)).codes == ["UNAUTHENTICATED"]
    assert (await (await gql.login("warga.siti")).query(TRADERS)).codes == ["FORBIDDEN"]
    # Changing another agency's trader: it looks missing.
    refused = await (await gql.login("petugas.surabaya")).query(
        'mutation ($id: ID!) { updateSepasarTrader(input: {traderId: $id, name: "X Y"}) { trader { name } } }',
        {"id": siti_id},
    )
    assert refused.codes == ["NOT_FOUND"]


async def test_a_trader_is_linked_to_the_citizen_with_the_same_nik(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    province = await gql.login("admin.provinsi")
    await province.execute(CREATE_MARKET, {"input": market()})
    officer = await staff(gql, cettar_runtime, "petugas.disdag", Role.OFFICER)
    # Registered before the citizen has an account: not linked yet.
    first = (await officer.execute(REGISTER, {"input": trader()}))["registerSepasarTrader"]["trader"]
    assert first["linked"] is False
    wahyu = await citizen(gql, cettar_runtime, "warga.wahyu", "Wahyu Hidayat", "3573011503800011")
    assert (await wahyu.execute(TRADER_NODE, {"id": first["id"]}))["node"] is None
    linked = await wahyu.execute(
        'mutation { linkMySepasarTraders(input: {marketCode: "pasar-bunul"}) { traders { name nik linked } } }'
    )
    assert linked["linkMySepasarTraders"]["traders"] == [
        {"name": "Wahyu Hidayat", "nik": "3573011503800011", "linked": True}
    ]
    assert (await wahyu.execute(TRADER_NODE, {"id": first["id"]}))["node"]["name"] == "Wahyu Hidayat"
    assert len(await events_named(cettar_runtime, "sepasar_pedas.trader_linked")) == 1
    # Linking again changes nothing; someone else's NIK links nothing.
    again = await wahyu.execute("mutation { linkMySepasarTraders { traders { name } } }")
    assert again["linkMySepasarTraders"]["traders"] == [{"name": "Wahyu Hidayat"}]
    assert len(await events_named(cettar_runtime, "sepasar_pedas.trader_linked")) == 1
    budi = await gql.login("warga.budi")
    assert (await budi.execute("mutation { linkMySepasarTraders { traders { name } } }")) == {
        "linkMySepasarTraders": {"traders": []}
    }
    assert (await officer.query("mutation { linkMySepasarTraders { traders { name } } }")).codes == ["FORBIDDEN"]
    # A trader registered after the account exists is linked at once.
    second = await officer.execute(
        REGISTER,
        {"input": trader(marketCode="pasar-bunul", stallNumber="B-09", nik="3515025708920003", name="Siti Aminah")},
    )
    assert second["registerSepasarTrader"]["trader"]["linked"] is True
