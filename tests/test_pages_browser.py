"""The citizen tracking page (``examples/pages/lacak``) in a real browser, against a live API.

Debian's Chromium, driven by Playwright (``tests/support/pages.py``), opens the static page
from its own origin (a small ``http.server`` on one port) and the page calls the API on another (a live uvicorn,
the page's origin allowed by ``CETTAR_CORS_ORIGINS``, events dispatched as in production).
Applications are submitted and moved through the workflow over the API as the citizen and
the officer do. The page must make no request outside those two origins and log no console
error. Screenshots are written to ``tests/artifacts/lacak-*.png`` (git-ignored).

Chromium comes from Debian (``apt-get install chromium``; ``make test`` installs it),
never from ``playwright install``, which downloads browsers from a CDN.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import quote

import pytest

from core import calendar
from core.identity.demo import DEMO_PASSWORD
from core.testkit.client import GraphQLClient
from core.testkit.plugin import TestApp
from plugins.layanan.tracking import new_tracking_number
from tests.service_families.support import (
    BUDI_NIK,
    SURABAYA_DESA,
    home_delivery,
    kk,
    move,
    nik,
    submit,
    submitted,
    years_before,
)
from tests.support.pages import (  # the fixtures page_origin and cettar_settings
    TIMEOUT_MS,
    Api,
    Browser,
    Watch,
    allow_page_origin,  # noqa: F401
    screenshot,
    serve_pages,  # noqa: F401
)
from tests.support.waiting import wait_until

#: A push must show well before the next poll (15 s) could have shown it.
PUSHED_WITHIN_MS = 8_000

pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah", "layanan", "adminduk"], dispatch_events=True)

OLD_KK = kk(years_before(calendar.today(), 6))
MOTHER = nik(years_before(calendar.today(), 33), female=True, sequence=7)
#: What warga.budi's application holds that no one holding the tracking number may see.
PERSONAL = (BUDI_NIK, MOTHER, OLD_KK, "Budi Santoso", "BUDI SANTOSO", "Mastrip", "081234500001", "+6281234500001")


def kk_answers() -> dict[str, Any]:
    return {
        "alasan": "kelahiran",
        "nomor_kk_lama": OLD_KK,
        "nik_kepala_keluarga": BUDI_NIK,
        "jumlah_anggota": 3,
        "nik_anggota": MOTHER,
        "alamat": "Jl. Mastrip No. 5",
        "rt": "3",
        "rw": "12",
        "kode_desa": SURABAYA_DESA,
    }


def page_url(page_origin: str, api: Api, number: str | None = None) -> str:
    url = f"{page_origin}/lacak/?api={quote(api.base + '/graphql', safe='')}"
    return url + (f"&nomor={quote(number)}" if number else "")


async def subscribers(cettar_app: TestApp, count: int) -> None:
    broker = cettar_app.runtime.broker
    await wait_until(lambda: broker.subscriber_count == count, timeout=10, what=f"{count} subscription(s)")


def pushed_statuses(watch: Watch) -> list[str]:
    return [
        frame["payload"]["data"]["applicationUpdated"]["application"]["status"]
        for frame in watch.frames_received
        if frame.get("type") == "next" and (frame["payload"].get("data") or {}).get("applicationUpdated")
    ]


# --- the tests --------------------------------------------------------------------------------


async def test_the_applicant_follows_an_application_live_and_no_one_else_sees_personal_data(
    gql: GraphQLClient, cettar_app: TestApp, cettar_backend: str, page_origin: str
) -> None:
    browser = Browser()  # fails, saying how to install, before anything else runs
    from playwright.async_api import expect

    budi = await gql.login("warga.budi")
    officer = await gql.login("petugas.surabaya")
    application = submitted(await submit(budi, "adminduk.kk", kk_answers(), delivery=home_delivery()))
    number = application["trackingNumber"]
    api = Api(cettar_app.app)
    async with browser.page(api, page_origin, width=1280, height=900) as (page, watch):
        await page.clock.install()  # timers run as usual; fast_forward() jumps to the next ping

        # (1) Anyone with the number: the public view, read over HTTP, nothing personal.
        response = await page.goto(page_url(page_origin, api, number))
        assert response is not None and response.status == 200
        status = page.locator("#status")
        await expect(status).to_have_text("Diajukan")
        await expect(page.get_by_role("heading", level=2, name=f"Permohonan {number}")).to_be_visible()
        await expect(page.locator("#layanan")).to_have_text("Kartu Keluarga (KK)")
        await expect(page.locator("#instansi")).to_contain_text("Kependudukan")
        await expect(page.locator("#batas")).not_to_be_empty()
        await expect(page.locator("#terlambat")).to_be_hidden()
        await expect(page.locator("#pengambilan")).to_have_text("Diantar ke alamat")
        await expect(page.locator("#kurir")).to_have_text("Disiapkan")
        await expect(page.locator("#riwayat li")).to_have_count(1)
        await expect(page.locator("#riwayat li")).to_contain_text("Diajukan")
        await expect(page.locator("#mode")).to_contain_text("setiap 15 detik")
        await expect(page.get_by_label("Nomor pelacakan")).to_have_value(number)
        html = await page.content()
        assert [secret for secret in PERSONAL if secret in html] == []
        assert watch.sockets == []  # without signing in: polling only
        first = watch.tracking_requests[0]
        assert first["body"]["variables"] == {"nomor": number}
        assert "application(" not in first["body"]["query"]  # the public query only
        assert "authorization" not in first["headers"]
        assert first["headers"]["accept-language"] == "id"
        await screenshot(page, f"lacak-public-{cettar_backend}.png")

        # (2) The applicant signs in on the page: the subscription pushes the officer's change.
        await page.get_by_label("Nama pengguna, e-mail atau nomor HP").fill("warga.budi")
        await page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
        await page.get_by_role("button", name="Masuk").click()
        await expect(page.locator("#masuk-sebagai")).to_contain_text("warga.budi")
        await expect(page.locator("#mode")).to_have_attribute("data-mode", "live")
        await subscribers(cettar_app, 1)
        token = await page.evaluate("sessionStorage.getItem('cettar.lacak.token')")
        assert token and token.startswith("cettar_")
        assert await page.evaluate("localStorage.length") == 0
        (socket_url,) = watch.sockets
        assert socket_url == api.base.replace("http", "ws", 1) + "/graphql" and token not in socket_url
        init = watch.frames_sent[0]
        assert init == {"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}
        assert watch.frames_sent[1]["type"] == "subscribe"
        assert watch.frames_sent[1]["payload"]["variables"] == {"nomor": number}
        assert "answers" not in watch.frames_sent[1]["payload"]["query"]
        polled = len(watch.tracking_requests)

        await move(officer, application["id"], "VERIFIED")
        await expect(status).to_have_text("Diverifikasi", timeout=PUSHED_WITHIN_MS)
        await expect(page.locator("#riwayat li")).to_have_count(2)
        await expect(page.locator("#pengumuman")).to_contain_text("berubah menjadi: Diverifikasi")
        assert len(watch.tracking_requests) == polled  # shown from the push, not by asking again
        assert pushed_statuses(watch) == ["VERIFIED"]
        await screenshot(page, f"lacak-live-{cettar_backend}.png")
        # The client pings the server every 20 s and the socket stays up while it answers.
        await page.clock.fast_forward(20_500)
        await wait_until(lambda: {"type": "pong"} in watch.frames_received, what="a pong")
        assert {"type": "ping"} in watch.frames_sent
        assert len(watch.sockets) == 1 and len(watch.tracking_requests) == polled

        # The API restarts: the socket drops, the page reconnects with backoff, asks once for
        # what it missed meanwhile, and pushes flow again.
        watch.outage = True
        await api.stop()
        await move(officer, application["id"], "IN_PROCESS")
        await api.start()
        await expect(status).to_have_text("Diproses", timeout=TIMEOUT_MS)
        await expect(page.locator("#mode")).to_have_attribute("data-mode", "live")
        await subscribers(cettar_app, 1)
        watch.outage = False
        assert len(watch.sockets) >= 2
        assert len(watch.tracking_requests) == polled + 1  # the one catch-up after reconnecting
        await move(officer, application["id"], "NEEDS_REVISION", reason="Scan KK lama tidak terbaca")
        await expect(status).to_have_text("Perlu perbaikan", timeout=PUSHED_WITHIN_MS)
        # The reason is the applicant's to read (the public view never shows it).
        await expect(page.locator("#alasan")).to_have_text("Scan KK lama tidak terbaca")
        assert pushed_statuses(watch)[-1] == "NEEDS_REVISION"
        assert len(watch.tracking_requests) == polled + 1

        # English, on a phone.
        await page.get_by_role("button", name="English", exact=True).click()
        await expect(page.get_by_role("heading", level=1)).to_have_text("Track a service application")
        await expect(status).to_have_text("Needs revision")
        await expect(page.locator("#layanan")).to_have_text("Family card (Kartu Keluarga)")
        assert await page.evaluate("document.documentElement.lang") == "en"
        await page.set_viewport_size({"width": 320, "height": 720})
        overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page is {overflow} px wider than a phone"
        await screenshot(page, f"lacak-phone-{cettar_backend}.png")

        # Signing out forgets the token, revokes it and goes back to polling.
        async with page.expect_response(lambda r: "logout" in (r.request.post_data or "")) as logout:
            await page.get_by_role("button", name="Sign out").click()
        assert (await (await logout.value).json())["data"] == {"logout": {"revoked": 1}}
        await expect(page.locator("#mode")).to_have_attribute("data-mode", "polling")
        await expect(page.locator("#alasan-blok")).to_be_hidden()
        assert await page.evaluate("sessionStorage.length") == 0
        await subscribers(cettar_app, 0)
        revoked = await gql.with_token(token).query("{ me { username } }")
        assert revoked.status == 401 and revoked.codes == ["INVALID_TOKEN"]
    print(f"console errors while the API was down (expected): {watch.tolerated}")
    watch.check()


async def test_unknown_and_mistyped_numbers_and_someone_else_s_application(
    gql: GraphQLClient, cettar_app: TestApp, cettar_backend: str, page_origin: str
) -> None:
    browser = Browser()  # fails, saying how to install, before anything else runs
    from playwright.async_api import expect

    budi = await gql.login("warga.budi")
    officer = await gql.login("petugas.surabaya")
    application = submitted(await submit(budi, "adminduk.kk", kk_answers()))
    number = application["trackingNumber"]
    unknown = new_tracking_number()
    first = number[4]
    mistyped = number[:4] + ("1" if first != "1" else "2") + number[5:]
    api = Api(cettar_app.app)
    async with browser.page(api, page_origin, width=390, height=844) as (page, watch):
        await page.clock.install()  # the 15-second poll, without waiting 15 seconds
        await page.goto(page_url(page_origin, api))
        message = page.locator("#pesan")
        number_field = page.get_by_label("Nomor pelacakan")
        track = page.get_by_role("button", name="Lacak")

        # (3) A number no application has: a clear message, nothing shown, nothing polled.
        await number_field.fill(unknown.lower())
        await track.click()
        await expect(message).to_contain_text(f"Nomor {unknown} tidak ditemukan")
        await expect(page.locator("#hasil")).to_be_hidden()
        await screenshot(page, f"lacak-unknown-{cettar_backend}.png")
        assert f"nomor={unknown.lower()}" in page.url
        # A mistyped character: the check character catches it.
        await number_field.fill(mistyped)
        await track.click()
        await expect(message).to_contain_text("tidak valid")
        await expect(page.locator("#hasil")).to_be_hidden()
        requests = len(watch.tracking_requests)
        await page.clock.fast_forward(16_000)
        await asyncio.sleep(0.3)
        assert len(watch.tracking_requests) == requests  # no polling of a number that is not there

        # Budi's number, typed loosely: found.
        await number_field.fill(" " + number.lower().replace("-", " ") + " ")
        await track.click()
        await expect(page.locator("#status")).to_have_text("Diajukan")
        await expect(message).to_be_hidden()
        await expect(page.locator("#pengambilan")).to_have_text("Diambil di loket")
        await expect(page.locator("#kurir-baris")).to_be_hidden()

        # Another citizen signs in: the subscription answers NOT_FOUND, the page says so and
        # keeps polling; no reason, no personal data.
        await page.get_by_label("Nama pengguna, e-mail atau nomor HP").fill("warga.siti")
        await page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
        await page.get_by_role("button", name="Masuk").click()
        await expect(message).to_contain_text("bukan milik akun yang sedang masuk")
        await expect(page.locator("#mode")).to_have_attribute("data-mode", "polling")
        refused = [f for f in watch.frames_received if f.get("type") in ("next", "error")]
        assert refused, watch.frames_received
        errors = refused[0]["payload"] if refused[0]["type"] == "error" else refused[0]["payload"]["errors"]
        assert [e["extensions"]["code"] for e in errors] == ["NOT_FOUND"]
        await subscribers(cettar_app, 0)

        # The officer verifies: the page shows it when its tab becomes visible again…
        await move(officer, application["id"], "VERIFIED")
        await page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
        await expect(page.locator("#status")).to_have_text("Diverifikasi")
        # … and at the next poll, 15 s later.
        await move(officer, application["id"], "NEEDS_REVISION", reason="Scan KK lama buram")
        await page.clock.fast_forward(15_500)
        await expect(page.locator("#status")).to_have_text("Perlu perbaikan")
        await expect(page.locator("#riwayat li")).to_have_count(3)
        await expect(page.locator("#alasan-blok")).to_be_hidden()
        html = await page.content()
        assert [secret for secret in (*PERSONAL, "buram") if secret in html] == []
        await screenshot(page, f"lacak-not-yours-{cettar_backend}.png")
    watch.check()


# --- WebSockets from the page's origin ---------------------------------------------------------


async def _handshake(base: str, origin: str) -> tuple[str | None, dict[str, Any] | None]:
    """Open ``/graphql`` as a page on ``origin`` would; the subprotocol and the answer to connection_init."""
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed, InvalidStatus
    from websockets.typing import Origin, Subprotocol

    url = base.replace("http", "ws", 1) + "/graphql"
    try:
        async with connect(
            url, origin=Origin(origin), subprotocols=[Subprotocol("graphql-transport-ws")], open_timeout=5
        ) as ws:
            await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
            try:
                return ws.subprotocol, json.loads(await asyncio.wait_for(ws.recv(), timeout=5))
            except ConnectionClosed as closed:
                return ws.subprotocol, {"closed": closed.rcvd.code if closed.rcvd else None}
    except InvalidStatus as refused:
        return None, {"status": refused.response.status_code}


async def test_a_page_on_another_origin_may_not_open_a_websocket(cettar_app: TestApp, page_origin: str) -> None:
    api = Api(cettar_app.app)
    await api.start()
    try:
        subprotocol, answer = await _handshake(api.base, "https://evil.example")
    finally:
        await api.stop()
    # Refused at the handshake (strawberry answers 403): a page elsewhere cannot act for a signed-in user.
    assert (subprotocol, answer) == (None, {"status": 403})


async def test_a_page_on_an_allowed_origin_may_open_a_websocket(cettar_app: TestApp, page_origin: str) -> None:
    api = Api(cettar_app.app)
    await api.start()
    try:
        subprotocol, answer = await _handshake(api.base, page_origin)
    finally:
        await api.stop()
    assert (subprotocol, answer) == ("graphql-transport-ws", {"type": "connection_ack"})
