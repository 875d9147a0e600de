"""Serving: health and readiness, request ids, body limits."""

from __future__ import annotations

import httpx
import pytest

from core import migrate
from core.app import create_app
from core.auth import bearer_token
from core.config import load_settings
from core.errors import CettarError, error_body
from core.runtime import Runtime


def client(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


async def test_healthz_and_readyz_on_a_migrated_database(cettar_app):
    async with client(cettar_app.app) as http:
        assert (await http.get("/healthz")).json() == {"status": "ok"}
        ready = await http.get("/readyz")
    assert ready.status_code == 200
    assert "core_0003" in ready.json()["migrations"]


async def test_readyz_refuses_until_migrations_are_current(tmp_path):
    runtime = Runtime.create(load_settings(database_url=f"sqlite:///{tmp_path}/empty.db", load_entry_points=False))
    app = create_app(runtime, dispatch_events=False)
    async with app.router.lifespan_context(app), client(app) as http:
        before = await http.get("/readyz")
        assert before.status_code == 503
        assert before.json()["migrations"]["applied"] == []
        await migrate.upgrade(runtime)
        after = await http.get("/readyz")
        assert after.status_code == 200


async def test_readyz_refuses_when_the_database_is_unreachable():
    settings = load_settings(database_url="postgresql://nobody@127.0.0.1:1/none", load_entry_points=False)
    app = create_app(Runtime.create(settings), dispatch_events=False)
    async with client(app) as http:
        response = await http.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


async def test_every_response_carries_a_request_id(cettar_app):
    async with client(cettar_app.app) as http:
        fresh = await http.get("/healthz")
        echoed = await http.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert len(fresh.headers["x-request-id"]) == 32
    assert echoed.headers["x-request-id"] == "abc-123"


async def test_oversized_bodies_are_refused(cettar_app):
    async with client(cettar_app.app) as http:
        response = await http.post(
            "/graphql", content=b"x" * (10 * 1024 * 1024 + 1), headers={"content-type": "application/json"}
        )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert response.json() == {
        "errors": [
            {
                "message": "Isi permintaan terlalu besar (maksimal 10 MiB).",
                "extensions": {"code": "PAYLOAD_TOO_LARGE", "limit": {"name": "bodyBytes", "max": 10 * 1024 * 1024}},
            }
        ]
    }


@pytest.mark.parametrize(
    ("value", "token"),
    [
        ("Bearer cettar_abc", "cettar_abc"),
        ("bearer   cettar_abc  ", "cettar_abc"),
        (b"Bearer cettar_abc", "cettar_abc"),
        ("Bearer ", None),
        ("Bearer", None),
        ("Basic d2FyZ2E6eA==", None),
        ("", None),
        (None, None),
        (123, None),
        ({"Bearer": "x"}, None),
    ],
)
def test_the_bearer_header_is_read_in_one_place(value, token):
    assert bearer_token(value) == token


def test_every_layer_reads_the_bearer_header_and_shapes_refusals_the_same_way():
    import core.app
    import core.metrics
    import schema.authentication
    import schema.http

    assert core.app.bearer_token is core.metrics.bearer_token is schema.http.bearer_token is bearer_token
    assert not hasattr(schema.authentication, "bearer_token")
    error = CettarError("INVALID_TOKEN", field="token")
    assert error.formatted("en") == {
        "message": "The token is invalid, expired or revoked. Please sign in again.",
        "extensions": {"code": "INVALID_TOKEN", "field": "token"},
    }
    assert error_body(error, "en") == {"errors": [error.formatted("en")]}


async def test_refusals_before_graphql_runs_share_one_body(cettar_app):
    async with client(cettar_app.app) as http:
        invalid = await http.post(
            "/graphql",
            json={"query": "{ __typename }"},
            headers={"Authorization": "Bearer cettar_unknown", "Accept-Language": "en"},
        )
        bad = await http.post("/graphql", content=b"{nope", headers={"content-type": "application/json"})
    assert invalid.status_code == 401
    assert invalid.json() == error_body(CettarError("INVALID_TOKEN"), "en")
    assert bad.status_code == 400
    assert list(bad.json()) == ["errors"]
    (entry,) = bad.json()["errors"]
    assert list(entry) == ["message", "extensions"] and entry["extensions"] == {"code": "BAD_REQUEST"}


@pytest.mark.cettar(dispatch_events=True)
async def test_the_app_dispatches_events_in_the_background(cettar_app):
    from core.events import emit

    async with cettar_app.runtime.database.session() as session:
        emit(session, "t.background", {}, source="test")
    cettar_app.runtime.dispatcher.wake()
    import asyncio

    from sqlalchemy import select

    from core.events.models import OutboxEvent

    for _ in range(100):
        async with cettar_app.runtime.database.session() as session:
            processed = await session.scalar(select(OutboxEvent.processed_at))
        if processed is not None:
            break
        await asyncio.sleep(0.02)
    assert processed is not None
