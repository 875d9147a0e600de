"""Who sees which complaint: public ones for everyone once verified; confidential ones only for the reporter,
the agencies they were disposed to and their verifiers — in lists, by tracking number and through node(id:)."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import col

from core.auth import Role
from core.regions.models import Agency
from tests.pengaduan.helpers import FORWARD, LIST, MARK, NODE, VERIFY, add_demo_people, file, step

pytestmark = MARK

BY_NUMBER = "query One($n: String!) { complaint(trackingNumber: $n) { id title reporterName } }"


async def sees(client, complaint) -> bool:
    """Whether ``client`` finds the complaint by node, by tracking number and in the list — all three agree."""
    node = (await client.execute(NODE, {"id": complaint["id"]}))["node"]
    by_number = (await client.execute(BY_NUMBER, {"n": complaint["trackingNumber"]}))["complaint"]
    listed = complaint["id"] in [n["id"] for n in (await client.execute(LIST, {"first": 100}))["complaints"]["nodes"]]
    assert (node is not None) == (by_number is not None) == listed, (node, by_number, listed)
    return listed


async def agency_id(runtime, code: str) -> int:
    async with runtime.database.session() as session:
        return int((await session.execute(select(col(Agency.id)).where(col(Agency.code) == code))).scalar_one())


async def test_a_confidential_complaint_is_seen_only_by_its_reporter_agencies_and_verifiers(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    complaint = await file(sumarni, confidential=True, title="Dugaan pungli di kantor desa", category="ketertiban_umum")
    unit = await gql.login("admin.kominfo.pacitan")
    await step(unit, VERIFY, complaintId=complaint["id"], agencyCode="dpupr-3501")
    await step(unit, FORWARD, complaintId=complaint["id"], agencyCode="dinkes-3501", reason="Bukan urusan PUPR.")
    unit_officer = gql.as_role(
        Role.OFFICER, account_id=999, agency_id=await agency_id(cettar_runtime, "diskominfo-3501")
    )  # staff of the unit without pengaduan.verify

    allowed = {
        "reporter": sumarni,
        "agency it is disposed to": await gql.login("petugas.dinkes.pacitan"),
        "agency it was disposed to before": await gql.login("petugas.pupr.pacitan"),
        "its complaint unit": unit,
        "the province's complaint unit": await gql.login("admin.kominfo.jatim"),
        "the province admin": await gql.login("admin.provinsi"),
    }
    refused = {
        "anonymous": gql,
        "another citizen": await gql.login("warga.budi"),
        "another agency's officer": await gql.login("petugas.surabaya"),
        "another agency's admin": await gql.login("admin.surabaya"),
        "another complaint unit": await gql.login("admin.kominfo.madiun"),
        "the unit's staff without pengaduan.verify": unit_officer,
    }
    for who, client in allowed.items():
        assert await sees(client, complaint), who
    for who, client in refused.items():
        assert not await sees(client, complaint), who
    public_view = (await gql.execute(NODE, {"id": complaint["id"]}))["node"]
    assert public_view is None


async def test_a_public_complaint_is_public_once_verified_and_its_reporter_named_only_to_those_handling_it(
    gql, cettar_runtime
):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    complaint = await file(sumarni, title="Jalan poros desa berlubang")
    budi = await gql.login("warga.budi")
    assert not await sees(gql, complaint), "not public before verification"
    assert not await sees(budi, complaint)
    await step(await gql.login("admin.kominfo.pacitan"), VERIFY, complaintId=complaint["id"], agencyCode="dpupr-3501")
    for client in (gql, budi, await gql.login("petugas.surabaya")):
        assert await sees(client, complaint)
        assert (await client.execute(BY_NUMBER, {"n": complaint["trackingNumber"]}))["complaint"][
            "reporterName"
        ] is None
    for username in ("petugas.pupr.pacitan", "admin.kominfo.pacitan", "admin.provinsi"):
        viewer = await gql.login(username)
        named = (await viewer.execute(BY_NUMBER, {"n": complaint["trackingNumber"]}))["complaint"]
        assert named["reporterName"] == "Sumarni", username


async def test_lists_filter_by_status_region_agency_and_overdue(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    heru = await gql.login("warga.heru")
    pacitan = await file(sumarni, category="kesehatan")
    madiun = await file(heru, regionCode="35.77.02.1002", category="lingkungan")
    await step(await gql.login("admin.kominfo.pacitan"), VERIFY, complaintId=pacitan["id"], agencyCode="dinkes-3501")
    await step(await gql.login("admin.kominfo.madiun"), VERIFY, complaintId=madiun["id"], agencyCode="dlh-3577")
    province = await gql.login("admin.provinsi")

    async def ids(filter_: dict) -> list[str]:
        data = await province.execute(LIST, {"filter": filter_})
        return [n["id"] for n in data["complaints"]["nodes"]]

    assert await ids({"regionCode": "35.01"}) == [pacitan["id"]]
    assert await ids({"regionCode": "35.77.02"}) == [madiun["id"]]
    assert await ids({"agencyCode": "dlh-3577"}) == [madiun["id"]]
    assert await ids({"categories": ["kesehatan", "lingkungan"]}) == [madiun["id"], pacitan["id"]]
    assert await ids({"statuses": ["SUBMITTED"]}) == []
    assert await ids({"overdue": True}) == []
    unknown = await province.query(LIST, {"filter": {"agencyCode": "dinas-sihir"}})
    assert (
        unknown.codes == ["COMPLAINT_UNKNOWN_AGENCY"]
        and unknown.errors[0]["extensions"]["field"] == "filter.agencyCode"
    )
    naive = await province.query(LIST, {"filter": {"createdAfter": "2026-01-01T00:00:00"}})
    assert naive.codes == ["VALIDATION_FAILED"]
