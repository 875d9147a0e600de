"""The demo answers (``cettar seed --demo``) and the survey's GraphiQL examples run against them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlmodel import col

from core.regions.models import Agency
from plugins.kinerja.models import SurveyResponse
from plugins.kinerja.survey import seed
from plugins.layanan.models import Application
from plugins.pengaduan.models import Complaint
from schema.graphiql.examples import example_operations
from tests.kinerja.support import MINE

pytestmark = pytest.mark.cettar(
    plugins=["akun", "wilayah", "layanan", "adminduk", "samsat", "sim", "paspor", "pengaduan", "kinerja"]
)
SURVEY_EXAMPLES = ["IndeksKepuasan", "IsiSurveiKepuasan", "KomentarSurveiKepuasan"]


async def _seed(runtime) -> int:
    """``cettar seed --demo`` (every enabled plugin's seed, in dependency order); how many survey answers there are."""
    async with runtime.database.session() as session:
        await runtime.plugins.acall_by_dependency("cettar_seed", session=session, demo=True, runtime=runtime)
        await session.commit()
    async with runtime.database.session() as session:
        return int((await session.execute(select(func.count()).select_from(SurveyResponse))).scalar_one())


async def test_demo_surveys_and_the_examples_that_use_them(gql, cettar_runtime):
    added = await _seed(cettar_runtime)
    assert await _seed(cettar_runtime) == added, "idempotent"
    async with cettar_runtime.database.session() as session:
        rows = list((await session.execute(select(SurveyResponse))).scalars())
        complaints = {
            c.tracking_number: c.id
            for c in (await session.execute(select(Complaint).where(col(Complaint.demo).is_(True)))).scalars()
        }
        open_number = seed.open_demo_application()
        open_app = (
            await session.execute(select(Application).where(col(Application.tracking_number) == open_number))
        ).scalar_one()
        agencies = list((await session.execute(select(col(Agency.code)))).scalars())
        picked_up = {
            seed.demo_tracking_number(user, code, seed.ANSWERED_SCENARIO) for user in seed.CITIZENS for code in agencies
        }
        expected = set(
            (
                await session.execute(
                    select(col(Application.id)).where(
                        col(Application.tracking_number).in_(sorted(picked_up)),
                        col(Application.status).in_(["picked_up", "delivered"]),
                    )
                )
            ).scalars()
        )
    assert len(expected) >= 2  # warga.budi's in Surabaya and warga.siti's in Sidoarjo at least
    assert {r.application_id for r in rows if r.application_id} == expected
    assert added == len(expected) + 1
    assert {r.complaint_id for r in rows if r.complaint_id} == {complaints["ADU-DEMO-0001"]}
    assert all(r.answered_at is not None and all(1 <= getattr(r, f"u{i}") <= 4 for i in range(1, 10)) for r in rows)
    assert any(r.comment for r in rows)

    budi = await gql.login("warga.budi")
    ready = (await budi.execute(MINE, {"trackingNumber": open_number}))["mySatisfactionSurvey"]
    assert ready["canAnswer"] is True, open_app.status
    wulan = await gql.login("warga.wulan")
    assert (await wulan.execute(MINE, {"trackingNumber": "ADU-DEMO-0017"}))["mySatisfactionSurvey"]["canAnswer"]
    sumarni = await gql.login("warga.sumarni")
    assert (await sumarni.execute(MINE, {"trackingNumber": "ADU-DEMO-0001"}))["mySatisfactionSurvey"]["answered"]

    examples = [e for e in example_operations(cettar_runtime) if e.plugin == "kinerja" and e.name in SURVEY_EXAMPLES]
    assert [e.name for e in examples] == SURVEY_EXAMPLES
    for example in examples:
        client = await gql.login(example.sign_in_as) if example.sign_in_as else gql
        response = await client.query(example.query, example.variables)
        assert not response.errors, (example.name, response.errors)
        assert all(value is not None for value in response.data.values()), example.name
    comments = await (await gql.login("admin.surabaya")).execute(
        "{ satisfactionComments { totalCount nodes { agencyCode } } }"
    )
    assert {n["agencyCode"] for n in comments["satisfactionComments"]["nodes"]} <= {"dispendukcapil-3578"}
    assert (await budi.execute(MINE, {"trackingNumber": open_number}))["mySatisfactionSurvey"]["answered"]
