"""What the browser tests of the static pages (``examples/pages``) share.

Debian's Chromium, driven by Playwright, opens a page from its own origin (``examples/pages``
served by a small ``http.server`` on one port, as ``python -m http.server -d examples/pages``
does) and the page calls the API on another (a live uvicorn, the page's origin allowed by
``CETTAR_CORS_ORIGINS``). ``Watch`` refuses requests outside those two origins and collects
console errors. A test module gets the fixtures ``page_origin`` and ``cettar_settings`` (the
test kit's, with the page's origin allowed) by importing ``serve_pages`` and ``allow_page_origin``.

Chromium comes from Debian (``apt-get install chromium``; ``make test`` installs it),
never from ``playwright install``, which downloads browsers from a CDN.
"""

from __future__ import annotations

import asyncio
import functools
import json
import os
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn

from core.config import Settings
from tests.support.live import free_port
from tests.support.waiting import wait_until

ROOT = Path(__file__).resolve().parent.parent.parent
PAGES = ROOT / "examples" / "pages"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
TIMEOUT_MS = 20_000


# --- the browser -----------------------------------------------------------------------------


def chromium() -> str:
    """The Chromium to drive; fails (never skips) saying how to install it."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}; the browser tests need it. "
            "Install Debian's package: `apt-get install chromium` (`make test` does it). "
            "Do not run `playwright install`: it downloads browsers from a CDN.",
            pytrace=False,
        )
    return str(CHROMIUM)


def playwright() -> Any:
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        pytest.fail("Playwright is not installed: pip install -e '.[dev]' (`make test` does it)", pytrace=False)
    return async_playwright()


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    scheme = {"ws": "http", "wss": "https"}.get(parts.scheme, parts.scheme)
    return f"{scheme}://{parts.netloc}"


class Watch:
    """What a page asked for, sent and complained about; requests to other origins are refused.

    During a declared API outage (``outage``), the browser's own reports of connections the
    API refused are expected; any other console error fails the test.
    """

    def __init__(self, *origins: str) -> None:
        self.origins = set(origins)
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.console_errors: list[str] = []
        self.tolerated: list[str] = []
        self.outage = False
        self.tracking_requests: list[dict[str, Any]] = []
        self.sockets: list[str] = []
        self.frames_sent: list[dict[str, Any]] = []
        self.frames_received: list[dict[str, Any]] = []

    async def attach(self, page: Any) -> None:
        async def guard(route: Any) -> None:
            url = route.request.url
            if url.startswith("data:") or origin_of(url) in self.origins:
                await route.continue_()
            else:
                self.outside.append(url)
                await route.abort()

        await page.route("**/*", guard)
        page.on("request", self._request)
        page.on("websocket", self._socket)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))

    def _request(self, request: Any) -> None:
        self.requests.append(request.url)
        body = request.post_data or ""
        if request.method == "POST" and "trackApplication" in body:
            self.tracking_requests.append({"body": json.loads(body), "headers": request.headers})

    def _socket(self, socket: Any) -> None:
        self.sockets.append(socket.url)
        self.requests.append(socket.url)
        socket.on("framesent", lambda payload: self.frames_sent.append(json.loads(payload)))
        socket.on("framereceived", lambda payload: self.frames_received.append(json.loads(payload)))

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self._console_error(message.text)

    def _console_error(self, text: str) -> None:
        refused = "ERR_CONNECTION_REFUSED" in text or ("WebSocket connection to" in text and "failed" in text)
        (self.tolerated if self.outage and refused else self.console_errors).append(text)

    def check(self) -> None:
        assert self.outside == [], f"requests outside {self.origins}: {self.outside}"
        network = [url for url in self.requests if not url.startswith(("data:", "blob:"))]
        assert all(origin_of(url) in self.origins for url in network), network
        assert self.console_errors == [], f"console errors: {self.console_errors}"


async def screenshot(page: Any, name: str, *, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    await page.screenshot(path=str(path), full_page=full_page)
    print(f"screenshot: {path}")
    return path


# --- the two servers --------------------------------------------------------------------------


class QuietPages(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".css": "text/css"}

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module", name="page_origin")
def serve_pages() -> Iterator[str]:
    """``examples/pages`` served as static files, as ``python -m http.server -d examples/pages`` does."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietPages, directory=str(PAGES)))
    thread = threading.Thread(target=server.serve_forever, name="pages", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(name="cettar_settings")
def allow_page_origin(cettar_settings: Settings, page_origin: str) -> Settings:
    """The test kit's settings, with the page's origin allowed to call the API (CETTAR_CORS_ORIGINS)."""
    return cettar_settings.model_copy(update={"cors_origins": [page_origin]})


class Api:
    """The test app on a real uvicorn on a fixed port, which can be stopped and started again."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.port = free_port()
        self.server: uvicorn.Server | None = None
        self.serving: asyncio.Task[None] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, lifespan="off", log_level="warning")
        server = self.server = uvicorn.Server(config)
        serving = self.serving = asyncio.create_task(server.serve())
        await wait_until(lambda: server.started or serving.done(), timeout=20, what="API start")
        assert server.started, f"the API did not start on port {self.port}"

    async def stop(self) -> None:
        if self.server is not None and self.serving is not None:
            self.server.should_exit = True
            await self.serving
            self.server = self.serving = None


class Browser:
    """Debian's Chromium under Playwright. Made first in a test: it fails (never skips), saying how to
    install either, before anything else runs."""

    def __init__(self) -> None:
        self.executable = chromium()
        self.launcher = playwright()

    @asynccontextmanager
    async def page(self, api: Api, page_origin: str, *, width: int, height: int) -> AsyncIterator[tuple[Any, Watch]]:
        """A page of ``width`` x ``height`` px (actions time out after ``TIMEOUT_MS``) and its ``Watch``,
        with ``api`` started; the browser is closed and the API stopped after."""
        await api.start()
        try:
            async with self.launcher as pw:
                browser = await pw.chromium.launch(executable_path=self.executable, args=["--disable-dev-shm-usage"])
                try:
                    page = await browser.new_page(viewport={"width": width, "height": height})
                    page.set_default_timeout(TIMEOUT_MS)
                    watch = Watch(page_origin, api.base)
                    await watch.attach(page)
                    yield page, watch
                finally:
                    await browser.close()
        finally:
            await api.stop()
