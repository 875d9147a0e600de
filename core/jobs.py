"""Scheduled jobs: work a plugin wants done on a timer (``cettar jobs run``, from cron or a systemd timer).

A plugin returns :class:`Job` objects from the ``cettar_jobs`` hook. ``cettar jobs
run`` runs every job of every enabled plugin once, in plugin-name order, each in
its own transaction, and exits; a failing job is reported and the others still run.

Jobs are run by cron on more than one machine, and a run may overlap the next:
a job must be safe to run twice and from two workers at once. Make each change
conditional on the state it changes, in one statement
(``UPDATE … SET escalated_at = :now WHERE id = :id AND escalated_at IS NULL``), and
act (emit events, notify) only for the rows that statement changed.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.runtime import Runtime

logger = logging.getLogger("cettar.jobs")


@dataclass(frozen=True)
class Job:
    """One scheduled job: ``run(runtime, now)`` does the work and returns how many things it changed."""

    name: str  # "<plugin>.<what>", e.g. "pengaduan.escalate_overdue"
    description: str
    run: Callable[[Runtime, datetime], Awaitable[int]]


@dataclass
class JobResult:
    name: str
    changed: int = 0
    error: str | None = None
    plugin: str = field(default="")


def registered_jobs(runtime: Runtime) -> list[tuple[str, Job]]:
    """``(plugin name, job)`` for every job of the enabled plugins, in plugin-name order."""
    found: list[tuple[str, Job]] = []
    seen: dict[str, str] = {}
    for plugin, jobs in runtime.plugins.call("cettar_jobs"):
        for job in jobs or []:
            if job.name in seen:
                raise ValueError(f"job {job.name!r} is defined by plugins {seen[job.name]!r} and {plugin.name!r}")
            seen[job.name] = plugin.name
            found.append((plugin.name, job))
    return found


async def run_jobs(runtime: Runtime, *, only: str | None = None, now: datetime | None = None) -> list[JobResult]:
    """Run every job (or the one named ``only``) once; ``now`` defaults to the current UTC time."""
    moment = now or datetime.now(UTC)
    results: list[JobResult] = []
    jobs = registered_jobs(runtime)
    if only is not None and only not in {job.name for _p, job in jobs}:
        raise KeyError(only)
    for plugin, job in jobs:
        if only is not None and job.name != only:
            continue
        result = JobResult(name=job.name, plugin=plugin)
        try:
            result.changed = await job.run(runtime, moment)
        except Exception as exc:  # one failing job must not stop the others
            logger.exception("job %s of plugin %s failed", job.name, plugin)
            result.error = repr(exc)
        results.append(result)
    return results
