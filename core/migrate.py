"""Alembic, driven from code: one version branch per plugin, all upgraded to heads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from core.runtime import Runtime

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(runtime: Runtime) -> Config:
    locations = [str(MIGRATIONS / "versions")]
    for _plugin, path in runtime.plugins.call("cettar_migrations"):
        if path is not None:
            locations.append(str(Path(path)))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("version_locations", " ".join(sorted(set(locations))))
    config.set_main_option("path_separator", "space")
    return config


async def _run(runtime: Runtime, action: Any) -> Any:
    config = alembic_config(runtime)

    def run(connection: Connection) -> Any:
        config.attributes["connection"] = connection
        return action(config, connection)

    async with runtime.database.engine.begin() as connection:
        return await connection.run_sync(run)


async def upgrade(runtime: Runtime, target: str = "heads") -> None:
    await _run(runtime, lambda config, _c: command.upgrade(config, target))


async def current_heads(runtime: Runtime) -> tuple[set[str], set[str]]:
    """(revisions applied in the database, heads of the installed branches).

    A revision counts as applied when it, or a revision that depends on it, is
    recorded in the database (Alembic records only the tips it reached).
    """

    def read(config: Config, connection: Connection) -> tuple[set[str], set[str]]:
        script = ScriptDirectory.from_config(config)
        recorded = tuple(MigrationContext.configure(connection).get_current_heads())
        applied = {rev.revision for rev in script.iterate_revisions(recorded, "base")} if recorded else set()
        heads = set(script.get_heads())
        return applied & heads, heads

    result: tuple[set[str], set[str]] = await _run(runtime, read)
    return result


def describe(runtime: Runtime) -> list[tuple[str, str, str]]:
    """(branch, head revision, doc) for every installed branch."""
    script = ScriptDirectory.from_config(alembic_config(runtime))
    rows = []
    for head in sorted(script.get_heads()):
        revision = script.get_revision(head)
        assert revision is not None
        doc = revision.doc or ""
        while revision is not None and not revision.branch_labels and isinstance(revision.down_revision, str):
            revision = script.get_revision(revision.down_revision)
        branch = ",".join(sorted(revision.branch_labels)) if revision is not None else "-"
        rows.append((branch or "-", head, doc))
    return rows
