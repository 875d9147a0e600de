"""The ``cettar`` command. Plugins add their own commands through ``cettar_cli``."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from core import __version__, migrate
from core.config import ConfigError, Settings, load_settings
from core.errors import CettarError
from core.identity.demo import seed_demo_accounts
from core.jobs import JobResult, registered_jobs, run_jobs
from core.logs import configure_logging
from core.plugins import PluginLoadError
from core.regions.seed import plugin_agencies, region_count, seed_agencies, seed_regions
from core.runtime import Runtime

T = TypeVar("T")
console = Console()


class CliState:
    """Settings read once; runtimes made on demand (a command may ask for variations)."""

    def __init__(self, settings: Settings, runtime: Runtime | None = None) -> None:
        self.settings = settings
        self._runtime = runtime

    def runtime(self, **overrides: Any) -> Runtime:
        if overrides:
            return Runtime.create(self.settings.model_copy(update=overrides))
        if self._runtime is None:
            self._runtime = Runtime.create(self.settings)
        return self._runtime


def run(coro_factory: Callable[[], Coroutine[Any, Any, T]]) -> T:
    return asyncio.run(coro_factory())


@click.group()
@click.version_option(__version__, prog_name="cettar")
def cli() -> None:
    """CETTAR: East Java's public-service platform (GraphQL API)."""


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int)
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
@click.option(
    "--forwarded-allow-ips",
    default=None,
    help="Comma-separated addresses of proxies whose X-Forwarded-For/-Proto are trusted "
    "(default: $FORWARDED_ALLOW_IPS, else 127.0.0.1).",
)
@click.pass_obj
def serve(state: CliState, host: str, port: int, workers: int, reload: bool, forwarded_allow_ips: str | None) -> None:
    """Serve the API on uvicorn (GraphQL at /graphql)."""
    import uvicorn

    from core.logs import uvicorn_log_config

    state.runtime()  # fail here, with one line, if a plugin does not load
    # Several workers share their metrics through PROMETHEUS_MULTIPROC_DIR (set before they start).
    cleanup = prepare_multiprocess(1 if reload else workers) if state.settings.metrics_enabled else None
    try:
        uvicorn.run(
            "core.app:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=None if reload else workers,
            reload=reload,
            log_level=state.settings.log_level.lower(),
            log_config=uvicorn_log_config(state.settings),
            proxy_headers=True,
            forwarded_allow_ips=forwarded_allow_ips,
        )
    finally:
        if cleanup is not None:
            cleanup()


def prepare_multiprocess(workers: int) -> Callable[[], None]:
    """Before ``workers`` > 1 processes start: a clean ``PROMETHEUS_MULTIPROC_DIR``; returns the cleanup.

    An operator's own directory is emptied of old ``*.db`` files (stale numbers
    of earlier runs) and kept; otherwise a temporary one is made and removed after.
    """
    from core.metrics import MULTIPROC_ENV, multiprocess_dir

    if workers <= 1:
        return lambda: None
    directory = multiprocess_dir()
    if directory is not None:
        Path(directory).mkdir(parents=True, exist_ok=True)
        for stale in Path(directory).glob("*.db"):
            stale.unlink()
        return lambda: None
    made = tempfile.mkdtemp(prefix="cettar-metrics-")
    os.environ[MULTIPROC_ENV] = made
    return lambda: shutil.rmtree(made, ignore_errors=True)


@cli.group()
def db() -> None:
    """Database migrations (Alembic, one branch per plugin)."""


@db.command("upgrade")
@click.argument("target", default="heads")
@click.pass_obj
def db_upgrade(state: CliState, target: str) -> None:
    """Apply migrations of every enabled plugin up to TARGET (default: heads)."""
    runtime = state.runtime()

    async def go() -> None:
        try:
            await migrate.upgrade(runtime, target)
        finally:
            await runtime.dispose()

    run(go)
    console.print(f"database upgraded to {target}")


@db.command("current")
@click.pass_obj
def db_current(state: CliState) -> None:
    """Show applied and expected revisions; exits 1 when the database is behind."""
    runtime = state.runtime()

    async def go() -> tuple[set[str], set[str]]:
        try:
            return await migrate.current_heads(runtime)
        finally:
            await runtime.dispose()

    applied, heads = run(go)
    table = Table("branch", "head", "applied", "description")
    for branch, head, doc in migrate.describe(runtime):
        table.add_row(branch, head, "yes" if head in applied else "NO", doc)
    console.print(table)
    if applied != heads:
        console.print("[red]database is not at the current heads: run `cettar db upgrade`[/red]")
        sys.exit(1)


@db.command("revision")
@click.argument("plugin")
@click.option("-m", "--message", required=True, help="What the revision changes.")
@click.option(
    "--autogenerate/--empty", default=True, show_default=True, help="Compare the plugin's tables with the database."
)
@click.pass_obj
def db_revision(state: CliState, plugin: str, message: str, autogenerate: bool) -> None:
    """Write the next revision of PLUGIN's migration branch (a new branch if it has none)."""
    runtime = state.runtime()

    async def go() -> str:
        try:
            return str(await migrate.revision(runtime, plugin, message, autogenerate=autogenerate))
        finally:
            await runtime.dispose()

    console.print(f"wrote {run(go)}")


@cli.command()
@click.option("--demo", is_flag=True, help="Also load demo data (refused in production).")
@click.option(
    "--synthetic",
    type=click.IntRange(min=1),
    help="Instead: bulk-load synthetic volume for N applications into a seeded database (refused in production).",
)
@click.option("--seed", "random_seed", type=int, default=2026, show_default=True, help="Random seed of --synthetic.")
@click.option(
    "--now",
    type=click.DateTime(["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d"]),
    help="--synthetic: the UTC time its twelve months end at (default: now).",
)
@click.pass_obj
def seed(state: CliState, demo: bool, synthetic: int | None, random_seed: int, now: datetime | None) -> None:
    """Load reference data (regions, agencies) and, with --demo, demo data. Idempotent.

    With --synthetic N, load only synthetic volume (see core/synthetic.py): it needs the reference data.
    """
    runtime = state.runtime()
    if (demo or synthetic) and not runtime.settings.demo_data_allowed:
        raise CettarError("DEMO_DATA_REFUSED")
    if synthetic is not None:
        seed_synthetic_command(runtime, synthetic, random_seed, now.replace(tzinfo=UTC) if now else None)
        return

    async def go() -> tuple[int, int]:
        try:
            with Progress(console=console, transient=False) as progress:
                task = progress.add_task("regions", total=region_count())
                async with runtime.database.session() as session:
                    regions = await seed_regions(session, lambda n: progress.advance(task, n))
                    agencies = await seed_agencies(session, plugin_agencies(runtime.plugins))
            if demo:
                async with runtime.database.session() as session:
                    await seed_demo_accounts(session)
            async with runtime.database.session() as session:
                await runtime.plugins.acall_by_dependency("cettar_seed", session=session, demo=demo, runtime=runtime)
            return regions, agencies
        finally:
            await runtime.dispose()

    regions, agencies = run(go)
    console.print(f"seeded: {regions} regions and {agencies} agencies written{' + demo data' if demo else ''}")


def seed_synthetic_command(runtime: Runtime, count: int, random_seed: int, now: datetime | None) -> None:
    from core.synthetic import seed_synthetic

    async def go() -> None:
        try:
            with Progress(console=console, transient=False) as progress:

                def task(label: str, total: int) -> Callable[[int], None]:
                    handle = progress.add_task(label, total=total)
                    return lambda rows: progress.advance(handle, rows)

                await seed_synthetic(runtime, count, random_seed, task, now=now)
        finally:
            await runtime.dispose()

    started = time.perf_counter()
    run(go)
    console.print(f"seeded: synthetic data for {count} applications in {time.perf_counter() - started:.1f}s")


@cli.command("plugins")
@click.pass_obj
def plugins_command(state: CliState) -> None:
    """List the plugins: name, version, source, hooks, and what each contributed."""
    runtime = state.runtime()
    # Building the app makes every plugin contribute (schema, routes, handlers).
    from core.app import create_app

    create_app(runtime)
    table = Table("name", "version", "source", "title", "agency", "hooks", "contributes")
    for plugin in runtime.plugins.plugins:
        done = plugin.contributions
        parts = [
            ("types", done.types),
            ("query", done.query_fields),
            ("mutation", done.mutation_fields),
            ("subscription", done.subscription_fields),
            ("routes", done.routes),
            ("handlers", done.event_handlers),
            ("examples", done.examples),
            ("services", done.services),
            ("permissions", done.permissions),
            ("jobs", done.jobs),
        ]
        contributes = "\n".join(
            f"{label}: {', '.join(items if label == 'examples' else sorted(items))}" for label, items in parts if items
        )
        hooks = ", ".join(h.removeprefix("cettar_") for h in runtime.plugins.hook_names(plugin.name))
        table.add_row(
            plugin.name,
            plugin.meta.version,
            plugin.source,
            plugin.meta.title,
            plugin.meta.agency or "-",
            hooks,
            contributes or "-",
        )
    console.print(table)


@cli.group()
def events() -> None:
    """Domain events (the outbox)."""


@events.command("dispatch")
@click.pass_obj
def events_dispatch(state: CliState) -> None:
    """Deliver every waiting event once, then exit."""
    runtime = state.runtime()

    async def go() -> int:
        try:
            return await runtime.dispatcher.drain()
        finally:
            await runtime.dispose()

    started = time.perf_counter()
    count = run(go)
    console.print(f"dispatched {count} events in {time.perf_counter() - started:.2f}s")


@cli.group()
def jobs() -> None:
    """Scheduled jobs of the plugins (run them from cron or a systemd timer)."""


@jobs.command("list")
@click.pass_obj
def jobs_list(state: CliState) -> None:
    """Every job of the enabled plugins."""
    runtime = state.runtime()
    try:
        for plugin, job in registered_jobs(runtime):
            console.print(f"{job.name}  [dim]({plugin})[/dim]  {job.description}")
    finally:
        run(runtime.dispose)


@jobs.command("run")
@click.option("--job", "only", help="Run only this job (see `cettar jobs list`).")
@click.option(
    "--now",
    type=click.DateTime(["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d"]),
    help="Act as if it were this UTC time (to replay a missed run); default: now.",
)
@click.pass_obj
def jobs_run(state: CliState, only: str | None, now: datetime | None) -> None:
    """Run every job once (each in its own transaction), deliver the events they emitted, and exit.

    Safe to run twice, and from two machines at once. Exits 1 when a job failed.
    """
    runtime = state.runtime()

    async def go() -> list[JobResult]:
        try:
            results = await run_jobs(runtime, only=only, now=now.replace(tzinfo=UTC) if now else None)
            await runtime.dispatcher.drain()
            return results
        finally:
            await runtime.dispose()

    try:
        results = run(go)
    except KeyError:
        raise click.UsageError(f"no job named {only!r}; see `cettar jobs list`") from None
    for result in results:
        if result.error:
            console.print(f"[red]{result.name}: failed[/red] {result.error}")
        else:
            console.print(f"{result.name}: {result.changed} changed")
    if any(r.error for r in results):
        raise SystemExit(1)


@cli.group()
def accounts() -> None:
    """Accounts that must exist before anyone can sign in."""


@accounts.command("create-admin")
@click.option("--username", required=True)
@click.option("--name", required=True, help="Full name.")
@click.option("--nip", required=True, help="NIP, 18 digits.")
@click.option("--agency", "agency_code", required=True, help="Agency code, e.g. diskominfo-jatim.")
@click.option("--position", default="Administrator Sistem Provinsi", show_default=True)
@click.option("--grade", default="IV/a", show_default=True, help="Golongan/ruang.")
@click.option("--email")
@click.option("--phone")
@click.pass_obj
def accounts_create_admin(
    state: CliState,
    username: str,
    name: str,
    nip: str,
    agency_code: str,
    position: str,
    grade: str,
    email: str | None,
    phone: str | None,
) -> None:
    """Create a province admin (the first one of a new installation, say) and print their activation code.

    The admin chooses a password with the code: mutation resetPassword(input: {code, newPassword}).
    """
    from sqlalchemy import select
    from sqlmodel import col

    from core.auth import Principal, Role
    from core.identity.accounts import OfficerData, create_officer
    from core.identity.permissions import MANAGE_OFFICERS
    from core.regions.models import Agency

    runtime = state.runtime()
    system = Principal(role=Role.PROVINCE_ADMIN, permissions=frozenset({MANAGE_OFFICERS}))

    async def go() -> str:
        try:
            async with runtime.database.session() as session:
                agency_id = await session.scalar(select(col(Agency.id)).where(col(Agency.code) == agency_code))
                if agency_id is None:
                    raise CettarError("NOT_FOUND", field="agency")
                data = OfficerData(
                    username=username,
                    name=name,
                    nip=nip,
                    agency_id=agency_id,
                    position=position,
                    grade=grade,
                    role=Role.PROVINCE_ADMIN,
                    email=email,
                    phone=phone,
                )
                created = await create_officer(session, runtime.settings, system, data)
                assert created.activation_code is not None
                return created.activation_code
        finally:
            await runtime.dispose()

    code = run(go)
    hours = runtime.settings.activation_ttl_hours
    console.print(f"province admin {username!r} created; activation code (valid {hours} h, shown once):")
    click.echo(code)


@cli.group()
def audit() -> None:
    """The audit trail (hash-chained)."""


@audit.command("verify")
@click.pass_obj
def audit_verify(state: CliState) -> None:
    """Check every audit record's hash and link; exit 1 naming the first broken record."""
    from core.audit.chain import verify

    runtime = state.runtime()

    async def go() -> Any:
        try:
            async with runtime.database.session() as session:
                return await verify(session)
        finally:
            await runtime.dispose()

    result = run(go)
    if result.ok:
        console.print(f"audit trail verified: {result.checked} records, chain intact")
        return
    where = f"record seq={result.broken_seq}" + (f" (id={result.broken_id})" if result.broken_id else "")
    click.echo(
        f"audit trail BROKEN at {where}: {result.reason} ({result.checked} records verified before it)", err=True
    )
    sys.exit(1)


def main(argv: list[str] | None = None) -> None:
    """Entry point: load settings and plugins, let plugins add commands, run."""
    try:
        settings = load_settings()
        configure_logging(settings)
        runtime = Runtime.create(settings)
        runtime.plugins.call("cettar_cli", cli=cli)
        cli.main(args=argv, obj=CliState(settings, runtime), standalone_mode=True)
    except (ConfigError, PluginLoadError, migrate.MigrationError) as exc:
        click.echo(f"cettar: {exc}", err=True)
        sys.exit(2)
    except CettarError as exc:
        where = f"{exc.field}: " if exc.field else ""
        click.echo(f"cettar: {where}{exc.message('en')}", err=True)
        sys.exit(2)
