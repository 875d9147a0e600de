"""GraphiQL in a real browser: Debian's Chromium driven by Playwright, against a live server.

It runs the ``KabupatenKota`` tab with the run button, signs in with the ``Masuk`` tab
(Ctrl-Enter) and puts the token in the ``AkunSaya`` tab's Headers pane, as the docs tell
integrators to. The page must make no request outside the server's origin and log no
console error (a Content-Security-Policy violation is one). Screenshots are written to
``tests/artifacts/`` (git-ignored).

Chromium comes from Debian (``apt-get install chromium``; ``make test`` installs it),
never from ``playwright install``, which downloads browsers from a CDN.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from schema.graphiql.examples import TOKEN_PLACEHOLDER, example_operations
from tests.support.live import live_server
from tests.support.pages import chromium, playwright
from tests.test_graphql import BUILTIN_TABS

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
TIMEOUT_MS = 20_000

QUERY_EDITOR = ".graphiql-query-editor .CodeMirror"
RESULT = ".result-window"
# GraphiQL takes the operation to run from the query editor, which learns it 100 ms
# (debounced) after a tab's query is loaded: wait for it before running.
OPERATION_IS = "name => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.operationName === name"


class Watch:
    """What a page asked for and complained about; requests to other origins are refused."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.console_errors: list[str] = []

    async def attach(self, page: Any) -> None:
        async def guard(route: Any) -> None:
            url = route.request.url
            if url == self.origin or url.startswith(self.origin + "/"):
                await route.continue_()
            else:
                self.outside.append(url)
                await route.abort()

        await page.route("**/*", guard)
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("websocket", lambda socket: self.requests.append(socket.url))
        page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))

    def check(self) -> None:
        assert self.outside == [], f"requests outside {self.origin}: {self.outside}"
        network = [url for url in self.requests if not url.startswith(("data:", "blob:"))]
        assert all(url.startswith(self.origin + "/") for url in network), network
        assert self.console_errors == [], f"console errors: {self.console_errors}"


async def open_tab(page: Any, name: str) -> None:
    await page.locator(".graphiql-tab-button", has_text=name).click()
    await page.wait_for_function(OPERATION_IS, arg=name)


async def editor_text(locator: Any) -> str:
    return str(await locator.evaluate("element => element.CodeMirror.getValue()"))


async def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    await page.screenshot(path=str(path))
    print(f"screenshot: {path}")
    return path


async def test_graphiql_runs_the_examples_in_a_browser_from_our_own_origin(cettar_app, cettar_backend):
    from playwright.async_api import expect

    executable = chromium()
    async with live_server(cettar_app.app) as base, playwright() as pw:
        browser = await pw.chromium.launch(executable_path=executable, args=["--disable-dev-shm-usage"])
        try:
            page = await browser.new_page(viewport={"width": 1440, "height": 900})
            page.set_default_timeout(TIMEOUT_MS)
            watch = Watch(base)
            await watch.attach(page)

            response = await page.goto(base + "/graphql")
            assert response is not None and response.status == 200
            assert "script-src 'self'" in response.headers["content-security-policy"]
            tabs = page.locator(".graphiql-tab-button")
            expected = [example.name for example in example_operations(cettar_app.runtime)]
            await expect(tabs).to_have_count(len(expected))
            assert await tabs.all_inner_texts() == expected == BUILTIN_TABS

            # A query tab, with the run button.
            await page.wait_for_function(OPERATION_IS, arg=expected[0])
            await open_tab(page, "KabupatenKota")
            await page.locator(".graphiql-execute-button").click()
            await expect(page.locator(RESULT)).to_contain_text('"totalCount": 9')
            await expect(page.locator(RESULT)).to_contain_text('"name": "Surabaya"')
            await screenshot(page, f"graphiql-{cettar_backend}.png")

            # A dialog adds a <style> element (react-remove-scroll): allowed by the page's nonce only.
            await page.get_by_role("button", name="Open settings dialog").click()
            await expect(page.get_by_text("Persist headers")).to_be_visible()
            assert await page.locator("style").count() > 0
            await page.keyboard.press("Escape")
            await expect(page.get_by_text("Persist headers")).to_have_count(0)
            # The explorer plugin, vendored too.
            await page.get_by_role("button", name="Show GraphiQL Explorer").click()
            await expect(page.locator(".graphiql-explorer-root")).to_contain_text("regions")
            await page.get_by_role("button", name="Hide GraphiQL Explorer").click()

            # Sign in with Ctrl-Enter in the query editor.
            await open_tab(page, "Masuk")
            await page.locator(QUERY_EDITOR).click()
            await page.keyboard.press("Control+Enter")
            await expect(page.locator(RESULT)).to_contain_text('"token": "cettar_')
            token = json.loads(await editor_text(page.locator(f"{RESULT} .CodeMirror")))["data"]["login"]["token"]

            # Who am I: the Headers pane holds the placeholder; put the token in it.
            await open_tab(page, "AkunSaya")
            await page.locator(".graphiql-editor-tools button[data-name='headers']").click()
            headers = page.locator(".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror")
            assert json.loads(await editor_text(headers)) == {"Authorization": f"Bearer {TOKEN_PLACEHOLDER}"}
            await headers.click()
            await page.keyboard.press("Control+A")
            await page.keyboard.insert_text(json.dumps({"Authorization": f"Bearer {token}"}))
            await page.locator(".graphiql-execute-button").click()
            await expect(page.locator(RESULT)).to_contain_text('"username": "warga.budi"')
            await expect(page.locator(RESULT)).to_contain_text('"role": "CITIZEN"')
            await screenshot(page, f"graphiql-me-{cettar_backend}.png")
        finally:
            await browser.close()
    watch.check()


@pytest.mark.cettar(settings={"env": "production"})
async def test_production_serves_no_graphiql_to_a_browser(cettar_app):
    executable = chromium()
    async with live_server(cettar_app.app) as base, playwright() as pw:
        browser = await pw.chromium.launch(executable_path=executable, args=["--disable-dev-shm-usage"])
        try:
            page = await browser.new_page()
            response = await page.goto(base + "/graphql")
            assert response is not None and response.status == 404
            assert not response.headers["content-type"].startswith("text/html")
            assert await page.locator(".graphiql-container").count() == 0
            asset = await page.goto(base + "/graphiql/static/vendor/graphiql.min.js")
            assert asset is not None and asset.status == 404
        finally:
            await browser.close()
