"""Two requests recording the same thing at the same moment, on SQLite and PostgreSQL.

Each request is held just before its INSERT (its first ``flush``) until the other has got there
too, so both have passed the service's checks; then the unique constraints decide. The loser gets
the typed error naming the field — never a bare ``CONFLICT`` — and nothing of it is written.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from core.calendar import today
from core.runtime import Runtime
from core.testkit import GraphQLClient, meet_before
from plugins.gayatri.immunisation import add_months
from plugins.gayatri.models import Child, Immunisation
from tests.gayatri.support import CADRE_MENTIKAN, DINKES_OFFICER, MENTIKAN, PLUGINS, rows, seed_people

pytestmark = pytest.mark.cettar(plugins=PLUGINS)

REGISTER = "mutation ($input: RegisterGayatriChildInput!) { registerGayatriChild(input: $input) { child { id } } }"
DOSE = """mutation ($input: RecordGayatriImmunisationInput!) {
  recordGayatriImmunisation(input: $input) { dose { dose } } }"""


def outcomes(responses: list[Any]) -> list[tuple[tuple[str, str | None], ...]]:
    return sorted(tuple((e["extensions"]["code"], e["extensions"].get("field")) for e in r.errors) for r in responses)


async def test_one_child_registered_twice_at_once_and_one_dose_recorded_twice(
    gql: GraphQLClient, cettar_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed_people(cettar_runtime)
    cadre = await gql.login(CADRE_MENTIKAN)
    staff = await gql.login(DINKES_OFFICER)
    birth = add_months(today(), -3)
    child = {
        "name": "Galih Prasetyo",
        "sex": "MALE",
        "birthDate": birth.isoformat(),
        "kelurahanCode": MENTIKAN,
        "motherName": "Sulastri",
        "nik": f"357601{birth:%d%m%y}0007",
    }
    meeting = meet_before(monkeypatch)
    # The cadre and the health office register the same newborn at the same moment.
    results = await asyncio.gather(
        cadre.query(REGISTER, {"input": child}), staff.query(REGISTER, {"input": {**child, "name": "Galih P."}})
    )
    assert meeting.met, "both requests read before either wrote"
    assert outcomes(results) == [(), (("GAYATRI_CHILD_ALREADY_REGISTERED", "input.nik"),)]
    assert await rows(cettar_runtime, Child) == 1

    child_id = next(r.data["registerGayatriChild"]["child"]["id"] for r in results if not r.errors)
    dose = {"childId": child_id, "dose": "BCG", "givenOn": add_months(birth, 1).isoformat()}
    meeting = meet_before(monkeypatch)
    results = await asyncio.gather(cadre.query(DOSE, {"input": dose}), staff.query(DOSE, {"input": dose}))
    assert meeting.met, "both requests read before either wrote"
    assert outcomes(results) == [(), (("GAYATRI_DOSE_ALREADY_RECORDED", "input.dose"),)]
    assert await rows(cettar_runtime, Immunisation) == 1
