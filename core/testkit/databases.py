"""Isolated test databases: one migrated template per backend, a copy per test."""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import uuid
from pathlib import Path

from core import migrate
from core.config import Settings, load_settings
from core.identity.demo import seed_demo_accounts
from core.regions.seed import plugin_agencies, seed_agencies, seed_regions
from core.runtime import Runtime

BACKENDS = ("sqlite", "postgresql")
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
POSTGRES_HELP = (
    "PostgreSQL is not reachable at {url} ({error}). Start it with "
    "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, "
    "point CETTAR_TEST_POSTGRES_URL at another server, or run with --cettar-db=sqlite."
)


class ServiceUnavailable(Exception):
    """A service the tests need is down; the message says how to start it."""


def _with_database(url: str, name: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


async def _prepare(settings: Settings) -> None:
    runtime = Runtime.create(settings)
    try:
        await migrate.upgrade(runtime)
        async with runtime.database.session() as session:
            await seed_regions(session)
            await seed_agencies(session, plugin_agencies(runtime.plugins))
            await seed_demo_accounts(session)
        async with runtime.database.session() as session:
            # every plugin's reference data (not its demo data): tests start from what `cettar seed` loads
            await runtime.plugins.acall_by_dependency("cettar_seed", session=session, demo=False, runtime=runtime)
    finally:
        await runtime.dispose()


class TestDatabases:
    """Creates templates lazily and hands out throw-away copies."""

    __test__ = False  # not a test class

    def __init__(self, postgres_url: str | None = None) -> None:
        self.postgres_url = postgres_url or os.environ.get("CETTAR_TEST_POSTGRES_URL", DEFAULT_POSTGRES)
        self.tmp = Path(tempfile.mkdtemp(prefix="cettar-test-"))
        self.tag = uuid.uuid4().hex[:8]
        self._templates: dict[str, str] = {}
        self._created: list[str] = []

    # -- PostgreSQL administration --------------------------------------------------
    async def _admin(self, *statements: str) -> None:
        import asyncpg

        try:
            connection = await asyncpg.connect(self.postgres_url.replace("postgresql+asyncpg", "postgresql"), timeout=5)
        except (OSError, asyncpg.PostgresError) as exc:
            raise ServiceUnavailable(POSTGRES_HELP.format(url=self.postgres_url, error=exc)) from exc
        try:
            for statement in statements:
                await connection.execute(statement)
        finally:
            await connection.close()

    def _template(self, backend: str) -> str:
        if backend in self._templates:
            return self._templates[backend]
        if backend == "sqlite":
            path = self.tmp / "template.db"
            url = f"sqlite:///{path}"
        elif backend == "postgresql":
            name = f"cettar_tpl_{self.tag}"
            asyncio.run(self._admin(f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'))
            self._created.append(name)
            url = _with_database(self.postgres_url, name)
        else:
            raise ValueError(f"unknown test database backend {backend!r} (use one of {', '.join(BACKENDS)})")
        asyncio.run(_prepare(load_settings(database_url=url, plugins=None, disable_plugins=[], load_entry_points=True)))
        self._templates[backend] = url
        return url

    def create(self, backend: str) -> str:
        """A fresh database with every migration and the reference data; returns its URL."""
        template = self._template(backend)
        name = f"cettar_t_{self.tag}_{uuid.uuid4().hex[:8]}"
        if backend == "sqlite":
            path = self.tmp / f"{name}.db"
            shutil.copyfile(template.removeprefix("sqlite:///"), path)
            return f"sqlite:///{path}"
        template_name = template.rpartition("/")[2]
        asyncio.run(self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"'))
        self._created.append(name)
        return _with_database(self.postgres_url, name)

    def drop(self, url: str) -> None:
        if url.startswith("sqlite"):
            for suffix in ("", "-wal", "-shm"):
                Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
            return
        name = url.rpartition("/")[2]
        asyncio.run(self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if name in self._created:
            self._created.remove(name)

    def close(self) -> None:
        if self._created:
            asyncio.run(self._admin(*(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)' for n in self._created)))
        shutil.rmtree(self.tmp, ignore_errors=True)
