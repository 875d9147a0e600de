"""The pytest plugin ``cettar``: fixtures for apps, databases and GraphQL clients."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from core.app import create_app
from core.config import Settings, load_settings
from core.runtime import Runtime
from core.testkit.client import GraphQLClient
from core.testkit.databases import BACKENDS, ServiceUnavailable, TestDatabases


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("cettar")
    group.addoption(
        "--cettar-db",
        default=os.environ.get("CETTAR_TEST_DATABASES", "sqlite"),
        help="Comma-separated database backends every database test runs on: sqlite, postgresql.",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "cettar(plugins=None, disable=(), extra_plugins=(), settings=None, dispatch_events=False, backends=None): "
        "configure the app the cettar fixtures build (a class in extra_plugins is instantiated per test)",
    )


def _backends(config: pytest.Config) -> list[str]:
    chosen = [b.strip() for b in str(config.getoption("--cettar-db")).split(",") if b.strip()]
    unknown = [b for b in chosen if b not in BACKENDS]
    if unknown:
        raise pytest.UsageError(f"--cettar-db: unknown backend {unknown[0]!r} (use {', '.join(BACKENDS)})")
    return chosen


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "cettar_backend" in metafunc.fixturenames:
        backends = _backends(metafunc.config)
        # ``cettar(backends=("postgresql",))``: a test of one backend's behaviour runs on that backend only.
        only = next(
            (m.kwargs["backends"] for m in metafunc.definition.iter_markers("cettar") if "backends" in m.kwargs), None
        )
        if only is not None:
            backends = [backend for backend in backends if backend in only]
        metafunc.parametrize("cettar_backend", backends, scope="session")


@pytest.fixture(scope="session")
def cettar_test_databases() -> Iterator[TestDatabases]:
    databases = TestDatabases()
    yield databases
    databases.close()


@pytest.fixture
def cettar_database(cettar_backend: str, cettar_test_databases: TestDatabases) -> Iterator[str]:
    """The URL of a fresh database: all migrations, regions and agencies."""
    try:
        url = cettar_test_databases.create(cettar_backend)
    except ServiceUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    yield url
    cettar_test_databases.drop(url)


def _marker(request: pytest.FixtureRequest) -> dict[str, Any]:
    marker = request.node.get_closest_marker("cettar")
    return dict(marker.kwargs) if marker else {}


@pytest.fixture
def cettar_settings(cettar_database: str, request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings for the test's database and its own attachment folder; the ``cettar`` marker chooses
    plugins and overrides."""
    options = _marker(request)
    overrides: dict[str, Any] = {
        "database_url": cettar_database,
        "storage_dir": tmp_path / "files",
        "plugins": options.get("plugins"),
        "disable_plugins": list(options.get("disable", ())),
        **(options.get("settings") or {}),
    }
    return load_settings(**overrides)


@pytest.fixture
async def cettar_runtime(cettar_settings: Settings, request: pytest.FixtureRequest) -> AsyncIterator[Runtime]:
    extra = [p() if isinstance(p, type) else p for p in _marker(request).get("extra_plugins", ())]
    runtime = Runtime.create(cettar_settings, extra_plugins=extra)
    yield runtime
    await runtime.dispose()


@dataclass
class TestApp:
    """A started app: its ASGI callable and its runtime."""

    __test__ = False

    app: Any
    runtime: Runtime

    async def dispatch(self) -> int:
        """Deliver every waiting domain event now; returns how many were processed."""
        return await self.runtime.dispatcher.drain()


@pytest.fixture
async def cettar_app(cettar_runtime: Runtime, request: pytest.FixtureRequest) -> AsyncIterator[TestApp]:
    """The app, started (lifespan entered); events are dispatched only by ``dispatch()``
    unless the marker says ``dispatch_events=True``."""
    app = create_app(cettar_runtime, dispatch_events=bool(_marker(request).get("dispatch_events", False)))
    async with app.router.lifespan_context(app):
        yield TestApp(app, cettar_runtime)


@pytest.fixture
def gql(cettar_app: TestApp) -> GraphQLClient:
    """An anonymous GraphQL client; ``gql.as_role(...)`` acts as someone else."""
    return GraphQLClient(cettar_app.app)
