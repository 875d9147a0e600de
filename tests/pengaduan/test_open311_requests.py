"""GeoReport v2 GET Service Requests and GET Service Request, from the specification's text.

Every filter (service_request_id, service_code, start_date, end_date, status), their
combinations, the defaults and limits, every error, and what must never be shown:
who reported, and anything not public.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlmodel import col

from core.testkit import count_statements
from plugins.pengaduan.models import Complaint
from plugins.pengaduan.open311 import catalog, service
from tests.pengaduan.test_open311_support import (
    V2,
    cettar,
    descriptions,
    dumped,
    errors_of,
    file_as_citizen,
    file_request,
    http,
    issue_key,
    publish,
    resolve,
    xml_of,
)

pytestmark = cettar()

REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}
#: 'Returned in w3 format, eg 2010-01-01T00:00:00Z' — with the timezone the specification requires.
W3C = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})")
NOW = datetime.now(UTC)


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [r["service_request_id"] for r in response.json()]


async def public_request(cettar_app, api_key: str, **fields) -> str:
    async with http(cettar_app) as client:
        tracking = await file_request(client, api_key, **fields)
    await publish(cettar_app.runtime, tracking)
    return tracking


async def test_a_public_request_has_every_field_of_the_specification(cettar_app, gql):
    """The response fields of GET Service Request, with 'status ... open: it has been reported'."""
    issued = await issue_key(gql)
    tracking = await public_request(
        cettar_app,
        issued["apiKey"],
        address_id="PJU-3578-0042",
        media_url="https://foto.suroboyo.example/638344.jpg",
    )
    async with http(cettar_app) as client:
        response = await client.get(f"{V2}/requests/{tracking}.json")
        lower = await client.get(f"{V2}/requests/{tracking.lower()}.json")
    assert response.status_code == 200
    [request] = response.json()  # 'service_requests ⇊ request ↴': a list, even of one
    assert lower.json() == response.json()
    assert set(request) == REQUEST_FIELDS
    assert request["service_request_id"] == tracking and isinstance(tracking, str)
    assert request["status"] == "open"
    assert request["status_notes"] == "Diteruskan ke instansi terkait."  # the verifier's public note
    assert request["service_code"] == "infrastruktur" and request["service_name"] == "Infrastruktur"
    assert request["description"].startswith("Jalan berlubang besar")
    assert request["agency_responsible"] == "Dinas Kependudukan dan Pencatatan Sipil Kota Surabaya"
    assert request["service_notice"] is None
    for name in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert W3C.fullmatch(request[name]), (name, request[name])
    assert request["requested_datetime"].endswith("+07:00")  # Jawa Timur's time
    assert request["updated_datetime"] >= request["requested_datetime"]
    assert request["expected_datetime"].endswith("T23:59:59+07:00")  # the follow-up deadline
    # 'from most specific to most general geographic unit'
    assert request["address"] == (
        "Jl. Mastrip 12, Kelurahan Karang Pilang, Kecamatan Karang Pilang, Kota Surabaya, Jawa Timur"
    )
    assert request["address_id"] == "PJU-3578-0042"
    assert (request["lat"], request["long"]) == (-7.3305, 112.6905)
    assert request["media_url"] == "https://foto.suroboyo.example/638344.jpg"
    assert request["zipcode"] is None


async def test_a_resolved_request_is_closed_with_the_agency_answer_as_its_note(cettar_app, gql):
    """'closed: it has been resolved' and 'For requests with status=closed, [updated_datetime] will be the date
    the request was closed'."""
    issued = await issue_key(gql)
    tracking = await public_request(cettar_app, issued["apiKey"])
    row = await resolve(cettar_app.runtime, tracking, "Tim UPT jalan meninjau lokasi.", "Lubang sudah ditambal.")
    async with http(cettar_app, language="en") as client:
        [request] = (await client.get(f"{V2}/requests/{tracking}.json")).json()
    assert request["status"] == "closed"
    assert request["status_notes"] == "Lubang sudah ditambal."
    assert request["service_name"] == "Infrastructure"
    assert request["expected_datetime"] is None
    assert row.resolved_at is not None
    assert datetime.fromisoformat(request["updated_datetime"]) == row.resolved_at.replace(microsecond=0)


async def test_requests_from_every_channel_are_listed_newest_first(cettar_app, gql):
    """GET Service Requests lists the jurisdiction's requests, not only those filed through Open311."""
    issued = await issue_key(gql)
    older = await file_as_citizen(cettar_app.runtime, "warga.budi", now=NOW - timedelta(days=2))
    await publish(cettar_app.runtime, older.tracking_number)
    newer = await public_request(cettar_app, issued["apiKey"])
    async with http(cettar_app) as client:
        response = await client.get(f"{V2}/requests.json")
    assert ids(response) == [newer, older.tracking_number]
    citizen = response.json()[1]
    assert citizen["address"] == "Kelurahan Karang Pilang, Kecamatan Karang Pilang, Kota Surabaya, Jawa Timur"
    assert citizen["address_id"] is None and citizen["media_url"] is None
    assert citizen["lat"] is None and citizen["long"] is None


async def test_the_list_in_xml(cettar_app, gql):
    issued = await issue_key(gql)
    tracking = await public_request(cettar_app, issued["apiKey"])
    async with http(cettar_app) as client:
        response = await client.get(f"{V2}/requests.xml")
        one = await client.get(f"{V2}/requests/{tracking}.xml")
    root = xml_of(response)
    assert root.tag == "service_requests"
    [request] = root.findall("request")
    assert {child.tag for child in request} == REQUEST_FIELDS
    assert request.findtext("service_request_id") == tracking
    assert request.findtext("status") == "open"
    zipcode = request.find("zipcode")
    assert zipcode is not None and zipcode.text is None  # an empty element
    assert xml_of(one).findtext("request/service_request_id") == tracking


# -- what is never shown -----------------------------------------------------------------------


async def test_unverified_and_confidential_requests_are_not_public(cettar_app, gql):
    """A request waits for verification before it is public; a confidential one never is."""
    issued = await issue_key(gql)
    async with http(cettar_app) as client:
        waiting = await file_request(client, issued["apiKey"])
        confidential = await file_request(client, issued["apiKey"], **{f"attribute[{catalog.CONFIDENTIAL}]": "true"})
    await publish(cettar_app.runtime, confidential)
    citizen_secret = await file_as_citizen(cettar_app.runtime, "warga.siti", confidential=True)
    await publish(cettar_app.runtime, citizen_secret.tracking_number)
    async with http(cettar_app) as client:
        listed = await client.get(f"{V2}/requests.json")
        by_id = await client.get(
            f"{V2}/requests.json",
            params={"service_request_id": f"{waiting},{confidential},{citizen_secret.tracking_number}"},
        )
        singles = [await client.get(f"{V2}/requests/{t}.json") for t in (waiting, confidential)]
    assert ids(listed) == [] and ids(by_id) == []
    for response in singles:
        assert response.status_code == 404  # exactly like a request that does not exist


async def test_the_filing_key_follows_its_own_requests_but_lists_no_confidential_one(cettar_app, gql):
    """With the api_key that filed them, an integrator sees its requests before verification; a confidential
    one only one by one, never in a list."""
    mine = await issue_key(gql)
    theirs = await issue_key(gql, integrator="Aplikasi Lain")
    async with http(cettar_app) as client:
        waiting = await file_request(client, mine["apiKey"])
        confidential = await file_request(client, mine["apiKey"], **{f"attribute[{catalog.CONFIDENTIAL}]": "true"})
        listed = await client.get(f"{V2}/requests.json", params={"api_key": mine["apiKey"]})
        one = await client.get(f"{V2}/requests/{waiting}.json", params={"api_key": mine["apiKey"]})
        secret = await client.get(f"{V2}/requests/{confidential}.json", params={"api_key": mine["apiKey"]})
        other = await client.get(f"{V2}/requests/{waiting}.json", params={"api_key": theirs["apiKey"]})
        bad = await client.get(f"{V2}/requests.json", params={"api_key": "o311_wrong"})
    assert ids(listed) == [waiting]
    assert one.status_code == 200 and one.json()[0]["status"] == "open"
    assert one.json()[0]["agency_responsible"] is None  # not disposed yet
    assert secret.status_code == 200 and secret.json()[0]["service_request_id"] == confidential
    assert other.status_code == 404
    assert bad.status_code == 403


async def test_no_reporter_identity_ever_leaks(cettar_app, gql):
    """The reporter's e-mail, name, phone, device and account are personal data: no GET returns them."""
    issued = await issue_key(gql)
    personal = {
        "email": "siti.aminah@example.com",
        "first_name": "Siti",
        "last_name": "Aminah",
        "phone": "081298765432",
        "device_id": "device-7f3a9",
        "account_id": "akun-integrator-5521",
    }
    named = await public_request(cettar_app, issued["apiKey"], **personal)
    anonymous = await public_request(
        cettar_app, issued["apiKey"], **personal, **{f"attribute[{catalog.ANONYMOUS}]": "true"}
    )
    citizen = await file_as_citizen(cettar_app.runtime, "warga.budi", anonymous=True)
    await publish(cettar_app.runtime, citizen.tracking_number)
    async with http(cettar_app) as client:
        answers = [
            await client.get(f"{V2}/requests.json"),
            await client.get(f"{V2}/requests.xml"),
            await client.get(f"{V2}/requests.json", params={"api_key": issued["apiKey"]}),
            await client.get(f"{V2}/requests/{named}.json"),
            await client.get(f"{V2}/requests/{anonymous}.xml"),
            await client.get(f"{V2}/requests/{citizen.tracking_number}.json", params={"api_key": issued["apiKey"]}),
        ]
    assert set(ids(answers[0])) == {named, anonymous, citizen.tracking_number}
    text = " ".join(a.text for a in answers)
    for value in [*personal.values(), "6281298765432", "warga.budi", "Budi"]:
        assert value.lower() not in text.lower(), value
    assert "reporter" not in dumped(answers[0])


# -- filters -----------------------------------------------------------------------------------


@pytest.fixture
async def spread(cettar_app, gql):
    """Public requests at known times and statuses: the shared ground of the filter tests."""
    runtime = cettar_app.runtime
    filed = {
        "roads_today": await file_as_citizen(runtime, "warga.budi", now=NOW - timedelta(hours=1)),
        "health_10d": await file_as_citizen(runtime, "warga.siti", category="kesehatan", now=NOW - timedelta(days=10)),
        "roads_40d": await file_as_citizen(runtime, "warga.budi", now=NOW - timedelta(days=40)),
        "env_100d": await file_as_citizen(runtime, "warga.siti", category="lingkungan", now=NOW - timedelta(days=100)),
    }
    for row in filed.values():
        await publish(runtime, row.tracking_number)
    await resolve(runtime, filed["health_10d"].tracking_number, "Ditinjau puskesmas.", "Obat sudah tersedia.")
    return {name: row.tracking_number for name, row in filed.items()}


async def test_by_default_the_most_recent_90_days(cettar_app, spread):
    """'When not specified, the range defaults to most recent 90 days.'"""
    async with http(cettar_app) as client:
        response = await client.get(f"{V2}/requests.json")
    assert ids(response) == [spread["roads_today"], spread["health_10d"], spread["roads_40d"]]


async def test_service_code_filter_takes_a_comma_list(cettar_app, spread):
    """'Specify the service type ... can be declared multiple times, comma delimited'."""
    async with http(cettar_app) as client:
        one = await client.get(f"{V2}/requests.json", params={"service_code": "kesehatan"})
        two = await client.get(f"{V2}/requests.json", params={"service_code": "kesehatan, infrastruktur"})
        empty = await client.get(f"{V2}/requests.json", params={"service_code": ""})
        unknown = await client.get(f"{V2}/requests.json", params={"service_code": "infrastruktur,jalan_tol"})
    assert ids(one) == [spread["health_10d"]]
    assert ids(two) == [spread["roads_today"], spread["health_10d"], spread["roads_40d"]]
    assert ids(empty) == ids(two)  # an empty optional argument is no argument
    assert unknown.status_code == 400 and "jalan_tol" in descriptions(unknown)


async def test_status_filter_open_closed_or_both(cettar_app, spread):
    """'status ... Options: open, closed ... This defaults to all statuses; can be declared multiple times,
    comma delimited'."""
    async with http(cettar_app, language="en") as client:
        opened = await client.get(f"{V2}/requests.json", params={"status": "open"})
        closed = await client.get(f"{V2}/requests.json", params={"status": "closed"})
        both = await client.get(f"{V2}/requests.json", params={"status": "closed,open"})
        upper = await client.get(f"{V2}/requests.json", params={"status": "OPEN"})
        wrong = await client.get(f"{V2}/requests.json", params={"status": "open,pending"})
    assert ids(opened) == [spread["roads_today"], spread["roads_40d"]]
    assert ids(closed) == [spread["health_10d"]]
    assert ids(both) == [spread["roads_today"], spread["health_10d"], spread["roads_40d"]]
    assert ids(upper) == ids(opened)
    assert wrong.status_code == 400 and descriptions(wrong) == "status must be open or closed, not pending."


async def test_start_and_end_date_select_by_requested_datetime(cettar_app, spread):
    """'allows one to search for requests which have a requested_datetime that matches a given range'."""

    def w3c(moment: datetime) -> str:
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    async with http(cettar_app) as client:
        both = await client.get(
            f"{V2}/requests.json",
            params={"start_date": w3c(NOW - timedelta(days=50)), "end_date": w3c(NOW - timedelta(days=5))},
        )
        start_only = await client.get(f"{V2}/requests.json", params={"start_date": w3c(NOW - timedelta(days=120))})
        end_only = await client.get(f"{V2}/requests.json", params={"end_date": w3c(NOW - timedelta(days=30))})
        offset = await client.get(
            f"{V2}/requests.json",
            params={
                "start_date": (NOW - timedelta(days=11)).astimezone(service.WIB).isoformat(timespec="seconds"),
                "end_date": (NOW - timedelta(days=9)).astimezone(service.WIB).isoformat(timespec="seconds"),
            },
        )
    assert ids(both) == [spread["health_10d"], spread["roads_40d"]]
    # a start alone: 90 days from it (the range may not be longer)
    assert ids(start_only) == [spread["roads_40d"], spread["env_100d"]]
    # an end alone: the 90 days before it
    assert ids(end_only) == [spread["roads_40d"], spread["env_100d"]]
    assert ids(offset) == [spread["health_10d"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"start_date": "2026-01-01"}, "start_date must be a w3c datetime with a timezone"),
        ({"start_date": "2026-01-01T00:00:00"}, "start_date must be a w3c datetime with a timezone"),
        ({"end_date": "kemarin"}, "end_date must be a w3c datetime with a timezone"),
        ({"end_date": "2026-02-30T00:00:00Z"}, "end_date must be a w3c datetime with a timezone"),
        (
            {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-04-02T00:00:01Z"},
            "may not span more than 90 days",
        ),
        ({"start_date": "2026-03-01T00:00:00Z", "end_date": "2026-02-01T00:00:00Z"}, "end_date must not be before"),
        ({"jurisdiction_id": "nyc.gov"}, "The jurisdiction_id 'nyc.gov' was not found"),
    ],
)
async def test_bad_dates_and_ranges_are_refused(cettar_app, query, expected):
    """'Must use w3 format, eg 2010-01-01T00:00:00Z' and '... may not span more than 90 days'."""
    async with http(cettar_app, language="en") as client:
        response = await client.get(f"{V2}/requests.json", params=query)
    assert response.status_code == (404 if "jurisdiction_id" in query else 400)
    assert expected in descriptions(response)


async def test_a_range_of_exactly_90_days_is_allowed(cettar_app, spread):
    async with http(cettar_app) as client:
        response = await client.get(
            f"{V2}/requests.json",
            params={"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-04-01T00:00:00Z"},
        )
    assert response.status_code == 200


async def test_service_request_id_overrides_every_other_argument(cettar_app, spread):
    """'To call multiple Service Requests at once, multiple service_request_id can be declared; comma delimited.
    This overrides all other arguments.'"""
    wanted = f"{spread['env_100d']}, {spread['roads_today'].lower()}, ADU-ZZZZ-ZZZZ"
    async with http(cettar_app) as client:
        response = await client.get(
            f"{V2}/requests.json",
            params={
                "service_request_id": wanted,
                "service_code": "kesehatan",
                "status": "closed",
                "start_date": "2020-01-01T00:00:00Z",
                "end_date": "2020-01-02T00:00:00Z",
            },
        )
    # the 100-day-old one too (no date range), an unknown id is simply absent
    assert ids(response) == [spread["roads_today"], spread["env_100d"]]


async def test_filters_combine(cettar_app, spread):
    async with http(cettar_app) as client:
        response = await client.get(
            f"{V2}/requests.json",
            params={
                "service_code": "infrastruktur,kesehatan",
                "status": "open",
                "start_date": (NOW - timedelta(days=60)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "end_date": (NOW - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            },
        )
    assert ids(response) == [spread["roads_40d"]]


async def test_at_most_the_limit_most_recent_requests(cettar_app, spread, monkeypatch):
    """'Default query limit is a span of 90 days or first 1000 requests returned, whichever is smallest.'
    (The limit is lowered here so the test needs few rows.)"""
    assert service.MAX_REQUESTS == 1000
    monkeypatch.setattr(service, "MAX_REQUESTS", 2)
    async with http(cettar_app) as client:
        response = await client.get(f"{V2}/requests.json")
        too_many = await client.get(f"{V2}/requests.json", params={"service_request_id": "A,B,C"})
    assert ids(response) == [spread["roads_today"], spread["health_10d"]]
    assert too_many.status_code == 400


async def test_an_unknown_request_is_not_found(cettar_app):
    """'HTTP error codes should always be 404 for resources that don't exist'."""
    async with http(cettar_app, language="en") as client:
        response = await client.get(f"{V2}/requests/ADU-ZZZZ-ZZZZ.json")
        indonesian = await client.get(f"{V2}/requests/ADU-ZZZZ-ZZZZ.json", headers={"Accept-Language": "id"})
    assert errors_of(response) == [
        {"code": 404, "description": "The service_request_id 'ADU-ZZZZ-ZZZZ' was not found."}
    ]
    assert descriptions(indonesian) == "service_request_id 'ADU-ZZZZ-ZZZZ' tidak ditemukan."


async def test_the_list_reads_a_fixed_number_of_statements_for_any_number_of_requests(cettar_app, gql):
    """No N+1: agencies, regions, notes and Open311 fields are read once for the whole list."""
    issued = await issue_key(gql)

    async def statements() -> int:
        with count_statements(cettar_app.runtime) as seen:
            async with http(cettar_app) as client:
                assert (await client.get(f"{V2}/requests.json")).status_code == 200
        return seen.count

    await public_request(cettar_app, issued["apiKey"])
    one = await statements()
    for _ in range(4):
        await public_request(cettar_app, issued["apiKey"])
    assert await statements() == one


async def test_xml_escapes_markup_and_drops_characters_xml_cannot_carry(cettar_app, gql):
    issued = await issue_key(gql)
    tracking = await public_request(
        cettar_app, issued["apiKey"], description="Jalan <rusak> & berlubang di depan sekolah dasar negeri 3."
    )
    # Control characters are refused when filing now; a row written before that rule may still hold one.
    text = "Jalan <rusak> & berlubang di depan sekolah\x07 dasar negeri 3."
    async with cettar_app.runtime.database.session() as session:
        await session.execute(update(Complaint).where(col(Complaint.tracking_number) == tracking).values(text=text))
    async with http(cettar_app) as client:
        as_json = await client.get(f"{V2}/requests/{tracking}.json")
        as_xml = await client.get(f"{V2}/requests/{tracking}.xml")
    assert as_json.json()[0]["description"] == text
    assert xml_of(as_xml).findtext("request/description") == text.replace("\x07", "")
