"""Inputs an attacker (or a broken app) sends: each refused with a typed, bilingual error naming its field,
and nothing written — on PostgreSQL as on SQLite."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from plugins.pengaduan.models import Complaint
from plugins.pengaduan.open311 import catalog
from tests.pengaduan.helpers import (
    FILE,
    FOLLOW_UP,
    HOLD,
    MARK,
    MESSAGE,
    VERIFY,
    add_demo_people,
    complaint_input,
    counts,
    file,
    step,
)
from tests.pengaduan.test_open311_support import V2, descriptions, http, issue_key, post_request, request_form

pytestmark = MARK


@pytest.mark.parametrize(
    ("override", "code", "field"),
    [
        # a NUL anywhere is refused by the platform before the plugin sees it (schema.limits)
        ({"title": "Jalan\x00rusak parah"}, "VALIDATION_FAILED", "input.title"),
        # other control characters by the plugin's own checks
        ({"title": "Jalan\x07rusak parah"}, "COMPLAINT_TITLE_INVALID", "input.title"),
        (
            {"text": "Jalan di depan balai desa\x07 berlubang besar sejak sebulan."},
            "COMPLAINT_TEXT_INVALID",
            "input.text",
        ),
        ({"regionCode": "35.01.01.2001\x07"}, "COMPLAINT_INVALID_REGION", "input.regionCode"),
        ({"agencyCode": "dinkes-3501\x07"}, "COMPLAINT_UNKNOWN_AGENCY", "input.agencyCode"),
        ({"serviceCode": "adminduk\x07"}, "COMPLAINT_UNKNOWN_SERVICE", "input.serviceCode"),
        ({"channel": "API"}, "VALIDATION_FAILED", "input.channel"),
    ],
)
async def test_control_characters_and_the_integrators_channel_are_refused_when_filing(
    gql, cettar_runtime, override, code, field
):
    budi = await gql.login("warga.budi")
    for language in ("id", "en"):
        refused = await budi.query(FILE, {"input": complaint_input(**override)}, language=language)
        assert refused.codes == [code], refused.errors
        assert refused.errors[0]["extensions"]["field"] == field
        assert refused.errors[0]["message"]
    assert (await counts(cettar_runtime))["pengaduan_complaint"] == 0


async def test_control_characters_in_steps_messages_and_lookups_are_typed_errors(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    unit = await gql.login("admin.kominfo.pacitan")
    cid = (await file(sumarni))["id"]
    assert (await unit.query(HOLD, {"input": {"complaintId": cid, "reason": "Lengkapi\x07"}})).codes == [
        "COMPLAINT_REASON_REQUIRED"
    ]
    verify = await unit.query(VERIFY, {"input": {"complaintId": cid, "agencyCode": "dinkes-3501\x07"}})
    assert verify.codes == ["COMPLAINT_UNKNOWN_AGENCY"]
    await step(unit, VERIFY, complaintId=cid, agencyCode="dinkes-3501")
    officer = await gql.login("petugas.dinkes.pacitan")
    assert (await officer.query(FOLLOW_UP, {"input": {"complaintId": cid, "note": "Dicek\x07"}})).codes == [
        "COMPLAINT_REASON_REQUIRED"
    ]
    message = await sumarni.query(MESSAGE, {"input": {"complaintId": cid, "text": "Halo\x07"}})
    assert message.codes == ["COMPLAINT_MESSAGE_INVALID"]
    before = await counts(cettar_runtime)

    by_number = await gql.query("query($n: String!) { complaint(trackingNumber: $n) { id } }", {"n": "ADU-\x07"})
    assert not by_number.errors and by_number.data == {"complaint": None}
    listed = await gql.query(
        "query($f: ComplaintFilter) { complaints(filter: $f) { totalCount } }",
        {"f": {"regionCode": "35.01\x07", "serviceCode": "x\x07", "categories": ["a\x07"]}},
    )
    assert not listed.errors and listed.data["complaints"]["totalCount"] == 0
    agency = await gql.query(
        "query($f: ComplaintFilter) { complaints(filter: $f) { totalCount } }", {"f": {"agencyCode": "dinkes\x07"}}
    )
    assert agency.codes == ["COMPLAINT_UNKNOWN_AGENCY"]
    assert await counts(cettar_runtime) == before


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        (
            "address_string",
            "Jl. Mastrip\x00 12",
            "address_string must not contain control characters other than line breaks.",
        ),
        ("first_name", "Budi\x00", "first_name must not contain control characters other than line breaks."),
        ("device_id", "tt\x00", "device_id must not contain control characters other than line breaks."),
        (
            "media_url",
            "https://foto.example/\x00a.jpg",
            "media_url must not contain control characters other than line breaks.",
        ),
        (
            "description",
            "Jalan berlubang\x00 di depan sekolah, berbahaya.",
            "description must not contain control characters other than line breaks.",
        ),
        (
            f"attribute[{catalog.REGION_CODE}]",
            "35.78.01.1001\x00",
            "must not contain control characters other than line breaks.",
        ),
    ],
)
async def test_open311_refuses_control_characters_with_a_400_naming_the_parameter(
    cettar_app, gql, cettar_backend, name, value, expected
):
    issued = await issue_key(gql)
    async with http(cettar_app, language="en") as client:
        response = await post_request(client, request_form(issued["apiKey"], **{name: value}))
    assert response.status_code == 400, response.text
    assert expected in descriptions(response)
    assert "General service error" not in descriptions(response)
    async with cettar_app.runtime.database.session() as session:
        assert (await session.execute(select(func.count()).select_from(Complaint))).scalar_one() == 0


async def test_open311_lookups_with_control_characters_find_nothing(cettar_app, gql):
    async with http(cettar_app, language="en") as client:
        one = await client.get(f"{V2}/requests/ADU-%00.json")
        assert one.status_code == 404, one.text
        listed = await client.get(f"{V2}/requests.json", params={"service_request_id": "ADU-\x00,ADU-X"})
        assert listed.status_code == 200 and listed.json() == []
        token = await client.get(f"{V2}/tokens/abc%00.json")
        assert token.status_code == 404, token.text


BALI_AND_LOMBOK = [(-8.6500, 115.2167), (-8.3405, 115.0920), (-8.5833, 116.1167), (-8.7278, 115.5444)]
EAST_JAVA_EDGES = [(-8.7000, 114.5500), (-6.9500, 115.3500), (-5.8000, 112.6500), (-7.0500, 115.9000)]


async def test_a_point_in_bali_or_lombok_is_not_in_east_java(gql, cettar_app):
    budi = await gql.login("warga.budi")
    for latitude, longitude in BALI_AND_LOMBOK:
        refused = await budi.query(FILE, {"input": complaint_input(latitude=latitude, longitude=longitude)})
        assert refused.codes == ["COMPLAINT_INVALID_COORDINATES"], (latitude, longitude)
        assert refused.errors[0]["extensions"]["field"] == "input.longitude"
    assert (await counts(cettar_app.runtime))["pengaduan_complaint"] == 0
    for latitude, longitude in EAST_JAVA_EDGES:  # Blambangan, Kangean, Bawean, Sapeken
        await file(budi, latitude=latitude, longitude=longitude)
    issued = await issue_key(gql)
    async with http(cettar_app, language="en") as client:
        for latitude, longitude in BALI_AND_LOMBOK:
            form = request_form(issued["apiKey"], lat=str(latitude), long=str(longitude))
            response = await post_request(client, form)
            assert response.status_code == 400 and "outside the province" in descriptions(response)
