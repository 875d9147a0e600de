"""Alembic, driven from code: one version branch per plugin, all upgraded to heads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import ResolutionError
from alembic.util.exc import CommandError
from sqlalchemy.engine import Connection

from core.plugins import PluginLoadError
from core.runtime import Runtime

MIGRATIONS = Path(__file__).parent / "migrations"


def migration_folders(runtime: Runtime) -> list[str]:
    """The version folders of the core and of every *installed* plugin.

    Disabled plugins keep their branch: a database migrated while a plugin was
    enabled must stay readable when it is disabled, and re-enabling it later
    must not need a migration.
    """
    locations = {str(MIGRATIONS / "versions")}
    for plugin in runtime.plugins.installed:
        function = getattr(plugin.module, "cettar_migrations", None)
        if function is None:
            continue
        try:
            path = function()
        except Exception as exc:
            raise PluginLoadError(f"plugin {plugin.name!r} failed in cettar_migrations: {exc!r}") from exc
        if path is not None:
            locations.add(str(Path(path)))
    return sorted(locations)


def alembic_config(runtime: Runtime) -> Config:
    locations = migration_folders(runtime)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("version_locations", " ".join(locations))
    config.set_main_option("path_separator", "space")
    return config


class MigrationError(Exception):
    """The database and the installed migration branches do not fit together."""


async def _run(runtime: Runtime, action: Any) -> Any:
    config = alembic_config(runtime)

    def run(connection: Connection) -> Any:
        config.attributes["connection"] = connection
        return action(config, connection)

    try:
        async with runtime.database.engine.begin() as connection:
            return await connection.run_sync(run)
    except (CommandError, ResolutionError) as exc:
        if "Can't locate revision" in str(exc) or "No such revision" in str(exc):
            raise MigrationError(
                f"{exc}: the database was migrated by a plugin that is no longer installed; reinstall it"
            ) from exc
        raise MigrationError(str(exc)) from exc


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


def _plugin_folder(runtime: Runtime, name: str) -> Path:
    for plugin in runtime.plugins.installed:
        if plugin.name == name:
            function = getattr(plugin.module, "cettar_migrations", None)
            folder = function() if function else None
            if folder is None:
                raise PluginLoadError(f"plugin {name!r} declares no migrations folder (hook cettar_migrations)")
            return Path(folder)
    known = ", ".join(p.name for p in runtime.plugins.installed)
    raise PluginLoadError(f"no plugin named {name!r} is installed (installed: {known})")


async def revision(runtime: Runtime, plugin: str, message: str, *, autogenerate: bool = True) -> Path:
    """Write the next revision of ``plugin``'s branch; returns the new file.

    The first revision starts the branch (labelled with the plugin name, depending
    on the core). With ``autogenerate`` the database (upgraded first) is compared
    with the plugin's SQLModel tables, those whose names start with ``<plugin>_``.
    """
    from sqlmodel import SQLModel

    folder = _plugin_folder(runtime, plugin)
    folder.mkdir(parents=True, exist_ok=True)
    if autogenerate:
        await upgrade(runtime)

    def write(config: Config, _connection: Connection) -> Path:
        script = ScriptDirectory.from_config(config)
        branch_exists = any(plugin in (rev.branch_labels or ()) for rev in script.walk_revisions())
        existing = sum(1 for rev in script.walk_revisions() if rev.revision.startswith(f"{plugin}_"))
        # A new branch starts after the core's newest revision, so its tables may refer to any core table.
        core_head = script.get_revision("core@head")
        assert core_head is not None
        config.attributes["target_metadata"] = SQLModel.metadata if autogenerate else None
        config.attributes["table_prefix"] = f"{plugin}_"
        created = command.revision(
            config,
            message=message,
            autogenerate=autogenerate,
            head=f"{plugin}@head" if branch_exists else "base",
            branch_label=None if branch_exists else plugin,
            depends_on=None if branch_exists else core_head.revision,
            version_path=str(folder),
            rev_id=f"{plugin}_{existing + 1:04d}",
        )
        assert created is not None and not isinstance(created, list)
        return Path(created.path)

    path: Path = await _run(runtime, write)
    return path
