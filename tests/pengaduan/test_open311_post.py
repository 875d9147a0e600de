"""GeoReport v2 POST Service Request and GET service_request_id from a token, from the specification's text."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select
from sqlmodel import col

from core.audit.models import AuditRecord
from plugins.pengaduan.models import Channel, Complaint, ComplaintKind, ComplaintStatus, ExternalReporterRow
from plugins.pengaduan.open311 import catalog, keys, service
from plugins.pengaduan.open311.models import Open311Key, Open311Request
from tests.pengaduan.test_open311_support import (
    DESA,
    LAT,
    LONG,
    V2,
    cettar,
    complaint,
    descriptions,
    errors_of,
    file_request,
    http,
    issue_key,
    post_request,
    request_form,
    revoke_key,
    xml_of,
)

pytestmark = cettar()

REGION = f"attribute[{catalog.REGION_CODE}]"


async def count(runtime, model) -> int:
    async with runtime.database.session() as session:
        return int((await session.execute(select(func.count()).select_from(model))).scalar_one())


async def test_a_form_encoded_request_with_attributes_files_a_complaint(cettar_app, gql):
    """The specification's example request: api_key, service_code, lat/long, address_string, the reporter's
    details, description, media_url and attribute[code]=value, form-encoded."""
    issued = await issue_key(gql)
    body = urlencode(
        {
            "api_key": issued["apiKey"],
            "jurisdiction_id": "jatimprov.go.id",
            "service_code": "infrastruktur",
            "lat": LAT,
            "long": LONG,
            "address_string": "Jl. Mastrip 12, RT 03 RW 01",
            "email": "Budi.Santoso@Example.com",
            "device_id": "tt222111",
            "account_id": "123456",
            "first_name": "Budi",
            "last_name": "Santoso",
            "phone": "0812-3456-7890",
            "description": "Jalan berlubang sedalam 20 cm di depan SDN Karangpilang — sudah dua motor jatuh.",
            "media_url": "https://foto.suroboyo.example/laporan/638344.jpg",
            REGION: DESA,
            f"attribute[{catalog.KIND}]": "complaint",
            f"attribute[{catalog.ANONYMOUS}]": "false",
            f"attribute[{catalog.AGENCY_CODE}]": "dispendukcapil-3578",
        }
    )
    async with http(cettar_app) as client:
        response = await client.post(
            f"{V2}/requests.json",
            content=body,
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        )
    assert response.status_code == 200, response.text
    [answer] = response.json()
    # realtime: 'service_request_id ... This should not be returned if token is returned'
    assert set(answer) == {"service_request_id", "service_notice", "account_id"}
    assert answer["service_request_id"].startswith("ADU-")
    assert answer["account_id"] == "123456"
    assert answer["service_request_id"] in answer["service_notice"]

    runtime = cettar_app.runtime
    async with runtime.database.session() as session:
        row = (
            await session.execute(
                select(Complaint).where(col(Complaint.tracking_number) == answer["service_request_id"])
            )
        ).scalar_one()
        reporter = await session.get(ExternalReporterRow, row.id)
        extra = (
            await session.execute(select(Open311Request).where(col(Open311Request.complaint_id) == row.id))
        ).scalar_one()
        key = await session.get(Open311Key, extra.key_id)
    assert row.channel is Channel.API and row.source == "open311"
    assert row.category == "infrastruktur" and row.kind is ComplaintKind.COMPLAINT
    assert row.status is ComplaintStatus.SUBMITTED
    assert row.region_code == DESA and row.regency_code == "35.78"
    assert (row.latitude, row.longitude) == (float(LAT), float(LONG))
    assert row.text.endswith("sudah dua motor jatuh.")  # UTF-8 everywhere: the em dash survived
    assert row.title == row.text  # no attribute[title]: the description's first line
    assert row.anonymous is False and row.confidential is False
    assert row.reporter_account_id is None
    assert row.requested_agency_id is not None
    # the reporter's details are personal data, stored by the complaint service (normalised)
    assert reporter is not None
    assert (reporter.email, reporter.phone) == ("budi.santoso@example.com", "+6281234567890")
    assert (reporter.first_name, reporter.last_name, reporter.device_id, reporter.account_id) == (
        "Budi",
        "Santoso",
        "tt222111",
        "123456",
    )
    assert extra.address_string == "Jl. Mastrip 12, RT 03 RW 01"
    assert extra.media_url == "https://foto.suroboyo.example/laporan/638344.jpg"
    assert extra.attributes[catalog.REGION_CODE] == DESA
    assert key is not None and key.requests_filed == 1 and key.last_used_at is not None


async def test_each_request_is_audited_under_its_key(cettar_app, gql):
    """Per-key audit: the integrator's requests carry `open311:<key id>` in the audit trail."""
    issued = await issue_key(gql)
    async with http(cettar_app) as client:
        tracking = await file_request(client, issued["apiKey"])
    async with cettar_app.runtime.database.session() as session:
        records = (
            (
                await session.execute(
                    select(AuditRecord).where(col(AuditRecord.username) == issued["key"]["auditUsername"])
                )
            )
            .scalars()
            .all()
        )
    assert {r.action for r in records} == {"pengaduan.complaint_filed", "pengaduan.open311_request_filed"}
    assert {r.role for r in records} == {"integrator"}
    filed = next(r for r in records if r.action == "pengaduan.open311_request_filed")
    assert filed.detail["service_code"] == "infrastruktur"
    assert tracking not in str(filed.detail)  # ids only, and nothing about the reporter


async def test_a_multivalue_style_answer_and_the_title_and_kind_attributes(cettar_app, gql):
    """'attribute[code1][]=value1&attribute[code1][]=value2' — a list answer to a single-value attribute is
    refused; single answers are taken."""
    issued = await issue_key(gql)
    async with http(cettar_app, language="en") as client:
        twice = await post_request(
            client,
            [
                *request_form(issued["apiKey"]).items(),
                (f"attribute[{catalog.KIND}][]", "complaint"),
                (f"attribute[{catalog.KIND}][]", "aspiration"),
            ],
        )
        once = await post_request(
            client,
            [
                *request_form(issued["apiKey"]).items(),
                (f"attribute[{catalog.KIND}][]", "aspiration"),
                (f"attribute[{catalog.TITLE}]", "Usul taman baca di balai RW"),
            ],
        )
    assert twice.status_code == 400
    assert f"attribute[{catalog.KIND}]: only one value may be sent." in descriptions(twice)
    assert once.status_code == 200, once.text
    async with cettar_app.runtime.database.session() as session:
        row = (
            await session.execute(
                select(Complaint).where(col(Complaint.tracking_number) == once.json()[0]["service_request_id"])
            )
        ).scalar_one()
    assert row.kind is ComplaintKind.ASPIRATION and row.title == "Usul taman baca di balai RW"


async def test_anonymous_and_confidential_answers_reach_the_complaint(cettar_app, gql):
    issued = await issue_key(gql)
    async with http(cettar_app) as client:
        anonymous = await file_request(client, issued["apiKey"], **{f"attribute[{catalog.ANONYMOUS}]": "true"})
        confidential = await file_request(client, issued["apiKey"], **{f"attribute[{catalog.CONFIDENTIAL}]": "true"})
    async with cettar_app.runtime.database.session() as session:
        rows = {
            r.tracking_number: r
            for r in (
                await session.execute(
                    select(Complaint).where(col(Complaint.tracking_number).in_([anonymous, confidential]))
                )
            ).scalars()
        }
    assert rows[anonymous].anonymous and not rows[anonymous].confidential
    assert rows[confidential].confidential and not rows[confidential].anonymous


async def test_the_response_is_xml_when_asked(cettar_app, gql):
    """'<service_requests><request><service_request_id>…</service_request_id><service_notice>…<account_id/>'."""
    issued = await issue_key(gql)
    async with http(cettar_app) as client:
        response = await post_request(client, request_form(issued["apiKey"]), fmt="xml")
    assert response.status_code == 200
    root = xml_of(response)
    assert root.tag == "service_requests"
    request = root.find("request")
    assert request is not None
    assert [child.tag for child in request] == ["service_request_id", "service_notice", "account_id"]
    assert request.findtext("service_request_id", "").startswith("ADU-")
    account = request.find("account_id")
    assert account is not None and account.text is None  # '<account_id/>'


# -- batch keys and tokens ---------------------------------------------------------------------


async def test_a_batch_key_gets_a_token_that_resolves_to_the_request(cettar_app, gql):
    """'token: If returned, use this to call GET service_request_id from a token' and the token response
    '[{"service_request_id":638344,"token":12345}]'."""
    issued = await issue_key(gql, mode="BATCH")
    async with http(cettar_app) as client:
        response = await post_request(client, request_form(issued["apiKey"]))
        [answer] = response.json()
        assert set(answer) == {"token", "service_notice"}  # 'This should not be returned if token is returned'
        resolved = await client.get(f"{V2}/tokens/{answer['token']}.json")
        as_xml = await client.get(f"{V2}/tokens/{answer['token']}.xml")
    assert resolved.status_code == 200
    [pair] = resolved.json()
    assert set(pair) == {"service_request_id", "token"} and pair["token"] == answer["token"]
    async with cettar_app.runtime.database.session() as session:
        row = (
            await session.execute(select(Complaint).where(col(Complaint.tracking_number) == pair["service_request_id"]))
        ).scalar_one()
    assert row.source == "open311"
    assert pair["service_request_id"] not in answer["service_notice"]  # the token is the only way to the id
    request = xml_of(as_xml).find("request")
    assert request is not None and request.findtext("token") == answer["token"]


async def test_an_unknown_token_is_not_found(cettar_app):
    """'404 - jurisdiction_id or token not found (specified in error response)'."""
    async with http(cettar_app, language="en") as client:
        response = await client.get(f"{V2}/tokens/no-such-token.json")
    assert response.status_code == 404
    assert errors_of(response) == [{"code": 404, "description": "The token 'no-such-token' was not found."}]


async def test_a_retry_with_the_same_idempotency_key_files_one_complaint(cettar_app, gql):
    """A CETTAR extension: `idempotency_key` makes a retried POST answer the first request."""
    issued = await issue_key(gql)
    form = request_form(issued["apiKey"], idempotency_key="hp-42-0001")
    async with http(cettar_app) as client:
        first = await post_request(client, form)
        before = await count(cettar_app.runtime, Complaint)
        again = await post_request(client, form)
        other = await post_request(client, {**form, "description": form["description"] + " Mohon segera."})
    assert again.json()[0]["service_request_id"] == first.json()[0]["service_request_id"]
    assert await count(cettar_app.runtime, Complaint) == before
    assert other.status_code == 400 and "idempotency_key" in descriptions(other)


# -- API keys: 403 -----------------------------------------------------------------------------


async def test_an_api_key_is_required_valid_and_not_revoked(cettar_app, gql):
    """'403 - Missing or Invalid API Key (specify in error message)'; 'Requires API Key: Yes'."""
    issued = await issue_key(gql)
    async with http(cettar_app, language="en") as client:
        missing = await post_request(client, request_form(None))
        empty = await post_request(client, request_form(""))
        unknown = await post_request(client, request_form("o311_" + "x" * 43))
        good = await post_request(client, request_form(issued["apiKey"]))
        await revoke_key(gql, issued["key"]["id"])
        revoked = await post_request(client, request_form(issued["apiKey"]))
    for response in (missing, empty, unknown, revoked):
        assert response.status_code == 403
    assert "api_key is required" in descriptions(missing)
    assert "api_key is required" in descriptions(empty)  # an empty optional value is not a value
    assert descriptions(unknown) == "Invalid api_key received -- can't proceed with create_request."
    assert descriptions(revoked) == "This api_key has been revoked."
    assert good.status_code == 200


async def test_the_key_is_checked_before_the_form(cettar_app):
    async with http(cettar_app) as client:
        response = await post_request(client, {"service_code": "jalan_tol"})
    assert response.status_code == 403


# -- 400 and 404 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "status", "expected"),
    [
        ({"service_code": None}, 400, "service_code was not provided."),
        ({"service_code": ""}, 400, "service_code was not provided."),
        ({"service_code": "jalan_tol"}, 404, "The service_code 'jalan_tol' was not found."),
        ({"jurisdiction_id": "sfgov.org"}, 404, "The jurisdiction_id 'sfgov.org' was not found"),
        (
            {"lat": None, "long": None, "address_string": None},
            400,
            "A location is required: send lat and long, address_string, or address_id.",
        ),
        ({"long": None}, 400, "lat and long must both be sent."),
        ({"lat": "tujuh"}, 400, "lat must be a WGS84 number between -90 and 90."),
        ({"lat": "91"}, 400, "lat must be a WGS84 number between -90 and 90."),
        ({"long": "nan"}, 400, "long must be a WGS84 number between -180 and 180."),
        ({"lat": "37.76524078", "long": "-122.4212043"}, 400, "outside the province of Jawa Timur"),
        ({REGION: None}, 400, f"{REGION} is required."),
        ({REGION: "35.78"}, 400, f"{REGION}: has the wrong format"),
        ({REGION: "35.78.01.9999"}, 400, f"{REGION}: The location must be the code of a desa/kelurahan"),
        ({"attribute[warna]": "merah"}, 400, "attribute[warna] is not known."),
        ({f"attribute[{catalog.ANONYMOUS}]": "maybe"}, 400, "the value must be one of false, true."),
        ({f"attribute[{catalog.TITLE}]": "Dua\nbaris"}, 400, "must not contain line breaks."),
        ({f"attribute[{catalog.AGENCY_CODE}]": "dinas-tidak-ada"}, 400, "The agency dinas-tidak-ada is unknown."),
        ({"description": None}, 400, "A description of the report is required."),
        ({"description": "Jalan rusak sekali."}, 400, "description: The text is required, 20 to 5000 characters"),
        ({"description": "x" * 4001}, 400, "The description is at most 4000 characters."),
        ({"email": "bukan-email"}, 400, "email is not valid"),
        ({"phone": "12"}, 400, "phone is not valid"),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url must be an http(s) URL"),
        ({"first_name": "B" * 81}, 400, "first_name is at most 80 characters."),
    ],
)
async def test_bad_requests_are_refused_and_nothing_is_written(cettar_app, gql, change, status, expected):
    """'404 - service_code or jurisdiction_id was not found', '400 - service_code or jurisdiction_id was not
    provided', and 400 for 'any other error where the request can not be fulfilled as expected'."""
    issued = await issue_key(gql)
    before = await count(cettar_app.runtime, Complaint), await count(cettar_app.runtime, Open311Request)
    async with http(cettar_app, language="en") as client:
        response = await post_request(client, request_form(issued["apiKey"], **change))
    assert response.status_code == status, response.text
    assert expected in descriptions(response)
    assert (await count(cettar_app.runtime, Complaint), await count(cettar_app.runtime, Open311Request)) == before


async def test_every_problem_of_the_attributes_is_listed(cettar_app, gql):
    """'Multiple errors codes and descriptions can be returned in the body (the response is an array).'"""
    issued = await issue_key(gql)
    async with http(cettar_app) as client:
        response = await post_request(
            client,
            request_form(
                issued["apiKey"],
                **{REGION: None, "attribute[warna]": "merah", f"attribute[{catalog.CONFIDENTIAL}]": "kadang"},
            ),
        )
    assert response.status_code == 400
    texts = [e["description"] for e in errors_of(response)]
    assert len(texts) == 3
    assert any("attribute[warna]" in t for t in texts)
    assert any(REGION in t for t in texts)
    assert any(f"attribute[{catalog.CONFIDENTIAL}]" in t for t in texts)
    assert all("wajib" in t or "tidak" in t or "nilai" in t for t in texts)  # Bahasa Indonesia by default


async def test_location_by_address_string_or_address_id_alone(cettar_app, gql):
    """'One of lat & long or address_string or address_id'."""
    issued = await issue_key(gql)
    async with http(cettar_app) as client:
        by_address = await file_request(client, issued["apiKey"], lat=None, long=None)
        by_id = await file_request(
            client, issued["apiKey"], lat=None, long=None, address_string=None, address_id="PJU-3578-0042"
        )
    async with cettar_app.runtime.database.session() as session:
        extras = {r.address_id: r for r in (await session.execute(select(Open311Request))).scalars()}
    assert "PJU-3578-0042" in extras and extras["PJU-3578-0042"].address_string is None
    assert by_address != by_id


async def test_only_form_encoded_bodies_are_accepted(cettar_app, gql):
    """'Content-Type: application/x-www-form-urlencoded; charset=utf-8'."""
    issued = await issue_key(gql)
    async with http(cettar_app, language="en") as client:
        as_json = await client.post(f"{V2}/requests.json", json=request_form(issued["apiKey"]))
        latin1 = await client.post(
            f"{V2}/requests.json",
            content=b"api_key=" + issued["apiKey"].encode() + b"&description=caf\xe9",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    assert as_json.status_code == 400 and "application/x-www-form-urlencoded" in descriptions(as_json)
    assert latin1.status_code == 400 and "UTF-8" in descriptions(latin1)


async def test_general_failures_answer_400_with_the_request_id(cettar_app, gql, monkeypatch):
    """'400 - General Service Error (Any failure during create request processing, eg CRM is down.)'"""
    issued = await issue_key(gql)

    async def crm_down(*_args, **_kwargs):
        raise ConnectionError("the database went away")

    monkeypatch.setattr(service.complaints, "file_complaint", crm_down)
    async with http(cettar_app, language="en") as client:
        response = await client.post(
            f"{V2}/requests.json", data=request_form(issued["apiKey"]), headers={"X-Request-ID": "req-311"}
        )
    assert response.status_code == 400
    assert descriptions(response) == "General service error; please tell us the request id req-311."
    assert "database" not in response.text


async def test_a_key_is_limited_per_hour(cettar_app, gql, monkeypatch):
    """A CETTAR limit (the specification has none): at most HOURLY_LIMIT requests per key and hour; then 429."""
    assert keys.HOURLY_LIMIT == 600
    monkeypatch.setattr(keys, "HOURLY_LIMIT", 2)
    busy = await issue_key(gql)
    other = await issue_key(gql, integrator="Aplikasi Lain")
    async with http(cettar_app, language="en") as client:
        await file_request(client, busy["apiKey"])
        await file_request(client, busy["apiKey"])
        refused = await post_request(client, request_form(busy["apiKey"]))
        elsewhere = await post_request(client, request_form(other["apiKey"]))
    assert refused.status_code == 429
    assert "This key filed 2 requests in the past hour" in descriptions(refused)
    assert 1 <= int(refused.headers["retry-after"]) <= 3601
    assert elsewhere.status_code == 200  # per key


async def test_without_a_title_the_description_gives_one(cettar_app, gql):
    """Open311 has no title; a complaint needs one (5 to 150 characters)."""
    issued = await issue_key(gql)
    long_line = "Saluran air di sepanjang jalan kampung tersumbat sampah " * 4
    async with http(cettar_app) as client:
        short_first_line = await file_request(
            client, issued["apiKey"], description="Pak\nSaluran air tersumbat, banjir setiap hujan."
        )
        long_first_line = await file_request(client, issued["apiKey"], description=long_line.strip())
    assert (await complaint(cettar_app.runtime, short_first_line)).title == (
        "Pak Saluran air tersumbat, banjir setiap hujan."
    )
    title = (await complaint(cettar_app.runtime, long_first_line)).title
    assert len(title) <= 150 and title.endswith("…")
    cut = title.removesuffix("…")
    assert long_line.startswith(cut) and long_line[len(cut)] == " "  # cut at a word
