"""What the kinerja figures cost as the data grows: the same queries over N and 10·N applications, side by side.

    .venv/bin/python benchmarks/kinerja.py [--applications 10000] [--factor 10] [--rounds 7]
        [--database-url postgresql://postgres@127.0.0.1:5432/test]

Builds two fresh databases (SQLite temp files by default; with a PostgreSQL URL, two throw-away
databases created next to the one named, on that server, and dropped at the end — the named
database itself is never touched), migrated and seeded like the test kit's template with every
built-in plugin, then loads ``cettar seed --synthetic`` volume into them: ``--applications`` N
into the small one and ``factor``·N into the large one (the same kernel function the command
runs, ``core.synthetic.seed_synthetic``, with one seed). The load time per 100,000 applications
is printed (each application brings its timeline, one complaint per ten applications with its
steps, and survey answers for about three in ten completed cases).

Then, through the real HTTP stack (``httpx.ASGITransport`` against ``core.app.create_app``,
signed in as ``admin.provinsi`` with a bearer token from the ``login`` mutation), it sends each
query to both databases alternately in one process, swapping the order every round, over the
last twelve months:

1. ``officerPerformance`` of the busiest officer (most applications assigned) of the busiest agency;
2. ``agencyOfficerPerformance(first: 25)`` of that agency (one aggregate statement per page);
3. ``cettarScorecard`` of that agency, and of the whole province (if the scorecard is there; its first
   request, which computes the facts of the period's closed applications, is also shown on its own);
4. ``{ __typename }`` (the floor: a signed-in request that reads nothing).

Figures are medians and the ratio large/small: 1 means the query's cost does not grow with the
data, ``factor`` that it grows linearly. No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from applications import Database, prepare  # the sibling benchmark's throw-away database
from sqlalchemy import text

from core.app import create_app
from core.calendar import today
from core.config import load_settings
from core.identity.demo import DEMO_PASSWORD
from core.runtime import Runtime
from core.synthetic import seed_synthetic
from schema import encode_global_id

SEED = 2026
WARM_UP = 2
LOGIN = "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }"
FIGURES = """officerId applications { handled completed completedWithinDeadline medianWorkingDays }
  complaints { handled responses responsesWithinDeadline medianResponseWorkingDays }
  withinDeadlineShare satisfaction { respondents index grade }"""
ONE = f"query($id: ID, $period: PeriodInput!) {{ officerPerformance(officerId: $id, period: $period) {{ {FIGURES} }} }}"
PAGE = f"""query($agency: String!, $period: PeriodInput!) {{
  agencyOfficerPerformance(agencyCode: $agency, period: $period, first: 25) {{ totalCount nodes {{ {FIGURES} }} }}
}}"""
CARD = """query($agency: String, $period: PeriodInput!) { cettarScorecard(period: $period, agencyCode: $agency) {
  cepat { onTime { numerator denominator ratio } medianWorkingDays }
  efektif { withoutCounterVisit { ratio } officeVisitsAvoided }
  tanggap { verifiedInTime { ratio } followedUpInTime { ratio } medianHoursToFirstResponse }
  transparan { overall { ratio } } akuntabel { transitions { ratio } } responsif { respondents index grade }
} }"""
FLOOR = "{ __typename }"
BUSIEST = text(
    "SELECT g.code, a.assigned_officer_id FROM layanan_application a JOIN core_agency g ON g.id = a.agency_id"
    " WHERE a.agency_id = (SELECT agency_id FROM layanan_application GROUP BY agency_id ORDER BY COUNT(*) DESC,"
    " agency_id LIMIT 1) AND a.assigned_officer_id IS NOT NULL"
    " GROUP BY g.code, a.assigned_officer_id ORDER BY COUNT(*) DESC, a.assigned_officer_id LIMIT 1"
)

Send = Callable[[], Awaitable[dict[str, Any]]]


class Failed(Exception):
    """A request answered with errors (a query timeout, say): its row says so instead of a time."""


@dataclass
class Side:
    """One database: its runtime, what was loaded, and a client on its app."""

    label: str
    runtime: Runtime
    applications: int
    load_seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)
    agency: str = ""
    officer: str = ""


@dataclass
class Measure:
    label: str
    small: Send
    large: Send
    small_times: list[float] = field(default_factory=list)
    large_times: list[float] = field(default_factory=list)
    failure: str | None = None
    #: The first request of each side (the scorecard fills the facts of the period's closed applications then).
    first: tuple[float, float] = (0.0, 0.0)

    async def run(self, which: str) -> None:
        if self.failure is not None:
            return
        send, times = (self.small, self.small_times) if which == "small" else (self.large, self.large_times)
        try:
            times.append(await timed(send))
        except Failed as exc:
            self.failure = f"{which}: {exc}"


async def load(side: Side) -> None:
    await prepare(side.runtime)
    done = {"rows": 0}

    def progress(label: str, total: int) -> Callable[[int], None]:
        def advance(rows: int) -> None:
            done["rows"] += rows
            print(f"\r  {side.label}: {label} … {done['rows']:,} rows", end="", file=sys.stderr, flush=True)

        return advance

    began = time.perf_counter()
    await seed_synthetic(side.runtime, side.applications, SEED, progress)
    side.load_seconds = time.perf_counter() - began
    print(file=sys.stderr)
    async with side.runtime.database.engine.connect() as connection:
        for table in ("layanan_application", "layanan_timeline", "pengaduan_complaint", "pengaduan_step"):
            side.rows[table] = int((await connection.execute(text(f"SELECT COUNT(*) FROM {table}"))).scalar() or 0)
        side.rows["kinerja_survey_response"] = int(
            (await connection.execute(text("SELECT COUNT(*) FROM kinerja_survey_response"))).scalar() or 0
        )
        agency, officer = (await connection.execute(BUSIEST)).one()
    side.agency, side.officer = agency, encode_global_id("Officer", str(officer))


async def timed(send: Send) -> float:
    began = time.perf_counter()
    await send()
    return time.perf_counter() - began


def poster(client: httpx.AsyncClient, token: str | None = None) -> Callable[[str, dict[str, Any]], Send]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}

    def request(query: str, variables: dict[str, Any]) -> Send:
        async def send() -> dict[str, Any]:
            response = await client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
            payload: dict[str, Any] = response.json()
            if response.status_code != 200 or payload.get("errors"):
                raise Failed(f"{response.status_code} {response.text[:300]}")
            data: dict[str, Any] = payload["data"]
            return data

        return send

    return request


async def measure(small: Side, large: Side, rounds: int) -> list[Measure]:
    period = {"start": str(today() - timedelta(days=365)), "end": str(today())}
    apps = [create_app(side.runtime, dispatch_events=False) for side in (small, large)]
    async with (
        apps[0].router.lifespan_context(apps[0]),
        apps[1].router.lifespan_context(apps[1]),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=apps[0]), base_url="http://small") as c_small,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=apps[1]), base_url="http://large") as c_large,
    ):
        posters = []
        for client in (c_small, c_large):
            login = await poster(client)(LOGIN, {"u": "admin.provinsi", "p": DEMO_PASSWORD})()
            posters.append(poster(client, login["login"]["token"]))
        s, g = posters
        has_scorecard = "cettarScorecard" in large.runtime.plugins.get("kinerja").contributions.query_fields
        measures = [
            Measure(
                "officerPerformance (busiest officer)",
                s(ONE, {"id": small.officer, "period": period}),
                g(ONE, {"id": large.officer, "period": period}),
            ),
            Measure(
                "agencyOfficerPerformance first: 25",
                s(PAGE, {"agency": small.agency, "period": period}),
                g(PAGE, {"agency": large.agency, "period": period}),
            ),
        ]
        if has_scorecard:
            measures += [
                Measure(
                    "cettarScorecard (busiest agency)",
                    s(CARD, {"agency": small.agency, "period": period}),
                    g(CARD, {"agency": large.agency, "period": period}),
                ),
                Measure(
                    "cettarScorecard (province)",
                    s(CARD, {"agency": None, "period": period}),
                    g(CARD, {"agency": None, "period": period}),
                ),
            ]
        measures.append(Measure("{ __typename } (floor)", s(FLOOR, {}), g(FLOOR, {})))
        one = (await measures[0].large())["officerPerformance"]
        assert one["applications"]["handled"] > 0, one
        for index in range(WARM_UP + rounds):
            for m in measures:
                for which in ("large", "small") if index % 2 else ("small", "large"):
                    await m.run(which)
        for m in measures:
            if m.small_times and m.large_times:
                m.first = (m.small_times[0], m.large_times[0])
            del m.small_times[:WARM_UP], m.large_times[:WARM_UP]
    return measures


def report(small: Side, large: Side, backend: str, rounds: int, measures: list[Measure]) -> None:
    print(f"database : {backend}; every built-in plugin; synthetic seed {SEED}")
    for side in (small, large):
        per_100k = side.load_seconds / side.applications * 100_000
        rows = ", ".join(f"{table} {count:,}" for table, count in side.rows.items())
        print(
            f"{side.label:<6}: {side.applications:,} applications loaded in {side.load_seconds:.1f} s"
            f" ({per_100k:.1f} s per 100k applications); {rows}; busiest agency {side.agency}"
        )
    print(f"rounds   : {rounds}, alternating (order swapped every round), medians; {WARM_UP} warm-up rounds")
    header = f"{'query':<40} {small.label + ' ms':>12} {large.label + ' ms':>12} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    for m in measures:
        if m.failure is not None or not m.small_times or not m.large_times:
            print(f"{m.label:<40} FAILED {m.failure}")
            continue
        a = statistics.median(m.small_times) * 1000
        b = statistics.median(m.large_times) * 1000
        print(f"{m.label:<40} {a:12.1f} {b:12.1f} {b / a:6.2f}x")
        if m.label.startswith("cettarScorecard"):
            print(f"{'  first request':<40} {m.first[0] * 1000:12.1f} {m.first[1] * 1000:12.1f}")
    print(
        f"ratio: large/small medians (1 = the cost does not grow with the data, {large.applications // small.applications} = linear)"
    )


async def main(count: int, factor: int, rounds: int, database_url: str | None) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="cettar-bench-"))
    databases: list[Database] = []
    sides: list[Side] = []
    try:
        for label, size in (("small", count), ("large", count * factor)):
            (workdir / label).mkdir()
            database = await Database.create(database_url, workdir / label)
            databases.append(database)
            settings = load_settings(
                database_url=database.url,
                plugins=None,
                disable_plugins=[],
                load_entry_points=False,
                login_delay_seconds=0,
                storage_dir=workdir / label / "files",
            )
            side = Side(
                f"{size // 1000}k" if size < 1_000_000 else f"{size / 1_000_000:g}M", Runtime.create(settings), size
            )
            sides.append(side)
            await load(side)
        measures = await measure(sides[0], sides[1], rounds)
        report(sides[0], sides[1], databases[0].backend, rounds, measures)
    finally:
        for side in sides:
            await side.runtime.dispose()
        for database in databases:
            await database.drop()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--applications", type=int, default=10_000, help="applications in the small database")
    parser.add_argument("--factor", type=int, default=10, help="the large database holds factor times as many")
    parser.add_argument("--rounds", type=int, default=7, help="measured rounds (default 7)")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server URL (throw-away databases are created on it and dropped); default: SQLite temp files",
    )
    arguments = parser.parse_args()
    if arguments.database_url and not arguments.database_url.startswith("postgres"):
        parser.error("--database-url must name a PostgreSQL server (two databases are made on it)")
    sys.exit(asyncio.run(main(arguments.applications, arguments.factor, arguments.rounds, arguments.database_url)))
