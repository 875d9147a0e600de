"""A health emergency is pushed at once to the staff of the responsible agency, and to no one else."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlmodel import col

from core.events.models import OutboxEvent
from core.runtime import Runtime
from core.testkit import GraphQLClient
from core.testkit.plugin import TestApp
from tests.gayatri.support import (
    CADRE_KRANGGAN,
    CADRE_MENTIKAN,
    DINKES_OFFICER,
    DINSOS_OFFICER,
    PLUGINS,
    seed_people,
)
from tests.support.waiting import wait_until

pytestmark = pytest.mark.cettar(plugins=PLUGINS)

SUBSCRIBE = """
subscription { gayatriEmergencies { caseId number caseType kelurahanCode kelurahanName agencyCode reportedAt } }
"""
REPORT = """
mutation ($type: GayatriCaseType!, $text: String!) {
  reportGayatriCase(input: {caseType: $type, description: $text}) { case { id number priority } }
}
"""
TRIAGE = """
mutation ($id: ID!, $type: GayatriCaseType) {
  triageGayatriCase(input: {caseId: $id, priority: EMERGENCY, caseType: $type}) { case { caseType } }
}
"""


async def emergency_events(runtime: Runtime) -> list[OutboxEvent]:
    async with runtime.database.session() as session:
        statement = select(OutboxEvent).where(col(OutboxEvent.name) == "gayatri.emergency_reported")
        return list((await session.execute(statement)).scalars())


async def test_the_health_agency_receives_an_emergency_at_once(
    gql: GraphQLClient, cettar_app: TestApp, cettar_runtime: Runtime
) -> None:
    await seed_people(cettar_runtime)
    staff = await gql.login(DINKES_OFFICER)
    cadre = await gql.login(CADRE_MENTIKAN)
    async with staff.subscribe(SUBSCRIBE) as subscription:
        await wait_until(lambda: cettar_app.runtime.broker.subscriber_count == 1, what="subscription")
        # not an emergency: nothing is pushed for it
        await cadre.execute(REPORT, {"type": "STUNTING", "text": "Berat badan tidak naik."})
        reported = (await cadre.execute(REPORT, {"type": "HEALTH_EMERGENCY", "text": "Bayi kejang."}))[
            "reportGayatriCase"
        ]["case"]
        assert reported["priority"] == "EMERGENCY"
        await cettar_app.dispatch()
        message = await subscription.next()
    assert message.errors == []
    pushed = message.data["gayatriEmergencies"]
    assert pushed.pop("reportedAt")
    assert pushed == {
        "caseId": reported["id"],
        "number": reported["number"],
        "caseType": "HEALTH_EMERGENCY",
        "kelurahanCode": "35.76.01.1003",
        "kelurahanName": "Mentikan",
        "agencyCode": "dinkes-3576",
    }
    (event,) = await emergency_events(cettar_runtime)
    assert set(event.payload) == {"case_id", "agency_id"}, "ids only, no personal data"


async def test_staff_of_another_agency_receive_nothing(
    gql: GraphQLClient, cettar_app: TestApp, cettar_runtime: Runtime
) -> None:
    await seed_people(cettar_runtime)
    others = [await gql.login(DINSOS_OFFICER), await gql.login("petugas.surabaya")]
    health = await gql.login(DINKES_OFFICER)
    cadre = await gql.login(CADRE_KRANGGAN)
    async with (
        others[0].subscribe(SUBSCRIBE) as social,
        others[1].subscribe(SUBSCRIBE) as surabaya,
        health.subscribe(SUBSCRIBE) as mine,
    ):
        await wait_until(lambda: cettar_app.runtime.broker.subscriber_count == 3, what="subscriptions")
        await cadre.execute(REPORT, {"type": "HEALTH_EMERGENCY", "text": "Sesak napas berat."})
        assert await cettar_app.dispatch() >= 1
        assert (await mine.next()).data["gayatriEmergencies"]["kelurahanName"] == "Kranggan"
        for subscription in (social, surabaya):
            with pytest.raises(TimeoutError):
                await subscription.next(timeout=0.5)


async def test_a_case_reclassified_as_an_emergency_is_pushed_too(
    gql: GraphQLClient, cettar_app: TestApp, cettar_runtime: Runtime
) -> None:
    await seed_people(cettar_runtime)
    cadre = await gql.login(CADRE_MENTIKAN)
    staff = await gql.login(DINKES_OFFICER)
    case = (await cadre.execute(REPORT, {"type": "TUBERCULOSIS", "text": "Batuk darah."}))["reportGayatriCase"]["case"]
    async with staff.subscribe(SUBSCRIBE) as subscription:
        await wait_until(lambda: cettar_app.runtime.broker.subscriber_count == 1, what="subscription")
        await cettar_app.dispatch()  # the report itself is not an emergency
        await staff.execute(TRIAGE, {"id": case["id"], "type": "HEALTH_EMERGENCY"})
        await cettar_app.dispatch()
        message = await subscription.next()
    assert message.data["gayatriEmergencies"]["caseId"] == case["id"]


@pytest.mark.parametrize(("who", "code"), [("warga.siti", "FORBIDDEN"), (CADRE_MENTIKAN, "FORBIDDEN")])
async def test_citizens_and_cadres_are_refused(
    gql: GraphQLClient, cettar_runtime: Runtime, who: str, code: str
) -> None:
    await seed_people(cettar_runtime)
    client = await gql.login(who)
    async with client.subscribe(SUBSCRIBE) as subscription:
        message = await subscription.next()
    assert [e["extensions"]["code"] for e in message.errors] == [code]


async def test_anonymous_callers_are_refused(gql: GraphQLClient) -> None:
    async with gql.subscribe(SUBSCRIBE) as subscription:
        message = await subscription.next()
    assert [e["extensions"]["code"] for e in message.errors] == ["UNAUTHENTICATED"]


async def test_the_province_admin_receives_every_emergency(
    gql: GraphQLClient, cettar_app: TestApp, cettar_runtime: Runtime
) -> None:
    await seed_people(cettar_runtime)
    province = await gql.login("admin.provinsi")
    cadre = await gql.login(CADRE_KRANGGAN)
    async with province.subscribe(SUBSCRIBE) as subscription:
        await wait_until(lambda: cettar_app.runtime.broker.subscriber_count == 1, what="subscription")
        await cadre.execute(REPORT, {"type": "HEALTH_EMERGENCY", "text": "Ibu hamil perdarahan."})
        await cettar_app.dispatch()
        message = await subscription.next()
    assert message.data["gayatriEmergencies"]["agencyCode"] == "dinkes-3576"
