"""The plugin contract: every hook a CETTAR plugin may implement.

A plugin is a module (or object) with functions decorated ``@hookimpl`` whose
names match the hooks below. Misspelt hook names stop the start. Hooks are
called in a deterministic order: plugins sorted by name.

    from core.plugins import hookimpl, PluginMeta

    @hookimpl
    def cettar_plugin_meta():
        return PluginMeta(name="gayatri", version="1.0", title="GAYATRI", ...)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import random
    from datetime import datetime

    import click
    from sqlalchemy.ext.asyncio import AsyncSession
    from starlette.routing import BaseRoute

    from core.events.dispatcher import EventHandler
    from core.identity.permissions import Permission
    from core.innovations import InnovationRecord
    from core.jobs import Job
    from core.notifications import Notification
    from core.plugins import PluginMeta
    from core.regions.seed import AgencySpec
    from core.runtime import Runtime
    from core.services import ServiceDefinition
    from core.synthetic import SyntheticPeople, SyntheticProgress

hookspec = pluggy.HookspecMarker("cettar")


@hookspec
def cettar_plugin_meta() -> PluginMeta:  # type: ignore[empty-body]
    """Called once per plugin at start: return its :class:`PluginMeta` (name, version, agency…)."""


@hookspec
def cettar_migrations() -> Path | None:
    """Called by ``cettar db``: return the folder of this plugin's Alembic version branch."""


@hookspec
def cettar_schema(builder: Any) -> None:
    """Called once when the GraphQL schema is built: add types and root fields to ``builder``."""


@hookspec
def cettar_routes(runtime: Runtime) -> list[BaseRoute] | None:
    """Called when the ASGI app is built: return extra Starlette routes (e.g. a REST API)."""


@hookspec
def cettar_cli(cli: click.Group) -> None:
    """Called when the ``cettar`` command starts: add click commands or groups to ``cli``."""


@hookspec
def cettar_event_handlers() -> list[EventHandler] | None:
    """Called at start: return the handlers of domain events this plugin reacts to."""


@hookspec
def cettar_permissions() -> list[Permission] | None:
    """Called at start: return the permissions this plugin declares, with the roles holding them by default."""


@hookspec
def cettar_agencies() -> list[AgencySpec] | None:
    """Called by ``cettar seed``: return the agencies (OPD, UPT, vertical offices) this plugin serves with.

    An agency whose code already exists is left as it is, so two plugins may name the same one.
    """


@hookspec
def cettar_services() -> list[ServiceDefinition] | None:
    """Called at start: return the public services this plugin offers (:class:`core.services.ServiceDefinition`).

    Name them ``<plugin>.<service>`` (``samsat.pkb``); a code two plugins register
    stops the start naming both. They are in ``runtime.services``; the ``layanan``
    plugin shows them in its catalog and takes applications for them.
    """


@hookspec
def cettar_innovation() -> InnovationRecord | None:
    """Called by ``cettar seed``: return the regional innovation this plugin implements, if any.

    The ``inovasi`` plugin (the innovation registry) stores it, with this plugin as its
    implementation; without ``inovasi`` enabled it is not used.
    """


@hookspec
def cettar_jobs() -> list[Job] | None:
    """Called by ``cettar jobs run``: return this plugin's scheduled jobs (:class:`core.jobs.Job`).

    A job must be safe to run twice and from two workers at once: make each change
    conditional on the state it changes (``UPDATE … WHERE escalated_at IS NULL``).
    """


@hookspec
async def cettar_notify(notification: Notification) -> None:
    """Called once for each notification stored for a person: deliver it by SMS, e-mail, WhatsApp…

    Runs in the event dispatcher, after the in-app notification is stored; raising
    makes the dispatcher retry the delivery later.
    """


@hookspec
async def cettar_seed(session: AsyncSession, demo: bool, runtime: Runtime) -> None:
    """Called by ``cettar seed``: load reference data, and demo data when ``demo`` is true.

    Runs after the regions, agencies and (with ``demo``) the demo accounts are loaded, plugin by
    plugin in ``PluginManager.dependency_order()``: after the plugins this one ``requires``; the
    providers of services (``cettar_services``) and what they require before the other plugins.
    ``runtime`` gives the registries (``runtime.services``…); ask only for the arguments you use.
    Must be idempotent: seeding twice leaves the same rows.
    """


@hookspec
async def cettar_seed_synthetic(
    runtime: Runtime,
    count: int,
    rng: random.Random,
    progress: SyntheticProgress,
    people: SyntheticPeople,
    now: datetime,
) -> None:
    """Called by ``cettar seed --synthetic N``: bulk-load this plugin's own synthetic rows for N applications.

    Runs after the plugins this one ``requires``. Draw everything from ``rng`` (the same
    ``--seed`` gives the same rows), attach rows to ``people`` (citizens, officers by agency),
    load with :func:`core.synthetic.bulk_insert` and report to ``progress(label, total)``.
    """


@hookspec
async def cettar_startup(runtime: Runtime) -> None:
    """Called when the app starts serving, after the database is reachable."""


@hookspec
async def cettar_shutdown(runtime: Runtime) -> None:
    """Called when the app stops serving."""
