"""Serving: health and readiness, request ids, body limits."""

from __future__ import annotations

import httpx
import pytest

from core import migrate
from core.app import create_app
from core.config import load_settings
from core.runtime import Runtime


def client(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


async def test_healthz_and_readyz_on_a_migrated_database(cettar_app):
    async with client(cettar_app.app) as http:
        assert (await http.get("/healthz")).json() == {"status": "ok"}
        ready = await http.get("/readyz")
    assert ready.status_code == 200
    assert "core_0002" in ready.json()["migrations"]


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
