"""The ``cettar`` command, run as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CETTAR = str(Path(sys.executable).with_name("cettar"))


def cettar(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CETTAR_")}
    environment.update({"COLUMNS": "200", **(env or {})})
    return subprocess.run([CETTAR, *args], capture_output=True, text=True, env=environment, cwd=cwd, timeout=120)


@pytest.fixture
def sqlite_env(tmp_path: Path) -> dict[str, str]:
    return {"CETTAR_DATABASE_URL": f"sqlite:///{tmp_path}/cli.db"}


def test_a_bad_setting_stops_the_start_with_one_line_naming_it(tmp_path):
    result = cettar("plugins", env={"CETTAR_ENV": "staging"}, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("cettar: CETTAR_ENV:")


def test_db_upgrade_current_and_seed_are_idempotent(sqlite_env, tmp_path):
    behind = cettar("db", "current", env=sqlite_env, cwd=tmp_path)
    assert behind.returncode == 1
    assert "cettar db upgrade" in behind.stdout
    assert cettar("db", "upgrade", env=sqlite_env, cwd=tmp_path).returncode == 0
    current = cettar("db", "current", env=sqlite_env, cwd=tmp_path)
    assert current.returncode == 0, current.stdout + current.stderr
    assert "core_0003" in current.stdout
    first = cettar("seed", env=sqlite_env, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "9199 regions" in first.stdout
    again = cettar("seed", env=sqlite_env, cwd=tmp_path)
    assert "0 regions and 0 agencies" in again.stdout


def test_demo_data_is_refused_in_production(sqlite_env, tmp_path):
    result = cettar("seed", "--demo", env={**sqlite_env, "CETTAR_ENV": "production"}, cwd=tmp_path)
    assert result.returncode == 2
    assert "refused in production" in result.stderr


def test_plugins_lists_every_plugin_with_hooks_and_contributions(tmp_path):
    result = cettar("plugins", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for expected in ("graphql", "wilayah", "system", "builtin", "regions", "schema"):
        assert expected in result.stdout


def test_schema_export_writes_the_live_sdl(tmp_path):
    target = tmp_path / "schema.graphql"
    result = cettar("schema", "export", "--output", str(target), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = target.read_text()
    assert "type Query" in text and "regions(" in text
    assert text == (Path(__file__).parents[1] / "schema" / "schema.graphql").read_text()


def test_a_failing_plugin_setting_names_the_plugin(tmp_path):
    result = cettar("plugins", env={"CETTAR_PLUGINS": "wilayah,tidak-ada"}, cwd=tmp_path)
    assert result.returncode == 2
    assert "CETTAR_PLUGINS: unknown plugin 'tidak-ada'" in result.stderr


def test_schema_diff_reports_breaking_changes_against_a_committed_sdl(tmp_path):
    committed = (Path(__file__).parents[1] / "schema" / "schema.graphql").read_text()
    same = cettar("schema", "diff", cwd=tmp_path)
    assert same.returncode == 0, same.stdout + same.stderr
    assert "no breaking or dangerous changes" in same.stdout

    older = tmp_path / "older.graphql"
    older.write_text(committed.replace("type Query {", "type Query {\n  retiredField: String\n", 1))
    result = cettar("schema", "diff", "--against", str(older), cwd=tmp_path)
    assert result.returncode == 1
    assert "BREAKING  FIELD_REMOVED: Field Query.retiredField was removed." in result.stdout


def test_accounts_create_admin_bootstraps_a_province_admin(sqlite_env, tmp_path):
    assert cettar("db", "upgrade", env=sqlite_env, cwd=tmp_path).returncode == 0
    assert cettar("seed", env=sqlite_env, cwd=tmp_path).returncode == 0
    args = ["accounts", "create-admin", "--username", "admin.pertama", "--name", "Admin Pertama"]
    bad = cettar(*args, "--nip", "123", "--agency", "diskominfo-jatim", env=sqlite_env, cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.startswith("cettar: nip: The NIP is not valid")
    unknown = cettar(*args, "--nip", "197507072000031009", "--agency", "nope", env=sqlite_env, cwd=tmp_path)
    assert unknown.returncode == 2 and "agency" in unknown.stderr
    created = cettar(*args, "--nip", "197507072000031009", "--agency", "diskominfo-jatim", env=sqlite_env, cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    code = created.stdout.strip().splitlines()[-1]
    assert code.startswith("cettar_") and "admin.pertama" in created.stdout
    verified = cettar("audit", "verify", env=sqlite_env, cwd=tmp_path)
    assert verified.returncode == 0 and "1 records" in verified.stdout  # officer.created, by the system
