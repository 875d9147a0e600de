"""Browsers on the allowed origins may call the API (CORS); others get no CORS headers."""

from __future__ import annotations

import pytest

from core.config import ConfigError, load_settings

ALLOWED = "https://layanan.jatimprov.go.id"
pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah"], settings={"cors_origins": [ALLOWED]})


async def test_a_preflight_from_an_allowed_origin_is_answered(gql):
    async with gql.http() as client:
        response = await client.options(
            "/graphql",
            headers={
                "Origin": ALLOWED,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED
    assert "authorization" in response.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-credentials" not in response.headers


async def test_answers_carry_the_headers_only_for_allowed_origins(gql):
    async with gql.http() as client:
        allowed = await client.post("/graphql", json={"query": "{ __typename }"}, headers={"Origin": ALLOWED})
        other = await client.post(
            "/graphql", json={"query": "{ __typename }"}, headers={"Origin": "https://evil.example"}
        )
        refused = await client.post(
            "/graphql", json={"query": "{ me { id } }"}, headers={"Origin": ALLOWED, "Authorization": "Bearer nope"}
        )
    assert allowed.headers["access-control-allow-origin"] == ALLOWED
    assert "x-request-id" in allowed.headers["access-control-expose-headers"].lower()
    assert "access-control-allow-origin" not in other.headers
    assert refused.status_code == 401 and refused.headers["access-control-allow-origin"] == ALLOWED


@pytest.mark.parametrize("bad", ["*", "layanan.jatimprov.go.id", "https://x.example/path", "ftp://x.example"])
def test_a_bad_origin_stops_the_start_naming_the_setting(bad, monkeypatch):
    monkeypatch.setenv("CETTAR_CORS_ORIGINS", f"{ALLOWED},{bad}")
    with pytest.raises(ConfigError, match="CETTAR_CORS_ORIGINS"):
        load_settings()
