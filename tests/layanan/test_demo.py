"""Demo data: a spread over every status for the services registered; idempotent; skipped without services."""

from __future__ import annotations

import logging
from collections import Counter

import pytest
from sqlalchemy import select

from core.identity.demo import DEMO_PASSWORD
from core.identity.models import Citizen
from plugins.layanan.models import Application
from schema.graphiql.examples import example_operations
from tests.layanan.support import MARK, counts

pytestmark = MARK


async def _seed(runtime) -> None:
    async with runtime.database.session() as session:
        await runtime.plugins.acall_by_dependency("cettar_seed", session=session, demo=True, runtime=runtime)


async def _applications(runtime) -> list[Application]:
    async with runtime.database.session() as session:
        return list((await session.execute(select(Application))).scalars())


async def test_demo_data_covers_every_status_in_both_demo_agencies_and_seeds_once(gql, cettar_runtime, caplog):
    with caplog.at_level(logging.INFO, logger="cettar.layanan"):
        await _seed(cettar_runtime)
    rows = await _applications(cettar_runtime)
    statuses = Counter(r.status.value for r in rows)
    assert set(statuses) == {
        "submitted",
        "verified",
        "in_process",
        "ready",
        "picked_up",
        "delivered",
        "needs_revision",
        "rejected",
        "cancelled",
    }
    assert {r.service_code for r in rows} == {"uji.kk", "uji.domisili"}  # what the demo agencies process
    assert len({r.agency_id for r in rows}) == 2
    # uji.kk brings its own sample answers: the demo uses them, for each applicant's own NIK.
    async with cettar_runtime.database.session() as session:
        niks = dict((await session.execute(select(Citizen.account_id, Citizen.nik))).all())
    kk = [r for r in rows if r.service_code == "uji.kk"]
    assert kk and all(r.answers["keterangan"] == "DATA CONTOH LAYANAN UJI" for r in kk)
    assert all(r.answers["nik_pemohon"] == niks[r.applicant_id] for r in kk)
    # uji.domisili has none: its answers are guessed from its form, and the log says so (once).
    messages = [r.getMessage() for r in caplog.records]
    assert messages.count("demo data: uji.domisili has no sample_answers; answers guessed from its form") == 1
    assert not any("uji.kk has no sample_answers" in m for m in messages)
    # warga.rina (Kota Malang) is a demo citizen now, but no demo officer works at Dispendukcapil 3573.
    assert any("no demo officer processes uji.kk for warga.rina" in m for m in messages)
    before = await counts(cettar_runtime)
    await _seed(cettar_runtime)
    assert await counts(cettar_runtime) == before

    budi = await gql.login("warga.budi")
    mine = (
        await budi.execute(
            "query { myApplications(first: 50) { totalCount nodes { status overdue agency { code } } } }"
        )
    )["myApplications"]
    assert mine["totalCount"] == len(rows) // 2
    assert {n["agency"]["code"] for n in mine["nodes"]} == {"dispendukcapil-3578"}
    assert any(n["overdue"] for n in mine["nodes"])
    officer = await gql.login("petugas.sidoarjo")
    queue = (await officer.execute("query { applicationQueue(first: 50) { totalCount nodes { agency { code } } } }"))[
        "applicationQueue"
    ]
    assert queue["totalCount"] > 0 and {n["agency"]["code"] for n in queue["nodes"]} == {"dispendukcapil-3515"}


async def test_the_graphiql_examples_run_with_and_without_demo_data(gql, cettar_runtime):
    examples = [
        e
        for e in example_operations(cettar_runtime)
        if e.name in {"KatalogLayanan", "PermohonanSaya", "AntreanPetugas"}
    ]
    assert len(examples) == 3
    for seeded in (False, True):
        if seeded:
            await _seed(cettar_runtime)
        for example in examples:
            client = await gql.login(example.sign_in_as, DEMO_PASSWORD) if example.sign_in_as else gql
            response = await client.query(example.query, example.variables)
            assert not response.errors, (example.name, response.errors)
            data = next(iter(response.data.values()))
            assert data["totalCount"] > 0 if seeded or example.name == "KatalogLayanan" else data["totalCount"] == 0


@pytest.mark.cettar(plugins=["akun", "wilayah", "layanan"])
async def test_without_services_demo_data_adds_nothing(cettar_runtime):
    await _seed(cettar_runtime)
    assert set((await counts(cettar_runtime)).values()) == {0}
