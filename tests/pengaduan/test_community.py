"""Citizens support public complaints once, report abusive ones, and moderators decide on hidden ones."""

from __future__ import annotations

import pytest

from tests.pengaduan.helpers import (
    LIST,
    MARK,
    NODE,
    REMOVE,
    REPORT,
    RESTORE,
    SUPPORT,
    VERIFY,
    add_demo_people,
    file,
    step,
)

pytestmark = MARK


async def public_complaint(gql, **overrides) -> dict:
    sumarni = await gql.login("warga.sumarni")
    complaint = await file(sumarni, **overrides)
    await step(await gql.login("admin.kominfo.pacitan"), VERIFY, complaintId=complaint["id"], agencyCode="dpupr-3501")
    return complaint


async def test_citizens_support_a_public_complaint_once(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    complaint = await public_complaint(gql)
    budi = await gql.login("warga.budi")
    supported = (await step(budi, SUPPORT, complaintId=complaint["id"]))["complaint"]
    assert (supported["supportCount"], supported["supportedByMe"]) == (1, True)
    again = await budi.query(SUPPORT, {"input": {"complaintId": complaint["id"]}})
    assert again.codes == ["COMPLAINT_ALREADY_SUPPORTED"]
    await step(await gql.login("warga.siti"), SUPPORT, complaintId=complaint["id"])
    seen = (await gql.execute(NODE, {"id": complaint["id"]}))["node"]
    assert (seen["supportCount"], seen["supportedByMe"]) == (2, None)
    own = await (await gql.login("warga.sumarni")).query(SUPPORT, {"input": {"complaintId": complaint["id"]}})
    assert own.codes == ["COMPLAINT_OWN"]
    assert (await gql.query(SUPPORT, {"input": {"complaintId": complaint["id"]}})).codes == ["UNAUTHENTICATED"]
    officer = await gql.login("petugas.surabaya")
    assert (await officer.query(SUPPORT, {"input": {"complaintId": complaint["id"]}})).codes == ["FORBIDDEN"]


async def test_only_public_complaints_are_supported_or_reported(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    unverified = await file(sumarni)
    confidential = await public_complaint(gql, confidential=True)
    budi = await gql.login("warga.budi")
    for complaint in (unverified, confidential):
        assert (await budi.query(SUPPORT, {"input": {"complaintId": complaint["id"]}})).codes == ["NOT_FOUND"]
        report = {"input": {"complaintId": complaint["id"], "reason": "SPAM"}}
        assert (await budi.query(REPORT, report)).codes == ["NOT_FOUND"]


async def test_enough_reports_hide_a_complaint_until_a_moderator_restores_or_removes_it(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    rant = await public_complaint(gql, title="Pelayanan lambat sekali!!!")
    spam = await public_complaint(gql, title="Jual pulsa murah hubungi saya")
    reporters = [await gql.login(u) for u in ("warga.budi", "warga.siti", "warga.heru")]
    for complaint in (rant, spam):
        first = (await step(reporters[0], REPORT, complaintId=complaint["id"], reason="OFFENSIVE"))["complaint"]
        assert first["moderation"] == "VISIBLE"
        twice = await reporters[0].query(REPORT, {"input": {"complaintId": complaint["id"], "reason": "SPAM"}})
        assert twice.codes == ["COMPLAINT_ALREADY_FLAGGED"]
        await step(reporters[1], REPORT, complaintId=complaint["id"], reason="SPAM")
        third = await step(reporters[2], REPORT, complaintId=complaint["id"], reason="SPAM")
        assert third["complaint"] is None, "the third report hides it: the citizen no longer sees it"
        assert (await gql.execute(NODE, {"id": complaint["id"]}))["node"] is None
        assert (await (await gql.login("warga.sumarni")).execute(NODE, {"id": complaint["id"]}))["node"] is not None

    moderator = await gql.login("admin.kominfo.jatim")  # granted pengaduan.moderate
    queue = (await moderator.execute(LIST, {"filter": {"moderation": ["HIDDEN"]}}))["complaints"]["nodes"]
    assert {n["id"] for n in queue} == {rant["id"], spam["id"]}
    assert (
        await (await gql.login("admin.kominfo.pacitan")).query(RESTORE, {"input": {"complaintId": rant["id"]}})
    ).codes == ["FORBIDDEN"]
    no_reason = await moderator.query(REMOVE, {"input": {"complaintId": spam["id"], "reason": ""}})
    assert no_reason.codes == ["COMPLAINT_REASON_REQUIRED"]
    restored = (await step(moderator, RESTORE, complaintId=rant["id"], note="Kritik, bukan hinaan."))["complaint"]
    assert restored["moderation"] == "VISIBLE"
    assert (await gql.execute(NODE, {"id": rant["id"]}))["node"] is not None, "public again"
    removed = (await step(moderator, REMOVE, complaintId=spam["id"], reason="Iklan, bukan pengaduan."))["complaint"]
    assert (removed["moderation"], removed["status"]) == ("REMOVED", "DISPOSED"), "still handled, just not public"
    assert (await gql.execute(NODE, {"id": spam["id"]}))["node"] is None
    again = await moderator.query(RESTORE, {"input": {"complaintId": spam["id"]}})
    assert again.codes == ["COMPLAINT_NOT_HIDDEN"]
    assert [s["action"] for s in restored["steps"]][-2:] == ["HIDDEN", "RESTORED"]
    hidden_step = restored["steps"][-2]
    assert (hidden_step["actorKind"], hidden_step["toStatus"]) == ("SYSTEM", "DISPOSED")


@pytest.fixture
def two_reports_hide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CETTAR_PENGADUAN_FLAG_THRESHOLD", "2")


async def test_the_threshold_is_a_setting(two_reports_hide, gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    complaint = await public_complaint(gql)
    await step(await gql.login("warga.budi"), REPORT, complaintId=complaint["id"], reason="SPAM")
    second = await step(await gql.login("warga.siti"), REPORT, complaintId=complaint["id"], reason="SPAM")
    assert second["complaint"] is None
