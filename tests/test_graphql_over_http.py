"""GraphQL over HTTP: media types, status codes, and graphql-http's audit of a live server.

The audit runs the npm package ``graphql-http`` (pinned in ``tests/http_audit``)
against a real uvicorn serving the test database. Every MUST audit has to pass,
and the SHOULD audits that fail have to be exactly those listed in
``docs/graphql-over-http.md``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from schema.http_negotiation import GRAPHQL_RESPONSE_JSON, JSON, negotiate, response_status
from tests.support.echo import EchoPlugin
from tests.support.live import live_server, run_node

ROOT = Path(__file__).resolve().parent.parent
AUDIT_DIR = ROOT / "tests" / "http_audit"
DOC = ROOT / "docs" / "graphql-over-http.md"
AUDIT_TIMEOUT = 120

GRAPHQL_RESPONSE = {"Accept": GRAPHQL_RESPONSE_JSON}
LEGACY = {"Accept": JSON}


# --- negotiation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, JSON),
        ("", JSON),
        ("*/*", JSON),
        ("application/*", JSON),
        ("application/json", JSON),
        ("application/json; charset=utf-8", JSON),
        ("application/graphql-response+json", GRAPHQL_RESPONSE_JSON),
        ("Application/GraphQL-Response+JSON", GRAPHQL_RESPONSE_JSON),
        ("application/graphql-response+json, application/json;q=0.9", GRAPHQL_RESPONSE_JSON),
        ("application/json;q=0.9, application/graphql-response+json", GRAPHQL_RESPONSE_JSON),
        ("application/json, application/graphql-response+json;q=0.5", JSON),
        ("application/json, application/graphql-response+json", JSON),  # same weight: listed first
        ("application/graphql-response+json, application/json", GRAPHQL_RESPONSE_JSON),
        ("application/graphql-response+json, */*", GRAPHQL_RESPONSE_JSON),  # the named one beats the wildcard
        ("text/html, application/xhtml+xml, */*;q=0.8", JSON),  # a browser
        ("application/json;q=0, */*", GRAPHQL_RESPONSE_JSON),
        ("application/json;q=oops", JSON),
        ("text/html", None),
        ("application/graphql+json", None),
        ("application/json;q=0", None),
        ("*/*;q=0", None),
    ],
)
def test_negotiation_picks_the_preferred_served_media_type(accept, chosen):
    assert negotiate(accept) == chosen


def test_status_follows_the_media_type_and_the_data_entry():
    request_error = {"errors": [{"message": "x", "extensions": {"code": "GRAPHQL_PARSE_FAILED"}}]}
    assert response_status(JSON, {"data": None, **request_error}) == 200
    assert response_status(GRAPHQL_RESPONSE_JSON, request_error) == 400
    assert response_status(GRAPHQL_RESPONSE_JSON, {"data": None, **request_error}) == 200
    assert response_status(GRAPHQL_RESPONSE_JSON, {"data": {"a": 1}}) == 200
    internal = {"errors": [{"message": "x", "extensions": {"code": "INTERNAL_ERROR"}}]}
    assert response_status(GRAPHQL_RESPONSE_JSON, internal) == 500


# --- the endpoint --------------------------------------------------------------------------------


async def test_a_successful_query_answers_in_the_accepted_media_type(gql):
    modern = await gql.query('{ region(code: "35") { name } }', headers=GRAPHQL_RESPONSE)
    assert modern.status == 200
    assert modern.headers["content-type"] == "application/graphql-response+json; charset=utf-8"
    assert modern.body == {"data": {"region": {"name": "Jawa Timur"}}}
    legacy = await gql.query('{ region(code: "35") { name } }', headers=LEGACY)
    assert legacy.status == 200
    assert legacy.headers["content-type"] == "application/json"
    assert legacy.body == modern.body


async def test_without_accept_or_with_a_wildcard_the_answer_is_application_json(cettar_app):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=cettar_app.app), base_url="http://t") as http:
        for headers in ({}, {"Accept": "*/*"}):
            request = http.build_request("POST", "/graphql", json={"query": "{ __typename }"}, headers=headers)
            if not headers:
                del request.headers["accept"]
            response = await http.send(request)
            assert response.status_code == 200
            assert response.headers["content-type"] == "application/json"


async def test_a_syntax_error_is_400_without_data_in_graphql_response_json(gql):
    response = await gql.query("{ regions { ", headers=GRAPHQL_RESPONSE, language="en")
    assert response.status == 400
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE_JSON)
    assert "data" not in response.body
    assert response.codes == ["GRAPHQL_PARSE_FAILED"]
    assert response.errors[0]["message"].startswith("The GraphQL query could not be parsed")


async def test_a_syntax_error_is_200_with_null_data_in_application_json(gql):
    response = await gql.query("{ regions { ", headers=LEGACY)
    assert response.status == 200
    assert response.headers["content-type"] == "application/json"
    assert response.body["data"] is None
    assert response.codes == ["GRAPHQL_PARSE_FAILED"]
    assert response.errors[0]["message"].startswith("Kueri GraphQL tidak dapat diurai")


async def test_a_validation_error_is_400_or_200_by_media_type(gql):
    modern = await gql.query("{ regionz }", headers=GRAPHQL_RESPONSE)
    assert (modern.status, "data" in modern.body, modern.codes) == (400, False, ["GRAPHQL_VALIDATION_FAILED"])
    legacy = await gql.query("{ regionz }", headers=LEGACY)
    assert (legacy.status, legacy.body["data"], legacy.codes) == (200, None, ["GRAPHQL_VALIDATION_FAILED"])


@pytest.mark.parametrize(
    "variables",
    [{"code": 35}, {"code": None}, {}, {"code": ["35"]}],
    ids=["int-for-string", "null-for-non-null", "missing", "list-for-string"],
)
async def test_variables_that_do_not_coerce_are_a_request_error(gql, variables, caplog):
    query = "query Region($code: String!) { region(code: $code) { name } }"
    modern = await gql.query(query, variables, headers=GRAPHQL_RESPONSE, language="en")
    assert modern.status == 400
    assert "data" not in modern.body
    assert modern.codes == ["GRAPHQL_VALIDATION_FAILED"]
    assert "$code" in modern.errors[0]["message"]
    legacy = await gql.query(query, variables, headers=LEGACY)
    assert (legacy.status, legacy.body["data"], legacy.codes) == (200, None, ["GRAPHQL_VALIDATION_FAILED"])
    assert not [r for r in caplog.records if r.name == "cettar.graphql"], "a client's mistake is not logged as ours"


async def test_an_unknown_operation_name_is_400_in_both_media_types(gql):
    for headers in (GRAPHQL_RESPONSE, LEGACY):
        response = await gql.query("query A { __typename }", operation_name="B", headers=headers)
        assert (response.status, response.codes) == (400, ["BAD_REQUEST"])
        assert "data" not in response.body


async def test_field_errors_keep_200_and_the_data_entry(gql):
    response = await gql.query("{ regions(first: 1000) { totalCount } }", headers=GRAPHQL_RESPONSE)
    assert response.status == 200
    assert "data" in response.body
    assert response.codes == ["PAGE_SIZE_EXCEEDED"]


@pytest.mark.cettar(extra_plugins=[EchoPlugin])
async def test_execution_that_nulls_all_data_is_still_200_with_data_null(gql):
    response = await gql.query("{ calm boom }", headers=GRAPHQL_RESPONSE)
    assert response.status == 200
    assert response.body["data"] is None
    assert response.codes == ["INTERNAL_ERROR"]


@pytest.mark.parametrize("accept", [GRAPHQL_RESPONSE_JSON, JSON])
async def test_mutations_over_get_are_405_and_point_to_post(gql, accept):
    response = await gql.query("mutation { __typename }", method="GET", headers={"Accept": accept}, language="en")
    assert response.status == 405
    assert response.headers["allow"] == "POST"
    assert response.headers["content-type"].startswith(accept)
    assert "data" not in response.body
    assert response.codes == ["BAD_REQUEST"]
    assert response.errors[0]["message"] == "Bad request: mutations are not allowed when using GET"


async def test_queries_over_get_negotiate_too(gql):
    response = await gql.query('{ region(code: "35") { name } }', method="GET", headers=GRAPHQL_RESPONSE)
    assert response.status == 200
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE_JSON)
    assert response.data == {"region": {"name": "Jawa Timur"}}


async def test_an_accept_naming_nothing_served_is_406(gql):
    response = await gql.query("{ __typename }", headers={"Accept": "text/plain"}, language="en")
    assert response.status == 406
    assert response.headers["content-type"] == "application/json"
    assert response.codes == ["BAD_REQUEST"]
    assert "application/graphql-response+json" in response.errors[0]["message"]


async def test_malformed_requests_are_400_in_the_accepted_media_type(cettar_app):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=cettar_app.app), base_url="http://t") as http:
        bodies: list[dict[str, Any]] = [
            {"content": b"{nope", "headers": {"content-type": "application/json"}},
            {"json": {"qeury": "{ __typename }"}},
            {"json": {"query": "{ __typename }", "variables": [7]}},
            {"json": {"query": "{ __typename }", "operationName": {"obj": "ect"}}},
            {"json": {"query": "{ __typename }", "operationName": 0}},
            {"content": b'{"query": "{ __typename }"}', "headers": {"content-type": "text/plain"}},
        ]
        for body in bodies:
            headers = {"accept": GRAPHQL_RESPONSE_JSON, **body.pop("headers", {})}
            response = await http.post("/graphql", headers=headers, **body)
            assert response.status_code == 400, body
            assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE_JSON)
            assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
            assert "data" not in response.json()


# --- graphql-http's audit of a live server -------------------------------------------------------


def documented_failing_should_audits() -> set[str]:
    """The audit ids in the table under "SHOULD audits that fail" in docs/graphql-over-http.md."""
    text = DOC.read_text(encoding="utf-8")
    match = re.search(r"^## SHOULD audits that fail\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"{DOC} has no '## SHOULD audits that fail' section"
    return set(re.findall(r"^\|\s*`([0-9A-Z]{4})`\s*\|", match.group(1), re.M))


async def run_audit(url: str) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = await run_node(
        AUDIT_DIR, "audit.mjs", url, package="graphql-http", timeout=AUDIT_TIMEOUT
    )
    return results


def describe(results: list[dict[str, Any]]) -> str:
    return json.dumps(results, indent=2, ensure_ascii=False)


async def test_graphql_http_audit_of_a_live_server(cettar_app):
    async with live_server(cettar_app.app) as base:
        results = await run_audit(f"{base}/graphql")

    assert len(results) > 50, describe(results)
    assert {r["grade"] for r in results} == {"MUST", "SHOULD", "MAY"}
    failing_musts = [r for r in results if r["grade"] == "MUST" and r["status"] != "ok"]
    assert not failing_musts, describe(failing_musts)
    failing_shoulds = {r["id"]: r for r in results if r["grade"] == "SHOULD" and r["status"] != "ok"}
    documented = documented_failing_should_audits()
    assert set(failing_shoulds) == documented, (
        f"failing SHOULD audits {sorted(failing_shoulds)} != documented in {DOC.name} {sorted(documented)}:\n"
        + describe([failing_shoulds[i] for i in sorted(set(failing_shoulds) - documented)])
    )
