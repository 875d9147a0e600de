"""GeoReport v2 from the specification's text: discovery, GET Service List, GET Service Definition, formats.

Each test quotes the sentence of http://wiki.open311.org/GeoReport_v2 it checks.
"""

from __future__ import annotations

import pytest

from core.plugins import PluginMeta, hookimpl
from core.services import Fee, ServiceDefinition
from plugins.pengaduan.categories import CATEGORIES
from plugins.pengaduan.open311 import catalog
from tests.pengaduan.test_open311_support import (
    JSON_TYPE,
    PLUGINS,
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
    xml_of,
)

pytestmark = cettar()

SERVICE_FIELDS = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
ATTRIBUTE_FIELDS = {
    "variable",
    "code",
    "datatype",
    "required",
    "datatype_description",
    "order",
    "description",
    "values",
}
DATATYPES = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}


# -- GET Service List --------------------------------------------------------------------------


async def test_service_list_gives_every_category_as_a_service_with_the_specified_fields(cettar_app):
    """'provide a list of acceptable 311 service request types and their associated service codes'."""
    async with http(cettar_app) as client:
        response = await client.get(f"{V2}/services.json")
    assert response.status_code == 200
    assert response.headers["content-type"] == JSON_TYPE  # 'JSON: Content-Type: application/json; charset=utf-8'
    services = response.json()
    assert [s["service_code"] for s in services] == [c.code for c in CATEGORIES]
    for service in services:
        assert set(service) == SERVICE_FIELDS
        assert isinstance(service["service_code"], str)  # service codes are strings
        assert service["metadata"] is True  # 'true: ... the client will need to make a call to the Service Definition'
        assert service["type"] == "realtime"  # 'realtime: The service request ID will be returned immediately'
        assert service["service_name"] and service["description"] and service["group"]
        assert service["service_name"] in service["keywords"].split(", ")  # 'comma separated list of tags'
    roads = next(s for s in services if s["service_code"] == "infrastruktur")
    assert roads["service_name"] == "Infrastruktur"  # Bahasa Indonesia by default
    assert roads["group"] == "prasarana_dan_lingkungan"
    assert "Jalan rusak" in roads["keywords"]


async def test_service_list_speaks_english_when_asked(cettar_app):
    async with http(cettar_app, language="en") as client:
        services = (await client.get(f"{V2}/services.json")).json()
    roads = next(s for s in services if s["service_code"] == "infrastruktur")
    assert roads["service_name"] == "Infrastructure"
    assert roads["description"].startswith("Damaged roads")


async def test_service_list_in_xml_follows_the_example(cettar_app):
    """'XML is a required format' — '<services><service><service_code>001</service_code>…'."""
    async with http(cettar_app) as client:
        response = await client.get(f"{V2}/services.xml")
    assert response.status_code == 200
    root = xml_of(response)
    assert root.tag == "services"
    items = root.findall("service")
    assert [s.findtext("service_code") for s in items] == [c.code for c in CATEGORIES]
    first = items[0]
    assert {child.tag for child in first} == SERVICE_FIELDS
    assert first.findtext("metadata") == "true"
    assert first.findtext("type") == "realtime"


async def test_a_batch_key_sees_batch_services(cettar_app, gql):
    """'batch: A token will be returned immediately after the service request is submitted.'"""
    issued = await issue_key(gql, mode="BATCH")
    async with http(cettar_app) as client:
        with_key = (await client.get(f"{V2}/services.json", params={"api_key": issued["apiKey"]})).json()
        unknown = await client.get(f"{V2}/services.json", params={"api_key": "o311_not-a-key"})
    assert {s["type"] for s in with_key} == {"batch"}
    assert unknown.status_code == 403  # a key that is sent must be valid
    assert "api_key" in descriptions(unknown)


# -- jurisdiction_id ---------------------------------------------------------------------------


async def test_jurisdiction_id_is_optional_and_a_foreign_one_is_not_found(cettar_app):
    """'Implementations can ignore this parameter ... if the implementation only serves one jurisdiction'
    and '404 - jurisdiction_id provided was not found (specify in error response)'."""
    async with http(cettar_app) as client:
        plain = await client.get(f"{V2}/services.json")
        ours = await client.get(f"{V2}/services.json", params={"jurisdiction_id": "jatimprov.go.id"})
        empty = await client.get(f"{V2}/services.json", params={"jurisdiction_id": ""})
        foreign = await client.get(f"{V2}/services.json", params={"jurisdiction_id": "sfgov.org"})
        foreign_definition = await client.get(
            f"{V2}/services/infrastruktur.json", params={"jurisdiction_id": "sfgov.org"}
        )
    assert ours.json() == plain.json() == empty.json()  # 'Optional' means empty is the same as not passed
    assert foreign.status_code == 404 and "sfgov.org" in descriptions(foreign)
    assert foreign_definition.status_code == 404


# -- GET Service Definition --------------------------------------------------------------------


async def test_service_definition_lists_the_attributes_as_specified(cettar_app):
    """'Define attributes associated with a service code.'"""
    async with http(cettar_app) as client:
        response = await client.get(f"{V2}/services/infrastruktur.json")
    assert response.status_code == 200
    definition = response.json()
    assert set(definition) == {"service_code", "attributes"}
    assert definition["service_code"] == "infrastruktur"  # 'the same one submitted for this call'
    attributes = definition["attributes"]
    orders = [a["order"] for a in attributes]
    assert orders == list(range(1, len(attributes) + 1))  # 'Any positive integer not used for other attributes'
    by_code = {a["code"]: a for a in attributes}
    for attribute in attributes:
        assert set(attribute) == ATTRIBUTE_FIELDS
        assert attribute["datatype"] in DATATYPES
        assert isinstance(attribute["variable"], bool) and isinstance(attribute["required"], bool)
        if attribute["datatype"] in ("singlevaluelist", "multivaluelist"):
            assert attribute["values"] and all(set(v) == {"key", "name"} for v in attribute["values"])
        else:
            assert attribute["values"] == []
    region = by_code[catalog.REGION_CODE]
    assert region["required"] is True and region["variable"] is True and region["datatype"] == "string"
    assert "35.78.01.1001" in region["description"]
    anonymous = by_code[catalog.ANONYMOUS]
    assert anonymous["datatype"] == "singlevaluelist" and anonymous["required"] is False
    assert [v["key"] for v in anonymous["values"]] == ["false", "true"]
    privacy = by_code[catalog.PRIVACY]
    # 'false means the attribute is only used to present information to the user within the description field'
    assert privacy["variable"] is False and privacy["required"] is False
    # without public services on the platform there is nothing to choose from
    assert catalog.PUBLIC_SERVICE not in by_code


async def test_service_definition_in_xml_nests_attributes_and_values(cettar_app):
    async with http(cettar_app, language="en") as client:
        response = await client.get(f"{V2}/services/infrastruktur.xml")
    root = xml_of(response)
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "infrastruktur"
    attributes = root.find("attributes")
    assert attributes is not None
    kind = next(a for a in attributes.findall("attribute") if a.findtext("code") == catalog.KIND)
    assert kind.findtext("required") == "false"
    assert [(v.findtext("key"), v.findtext("name")) for v in kind.iter("value")] == [
        ("complaint", "Complaint"),
        ("aspiration", "Aspiration"),
        ("information_request", "Request for information"),
    ]
    region = next(a for a in attributes.findall("attribute") if a.findtext("code") == catalog.REGION_CODE)
    assert region.find("values") is not None and len(region.find("values")) == 0  # type: ignore[arg-type]


async def test_an_unknown_service_code_is_not_found(cettar_app):
    """'404 - service_code or jurisdiction_id provided were not found (specify in error response)'."""
    async with http(cettar_app, language="en") as client:
        response = await client.get(f"{V2}/services/jalan_tol.json")
        xml = await client.get(f"{V2}/services/jalan_tol.xml")
    assert response.status_code == 404
    assert errors_of(response) == [{"code": 404, "description": "The service_code 'jalan_tol' was not found."}]
    assert xml.status_code == 404
    error = xml_of(xml).find("error")
    assert error is not None and error.findtext("code") == "404"


# -- formats, methods, paths -------------------------------------------------------------------


async def test_unsupported_formats_and_missing_formats_are_bad_requests(cettar_app):
    """'The client can specify the desired format by appending the format name to the resource.'"""
    async with http(cettar_app, language="en") as client:
        csv = await client.get(f"{V2}/services.csv")
        html = await client.get(f"{V2}/requests/ADU-AAAA-BBBB.html")
        bare = await client.get(f"{V2}/services")
        upper = await client.get(f"{V2}/services.JSON")
    for response in (csv, html, bare):
        assert response.status_code == 400
        assert ".json or .xml" in descriptions(response)
    assert upper.status_code == 200


async def test_unknown_resources_are_not_found_and_wrong_methods_are_refused(cettar_app):
    """'HTTP error codes should always be 404 for resources that don't exist'."""
    async with http(cettar_app) as client:
        unknown = await client.get(f"{V2}/complaints.json")
        deleted = await client.delete(f"{V2}/requests.json")
        posted = await client.post(f"{V2}/services.json")
        head = await client.head(f"{V2}/services.json")
    assert unknown.status_code == 404 and errors_of(unknown)
    assert deleted.status_code == 405 and errors_of(deleted) and deleted.headers["allow"] == "GET, POST"
    assert posted.status_code == 405 and posted.headers["allow"] == "GET"
    assert head.status_code == 200


async def test_service_discovery_names_this_endpoint_and_its_formats(cettar_app):
    """'GeoReport v2 ... are also required to have a standard service discovery file'."""
    async with http(cettar_app) as client:
        response = await client.get("/open311/discovery.json")
        xml = await client.get("/open311/discovery.xml")
    body = response.json()
    assert set(body) == {"changeset", "contact", "key_service", "endpoints"}
    [endpoint] = body["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://cettar.test/open311/v2"
    assert endpoint["type"] == "test"  # not a production installation
    assert endpoint["formats"] == ["application/json", "text/xml"]
    formats = xml_of(xml).find("endpoints/endpoint/formats")
    assert formats is not None and [f.text for f in formats.findall("format")] == endpoint["formats"]


# -- the public services of the platform -------------------------------------------------------


class UjiLayanan:
    """Test-only: a plugin offering one public service, so the `public_service` attribute has values."""

    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name="uji_layanan", version="0", title="Uji layanan")

    @hookimpl
    def cettar_services(self) -> list[ServiceDefinition]:
        return [
            ServiceDefinition(
                code="uji.pkb",
                name_id="Pajak Kendaraan Bermotor",
                name_en="Motor vehicle tax",
                agency_code="bapenda-jatim",
                description_id="Membayar PKB tahunan.",
                description_en="Paying the yearly vehicle tax.",
                time_limit_days=1,
                fee=Fee(0, "Perda Jatim 9/2023"),
                product_id="Bukti bayar",
                product_en="Receipt",
                complaint_channel="SP4N-LAPOR!",
                requirements=(),
                steps=(),
                form=(),
            )
        ]


@pytest.mark.cettar(plugins=[*PLUGINS, "uji_layanan"], extra_plugins=[UjiLayanan])
async def test_the_platform_public_services_are_a_list_attribute(cettar_app, gql):
    async with http(cettar_app, language="en") as client:
        definition = (await client.get(f"{V2}/services/pajak_daerah.json")).json()
        by_code = {a["code"]: a for a in definition["attributes"]}
        assert by_code[catalog.PUBLIC_SERVICE]["values"] == [{"key": "uji.pkb", "name": "Motor vehicle tax"}]
        assert by_code[catalog.PUBLIC_SERVICE]["order"] == len(definition["attributes"])
        issued = await issue_key(gql)
        wrong = await post_request(
            client,
            request_form(issued["apiKey"], service_code="pajak_daerah", **{"attribute[public_service]": "uji.sim"}),
        )
        tracking = await file_request(
            client, issued["apiKey"], service_code="pajak_daerah", **{"attribute[public_service]": "uji.pkb"}
        )
    assert wrong.status_code == 400 and "the value must be one of uji.pkb." in descriptions(wrong)
    row = await complaint(cettar_app.runtime, tracking)
    assert row.service_code == "uji.pkb" and row.category == "pajak_daerah"
    assert row.requested_agency_id is not None  # the service's agency
