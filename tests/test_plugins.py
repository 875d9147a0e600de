"""The plugin system: discovery, conflicts, misspelt hooks, failures, order, disabling."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import strawberry
from graphql import build_schema

from core.config import ConfigError, load_settings
from core.plugins import PluginLoadError, PluginMeta, hookimpl, load_plugins
from core.runtime import Runtime
from schema.plugin import SDL_PATH, sdl
from schema.plugin import build_schema as build_strawberry_schema

BUILTIN = {"load_entry_points": False}
BUILTIN_SCALARS = {"String", "Int", "Float", "Boolean", "ID"}


class FakePlugin:
    def __init__(self, name: str, contribute: Callable[[Any], None] | None = None, **meta: Any) -> None:
        self.name = name
        self.contribute = contribute
        self.meta = meta

    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name=self.name, version="1.0", title=self.name.title(), **self.meta)

    @hookimpl
    def cettar_schema(self, builder: Any) -> None:
        if self.contribute:
            self.contribute(builder)


def make_type(name: str) -> type:
    cls = type(name, (), {"__annotations__": {"label": str}})
    return strawberry.type(cls, name=name)


def field_returning(cls: type, field_name: str) -> Any:
    def resolver() -> Any:
        return cls(label="x")

    resolver.__annotations__["return"] = cls
    return strawberry.field(resolver=resolver, name=field_name)


def runtime_with(*plugins: object, **settings: Any) -> Runtime:
    return Runtime.create(load_settings(**{**BUILTIN, **settings}), extra_plugins=plugins)


def test_two_plugins_defining_the_same_type_stop_the_start_naming_both():
    alpha = FakePlugin("alpha", lambda b: b.query(field_returning(make_type("Desa"), "desaAlpha")))
    beta = FakePlugin("beta", lambda b: b.query(field_returning(make_type("Desa"), "desaBeta")))
    with pytest.raises(PluginLoadError) as caught:
        build_strawberry_schema(runtime_with(alpha, beta))
    message = str(caught.value)
    assert "'alpha'" in message and "'beta'" in message and "'Desa'" in message


def test_a_plugin_redefining_a_builtin_type_is_named_with_the_owner():
    rogue = FakePlugin("rogue", lambda b: b.types(make_type("Region")))
    with pytest.raises(PluginLoadError) as caught:
        build_strawberry_schema(runtime_with(rogue))
    assert "'rogue'" in str(caught.value) and "'wilayah'" in str(caught.value) and "'Region'" in str(caught.value)


def test_two_plugins_defining_the_same_root_field_stop_the_start_naming_both():
    one = make_type("Kartu")
    alpha = FakePlugin("alpha", lambda b: b.query(field_returning(one, "kartu")))
    beta = FakePlugin("beta", lambda b: b.query(field_returning(make_type("Kartu2"), "kartu")))
    with pytest.raises(PluginLoadError) as caught:
        build_strawberry_schema(runtime_with(alpha, beta))
    assert "'alpha'" in str(caught.value) and "'beta'" in str(caught.value) and "'kartu'" in str(caught.value)


def add_example(name: str, operation: str | None = None) -> Callable[[Any], None]:
    def contribute(builder: Any) -> None:
        builder.example(
            name,
            f"query {operation or name} {{ plugins {{ name }} }}",
            title_id="Plugin",
            title_en="Plugins",
            description_id="Daftar plugin.",
            description_en="The plugins.",
        )

    return contribute


def test_two_plugins_adding_an_example_of_one_name_stop_the_start_naming_both():
    alpha = FakePlugin("alpha", add_example("DaftarPlugin"))
    beta = FakePlugin("beta", add_example("DaftarPlugin"))
    with pytest.raises(PluginLoadError) as caught:
        build_strawberry_schema(runtime_with(alpha, beta))
    message = str(caught.value)
    assert "'alpha'" in message and "'beta'" in message and "'DaftarPlugin'" in message


def test_a_plugin_adding_a_builtin_example_name_is_named_with_the_owner():
    rogue = FakePlugin("rogue", add_example("KabupatenKota"))
    with pytest.raises(PluginLoadError) as caught:
        build_strawberry_schema(runtime_with(rogue))
    message = str(caught.value)
    assert "'rogue'" in message and "'wilayah'" in message and "'KabupatenKota'" in message


def test_an_example_whose_operation_has_another_name_stops_the_start_naming_the_plugin():
    sloppy = FakePlugin("sloppy", add_example("DaftarPlugin", operation="Plugins"))
    with pytest.raises(PluginLoadError) as caught:
        build_strawberry_schema(runtime_with(sloppy))
    message = str(caught.value)
    assert "'sloppy'" in message and "'DaftarPlugin'" in message and "'Plugins'" in message


def test_a_misspelt_hook_stops_the_start_naming_plugin_and_hook():
    class Misspelt(FakePlugin):
        @hookimpl
        def cettar_shema(self, builder: Any) -> None:  # the typo is the point
            pass

    with pytest.raises(PluginLoadError) as caught:
        runtime_with(Misspelt("typo"))
    assert "'typo'" in str(caught.value) and "cettar_shema" in str(caught.value)


def test_a_plugin_that_fails_to_import_stops_the_start_with_its_name(monkeypatch):
    class BrokenEntryPoint:
        name = "rusak"
        value = "rusak_plugin"

        def load(self) -> object:
            raise ImportError("No module named 'rusak_plugin'")

    monkeypatch.setattr("core.plugins.entry_points", lambda group: [BrokenEntryPoint()])
    with pytest.raises(PluginLoadError) as caught:
        load_plugins(load_settings(load_entry_points=True))
    assert "'rusak'" in str(caught.value) and "rusak_plugin" in str(caught.value)


def test_a_plugin_that_fails_while_registering_types_is_named():
    def explode(builder: Any) -> None:
        raise ValueError("bad field")

    with pytest.raises(PluginLoadError) as caught:
        build_strawberry_schema(runtime_with(FakePlugin("meledak", explode)))
    assert "'meledak'" in str(caught.value) and "bad field" in str(caught.value)


def test_a_plugin_requiring_a_disabled_plugin_is_refused():
    with pytest.raises(PluginLoadError, match="'needy' requires plugin 'wilayah'"):
        runtime_with(FakePlugin("needy", requires=("wilayah",)), plugins=["needy", "akun"])


def test_unknown_plugin_names_in_settings_are_refused():
    with pytest.raises(ConfigError, match="CETTAR_DISABLE_PLUGINS: unknown plugin 'nope'"):
        load_plugins(load_settings(disable_plugins=["nope"], **BUILTIN))


def test_plugin_settings_are_validated_at_start_naming_the_setting(monkeypatch):
    from pydantic_settings import BaseSettings

    class KlinikSettings(BaseSettings):
        max_sessions: int = 3

    monkeypatch.setenv("CETTAR_KLINIK_MAX_SESSIONS", "banyak")
    with pytest.raises(ConfigError, match="CETTAR_KLINIK_MAX_SESSIONS"):
        runtime_with(FakePlugin("klinik", settings=KlinikSettings))
    monkeypatch.setenv("CETTAR_KLINIK_MAX_SESSIONS", "7")
    runtime = runtime_with(FakePlugin("klinik", settings=KlinikSettings))
    assert runtime.plugins.get("klinik").settings.max_sessions == 7  # type: ignore[union-attr]


def test_the_sdl_does_not_depend_on_registration_order():
    def plugins() -> list[FakePlugin]:
        return [
            FakePlugin("zeta", lambda b: b.query(field_returning(make_type("Zeta"), "zeta"))),
            FakePlugin("alpha", lambda b: b.query(field_returning(make_type("Alpha"), "alpha"))),
        ]

    forward = sdl(runtime_with(*plugins()))
    backward = sdl(runtime_with(*reversed(plugins())))
    assert forward == backward


def _shape(text: str) -> dict[str, set[str]]:
    built = build_schema(text)
    return {
        name: set(getattr(t, "fields", None) or getattr(t, "values", None) or [])
        for name, t in built.type_map.items()
        if not name.startswith("__") and name not in BUILTIN_SCALARS
    }


def test_the_committed_sdl_equals_the_live_schema():
    assert SDL_PATH.read_text(encoding="utf-8") == sdl(runtime_with()), (
        "schema/schema.graphql is stale: run `cettar schema export` and commit it"
    )


async def test_plugins_query_lists_each_plugin_with_its_contributions(gql):
    data = await gql.execute("{ plugins { name version source hooks types queryFields tables examples } }")
    by_name = {p["name"]: p for p in data["plugins"]}
    assert by_name["graphql"]["source"] == "system"
    assert set(by_name["graphql"]["queryFields"]) == {"node", "nodes", "plugins"}
    assert by_name["graphql"]["examples"] == ["PluginPlatform"]
    assert by_name["wilayah"]["examples"] == ["KabupatenKota", "WilayahDanInstansi"]
    assert by_name["akun"]["examples"] == ["Masuk", "AkunSaya", "Petugas"]
    wilayah = by_name["wilayah"]
    assert wilayah["source"] == "builtin"
    assert {"region", "regions", "agency", "agencies"} <= set(wilayah["queryFields"])
    assert {"Region", "Agency", "RegionKind", "AgencyKind"} <= set(wilayah["types"])
    assert "cettar_schema" in wilayah["hooks"]
    assert [p["name"] for p in data["plugins"]] == sorted(by_name)
