"""The GraphQL layer, registered as the system plugin ``graphql``."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import click
import strawberry
from graphql import build_ast_schema, parse
from graphql.utilities import find_breaking_changes, find_dangerous_changes
from starlette.routing import BaseRoute, Route, WebSocketRoute
from strawberry.schema.config import StrawberryConfig

from core.plugins import PluginMeta, hookimpl
from core.runtime import Runtime
from schema.builder import PluginSchemaBuilder, SchemaBuilder
from schema.connection import PageInfo
from schema.execution import CettarSchema, schema_extensions
from schema.federation import FederatedSchema, declare_platform, shared_platform
from schema.graphiql import graphiql_routes
from schema.http import GraphQLView
from schema.node import Node
from schema.platform import Plugin, node, nodes, plugins
from schema.scalars import SCALARS

SDL_PATH = Path(__file__).parent / "schema.graphql"


@hookimpl
def cettar_plugin_meta() -> PluginMeta:
    return PluginMeta(
        name="graphql",
        version="0.1.0",
        title="GraphQL layer",
        description="Composes every plugin's types and fields into one schema and serves /graphql.",
        system=True,
    )


@hookimpl
def cettar_schema(builder: PluginSchemaBuilder) -> None:
    builder.query(node, nodes, plugins)
    builder.types(Node, PageInfo, Plugin)
    declare_platform(builder)
    builder.example(
        "PluginPlatform",
        """
        query PluginPlatform {
          plugins {
            name
            version
            title
            source
            queryFields
            mutationFields
            tables
          }
        }
        """,
        title_id="Plugin",
        title_en="Plugins",
        description_id="""
            Setiap fitur CETTAR adalah plugin. Daftar ini
            menunjukkan sumbangan masing-masing: field query
            dan mutation, serta tabel.
        """,
        description_en="""
            Every CETTAR feature is a plugin. This shows what
            each contributes: query and mutation fields, and
            tables.
        """,
    )


def build_schema(runtime: Runtime) -> strawberry.Schema:
    """The schema of this runtime's plugins, built once and kept in ``runtime.state``."""
    if "schema" in runtime.state:
        return runtime.state["schema"]  # type: ignore[no-any-return]
    started = time.perf_counter()
    builder = SchemaBuilder(runtime.plugins)
    query = builder.root_type("query")
    assert query is not None
    parts: dict[str, Any] = {
        "query": query,
        "mutation": builder.root_type("mutation"),
        "subscription": builder.root_type("subscription"),
        "types": builder.extra_types(),
        "extensions": schema_extensions(runtime),
        "config": StrawberryConfig(scalar_map=SCALARS),
    }
    schema = (
        FederatedSchema(
            entities=builder.parts.entities,
            federation=builder.parts.federation,
            federation_fields=builder.parts.federation_fields,
            shared=shared_platform(builder.parts, runtime.settings.federation_shared, parts["config"]),
            **parts,
        )
        if runtime.settings.federation
        else CettarSchema(**parts)
    )
    runtime.state.update(
        schema=schema,
        node_types=builder.parts.nodes,
        owner_of_root_field=builder.owner_of_root_field,
        graphiql_examples=builder.examples(),
        schema_build_seconds=time.perf_counter() - started,
    )
    return schema


def sdl(runtime: Runtime) -> str:
    """The SDL of the runtime's schema; a subgraph's as a gateway composes it (``_service { sdl }``)."""
    schema = build_schema(runtime)
    text = schema.subgraph_sdl() if isinstance(schema, FederatedSchema) else schema.as_str()
    return text.rstrip() + "\n"


@hookimpl
def cettar_routes(runtime: Runtime) -> list[BaseRoute]:
    view = GraphQLView(build_schema(runtime), runtime)
    return [
        Route("/graphql", view, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", view),
        *graphiql_routes(runtime),
    ]


@hookimpl
def cettar_cli(cli: click.Group) -> None:
    @cli.group("schema")
    def schema_group() -> None:
        """The GraphQL schema."""

    @schema_group.command("export")
    @click.option(
        "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=SDL_PATH, show_default=True
    )
    @click.option(
        "--installed/--builtin",
        default=False,
        help="Include entry-point plugins (default: built-in plugins only, as committed).",
    )
    @click.pass_context
    def export(ctx: click.Context, output: Path, installed: bool) -> None:
        """Write the SDL of the schema to a file (``-`` for standard output)."""
        runtime = ctx.obj.runtime(load_entry_points=installed)
        text = sdl(runtime)
        if str(output) == "-":
            click.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8")
            click.echo(f"wrote {output} ({len(text.splitlines())} lines)")

    @schema_group.command("diff")
    @click.option(
        "--against", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=SDL_PATH, show_default=True
    )
    @click.option("--installed/--builtin", default=False, help="Include entry-point plugins in the live schema.")
    @click.pass_context
    def diff(ctx: click.Context, against: Path, installed: bool) -> None:
        """Compare the live schema with a committed SDL; exit 1 on a breaking change."""
        runtime = ctx.obj.runtime(load_entry_points=installed)
        breaking, dangerous = compare(against.read_text(encoding="utf-8"), sdl(runtime))
        for change in breaking:
            click.echo(f"BREAKING  {change}")
        for change in dangerous:
            click.echo(f"DANGEROUS {change}")
        if not breaking and not dangerous:
            click.echo(f"no breaking or dangerous changes against {against}")
        if breaking:
            ctx.exit(1)


def compare(old_sdl: str, new_sdl: str) -> tuple[list[str], list[str]]:
    """Breaking and dangerous changes from ``old_sdl`` to ``new_sdl`` (graphql-core's rules)."""
    old, new = build_ast_schema(parse(old_sdl)), build_ast_schema(parse(new_sdl))
    breaking = [f"{c.type.name}: {c.description}" for c in find_breaking_changes(old, new)]
    dangerous = [f"{c.type.name}: {c.description}" for c in find_dangerous_changes(old, new)]
    return breaking, dangerous
