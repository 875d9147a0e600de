"""Plugin migration branches: writing a revision from a plugin's tables."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core import migrate
from core.config import load_settings
from core.plugins import PluginMeta, hookimpl
from core.runtime import Runtime


class KebunBed(SQLModel, table=True):
    __tablename__ = "kebun_bed"

    id: int | None = Field(default=None, primary_key=True)
    label: str = Field(max_length=40)
    region_code: str = Field(foreign_key="core_region.code", max_length=13)


def kebun_plugin(folder):
    class Kebun:
        @hookimpl
        def cettar_plugin_meta(self) -> PluginMeta:
            return PluginMeta(name="kebun", version="1", title="Kebun")

        @hookimpl
        def cettar_migrations(self):
            return folder

    return Kebun()


async def test_db_revision_starts_a_branch_from_the_plugin_tables_and_applies(
    tmp_path, cettar_backend, cettar_database
):
    folder = tmp_path / "versions"
    runtime = Runtime.create(load_settings(database_url=cettar_database), extra_plugins=[kebun_plugin(folder)])
    try:
        path = await migrate.revision(runtime, "kebun", "garden beds")
        text = path.read_text()
        assert path.name.startswith("kebun_0001")
        assert "branch_labels" in text and "('kebun',)" in text
        assert "'kebun_bed'" in text
        assert "core_region" in text  # only as the foreign key target
        assert "create_table('core_" not in text  # other tables are not this plugin's
        await migrate.upgrade(runtime)
        applied, heads = await migrate.current_heads(runtime)
        assert applied == heads
        assert "kebun_0001" in heads
        async with runtime.database.engine.connect() as connection:
            columns = await connection.run_sync(
                lambda c: {col["name"] for col in sa.inspect(c).get_columns("kebun_bed")}
            )
        assert columns == {"id", "label", "region_code"}

        second = await migrate.revision(runtime, "kebun", "nothing yet", autogenerate=False)
        assert second.name.startswith("kebun_0002")
        assert "down_revision: str | Sequence[str] | None = 'kebun_0001'" in second.read_text()
    finally:
        await runtime.dispose()


async def test_a_database_migrated_by_an_uninstalled_plugin_gets_a_clear_error(
    tmp_path, cettar_backend, cettar_database
):

    folder = tmp_path / "versions"
    runtime = Runtime.create(load_settings(database_url=cettar_database), extra_plugins=[kebun_plugin(folder)])
    await migrate.revision(runtime, "kebun", "garden beds")
    await migrate.upgrade(runtime)
    await runtime.dispose()

    without = Runtime.create(load_settings(database_url=cettar_database))
    try:
        with pytest.raises(migrate.MigrationError, match=r"kebun_0001.*no longer installed"):
            await migrate.current_heads(without)
    finally:
        await without.dispose()


async def test_disabling_a_migrated_plugin_keeps_the_database_readable(tmp_path, cettar_backend, cettar_database):
    plugin = kebun_plugin(tmp_path / "versions")
    enabled = Runtime.create(load_settings(database_url=cettar_database), extra_plugins=[plugin])
    await migrate.revision(enabled, "kebun", "garden beds")
    await migrate.upgrade(enabled)
    await enabled.dispose()

    disabled = Runtime.create(
        load_settings(database_url=cettar_database, disable_plugins=["kebun"]), extra_plugins=[plugin]
    )
    try:
        applied, heads = await migrate.current_heads(disabled)
        assert applied == heads
        assert "kebun_0001" in heads
        await migrate.upgrade(disabled)  # nothing to do, and no "can't locate revision"
    finally:
        await disabled.dispose()
