"""The CETTAR dashboard page (``examples/pages/dasbor``) in a real browser, against a live API.

As for the tracking page (``tests/test_pages_browser.py``; the browser, servers and watcher are
``tests/support/pages.py``): Debian's Chromium, driven by Playwright, opens the static page from
its own origin and the page calls a live uvicorn on another, allowed by ``CETTAR_CORS_ORIGINS``.
The scorecard's rows are stored with the kinerja tests' builders at known moments of
July-September 2025 (WIB), so every figure the page shows is worked out by hand below. The page must make no request outside
the two origins, send no token and log no console error. Screenshots: ``tests/artifacts/dasbor-*.png``.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

import pytest

from core.runtime import Runtime
from core.services import Delivery
from core.testkit.client import GraphQLClient
from core.testkit.plugin import TestApp
from tests.kinerja.support import MARK, Change, add_application_row, add_complaint_row, wib_moment
from tests.support.pages import (  # the fixtures page_origin and cettar_settings
    Api,
    Browser,
    allow_page_origin,  # noqa: F401
    screenshot,
    serve_pages,  # noqa: F401
)

pytestmark = MARK

A = "dispendukcapil-3578"  # the agency the user picks (Kota Surabaya, 35.78)
A_NAME = "Dinas Kependudukan dan Pencatatan Sipil Kota Surabaya"
B = "dinkes-3578"  # another agency of Kota Surabaya, for the ranking
B_NAME = "Dinas Kesehatan Kota Surabaya"
OFFICER, CITIZEN = "petugas.surabaya", "warga.budi"
MEASURES = ("cepat", "efektif", "tanggap", "transparan", "akuntabel", "responsif")
MONTHS = ("2025-07", "2025-08", "2025-09")
DASH = "\u2013"  # what the page shows for nothing to measure


def at(month: int, day: int, hour: int = 12) -> datetime:
    return wib_moment(date(2025, month, day), hour)


def chain(*steps: tuple[datetime, str, str | None]) -> tuple[Change, ...]:
    return tuple(Change(moment, to, actor) for moment, to, actor in steps)


async def seed(runtime: Runtime) -> None:
    """Applications and a complaint of A (and one application of B) with known figures.

    No holiday falls on a weekday of July-August 2025. Per month, for A:

    * July: a1 on time (closed 3 Jul, due 4 Jul; 2 working days), a2 late (closed 14 Jul, due 10 Jul;
      5 working days), delivered home after one revision. Cepat 1/2, median 3.5 days; Efektif 1/2,
      visits avoided (1 + 0) + (1 + 1) + 1 = 4. a2's last entry starts from READY though a2 was
      VERIFIED, and has no actor: Transparan 1/2; Akuntabel 5 + 2 recorded of 5 + 3 = 7/8.
    * August: a3, a4, a5 on time, 2 working days each, a4 delivered home: Cepat 3/3, Efektif 1/3,
      visits 3 + 1 = 4, Transparan 3/3, 4 + 3 + 3 = 10 changes all recorded. The complaint c1 to A
      (filed Tue 5 Aug 10:00, verified and disposed to A on 6 Aug 10:00, followed up 8 Aug): verified
      in 3 working days 1/1, followed up in 5 working days 1/1 (Tanggap 2/2), first response after
      24 hours; its 3 steps are recorded: Akuntabel 13/13.
    * September: nothing.

    The period: Cepat 4/5 (median of 2, 5, 2, 2, 2 = 2 days), Efektif 2/5 (8 visits avoided),
    Tanggap 1/1 and 1/1, Transparan 4/5 (no complaint closed), Akuntabel 20/21, no survey.
    B, August: one application on time, picked up, complete and recorded: Cepat, Transparan and
    Akuntabel 100 %, Efektif 0 %, no complaint. So in Kota Surabaya A ranks 2nd by Cepat,
    Transparan and Akuntabel (B 1st), 1st by Efektif (40 % to B's 0 %) and by Tanggap (B has none),
    and has no rank by Responsif.
    """
    await add_application_row(
        runtime,
        agency_code=A,
        submitted=at(7, 1, 9),
        due=date(2025, 7, 4),
        closed=at(7, 3, 10),
        status="picked_up",
        timeline=chain(
            (at(7, 1, 9), "submitted", CITIZEN),
            (at(7, 1, 10), "verified", OFFICER),
            (at(7, 2, 10), "in_process", OFFICER),
            (at(7, 3, 9), "ready", OFFICER),
            (at(7, 3, 10), "picked_up", OFFICER),
        ),
    )
    await add_application_row(
        runtime,
        agency_code=A,
        submitted=at(7, 7, 9),
        due=date(2025, 7, 10),
        closed=at(7, 14, 10),
        status="delivered",
        delivery=Delivery.HOME_DELIVERY,
        revisions=1,
        timeline=(
            Change(at(7, 7, 9), "submitted", CITIZEN),
            Change(at(7, 8, 10), "verified", OFFICER),
            Change(at(7, 14, 10), "delivered", None, source="ready"),
        ),
    )
    for day, delivery in ((4, Delivery.PICKUP), (11, Delivery.HOME_DELIVERY), (19, Delivery.PICKUP)):
        status = "delivered" if delivery is Delivery.HOME_DELIVERY else "picked_up"
        steps = [(at(8, day, 9), "submitted", CITIZEN), (at(8, day + 1, 10), "verified", OFFICER)]
        if day == 4:
            steps.append((at(8, day + 2, 9), "ready", OFFICER))
        steps.append((at(8, day + 2, 10), status, OFFICER))
        await add_application_row(
            runtime,
            agency_code=A,
            submitted=at(8, day, 9),
            due=date(2025, 8, day + 3),
            closed=at(8, day + 2, 10),
            status=status,
            delivery=delivery,
            timeline=chain(*steps),
        )
    await add_complaint_row(
        runtime,
        unit_code=A,
        agency_code=A,
        filed=at(8, 5, 10),
        answered=at(8, 6, 10),
        status="in_progress",
        dispositions=((at(8, 6, 10), A),),
        steps=(
            Change(at(8, 5, 10), "submitted", action="filed", actor_kind="reporter"),
            Change(at(8, 6, 10), "disposed", OFFICER, action="verified"),
            Change(at(8, 8, 10), "in_progress", OFFICER, reason="Ditinjau", action="followed_up"),
        ),
    )
    await add_application_row(
        runtime,
        agency_code=B,
        submitted=at(8, 4, 9),
        due=date(2025, 8, 7),
        closed=at(8, 5, 10),
        status="picked_up",
        timeline=chain(
            (at(8, 4, 9), "submitted", CITIZEN),
            (at(8, 4, 10), "verified", OFFICER),
            (at(8, 5, 10), "picked_up", OFFICER),
        ),
    )


#: What the month table shows for A, in Bahasa Indonesia (a dash: nothing to measure that month).
TABLE_ID = {
    "2025-07": ["50,0% (1/2)", "50,0% (1/2)", DASH, "50,0% (1/2)", "87,5% (7/8)", DASH],
    "2025-08": ["100,0% (3/3)", "33,3% (1/3)", "100,0% (2/2)", "100,0% (3/3)", "100,0% (13/13)", DASH],
    "2025-09": [DASH] * 6,
}
#: The months each chart draws a bar for (the others get a dash).
BARS = {
    "cepat": {"2025-07": 0.5, "2025-08": 1.0},
    "efektif": {"2025-07": 0.5, "2025-08": 1 / 3},
    "tanggap": {"2025-08": 1.0},
    "transparan": {"2025-07": 0.5, "2025-08": 1.0},
    "akuntabel": {"2025-07": 7 / 8, "2025-08": 1.0},
    "responsif": {},
}
#: The period's values under each measure's headline.
DETAILS = {
    "cepat.onTime": "80,0% (4/5)",
    "cepat.medianWorkingDays": "2",
    "efektif.withoutCounterVisit": "40,0% (2/5)",
    "efektif.officeVisitsAvoided": "8",
    "tanggap.verifiedInTime": "100,0% (1/1)",
    "tanggap.followedUpInTime": "100,0% (1/1)",
    "tanggap.medianHoursToFirstResponse": "24",
    "transparan.applications": "80,0% (4/5)",
    "transparan.complaints": DASH,
    "transparan.overall": "80,0% (4/5)",
    "akuntabel.transitions": "95,2% (20/21)",
    "responsif.respondentsLabel": "0",
    "responsif.indexLabel": DASH,
}


def page_url(page_origin: str, api: Api, **query: str) -> str:
    extra = "".join(f"&{key}={quote(value)}" for key, value in query.items())
    return f"{page_origin}/dasbor/?api={quote(api.base + '/graphql', safe='')}{extra}"


class Calls:
    """The operations the page sent to the API, with their headers."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    def attach(self, page: Any, api: Api) -> None:
        def record(request: Any) -> None:
            if request.url.startswith(api.base) and request.method == "POST":
                self.sent.append({"body": json.loads(request.post_data or "{}"), "headers": request.headers})

        page.on("request", record)

    def check_public(self) -> None:
        assert self.sent, "the page asked the API nothing"
        for call in self.sent:
            assert "authorization" not in call["headers"], call
            assert "mutation" not in call["body"]["query"], call["body"]["query"]


async def ranking_size(gql: GraphQLClient, region: str) -> int:
    data = await gql.execute(
        """query($period: PeriodInput!, $region: String) {
          cettarAgencyRanking(period: $period, regionCode: $region, measure: CEPAT, first: 1) { totalCount }
        }""",
        {"period": {"start": "2025-07-01", "end": "2025-09-30"}, "region": region},
    )
    return int(data["cettarAgencyRanking"]["totalCount"])


async def bar_heights(page: Any, measure: str) -> dict[str, float]:
    """Each drawn bar's height as a share of the plot's height, by month."""
    result: dict[str, float] = await page.evaluate(
        """(measure) => {
          const svg = document.getElementById(`grafik-${measure}`);
          const plot = Number(svg.dataset.tinggiPlot);
          const out = {};
          for (const bar of svg.querySelectorAll("g.bulan rect.batang")) {
            out[bar.parentElement.dataset.bulan] = Number(bar.getAttribute("height")) / plot;
          }
          return out;
        }""",
        measure,
    )
    return result


# --- the tests --------------------------------------------------------------------------------


async def test_an_agency_s_scorecard_month_by_month(
    gql: GraphQLClient, cettar_app: TestApp, cettar_backend: str, page_origin: str
) -> None:
    browser = Browser()  # fails, saying how to install, before anything else runs
    from playwright.async_api import expect

    await seed(cettar_app.runtime)
    surabaya = await ranking_size(gql, "35.78")
    api = Api(cettar_app.app)
    async with browser.page(api, page_origin, width=1280, height=900) as (page, watch):
        calls = Calls()
        calls.attach(page, api)
        response = await page.goto(page_url(page_origin, api))
        assert response is not None and response.status == 200
        await expect(page.get_by_role("heading", level=1)).to_have_text("Dasbor kinerja CETTAR")

        # The user picks Kota Surabaya, then the agency among its agencies, then the months.
        region = page.get_by_label("Kabupaten/kota", exact=True)
        await expect(region.locator("option")).to_have_count(39)  # the province + 38 kabupaten/kota
        await region.select_option(label="Kota Surabaya")
        agency = page.get_by_label("Instansi", exact=True)
        await expect(agency.locator("option", has_text=A_NAME)).to_have_count(1)
        await agency.select_option(label=A_NAME)
        await page.get_by_label("Dari bulan", exact=True).fill("2025-07")
        await page.get_by_label("Sampai bulan", exact=True).fill("2025-09")
        await page.get_by_role("button", name="Tampilkan").click()

        await expect(page.get_by_role("heading", level=2)).to_have_text(A_NAME)
        await expect(page.locator("#hasil-periode")).to_contain_text(f"1 Juli 2025 {DASH} 30 September 2025")
        assert f"instansi={A}" in page.url and "dari=2025-07" in page.url and "sampai=2025-09" in page.url

        # The period's values, under their formulas.
        for key, value in DETAILS.items():
            await expect(page.locator(f'[data-rincian="{key}"]')).to_have_text(value)
        await expect(page.locator('[data-angka="cepat"]')).to_have_text("80,0% (4/5)")
        await expect(page.locator('[data-angka="tanggap"]')).to_have_text("100,0% (2/2)")
        await expect(page.locator('[data-angka="responsif"]')).to_have_text("Belum ada data")
        await expect(page.locator('[data-rincian="akuntabel.auditChain"]')).to_contain_text("Utuh")
        await expect(page.locator("#nilai-cepat .rumus")).to_contain_text("batas waktu")
        await expect(page.locator("#nilai-tanggap .rumus")).to_contain_text("hari kerja ke-3")

        # The table: one row per month, the headline of each measure.
        rows = page.locator("#tabel tbody tr")
        await expect(rows).to_have_count(3)
        for month, cells in TABLE_ID.items():
            row = page.locator(f'#tabel tbody tr[data-bulan="{month}"]')
            await expect(row.locator("td")).to_have_text(cells)
        await expect(rows.locator("th")).to_have_text(["Juli 2025", "Agustus 2025", "September 2025"])

        # The charts: one group per month, a bar where there is a value, its height the value.
        for measure in MEASURES:
            chart = page.locator(f"svg#grafik-{measure}")
            await expect(chart).to_have_attribute("role", "img")
            await expect(chart.locator("g.bulan")).to_have_count(len(MONTHS))
            await expect(chart.locator("rect.batang")).to_have_count(len(BARS[measure]))
            await expect(chart.locator("text.kosong")).to_have_count(len(MONTHS) - len(BARS[measure]))
            heights = await bar_heights(page, measure)
            assert heights == pytest.approx(BARS[measure], abs=1e-6), measure
        await expect(page.locator("svg#grafik-cepat desc")).to_contain_text("Juli 2025: 50,0% (1/2)")

        # The ranking among the agencies of Kota Surabaya.
        await expect(page.locator("#peringkat-judul")).to_have_text("Peringkat di Kota Surabaya")
        await expect(page.locator("#peringkat-intro")).to_contain_text(f"di antara {surabaya} instansi")
        expected_ranks = {
            "cepat": (f"2 dari {surabaya}", "80,0% (4/5)", f"{B_NAME} (100,0% (1/1))"),
            "efektif": (f"1 dari {surabaya}", "40,0% (2/5)", f"{A_NAME} (40,0% (2/5))"),
            "tanggap": (f"1 dari {surabaya}", "100,0% (2/2)", f"{A_NAME} (100,0% (2/2))"),
            "transparan": (f"2 dari {surabaya}", "80,0% (4/5)", f"{B_NAME} (100,0% (1/1))"),
            "akuntabel": (f"2 dari {surabaya}", "95,2% (20/21)", f"{B_NAME} (100,0% (3/3))"),
            "responsif": ("Tanpa peringkat", DASH, DASH),
        }
        for measure, cells in expected_ranks.items():
            await expect(page.locator(f"#peringkat-{measure} td")).to_have_text(list(cells))
        await expect(page.locator("#pengumuman")).to_contain_text(f"Menampilkan kinerja {A_NAME}")
        await screenshot(page, f"dasbor-{cettar_backend}.png")

        # Only the public API: no token, no mutation; Accept-Language as the page's language.
        calls.check_public()
        scorecards = [c for c in calls.sent if "cettarScorecard" in c["body"]["query"]]
        assert [c["body"]["variables"] for c in scorecards] == [
            {"periode": {"start": "2025-07-01", "end": "2025-09-30"}, "instansi": A}
        ]
        assert scorecards[0]["headers"]["accept-language"] == "id"

        # English, on a phone: the same figures, written the English way.
        await page.get_by_role("button", name="English", exact=True).click()
        await expect(page.get_by_role("heading", level=1)).to_have_text("CETTAR performance dashboard")
        assert await page.evaluate("document.documentElement.lang") == "en"
        await expect(page.locator('#tabel tbody tr[data-bulan="2025-07"] th')).to_have_text("July 2025")
        await expect(page.locator('#tabel tbody tr[data-bulan="2025-07"] td').first).to_have_text("50.0% (1/2)")
        await expect(page.locator('[data-rincian="akuntabel.transitions"]')).to_have_text("95.2% (20/21)")
        await expect(page.locator("#peringkat-cepat td").first).to_have_text(f"2 of {surabaya}")
        await expect(page.locator("#nilai-cepat .rumus")).to_contain_text("due date")
        assert "lang=en" in page.url
        await page.set_viewport_size({"width": 320, "height": 720})
        overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page is {overflow} px wider than a phone"
        await screenshot(page, f"dasbor-phone-{cettar_backend}.png")
    watch.check()


async def test_opened_from_its_address_and_what_it_refuses(
    cettar_app: TestApp, cettar_backend: str, page_origin: str
) -> None:
    browser = Browser()
    from playwright.async_api import expect

    await seed(cettar_app.runtime)
    api = Api(cettar_app.app)
    async with browser.page(api, page_origin, width=390, height=844) as (page, watch):
        # A shared address opens B's August at once, with the agency and the months chosen.
        await page.goto(page_url(page_origin, api, instansi=B, dari="2025-08", sampai="2025-08"))
        await expect(page.get_by_role("heading", level=2)).to_have_text(B_NAME)
        await expect(page.get_by_label("Kabupaten/kota", exact=True)).to_have_value("35.78")
        await expect(page.get_by_label("Instansi", exact=True)).to_have_value(B)
        await expect(page.locator("#tabel tbody tr")).to_have_count(1)
        await expect(page.locator('#tabel tbody tr[data-bulan="2025-08"] td')).to_have_text(
            ["100,0% (1/1)", "0,0% (0/1)", DASH, "100,0% (1/1)", "100,0% (3/3)", DASH]
        )
        for measure in MEASURES:
            await expect(page.locator(f"svg#grafik-{measure} g.bulan")).to_have_count(1)
        await expect(page.locator("svg#grafik-efektif rect.batang")).to_have_attribute("height", "0")
        await expect(page.locator("#peringkat-cepat td").first).to_contain_text("1 dari")

        # The last month before the first: refused on the page, nothing asked.
        await page.get_by_label("Dari bulan", exact=True).fill("2025-09")
        await page.get_by_role("button", name="Tampilkan").click()
        await expect(page.locator("#pesan")).to_have_text("Bulan akhir tidak boleh sebelum bulan awal.")
        await expect(page.get_by_label("Sampai bulan", exact=True)).to_be_focused()
        await screenshot(page, f"dasbor-refused-{cettar_backend}.png")

        # An agency code no agency has.
        await page.goto(page_url(page_origin, api, instansi="tidak-ada-9999"))
        await expect(page.locator("#pesan")).to_have_text("Instansi dengan kode tidak-ada-9999 tidak ditemukan.")
        await expect(page.locator("#hasil")).to_be_hidden()
        await expect(page.get_by_label("Kabupaten/kota", exact=True)).to_have_value("35")
        await expect(page.get_by_label("Instansi", exact=True).locator("option").first).to_have_text(
            "Badan Pendapatan Daerah Provinsi Jawa Timur"
        )
    watch.check()
