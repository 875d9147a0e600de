"""Two people acting on one application at the same moment: exactly one wins, the other gets CONFLICT.

Each request reads the application, checks the move, then changes the row with a
conditional UPDATE (``… WHERE status = <the status read>``). To be sure both requests
have read the row before either writes, the tests hold each request at that UPDATE until
both have reached it (an ``asyncio.Barrier`` around ``service._move``); then they race for
real, each in its own transaction — on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import col

from core.audit.models import AuditRecord
from core.events.models import OutboxEvent
from plugins.layanan import service as domain
from plugins.layanan.models import Application, TimelineEntry
from plugins.layanan.workflow import TimelineKind
from tests.layanan.support import MARK, TRANSITION, kk_answers, submit

pytestmark = MARK

CREATE_OFFICER = "mutation($input: CreateOfficerInput!) { createOfficer(input: $input) { activationCode } }"
RESET_PASSWORD = "mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { done } }"
CANCEL = "mutation($input: CancelApplicationInput!) { cancelApplication(input: $input) { application { status } } }"
PASSWORD = "Samudra-Biru-7391!"


async def second_officer(gql: Any) -> Any:
    """Another officer of dispendukcapil-3578 besides petugas.surabaya, created by the agency admin."""
    admin = await gql.login("admin.surabaya")
    created = await admin.execute(
        CREATE_OFFICER,
        {
            "input": {
                "username": "petugas.surabaya2",
                "name": "Wahyu Setiawan",
                "nip": "199106142019031004",
                "agencyCode": "dispendukcapil-3578",
                "position": "Verifikator Dokumen Kependudukan",
                "grade": "III/a",
            }
        },
    )
    code = created["createOfficer"]["activationCode"]
    await gql.execute(RESET_PASSWORD, {"input": {"code": code, "newPassword": PASSWORD}})
    return await gql.login("petugas.surabaya2", PASSWORD)


@pytest.fixture
def meet_at_the_update(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    """Hold each status change at its UPDATE until ``parties`` requests have got there."""

    def arm(parties: int) -> None:
        barrier = asyncio.Barrier(parties)
        waiting = [parties]  # only the racing requests meet; later ones pass straight through
        original = domain._move

        async def _move(*args: Any, **kwargs: Any) -> None:
            if waiting[0] > 0:
                waiting[0] -= 1
                async with asyncio.timeout(10):
                    await barrier.wait()
            await original(*args, **kwargs)

        monkeypatch.setattr(domain, "_move", _move)

    return arm


async def _race(*calls: Awaitable[Any]) -> list[Any]:
    return list(await asyncio.gather(*calls))


async def _rows(runtime: Any, tracking_number: str) -> tuple[Application, list[TimelineEntry], list[str], list[str]]:
    """The application row, its timeline, and its layanan audit actions and status events."""
    async with runtime.database.session() as session:
        application = await domain.by_tracking_number(session, tracking_number)
        assert application is not None
        timeline = list(
            (
                await session.execute(
                    select(TimelineEntry)
                    .where(col(TimelineEntry.application_id) == application.id)
                    .order_by(col(TimelineEntry.id))
                )
            ).scalars()
        )
        audit = [
            r.action
            for r in (await session.execute(select(AuditRecord).order_by(col(AuditRecord.seq)))).scalars()
            if r.action.startswith("layanan.application_") and r.target_id == str(application.id)
        ]
        events = [
            r.name
            for r in (await session.execute(select(OutboxEvent).order_by(col(OutboxEvent.id)))).scalars()
            if r.name == domain.STATUS_EVENT
        ]
    return application, timeline, audit, events


def _move_input(application_id: str, status: str, reason: str | None = None) -> dict[str, Any]:
    return {"input": {"applicationId": application_id, "status": status, "reason": reason}}


async def test_two_officers_verifying_at_once_one_wins_the_other_gets_conflict(gql, cettar_runtime, meet_at_the_update):
    budi = await gql.login("warga.budi")
    agus = await gql.login("petugas.surabaya")
    wahyu = await second_officer(gql)
    application = await submit(budi, {"serviceCode": "uji.kk", "answers": kk_answers()})

    meet_at_the_update(2)
    first, second = await _race(
        agus.query(TRANSITION, _move_input(application["id"], "VERIFIED")),
        wahyu.query(TRANSITION, _move_input(application["id"], "VERIFIED")),
    )
    outcomes = sorted([first, second], key=lambda r: bool(r.errors))
    winner, loser = outcomes
    assert not winner.errors and winner.data["transitionApplication"]["application"]["status"] == "VERIFIED"
    assert loser.codes == ["CONFLICT"]
    assert loser.errors[0]["extensions"]["field"] == "input.applicationId"
    assert loser.data is None or loser.data.get("transitionApplication") is None

    row, timeline, audit, events = await _rows(cettar_runtime, application["trackingNumber"])
    changes = [(t.from_status, t.to_status) for t in timeline if t.kind is TimelineKind.STATUS_CHANGED]
    assert [(f and f.value, t and t.value) for f, t in changes] == [(None, "submitted"), ("submitted", "verified")]
    assert audit == ["layanan.application_submitted", "layanan.application_verified"]
    assert len(events) == 1  # one status change, one event: the loser's transaction left nothing
    winner_name = winner.data["transitionApplication"]["application"]["assignedOfficerName"]
    assert winner_name in {"Agus Prasetyo", "Wahyu Setiawan"}
    assert row.status.value == "verified" and row.assigned_officer_id is not None

    # The loser reads the new state and carries on from there.
    late = agus if winner is second else wahyu
    moved = await late.execute(TRANSITION, _move_input(application["id"], "IN_PROCESS"))
    assert moved["transitionApplication"]["application"]["status"] == "IN_PROCESS"


async def test_rejecting_and_advancing_at_once_leaves_one_consistent_outcome(gql, cettar_runtime, meet_at_the_update):
    budi = await gql.login("warga.budi")
    agus = await gql.login("petugas.surabaya")
    wahyu = await second_officer(gql)
    application = await submit(budi, {"serviceCode": "uji.kk", "answers": kk_answers()})
    await agus.execute(TRANSITION, _move_input(application["id"], "VERIFIED"))

    meet_at_the_update(2)
    advance, reject = await _race(
        agus.query(TRANSITION, _move_input(application["id"], "IN_PROCESS")),
        wahyu.query(TRANSITION, _move_input(application["id"], "REJECTED", "Dokumen tidak sesuai")),
    )
    assert sorted([advance.codes, reject.codes]) == [[], ["CONFLICT"]]
    row, timeline, _, _ = await _rows(cettar_runtime, application["trackingNumber"])
    won = "in_process" if not advance.errors else "rejected"
    assert row.status.value == won
    assert [t.to_status.value for t in timeline if t.to_status][-2:] == ["verified", won]
    assert row.status_reason == ("Dokumen tidak sesuai" if won == "rejected" else None)


async def test_the_citizen_cancelling_while_an_officer_verifies(gql, cettar_runtime, meet_at_the_update):
    budi = await gql.login("warga.budi")
    agus = await gql.login("petugas.surabaya")
    application = await submit(budi, {"serviceCode": "uji.kk", "answers": kk_answers()})

    meet_at_the_update(2)
    cancel, verify = await _race(
        budi.query(CANCEL, {"input": {"applicationId": application["id"], "reason": "Salah pilih layanan"}}),
        agus.query(TRANSITION, _move_input(application["id"], "VERIFIED")),
    )
    assert sorted([cancel.codes, verify.codes]) == [[], ["CONFLICT"]]
    row, timeline, _, events = await _rows(cettar_runtime, application["trackingNumber"])
    assert row.status.value == ("cancelled" if not cancel.errors else "verified")
    assert len([t for t in timeline if t.kind is TimelineKind.STATUS_CHANGED]) == 2 and len(events) == 1
