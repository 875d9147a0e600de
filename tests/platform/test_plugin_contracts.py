"""What plugins give each other through the core: agencies, services, jobs, their own hooks."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from core.config import load_settings
from core.identity.models import Account
from core.jobs import Job, run_jobs
from core.notifications import NotificationRow, notify
from core.plugins import PluginLoadError, PluginMeta, hookimpl, hookspec
from core.regions.models import Agency, AgencyKind
from core.regions.seed import AgencySpec, plugin_agencies, seed_agencies
from core.runtime import Runtime
from core.services import Fee, ServiceDefinition

BUILTIN = {"load_entry_points": False, "plugins": ["akun", "wilayah"]}


def service(code: str) -> ServiceDefinition:
    return ServiceDefinition(
        code=code,
        name_id="Layanan uji",
        name_en="Test service",
        agency_code="diskominfo-jatim",
        description_id="Hanya untuk pengujian.",
        description_en="For tests only.",
        time_limit_days=3,
        fee=Fee(0, "tanpa biaya"),
        product_id="Surat",
        product_en="A letter",
        complaint_channel="LAPOR!",
        requirements=(),
        steps=(),
        form=(),
    )


class Contributor:
    """A plugin bringing an agency, services and jobs."""

    def __init__(self, name: str, *, services: list[str] = (), jobs: list[Job] = ()) -> None:  # type: ignore[assignment]
        self.name, self.services, self.jobs = name, list(services), list(jobs)

    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name=self.name, version="1.0", title=self.name)

    @hookimpl
    def cettar_agencies(self) -> list[AgencySpec]:
        return [AgencySpec("upt-uji-3578", "UPT Uji Kota Surabaya", AgencyKind.UNIT, "35.78", "diskominfo-3578")]

    @hookimpl
    def cettar_services(self) -> list[ServiceDefinition]:
        return [service(code) for code in self.services]

    @hookimpl
    def cettar_jobs(self) -> list[Job]:
        return self.jobs


def runtime(*plugins: object, **settings: Any) -> Runtime:
    names = [p.name for p in plugins]  # type: ignore[attr-defined]
    return Runtime.create(load_settings(**{**BUILTIN, "plugins": ["akun", "wilayah", *names], **settings}), plugins)


def test_services_are_registered_by_code_and_listed_with_their_plugin():
    built = runtime(Contributor("uji", services=["uji.b", "uji.a"]))
    assert [s.code for s in built.services.all()] == ["uji.a", "uji.b"]
    assert built.services.owner("uji.a") == "uji" and "uji.b" in built.services and len(built.services) == 2
    assert built.plugins.get("uji").contributions.services == ["uji.b", "uji.a"]


def test_two_plugins_registering_one_service_code_stop_the_start_naming_both():
    with pytest.raises(PluginLoadError) as caught:
        runtime(Contributor("satu", services=["sama.kode"]), Contributor("dua", services=["sama.kode"]))
    assert "'sama.kode'" in str(caught.value) and "'satu'" in str(caught.value) and "'dua'" in str(caught.value)


async def test_a_plugin_brings_its_agency_under_an_existing_parent(cettar_settings):
    built = Runtime.create(
        cettar_settings.model_copy(update={"plugins": ["akun", "wilayah", "uji"]}), [Contributor("uji")]
    )
    try:
        async with built.database.session() as session:
            assert await seed_agencies(session, plugin_agencies(built.plugins)) == 1
            assert await seed_agencies(session, plugin_agencies(built.plugins)) == 0, "idempotent"
            agency = (await session.execute(select(Agency).where(Agency.code == "upt-uji-3578"))).scalar_one()
            parent = (await session.execute(select(Agency).where(Agency.code == "diskominfo-3578"))).scalar_one()
        assert agency.parent_id == parent.id and agency.region_code == "35.78"
    finally:
        await built.dispose()


async def test_jobs_run_once_each_and_a_failing_job_does_not_stop_the_others(cettar_settings):
    async def read_everything(rt: Runtime, now: datetime) -> int:
        async with rt.database.session() as session:  # conditional: a second run changes nothing
            result = await session.execute(
                update(NotificationRow).where(NotificationRow.read_at.is_(None)).values(read_at=now)  # type: ignore[union-attr]
            )
            return int(result.rowcount)  # type: ignore[attr-defined]

    async def broken(rt: Runtime, now: datetime) -> int:
        raise RuntimeError("gateway down")

    jobs = [Job("uji.broken", "always fails", broken), Job("uji.read", "marks notifications read", read_everything)]
    built = Runtime.create(
        cettar_settings.model_copy(update={"plugins": ["akun", "wilayah", "uji"]}), [Contributor("uji", jobs=jobs)]
    )
    try:
        async with built.database.session() as session:
            budi = (await session.execute(select(Account.id).where(Account.username == "warga.budi"))).scalar_one()
            await notify(session, account_id=budi, kind="uji.x", title=("a", "b"), body=("c", "d"), source="uji")
        assert built.plugins.get("uji").contributions.jobs == ["uji.broken", "uji.read"]
        moment = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
        first = await run_jobs(built, now=moment)
        assert [(r.name, r.changed, r.error) for r in first] == [
            ("uji.broken", 0, "RuntimeError('gateway down')"),
            ("uji.read", 1, None),
        ]
        second = await run_jobs(built, only="uji.read", now=moment)
        assert [(r.name, r.changed) for r in second] == [("uji.read", 0)]
        with pytest.raises(KeyError):
            await run_jobs(built, only="uji.nothing")
    finally:
        await built.dispose()


def test_two_plugins_naming_one_job_stop_the_start():
    async def nothing(rt: Runtime, now: datetime) -> int:
        return 0

    with pytest.raises(PluginLoadError, match=r"'sama\.job'"):
        runtime(
            Contributor("satu", jobs=[Job("sama.job", "", nothing)]),
            Contributor("dua", jobs=[Job("sama.job", "", nothing)]),
        )


# -- a plugin offers its own hooks to the others ------------------------------------------------
offered = types.ModuleType("tests_offered_hooks")


@hookspec
def kalender_libur(year: int) -> list[str]:  # type: ignore[empty-body]
    """Extra local holidays a plugin knows of."""


offered.kalender_libur = kalender_libur  # type: ignore[attr-defined]


class Kalender:
    name = "kalender"

    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name="kalender", version="1.0", title="Kalender", hookspecs=offered)


class Gresik:
    name = "gresik"

    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name="gresik", version="1.0", title="Gresik")

    @hookimpl
    def kalender_libur(self, year: int) -> list[str]:
        return [f"{year}-03-09 Hari Jadi Kabupaten Gresik"]


class Optional_:
    name = "opsional"

    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name="opsional", version="1.0", title="Opsional")

    @hookimpl(optionalhook=True)
    def kalender_libur(self, year: int) -> list[str]:
        return []


def test_a_plugin_can_offer_hooks_that_other_plugins_implement():
    built = runtime(Kalender(), Gresik())
    assert built.plugins.call("kalender_libur", year=2027)[0][1] == ["2027-03-09 Hari Jadi Kabupaten Gresik"]
    assert "kalender_libur" in built.plugins.hook_names("gresik")


def test_implementing_an_offered_hook_needs_its_plugin_unless_the_implementation_is_optional():
    with pytest.raises(PluginLoadError, match="gresik"):
        runtime(Gresik())
    assert runtime(Optional_()).plugins.get("opsional")


def test_jobs_cli_lists_and_runs_and_names_an_unknown_job(tmp_path: Path):
    cettar = str(Path(sys.executable).with_name("cettar"))
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CETTAR_")}
    environment.update({"CETTAR_DATABASE_URL": f"sqlite:///{tmp_path}/jobs.db", "COLUMNS": "200"})

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [cettar, *args], capture_output=True, text=True, env=environment, cwd=tmp_path, timeout=120
        )

    assert run("db", "upgrade").returncode == 0
    listed = run("jobs", "list")
    assert listed.returncode == 0, listed.stderr
    ran = run("jobs", "run", "--now", "2026-12-01T09:00")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    unknown = run("jobs", "run", "--job", "tidak.ada")
    assert unknown.returncode == 2 and "tidak.ada" in unknown.stderr


def test_a_malformed_or_foreign_id_is_refused_naming_the_field_it_came_in():
    from core.errors import CettarError
    from schema import decode_int_id, encode_global_id

    for bad in ["%%%", "bm90LWEtcGFpcg", encode_global_id("Other", "5"), encode_global_id("Thing", "05")]:
        with pytest.raises(CettarError) as caught:
            decode_int_id(bad, "Thing", "input.thingId")
        assert (caught.value.code, caught.value.field) == ("INVALID_ID", "input.thingId")
    assert decode_int_id(encode_global_id("Thing", "5"), "Thing", "input.thingId") == 5
