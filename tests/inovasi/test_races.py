"""Two requests creating the same thing at the same moment: one wins, the other gets the typed error.

Both requests are held just before their INSERT (the first ``flush`` of each) until both have
passed the service's own checks; then they race for real, each in its own transaction, and the
unique constraint decides. The loser must see ``INOVASI_CODE_TAKEN`` / ``INOVASI_AWARD_EXISTS``
naming the field — not a bare ``CONFLICT`` — and nothing of it may be written.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from core.runtime import Runtime
from core.testkit import GraphQLClient, meet_before
from plugins.inovasi.models import Award, Innovation
from tests.inovasi.support import count, events_named

pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah", "inovasi"])

CREATE = "mutation ($input: CreateInnovationInput!) { createInnovation(input: $input) { innovation { code } } }"
ADD_AWARD = "mutation ($input: AddInnovationAwardInput!) { addInnovationAward(input: $input) { award { rank } } }"

INNOVATION = {
    "code": "kampung-qris",
    "name": "Kampung QRIS",
    "agencyCode": "diskominfo-3578",
    "regionCode": "35.78",
    "category": "perdagangan",
}
AWARD = {
    "innovationCode": "kampung-qris",
    "competition": "Kompetisi Inovasi Pelayanan Publik (KIPP)",
    "rank": "TOP 99",
    "year": 2024,
    "issuer": "Kementerian PANRB",
}


def outcomes(responses: list[Any]) -> list[tuple[tuple[str, str | None], ...]]:
    return sorted(tuple((e["extensions"]["code"], e["extensions"].get("field")) for e in r.errors) for r in responses)


async def test_two_creations_of_one_code_at_once_give_one_innovation_and_a_typed_error(
    gql: GraphQLClient, cettar_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = await gql.login("admin.provinsi")
    innovations = await count(cettar_runtime, Innovation)
    meeting = meet_before(monkeypatch)
    results = await asyncio.gather(
        admin.query(CREATE, {"input": {**INNOVATION, "idempotencyKey": "satu"}}),
        admin.query(CREATE, {"input": {**INNOVATION, "idempotencyKey": "dua"}}),
    )
    assert meeting.met, "both requests read before either wrote"
    assert outcomes(results) == [(), (("INOVASI_CODE_TAKEN", "input.code"),)]
    assert await count(cettar_runtime, Innovation) == innovations + 1
    assert len(await events_named(cettar_runtime, "inovasi.innovation_created")) == 1


async def test_two_identical_awards_at_once_give_one_award_and_a_typed_error(
    gql: GraphQLClient, cettar_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = await gql.login("admin.provinsi")
    await admin.execute(CREATE, {"input": INNOVATION})
    awards = await count(cettar_runtime, Award)
    meeting = meet_before(monkeypatch)
    results = await asyncio.gather(
        admin.query(ADD_AWARD, {"input": AWARD}), admin.query(ADD_AWARD, {"input": {**AWARD, "rank": "top99"}})
    )
    assert meeting.met, "both requests read before either wrote"
    assert outcomes(results) == [(), (("INOVASI_AWARD_EXISTS", "input.rank"),)]
    assert await count(cettar_runtime, Award) == awards + 1
    assert len(await events_named(cettar_runtime, "inovasi.award_added")) == 1


async def test_an_innovation_may_be_created_without_a_start_year_or_stage(gql: GraphQLClient) -> None:
    """The registry's contract allows both to be unknown (``InnovationRecord``); so does the mutation."""
    admin = await gql.login("admin.provinsi")
    created = await admin.execute(
        "mutation ($input: CreateInnovationInput!) { createInnovation(input: $input) "
        "{ innovation { code yearStarted stage } } }",
        {"input": INNOVATION},
    )
    assert created["createInnovation"]["innovation"] == {"code": "kampung-qris", "yearStarted": None, "stage": None}
