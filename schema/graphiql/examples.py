"""Example operations that GraphiQL opens as tabs: the integrator's main tasks.

Plugins contribute them in their ``cettar_schema`` hook with
``builder.example(name, query, title_id=..., title_en=..., description_id=..., description_en=...)``
(:meth:`schema.builder.PluginSchemaBuilder.example`), which composes the opening comment
in Bahasa Indonesia (``ID:``) and English (``EN:``) and checks the operation. The build
keeps them, in plugin-name order, in ``runtime.state["graphiql_examples"]``; a disabled
plugin contributes none. ``tests/test_graphql.py`` runs every example (as the demo
account it names) and fails on any error, so they never go stale.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from graphql import GraphQLError, OperationDefinitionNode, parse

if TYPE_CHECKING:
    from core.runtime import Runtime

#: What the Headers pane of an example that needs a signed-in account starts with.
TOKEN_PLACEHOLDER = "<token>"
#: The widest comment line: the query editor is half the window wide.
COMMENT_WIDTH = 56
_INDENT = "#     "


@dataclasses.dataclass(frozen=True)
class ExampleOperation:
    """One GraphiQL tab. Its title is the operation's name, ``name``."""

    #: The plugin that contributed it.
    plugin: str
    #: The operation's name: the tab's title, unique across plugins.
    name: str
    #: The operation, opening with a comment in Bahasa Indonesia and English.
    query: str
    variables: dict[str, Any] | None = None
    #: The demo account that may run it (see the README). The Headers pane is prefilled
    #: with ``{"Authorization": "Bearer <token>"}`` and the test signs in as this account.
    sign_in_as: str | None = None
    #: The Variables pane where demo data is not allowed (production): placeholders
    #: such as ``<username>`` instead of a demo account. ``None`` keeps ``variables``.
    variables_without_demo_data: dict[str, Any] | None = None

    @property
    def headers(self) -> dict[str, str] | None:
        return {"Authorization": f"Bearer {TOKEN_PLACEHOLDER}"} if self.sign_in_as else None

    def without_demo_data(self) -> ExampleOperation:
        """This example where demo data is not allowed."""
        if self.variables_without_demo_data is None:
            return self
        return dataclasses.replace(self, variables=self.variables_without_demo_data)

    def tab(self) -> dict[str, str]:
        """GraphiQL's tab definition (``defaultTabs``): the editors' texts."""
        tab = {"query": self.query}
        if self.variables is not None:
            tab["variables"] = json.dumps(self.variables, indent=2, ensure_ascii=False)
        if self.headers is not None:
            tab["headers"] = json.dumps(self.headers, indent=2)
        return tab


def _comment(label: str, text: str) -> list[str]:
    """``# ID: …`` and its continuation lines: the text's own line breaks and
    indentation are kept; a line wider than :data:`COMMENT_WIDTH` is wrapped."""
    lines: list[str] = []
    width = COMMENT_WIDTH - len(_INDENT)
    for line in inspect.cleandoc(text).splitlines():
        indent = line[: len(line) - len(line.lstrip())]
        lines += textwrap.wrap(
            line.strip(),
            width=width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [""]
    first, *rest = lines
    return [f"# {label}: {first}".rstrip(), *(f"{_INDENT}{line}".rstrip() if line else "#" for line in rest)]


def make_example(
    plugin: str,
    name: str,
    query: str,
    *,
    title_id: str,
    title_en: str,
    description_id: str,
    description_en: str,
    variables: Mapping[str, Any] | None = None,
    sign_in_as: str | None = None,
    variables_without_demo_data: Mapping[str, Any] | None = None,
) -> ExampleOperation:
    """An example whose query opens with the bilingual comment; raises ``ValueError``
    when ``query`` is not one operation named ``name`` or a text is missing."""
    for label, value in (
        ("title_id", title_id),
        ("title_en", title_en),
        ("description_id", description_id),
        ("description_en", description_en),
    ):
        if not value.strip():
            raise ValueError(f"example {name!r}: {label} is empty")
        if label.startswith("title") and "\n" in value.strip():
            raise ValueError(f"example {name!r}: {label} must be one line")
    body = textwrap.dedent(query).strip()
    try:
        document = parse(body)
    except GraphQLError as exc:
        raise ValueError(f"example {name!r} does not parse: {exc.message}") from exc
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    names = [o.name.value if o.name else None for o in operations]
    if names != [name]:
        raise ValueError(f"example {name!r} must hold one operation named {name!r}, found {names}")
    header = [
        f"# {title_id.strip()} · {title_en.strip()}",
        "#",
        *_comment("ID", description_id),
        *_comment("EN", description_en),
    ]
    return ExampleOperation(
        plugin=plugin,
        name=name,
        query="\n".join([*header, body]) + "\n",
        variables=dict(variables) if variables is not None else None,
        sign_in_as=sign_in_as,
        variables_without_demo_data=(
            dict(variables_without_demo_data) if variables_without_demo_data is not None else None
        ),
    )


def example_operations(runtime: Runtime) -> list[ExampleOperation]:
    """The examples of this runtime's plugins, in plugin-name order (built with the
    schema). Where demo data is not allowed (production), an example shows its
    ``variables_without_demo_data``: a sign-in asks for a username and password."""
    # Imported here: schema.plugin serves the GraphiQL page, so it imports this package.
    from schema.plugin import build_schema

    build_schema(runtime)
    examples: list[ExampleOperation] = list(runtime.state["graphiql_examples"])
    if not runtime.settings.demo_data_allowed:
        examples = [example.without_demo_data() for example in examples]
    return examples
