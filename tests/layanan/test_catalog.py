"""The service catalog through GraphQL: standards, forms, agencies, filters, paging, node(id:)."""

from __future__ import annotations

import pytest

from tests.layanan.support import MARK

pytestmark = MARK

CATALOG = """
query Catalog($agency: String, $family: String, $search: String, $channel: ServiceChannel, $first: Int, $after: String) {
  services(agencyCode: $agency, family: $family, search: $search, channel: $channel, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    nodes { code family perRegion agencyPattern agency { code } }
  }
}
"""

ONE = """
query One($code: String!) {
  service(code: $code) {
    id code nameId nameEn descriptionEn keywords channels deliveryOptions perRegion agencyPattern
    agency { id code name regionCode }
    surabaya: offeredBy(regionCode: "35.78") { code name }
    desa: offeredBy(regionCode: "35.15.01.2001") { code }
    province: offeredBy(regionCode: "35") { code }
    standard {
      timeLimitDays productId productEn complaintChannel
      fee { amount free legalBasis descriptionId descriptionEn }
      requirements { nameId nameEn attachment required }
      procedure { order nameId nameEn }
      components { nameId nameEn value }
    }
    form {
      regionField
      fields { code order datatype required nameId nameEn descriptionId format pattern maxLength values { key nameId nameEn } }
    }
  }
}
"""


async def test_the_catalog_lists_every_registered_service_in_code_order(gql):
    data = (await gql.execute(CATALOG))["services"]
    assert data["totalCount"] == 4
    assert [s["code"] for s in data["nodes"]] == ["uji.domisili", "uji.kk", "uji.loket", "uji.pajak"]
    assert {s["family"] for s in data["nodes"]} == {"uji"}


async def test_a_service_shows_its_standard_and_its_form(gql):
    kk = (await gql.execute(ONE, {"code": "uji.kk"}))["service"]
    assert kk["perRegion"] is True and kk["agency"] is None
    assert kk["agencyPattern"] == "dispendukcapil-{regency}"
    assert kk["surabaya"]["code"] == "dispendukcapil-3578"
    assert kk["desa"] == {"code": "dispendukcapil-3515"}
    assert kk["province"] is None
    assert kk["channels"] == ["APP", "WEB", "COUNTER"] and kk["deliveryOptions"] == ["PICKUP", "HOME_DELIVERY"]
    standard = kk["standard"]
    assert standard["timeLimitDays"] == 3
    assert standard["fee"] == {
        "amount": 0,
        "free": True,
        "legalBasis": "UU 24/2013 Pasal 79A",
        "descriptionId": "Tidak dipungut biaya.",
        "descriptionEn": "Free of charge.",
    }
    assert [r["attachment"] for r in standard["requirements"]] == [True, True, False]
    assert [r["required"] for r in standard["requirements"]] == [True, False, True]
    assert [s["order"] for s in standard["procedure"]] == [1, 2, 3]
    assert standard["components"] == [
        {"nameId": "Dasar hukum", "nameEn": "Legal basis", "value": "UU 24/2013; Perpres 96/2018"}
    ]
    fields = kk["form"]["fields"]
    assert [f["code"] for f in fields] == [
        "nik_pemohon",
        "nomor_kk",
        "alasan",
        "jumlah_anggota",
        "tanggal_kejadian",
        "kode_pos",
        "keterangan",
    ]
    assert [f["order"] for f in fields] == list(range(1, 8))
    assert fields[0]["format"] == "nik" and fields[0]["datatype"] == "STRING" and fields[0]["required"] is True
    assert fields[2]["datatype"] == "SINGLEVALUELIST"
    assert [v["key"] for v in fields[2]["values"]] == ["BARU", "PERUBAHAN", "HILANG"]
    assert fields[4]["datatype"] == "DATETIME" and fields[4]["required"] is False
    assert fields[5]["pattern"] == "[0-9]{5}"
    assert fields[6]["maxLength"] == 200
    assert kk["form"]["regionField"] is None


async def test_a_fixed_agency_service_names_its_agency_and_node_finds_it(gql):
    pajak = (await gql.execute(ONE, {"code": "uji.pajak"}))["service"]
    assert pajak["perRegion"] is False
    assert pajak["agency"]["code"] == "bapenda-jatim"
    assert pajak["surabaya"]["code"] == "bapenda-jatim"
    assert pajak["standard"]["fee"]["amount"] == 50_000 and pajak["standard"]["fee"]["free"] is False
    node = await gql.execute("query($id: ID!) { node(id: $id) { ... on Service { code } } }", {"id": pajak["id"]})
    assert node["node"] == {"code": "uji.pajak"}
    agency = await gql.execute(
        "query($id: ID!) { node(id: $id) { ... on Agency { code name } } }", {"id": pajak["agency"]["id"]}
    )
    assert agency["node"]["code"] == "bapenda-jatim"
    assert (await gql.execute(ONE, {"code": "uji.tidak-ada"}))["service"] is None


@pytest.mark.parametrize(
    ("variables", "codes"),
    [
        ({"agency": "dispendukcapil-3578"}, ["uji.domisili", "uji.kk", "uji.loket"]),
        ({"agency": "bapenda-jatim"}, ["uji.pajak"]),
        ({"agency": "dispendukcapil-35"}, []),
        ({"family": "uji"}, ["uji.domisili", "uji.kk", "uji.loket", "uji.pajak"]),
        ({"family": "adminduk-lain"}, []),
        ({"search": "KARTU keluarga"}, ["uji.kk"]),
        ({"search": "vehicle tax"}, ["uji.pajak"]),
        ({"search": "domisili bank"}, []),
        ({"channel": "WEB"}, ["uji.domisili", "uji.kk"]),
        ({"channel": "COUNTER", "agency": "dispendukcapil-3515"}, ["uji.domisili", "uji.kk", "uji.loket"]),
    ],
)
async def test_catalog_filters(gql, variables, codes):
    data = (await gql.execute(CATALOG, variables))["services"]
    assert [s["code"] for s in data["nodes"]] == codes
    assert data["totalCount"] == len(codes)


async def test_the_catalog_pages_with_cursors_and_caps_the_page(gql):
    first = (await gql.execute(CATALOG, {"first": 3}))["services"]
    assert [s["code"] for s in first["nodes"]] == ["uji.domisili", "uji.kk", "uji.loket"]
    assert first["pageInfo"]["hasNextPage"] is True and first["pageInfo"]["hasPreviousPage"] is False
    rest = (await gql.execute(CATALOG, {"first": 3, "after": first["pageInfo"]["endCursor"]}))["services"]
    assert [s["code"] for s in rest["nodes"]] == ["uji.pajak"]
    assert rest["pageInfo"]["hasNextPage"] is False and rest["pageInfo"]["hasPreviousPage"] is True
    assert (await gql.query(CATALOG, {"first": 101})).codes == ["PAGE_SIZE_EXCEEDED"]
    assert (await gql.query(CATALOG, {"after": "nonsense"})).codes == ["INVALID_CURSOR"]


async def test_catalog_labels_follow_accept_language(gql):
    query = """
    query ($code: String!) {
      service(code: $code) {
        name nameId nameEn description
        standard { product requirements { name nameId } procedure { name } }
        form { fields { name description values { name } } }
      }
    }
    """
    codes = (await gql.execute("{ services(first: 1) { nodes { code } } }"))["services"]["nodes"]
    variables = {"code": codes[0]["code"]}
    answer = await gql.query(query, variables, language="id")
    assert not answer.errors, answer.errors
    indonesian = answer.data["service"]
    english = (await gql.query(query, variables, language="en-GB,en;q=0.9")).data["service"]
    assert indonesian["name"] == indonesian["nameId"] and english["name"] == english["nameEn"]
    assert indonesian["name"] != english["name"]
    assert [r["name"] for r in indonesian["standard"]["requirements"]] == [
        r["nameId"] for r in english["standard"]["requirements"]
    ]
    assert indonesian["standard"]["product"] != english["standard"]["product"]
