"""Plugins register their innovation through the core hook ``cettar_innovation``; the registry stores it
with the plugin's name at every seed, keeps it in step, and refuses changes to it from elsewhere."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from core.app import create_app
from core.config import Settings
from core.innovations import AwardRecord, InnovationRecord, Stage
from core.plugins import PluginLoadError, PluginMeta, hookimpl
from core.runtime import Runtime
from core.testkit import GraphQLClient
from plugins.inovasi.models import Innovation
from tests.inovasi.support import count, fresh_registry, seed

KIPP_99 = AwardRecord("Kompetisi Inovasi Pelayanan Publik", "TOP 99", 2021, "Kementerian PANRB")

RECORD = InnovationRecord(
    code="sambang-desa",
    name="SAMBANG DESA",
    acronym_meaning="Sambung Layanan Desa",
    agency_code="dpmd-jatim",
    region_code="35.07",
    year_started=2019,
    category="Pemberdayaan Masyarakat",
    stage=Stage.PENERAPAN,
    description="Layanan keliling ke desa.",
    awards=(KIPP_99,),
)


class InnovationPlugin:
    """A test-only plugin implementing ``cettar_innovation``; ``record`` can be swapped per test."""

    name = "contoh_inovasi"
    record: InnovationRecord | None = RECORD

    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name=self.name, version="9.9.9", title="Contoh inovasi (tests only)")

    @hookimpl
    def cettar_innovation(self) -> InnovationRecord | None:
        return self.record


class OtherPlugin(InnovationPlugin):
    name = "contoh_lain"


#: Every test here names its own plugins (the registry and a test-only plugin implementing the hook).
pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah", "inovasi"])

WITH_PLUGIN = pytest.mark.cettar(
    plugins=["akun", "wilayah", "inovasi", "contoh_inovasi"], extra_plugins=[InnovationPlugin]
)

ONE = """query ($code: String!) { innovation(code: $code) {
  code name acronymMeaning agencyCode regionCode yearStarted category stage description source
  implementation { plugin enabled title version }
  awards { id competition rank year issuer source }
} }"""


def plugin_of(runtime: Runtime, name: str = "contoh_inovasi") -> Any:
    return runtime.plugins.get(name).module


async def one(gql: GraphQLClient, code: str) -> dict[str, Any]:
    return (await gql.execute(ONE, {"code": code}))["innovation"]  # type: ignore[no-any-return]


@WITH_PLUGIN
async def test_a_plugin_registers_its_innovation_at_seed(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await fresh_registry(cettar_runtime)
    found = await one(gql, "sambang-desa")
    assert found == {
        "code": "sambang-desa",
        "name": "SAMBANG DESA",
        "acronymMeaning": "Sambung Layanan Desa",
        "agencyCode": "dpmd-jatim",
        "regionCode": "35.07",
        "yearStarted": 2019,
        "category": "pemberdayaan masyarakat",
        "stage": "PENERAPAN",
        "description": "Layanan keliling ke desa.",
        "source": "PLUGIN",
        "implementation": {
            "plugin": "contoh_inovasi",
            "enabled": True,
            "title": "Contoh inovasi (tests only)",
            "version": "9.9.9",
        },
        "awards": [
            {
                "id": found["awards"][0]["id"],
                "competition": "Kompetisi Inovasi Pelayanan Publik",
                "rank": "TOP 99",
                "year": 2021,
                "issuer": "Kementerian PANRB",
                "source": "PLUGIN",
            }
        ],
    }
    implemented = await gql.execute(
        '{ innovations(filter: {implemented: true}) { nodes { code } } byPlugin: innovations(filter: {plugin: "contoh_inovasi"}) { totalCount } }'
    )
    assert implemented == {"innovations": {"nodes": [{"code": "sambang-desa"}]}, "byPlugin": {"totalCount": 1}}
    before = await count(cettar_runtime, Innovation)
    await seed(cettar_runtime)
    assert await one(gql, "sambang-desa") == found
    assert await count(cettar_runtime, Innovation) == before == 8


@WITH_PLUGIN
async def test_the_plugin_keeps_its_record_up_to_date_and_refuses_other_changes(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await fresh_registry(cettar_runtime)
    admin = await gql.login("admin.provinsi")
    refused = await admin.query(
        'mutation { updateInnovation(input: {code: "sambang-desa", name: "Lain"}) { innovation { name } } }'
    )
    assert refused.codes == ["INOVASI_MANAGED_BY_PLUGIN"]
    assert refused.errors[0]["extensions"]["field"] == "input.code"
    assert "contoh_inovasi" in refused.errors[0]["message"]

    plugin_award = (await one(gql, "sambang-desa"))["awards"][0]["id"]
    refused = await admin.query(
        'mutation ($id: ID!) { updateInnovationAward(input: {awardId: $id, issuer: "Lain"}) { award { issuer } } }',
        {"id": plugin_award},
    )
    assert refused.codes == ["INOVASI_MANAGED_BY_PLUGIN"]

    # The province may still record an award the plugin does not list; the plugin's next seed keeps it.
    await admin.execute(
        """mutation { addInnovationAward(input: {innovationCode: "sambang-desa", competition: "Penghargaan Inovasi Daerah Jawa Timur",
           rank: "TOP 5", year: 2022, issuer: "Pemerintah Provinsi Jawa Timur"}) { award { id } } }"""
    )
    plugin = plugin_of(cettar_runtime)
    plugin.record = dataclasses.replace(
        RECORD,
        name="Sambang Desa",
        year_started=2018,
        awards=(AwardRecord("KIPP", "TOP 45", 2021, "Kementerian PANRB"),),
    )
    await seed(cettar_runtime)
    found = await one(gql, "sambang-desa")
    assert (found["name"], found["yearStarted"]) == ("Sambang Desa", 2018)
    assert [(a["rank"], a["year"], a["source"]) for a in found["awards"]] == [
        ("TOP 5", 2022, "MANUAL"),
        ("TOP 45", 2021, "PLUGIN"),  # the TOP 99 the plugin no longer lists is gone
    ]


@pytest.mark.cettar(plugins=["akun", "wilayah", "inovasi", "contoh_inovasi"], extra_plugins=[InnovationPlugin])
async def test_a_record_spelling_a_reference_entry_differently_takes_it_over(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    plugin = plugin_of(cettar_runtime)
    plugin.record = InnovationRecord(
        code="rumahku_sip",
        name="Rumahku SIP",
        acronym_meaning=None,
        agency_code="disperkim-3525",
        region_code="35.25",
        year_started=2018,
        category="perumahan",
        stage=Stage.PENERAPAN,
        description="Data perumahan Gresik.",
        awards=(
            AwardRecord("Kompetisi Inovasi Pelayanan Publik (KIPP) Tahun 2020", "TOP 45", 2020, "Kementerian PANRB"),
        ),
    )
    await fresh_registry(cettar_runtime)  # the reference entry is written, then taken over by the plugin
    data = await gql.execute(
        '{ innovations(filter: {regionCode: "35.25"}) { nodes { code source implementation { plugin } awards { rank year issuer source } } } }'
    )
    assert data["innovations"]["nodes"] == [
        {
            "code": "rumahku_sip",
            "source": "PLUGIN",
            "implementation": {"plugin": "contoh_inovasi"},
            # The same award as the reference one (the competition's name differs only in filler words).
            "awards": [{"rank": "TOP 45", "year": 2020, "issuer": "Kementerian PANRB", "source": "PLUGIN"}],
        }
    ]
    assert await count(cettar_runtime, Innovation) == 7
    await seed(cettar_runtime)  # the reference entry is not re-created beside it
    assert await count(cettar_runtime, Innovation) == 7


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"agency_code": "dinas-tidak-ada"}, "record.agencyCode"),
        ({"region_code": "35.99"}, "record.regionCode"),
        ({"agency_code": "diskominfo-3501", "region_code": "35.78"}, "record.regionCode"),  # outside Pacitan
        ({"year_started": 1900}, "record.yearStarted"),
        ({"code": "Sambang Desa!"}, "record.code"),
        ({"awards": (AwardRecord("KIPP", "Juara 1", 2021, "Kementerian PANRB"),)}, "record.awards.0.rank"),
        ({"awards": (AwardRecord("KIPP", "TOP 45", 2017, "Kementerian PANRB"),)}, "record.awards.0.year"),
    ],
)
@WITH_PLUGIN
async def test_a_broken_record_stops_the_seed_naming_the_plugin(
    cettar_runtime: Runtime, change: dict[str, Any], problem: str
) -> None:
    plugin = plugin_of(cettar_runtime)
    plugin.record = dataclasses.replace(RECORD, **change)
    with pytest.raises(PluginLoadError) as caught:
        await seed(cettar_runtime)
    assert "'contoh_inovasi'" in str(caught.value)
    assert problem in str(caught.value)


@pytest.mark.cettar(
    plugins=["akun", "wilayah", "inovasi", "contoh_inovasi", "contoh_lain"],
    extra_plugins=[InnovationPlugin, OtherPlugin],
)
async def test_two_plugins_registering_one_innovation_stop_the_seed(cettar_runtime: Runtime) -> None:
    with pytest.raises(PluginLoadError) as caught:
        await seed(cettar_runtime)
    assert "'contoh_inovasi' and 'contoh_lain' both register the innovation 'sambang-desa'" in str(caught.value)


@WITH_PLUGIN
async def test_an_implementing_plugin_that_is_later_disabled_is_shown_disabled(
    gql: GraphQLClient, cettar_settings: Settings, cettar_runtime: Runtime
) -> None:
    await fresh_registry(cettar_runtime)
    without = Runtime.create(cettar_settings.model_copy(update={"plugins": ["akun", "wilayah", "inovasi"]}))
    try:
        app = create_app(without)
        async with app.router.lifespan_context(app):
            found = await one(GraphQLClient(app), "sambang-desa")
    finally:
        await without.dispose()
    assert found["implementation"] == {"plugin": "contoh_inovasi", "enabled": False, "title": None, "version": None}


@pytest.mark.cettar(plugins=["akun", "wilayah", "inovasi", "contoh_inovasi"], extra_plugins=[InnovationPlugin])
async def test_a_record_that_does_not_know_a_date_keeps_the_one_the_registry_knows(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    """``None`` in a record means "not known": taking over the reference entry of Klinik BUM Desa without
    the award's date (25 November 2020, from the text) or a start year must not erase what is known."""
    plugin = plugin_of(cettar_runtime)
    plugin.record = InnovationRecord(
        code="klinik-bumdes",
        name="Klinik BUM Desa",
        acronym_meaning="Klinik Badan Usaha Milik Desa",
        agency_code="dpmd-jatim",
        region_code="35",
        year_started=None,
        category="pemberdayaan masyarakat",
        stage=None,
        description="Klinik bagi BUM Desa di Jawa Timur.",
        awards=(AwardRecord("Kompetisi Inovasi Pelayanan Publik (KIPP)", "TOP 45", 2020, "Kementerian PANRB"),),
    )
    await fresh_registry(cettar_runtime)
    found = await gql.execute(
        '{ innovation(code: "klinik-bumdes") { yearStarted stage source implementation { plugin } '
        "awards { rank year category awardedOn source } } }"
    )
    assert found["innovation"] == {
        "yearStarted": None,
        "stage": None,
        "source": "PLUGIN",
        "implementation": {"plugin": "contoh_inovasi"},
        "awards": [{"rank": "TOP 45", "year": 2020, "category": None, "awardedOn": "2020-11-25", "source": "PLUGIN"}],
    }
    # A record that does know more is written over what is there, category and date included.
    plugin.record = dataclasses.replace(
        plugin.record,
        year_started=2019,
        stage=Stage.PENERAPAN,
        awards=(
            AwardRecord(
                "Kompetisi Inovasi Pelayanan Publik (KIPP)",
                "TOP 45",
                2020,
                "Kementerian PANRB",
                category="Kelompok Umum",
                awarded_on=date(2020, 11, 24),
            ),
        ),
    )
    await seed(cettar_runtime)
    found = await gql.execute(
        '{ innovation(code: "klinik-bumdes") { yearStarted stage awards { category awardedOn } } }'
    )
    assert found["innovation"] == {
        "yearStarted": 2019,
        "stage": "PENERAPAN",
        "awards": [{"category": "Kelompok Umum", "awardedOn": "2020-11-24"}],
    }
