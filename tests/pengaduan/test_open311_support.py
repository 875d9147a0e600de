"""Helpers of the Open311 tests (no tests here): an HTTP client, keys, forms, complaints moved along.

The tests run through the real ``pengaduan`` plugin, which serves ``/open311/`` and the key
management fields (see ``docs/open311.md``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlencode
from xml.etree import ElementTree

import httpx
import pytest
from sqlalchemy import select
from sqlmodel import col

from core.auth import Principal
from core.identity import credentials
from core.identity.models import Account
from core.runtime import Runtime
from core.testkit import GraphQLClient, TestApp
from plugins.pengaduan import lifecycle, open311
from plugins.pengaduan import service as complaints
from plugins.pengaduan.models import Complaint

BASE_URL = "http://cettar.test"
V2 = "/open311/v2"
#: Kelurahan Karang Pilang, Kecamatan Karang Pilang, Kota Surabaya.
DESA = "35.78.01.1001"
#: Inside Surabaya.
LAT, LONG = "-7.3305", "112.6905"
HANDLING_AGENCY = "dispendukcapil-3578"
HANDLING_OFFICER = "petugas.surabaya"
JSON_TYPE = "application/json; charset=utf-8"
XML_TYPE = "text/xml; charset=utf-8"


PLUGINS = ["akun", "wilayah", "pengaduan"]


def cettar(**options: Any) -> pytest.MarkDecorator:
    return pytest.mark.cettar(plugins=PLUGINS, **options)


def http(app: TestApp, language: str | None = None) -> httpx.AsyncClient:
    headers = {"Accept-Language": language} if language else {}
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app.app), base_url=BASE_URL, headers=headers)


def errors_of(response: httpx.Response) -> list[dict[str, Any]]:
    """The specification's errors list; checks its shape and that each code is the HTTP status."""
    assert response.headers["content-type"] == JSON_TYPE, response.text
    body = response.json()
    assert isinstance(body, list) and body, body
    for error in body:
        assert set(error) == {"code", "description"}, error
        assert error["code"] == response.status_code
        assert isinstance(error["description"], str) and error["description"]
    return body


def descriptions(response: httpx.Response) -> str:
    return " | ".join(e["description"] for e in errors_of(response))


def xml_of(response: httpx.Response) -> ElementTree.Element:
    assert response.headers["content-type"] == XML_TYPE, response.text
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ElementTree.fromstring(response.content)


ISSUE = """
mutation Issue($input: IssueOpen311KeyInput!) {
  issueOpen311Key(input: $input) {
    apiKey
    key { id prefix integrator contact responseMode active requestsFiled auditUsername issuedBy }
  }
}
"""
REVOKE = "mutation Revoke($id: ID!) { revokeOpen311Key(input: {keyId: $id}) { key { id active revokedAt } } }"


async def admin(gql: GraphQLClient) -> GraphQLClient:
    return await gql.login("admin.provinsi")


async def issue_key(
    gql: GraphQLClient, *, mode: str = "REALTIME", integrator: str = "Aplikasi Suroboyo"
) -> dict[str, Any]:
    """A key issued through GraphQL by the province admin: ``{"apiKey": …, "key": {…}}``."""
    client = await admin(gql)
    data = await client.execute(
        ISSUE, {"input": {"integrator": integrator, "contact": "tim-integrasi@suroboyo.example", "responseMode": mode}}
    )
    issued: dict[str, Any] = data["issueOpen311Key"]
    return issued


async def revoke_key(gql: GraphQLClient, key_id: str) -> None:
    client = await admin(gql)
    await client.execute(REVOKE, {"id": key_id})


def request_form(api_key: str | None, **fields: str | None) -> dict[str, str]:
    """A valid POST requests form (a damaged road in Karang Pilang); ``None`` leaves a field out."""
    values: dict[str, str | None] = {
        "api_key": api_key,
        "service_code": "infrastruktur",
        "lat": LAT,
        "long": LONG,
        "address_string": "Jl. Mastrip 12",
        "description": "Jalan berlubang besar di depan sekolah, membahayakan pengendara motor.",
        f"attribute[{open311.catalog.REGION_CODE}]": DESA,
    }
    values.update(fields)
    return {k: v for k, v in values.items() if v is not None}


async def post_request(
    client: httpx.AsyncClient, form: Mapping[str, str] | list[tuple[str, str]], fmt: str = "json"
) -> httpx.Response:
    """POST a form, ``application/x-www-form-urlencoded`` (UTF-8, repeated fields kept)."""
    pairs = list(form.items()) if isinstance(form, Mapping) else form
    return await client.post(
        f"{V2}/requests.{fmt}",
        content=urlencode(pairs),
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
    )


async def file_request(client: httpx.AsyncClient, api_key: str, **fields: str | None) -> str:
    """POST a request that must succeed; its service_request_id."""
    response = await post_request(client, request_form(api_key, **fields))
    assert response.status_code == 200, response.text
    return str(response.json()[0]["service_request_id"])


async def principal(runtime: Runtime, username: str) -> Principal:
    async with runtime.database.session() as session:
        account = (await session.execute(select(Account).where(col(Account.username) == username))).scalar_one()
        agency_id = await credentials.agency_of(session, account.id)
        return await credentials.principal_of(session, runtime.permissions, account, agency_id)


async def complaint(runtime: Runtime, tracking_number: str) -> Complaint:
    async with runtime.database.session() as session:
        found = await complaints.get_complaint_by_tracking_number(session, tracking_number)
    assert found is not None, tracking_number
    return found


async def publish(runtime: Runtime, tracking_number: str, note: str = "Diteruskan ke instansi terkait.") -> Complaint:
    """The province admin verifies the complaint and disposes it: from then on it is public (unless confidential)."""
    row = await complaint(runtime, tracking_number)
    admin_principal = await principal(runtime, "admin.provinsi")
    async with runtime.database.session() as session:
        assert row.id is not None
        return await lifecycle.verify_complaint(
            session, runtime, admin_principal, row.id, agency_code=HANDLING_AGENCY, note=note
        )


async def resolve(runtime: Runtime, tracking_number: str, follow_up: str, answer: str) -> Complaint:
    """The handling agency follows the complaint up and resolves it (Open311 ``closed``)."""
    row = await complaint(runtime, tracking_number)
    officer = await principal(runtime, HANDLING_OFFICER)
    assert row.id is not None
    async with runtime.database.session() as session:
        await lifecycle.follow_up_complaint(session, runtime, officer, row.id, note=follow_up)
    async with runtime.database.session() as session:
        return await lifecycle.resolve_complaint(session, runtime, officer, row.id, note=answer)


async def file_as_citizen(
    runtime: Runtime,
    username: str,
    *,
    category: str = "infrastruktur",
    anonymous: bool = False,
    confidential: bool = False,
    now: datetime | None = None,
    title: str = "Lampu jalan mati",
) -> Complaint:
    """A complaint a citizen filed in the app (not through Open311), at ``now``."""
    citizen = await principal(runtime, username)
    async with runtime.database.session() as session:
        return await complaints.file_complaint(
            session,
            runtime,
            reporter_account_id=citizen.account_id,
            external_reporter=None,
            title=title,
            text="Lampu penerangan jalan umum mati sejak seminggu, jalan gelap pada malam hari.",
            category=category,
            agency_code=None,
            service_code=None,
            region_code=DESA,
            latitude=None,
            longitude=None,
            channel=complaints.Channel.APP,
            anonymous=anonymous,
            confidential=confidential,
            attachments=(),
            idempotency_key=None,
            source="graphql",
            now=now,
        )


def dumped(response: httpx.Response) -> str:
    return json.dumps(response.json(), ensure_ascii=False) if response.content else ""
