"""GraphiQL for integrators, served entirely from CETTAR's own origin.

The page (a browser's GET of ``/graphql`` where GraphiQL is enabled) loads GraphiQL,
React and the explorer plugin from ``/graphiql/static/``: files vendored from npm into
``static/vendor/`` (see ``README.md`` here), never a CDN. Its Content-Security-Policy
allows scripts, styles and connections to this origin only. The tabs it opens are
:func:`schema.graphiql.examples.example_operations`: the examples plugins contribute with
``builder.example(...)``.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
import secrets
from pathlib import Path

from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.runtime import Runtime
from schema.graphiql.examples import ExampleOperation, example_operations

__all__ = [
    "STATIC_DIR",
    "STATIC_PATH",
    "ExampleOperation",
    "content_security_policy",
    "example_operations",
    "graphiql_page",
    "graphiql_routes",
]

STATIC_PATH = "/graphiql/static"
STATIC_DIR = Path(__file__).parent / "static"

#: The scripts and style sheets of the page, in load order, relative to STATIC_PATH.
STYLESHEETS = ("vendor/graphiql.min.css", "vendor/plugin-explorer.css", "cettar-graphiql.css")
SCRIPTS = (
    "vendor/react.production.min.js",
    "vendor/react-dom.production.min.js",
    "vendor/graphiql.min.js",
    "vendor/plugin-explorer.umd.js",
    "cettar-graphiql.js",
)

_HOST = re.compile(r"^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$")

PAGE = """<!doctype html>
<html lang="id">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <title>CETTAR · GraphiQL</title>
    <link rel="icon" type="image/svg+xml" href="{favicon}">
{stylesheets}
    <script id="cettar-graphiql-config" type="application/json">{config}</script>
  </head>
  <body>
    <div id="graphiql"><p class="cettar-loading">Memuat GraphiQL… · Loading GraphiQL…</p></div>
    <noscript>GraphiQL memerlukan JavaScript. · GraphiQL needs JavaScript.</noscript>
{scripts}
  </body>
</html>
"""


@functools.cache
def asset_version() -> str:
    """A short hash of every static file: the ``?v=`` that makes browsers reload changed assets."""
    digest = hashlib.sha256()
    for path in sorted(p for p in STATIC_DIR.rglob("*") if p.is_file()):
        digest.update(path.relative_to(STATIC_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def content_security_policy(request: Request, style_nonce: str) -> str:
    """Scripts, styles and connections from this origin only (WebSockets included:
    ``'self'`` does not cover ``ws:`` in every browser); no frames, forms or plugins.

    The one ``<style>`` element GraphiQL creates (react-remove-scroll locks the page's
    scrolling while a dialog is open) carries ``style_nonce``, a new one per response.
    """
    connect = ["'self'"]
    host = request.headers.get("host", "")
    if _HOST.match(host):
        connect += [f"ws://{host}", f"wss://{host}"]
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            f"style-src 'self' 'nonce-{style_nonce}'",
            f"connect-src {' '.join(connect)}",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


def _json_in_html(value: object) -> str:
    """JSON that cannot end the ``<script>`` element it is embedded in."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def graphiql_page(request: Request, runtime: Runtime) -> HTMLResponse:
    """The GraphiQL page with this runtime's example operations as tabs."""
    static = request.scope.get("root_path", "") + STATIC_PATH
    version = asset_version()

    def url(name: str) -> str:
        return html.escape(f"{static}/{name}?v={version}")

    style_nonce = secrets.token_urlsafe(18)
    config = {"tabs": [example.tab() for example in example_operations(runtime)], "styleNonce": style_nonce}
    page = PAGE.format(
        favicon=url("favicon.svg"),
        stylesheets="\n".join(f'    <link rel="stylesheet" href="{url(name)}">' for name in STYLESHEETS),
        config=_json_in_html(config),
        scripts="\n".join(f'    <script src="{url(name)}"></script>' for name in SCRIPTS),
    )
    return HTMLResponse(
        page,
        headers={
            "Content-Security-Policy": content_security_policy(request, style_nonce),
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store",
        },
    )


class _StaticAssets:
    """The vendored assets, compressed for browsers that accept gzip, never sniffed."""

    def __init__(self) -> None:
        self.app: ASGIApp = GZipMiddleware(StaticFiles(directory=STATIC_DIR))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_nosniff(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"x-content-type-options", b"nosniff")]
            await send(message)

        await self.app(scope, receive, send_nosniff)


def graphiql_routes(runtime: Runtime) -> list[BaseRoute]:
    """``/graphiql/static/…`` where GraphiQL is enabled; nothing otherwise."""
    if not runtime.settings.graphiql_enabled:
        return []
    return [Mount(STATIC_PATH, app=_StaticAssets(), name="graphiql-static")]
