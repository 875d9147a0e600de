"""The reference data: exactly the 2020 awards the Governor's KORPRI address names, and demo data."""

from __future__ import annotations

from typing import Any

import pytest

from core.runtime import Runtime
from core.testkit import GraphQLClient
from plugins.inovasi.models import Award, Innovation
from tests.inovasi.support import count, fresh_registry, seed

pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah", "inovasi"])

EVERYTHING = """
query ($filter: InnovationFilter) {
  innovations(filter: $filter, first: 100) {
    totalCount
    nodes {
      code name acronymMeaning agencyCode agencyName regionCode regionName yearStarted category stage source
      implementation { plugin }
      awards { competition rank rankNumber year issuer category awardedOn source }
    }
  }
}
"""

KIPP = "Kompetisi Inovasi Pelayanan Publik (KIPP)"
COMPLAINTS = "Penghargaan Pengelolaan Pengaduan Pelayanan Publik"
#: KIPP is Kementerian PANRB's; the complaint-handling award was handed over with the Ombudsman.
ISSUERS = {KIPP: "Kementerian PANRB", COMPLAINTS: "Kementerian PANRB dan Ombudsman RI"}


def award(competition: str, rank: str, category: str | None = None, awarded_on: str | None = None) -> dict[str, Any]:
    return {
        "competition": competition,
        "rank": rank,
        "rankNumber": int(rank.split()[1]),
        "year": 2020,
        "issuer": ISSUERS[competition],
        "category": category,
        "awardedOn": awarded_on,
        "source": "REFERENCE",
    }


#: Written out from the text ("TOP 45 Kompetisi Inovasi Pelayanan Publik Tahun 2020 … yaitu Klinik BUM Desa
#: Dinas Pemberdayaan Masyarakat dan Desa Provinsi Jawa Timur, Rumahku SIP Pemerintah Kabupaten Gresik, GAYATRI
#: Humas Pemerintah Kota Mojokerto dan SEPASAR PEDAS Pemerintah Kota Malang"; "TOP 15 Pengelolaan Pengaduan …
#: Dinas Komunikasi dan Informatika Provinsi Jawa Timur, Kabupaten Pacitan dan Kota Madiun"), not from the seed.
EXPECTED = {
    "klinik-bumdes": (
        "Klinik BUM Desa",
        "Klinik Badan Usaha Milik Desa",
        "dpmd-jatim",
        "35",
        "Provinsi Jawa Timur",
        "pemberdayaan masyarakat",
        [award(KIPP, "TOP 45", awarded_on="2020-11-25")],
    ),
    "rumahku-sip": (
        "Rumahku SIP",
        None,
        "disperkim-3525",
        "35.25",
        "Kabupaten Gresik",
        "perumahan",
        [award(KIPP, "TOP 45")],
    ),
    "gayatri": ("GAYATRI", None, "humas-3576", "35.76", "Kota Mojokerto", "kesehatan", [award(KIPP, "TOP 45")]),
    "sepasar-pedas": (
        "SEPASAR PEDAS",
        "Sekolah Pasar Pedagang Cerdas",
        "disdag-3573",
        "35.73",
        "Kota Malang",
        "perdagangan",
        [award(KIPP, "TOP 45")],
    ),
    "pengaduan-jatim": (
        "Pengelolaan Pengaduan Pelayanan Publik Provinsi Jawa Timur",
        None,
        "diskominfo-jatim",
        "35",
        "Provinsi Jawa Timur",
        "pengelolaan pengaduan",
        [award(COMPLAINTS, "TOP 15", "Pengelolaan Aspek dengan Keberlanjutan Inisiatif Terbaik", "2020-11-25")],
    ),
    "pengaduan-pacitan": (
        "Pengelolaan Pengaduan Pelayanan Publik Kabupaten Pacitan",
        None,
        "diskominfo-3501",
        "35.01",
        "Kabupaten Pacitan",
        "pengelolaan pengaduan",
        [award(COMPLAINTS, "TOP 15")],
    ),
    "pengaduan-kota-madiun": (
        "Pengelolaan Pengaduan Pelayanan Publik Kota Madiun",
        None,
        "diskominfo-3577",
        "35.77",
        "Kota Madiun",
        "pengelolaan pengaduan",
        [award(COMPLAINTS, "TOP 15")],
    ),
}


async def everything(gql: GraphQLClient, **filter: Any) -> dict[str, Any]:
    data = await gql.execute(EVERYTHING, {"filter": filter or None})
    return data["innovations"]  # type: ignore[no-any-return]


async def test_the_reference_data_is_exactly_what_the_text_names(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await fresh_registry(cettar_runtime)
    result = await everything(gql)
    assert result["totalCount"] == 7
    found = {node["code"]: node for node in result["nodes"]}
    assert sorted(found) == sorted(EXPECTED)
    for code, (name, acronym, agency, region, region_name, category, awards) in EXPECTED.items():
        node = found[code]
        assert (node["name"], node["acronymMeaning"], node["agencyCode"], node["regionCode"]) == (
            name,
            acronym,
            agency,
            region,
        ), code
        assert (node["regionName"], node["category"], node["source"]) == (region_name, category, "REFERENCE"), code
        # Not in the text, so not invented: a plugin implementing the innovation fills them in.
        assert (node["yearStarted"], node["stage"], node["implementation"]) == (None, None, None), code
        assert node["awards"] == awards, code
    assert found["gayatri"]["agencyName"] == "Humas Pemerintah Kota Mojokerto"


async def test_the_2020_lists_by_rank(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await fresh_registry(cettar_runtime)
    top45 = await everything(gql, award={"rank": "TOP 45", "year": 2020})
    assert [n["name"] for n in top45["nodes"]] == ["GAYATRI", "Klinik BUM Desa", "Rumahku SIP", "SEPASAR PEDAS"]
    top15 = await everything(gql, award={"rank": "TOP 15", "year": 2020})
    assert [n["agencyCode"] for n in top15["nodes"]] == ["diskominfo-jatim", "diskominfo-3577", "diskominfo-3501"]


async def test_seeding_again_changes_nothing(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await fresh_registry(cettar_runtime)
    before = await everything(gql)
    rows = (await count(cettar_runtime, Innovation), await count(cettar_runtime, Award))
    await seed(cettar_runtime)
    await seed(cettar_runtime)
    assert await everything(gql) == before
    assert (await count(cettar_runtime, Innovation), await count(cettar_runtime, Award)) == rows == (7, 7)


async def test_demo_data_adds_two_innovations_without_awards(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await fresh_registry(cettar_runtime, demo=True)
    await seed(cettar_runtime, demo=True)
    result = await everything(gql)
    assert result["totalCount"] == 9
    demo = [n for n in result["nodes"] if n["source"] == "DEMO"]
    assert [(n["code"], n["stage"], n["yearStarted"], n["awards"]) for n in demo] == [
        ("demo-kampung-qris", "UJI_COBA", 2025, []),
        ("demo-posyandu-digital", "INISIATIF", 2026, []),
    ]


async def test_a_change_made_by_the_province_survives_seeding(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await fresh_registry(cettar_runtime)
    admin = await gql.login("admin.provinsi")
    await admin.execute(
        """mutation { updateInnovation(input: {code: "pengaduan-pacitan", yearStarted: 2018, stage: PENERAPAN}) {
             innovation { yearStarted stage } } }"""
    )
    await seed(cettar_runtime)
    (node,) = [n for n in (await everything(gql, regionCode="35.01"))["nodes"]]
    assert (node["code"], node["yearStarted"], node["stage"]) == ("pengaduan-pacitan", 2018, "PENERAPAN")
