"""``cettar seed --synthetic N``: run as a user runs it, on the test database, then read through GraphQL."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

from core.calendar import today
from core.config import load_settings
from core.runtime import Runtime
from tests.kinerja.support import MARK

pytestmark = MARK

CETTAR = str(Path(sys.executable).with_name("cettar"))
COUNT, SEED = 400, 11
PERFORMANCE = """query($agency: String!, $period: PeriodInput!, $after: String) {
  agencyOfficerPerformance(agencyCode: $agency, period: $period, first: 50, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { name withinDeadlineShare applications { handled completed completedWithinDeadline medianWorkingDays }
      complaints { handled responses } satisfaction { respondents index } }
  }
}"""
SCORECARD = """query($agency: String!, $period: PeriodInput!) {
  cettarScorecard(period: $period, agencyCode: $agency) {
    cepat { onTime { numerator denominator } medianWorkingDays } responsif { respondents }
  }
}"""
LOGIN = 'mutation { login(username: "syn.w1", password: "cettar-demo-2026") { token } }'


def cettar(*args: str, url: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CETTAR_")}
    environment.update({"COLUMNS": "200", "CETTAR_DATABASE_URL": url, **env})
    return subprocess.run([CETTAR, *args], capture_output=True, text=True, env=environment, timeout=300)


async def scalar(runtime: Runtime, sql: str, **params: Any) -> Any:
    async with runtime.database.engine.connect() as connection:
        return (await connection.execute(text(sql), params)).scalar()


async def fingerprint(runtime: Runtime) -> list[Any]:
    async with runtime.database.engine.connect() as connection:
        rows = await connection.execute(
            text(
                "SELECT a.tracking_number, a.status, a.service_code, a.due_date, COUNT(t.id) FROM layanan_application a"
                " JOIN layanan_timeline t ON t.application_id = a.id GROUP BY a.id, a.tracking_number, a.status,"
                " a.service_code, a.due_date ORDER BY a.id"
            )
        )
        steps = (await connection.execute(text("SELECT action, COUNT(*) FROM pengaduan_step GROUP BY action"))).all()
        scores = (
            await connection.execute(text("SELECT SUM(u1 + u5 + u9), COUNT(*) FROM kinerja_survey_response"))
        ).one()
    return [[tuple(map(str, row)) for row in rows], sorted(map(tuple, steps)), tuple(scores)]


async def test_synthetic_volume_loads_and_the_figures_read_it(gql, cettar_runtime, cettar_database):
    runtime = cettar_runtime
    before = await scalar(runtime, "SELECT COUNT(*) FROM layanan_application")
    result = await asyncio.to_thread(
        cettar, "seed", "--synthetic", str(COUNT), "--seed", str(SEED), url=cettar_database
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"synthetic data for {COUNT} applications" in result.stdout
    for label in ("core: synthetic accounts", "layanan: applications", "pengaduan: complaints", "kinerja: survey"):
        assert label in result.stdout  # the progress bars

    assert await scalar(runtime, "SELECT COUNT(*) FROM layanan_application") - before == COUNT
    assert await scalar(runtime, "SELECT COUNT(DISTINCT application_id) FROM layanan_timeline") >= COUNT
    assert await scalar(runtime, "SELECT COUNT(*) FROM pengaduan_complaint WHERE source = 'synthetic'") == COUNT // 10
    assert await scalar(runtime, "SELECT COUNT(*) FROM pengaduan_step WHERE action = 'filed'") >= COUNT // 10
    statuses = await scalar(runtime, "SELECT COUNT(DISTINCT status) FROM layanan_application")
    assert statuses >= 5  # running, completed, rejected, cancelled…
    done = await scalar(
        runtime,
        "SELECT COUNT(*) FROM layanan_application WHERE status IN ('picked_up', 'delivered') AND closed_at IS NOT NULL",
    )
    assert done > COUNT // 2
    answered = await scalar(runtime, "SELECT COUNT(*) FROM kinerja_survey_response")
    expected_answers = await scalar(
        runtime,
        "SELECT (SELECT COUNT(*) FROM layanan_application WHERE status IN ('picked_up', 'delivered') AND id % 10 < 3)"
        " + (SELECT COUNT(*) FROM pengaduan_complaint WHERE status = 'closed' AND agency_id IS NOT NULL"
        " AND id % 10 < 3)",
    )
    assert answered == expected_answers > 0
    # synthetic accounts can never sign in
    assert (await gql.query(LOGIN)).codes == ["INVALID_CREDENTIALS"]

    # the busiest agency over the last year, read by the province admin
    period = {"start": str(today() - timedelta(days=366)), "end": str(today())}
    busiest = await scalar(
        runtime,
        "SELECT g.code FROM layanan_application a JOIN core_agency g ON g.id = a.agency_id"
        " GROUP BY g.code ORDER BY COUNT(*) DESC, g.code LIMIT 1",
    )
    admin = await gql.login("admin.provinsi")
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        page = (await admin.execute(PERFORMANCE, {"agency": busiest, "period": period, "after": after}))[
            "agencyOfficerPerformance"
        ]
        nodes += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(nodes) == page["totalCount"] >= 2
    completed = await scalar(
        runtime,
        "SELECT COUNT(*) FROM layanan_application a JOIN core_agency g ON g.id = a.agency_id"
        " WHERE g.code = :code AND a.status IN ('picked_up', 'delivered')",
        code=busiest,
    )
    summed = sum(node["applications"]["completed"] for node in nodes)
    assert completed <= summed <= 2 * completed  # each by its assigned officer, some also by the one who handed it over
    assert sum(node["applications"]["handled"] for node in nodes) >= summed
    for node in nodes:
        share = node["withinDeadlineShare"]
        assert share is None or 0 <= share <= 1
    credited = await scalar(
        runtime,
        "SELECT COUNT(*) FROM kinerja_survey_response r JOIN core_officer o ON o.account_id = r.officer_id"
        " JOIN core_agency g ON g.id = o.agency_id WHERE g.code = :code",
        code=busiest,
    )
    assert sum(node["satisfaction"]["respondents"] for node in nodes) == credited > 0

    card = (await gql.execute(SCORECARD, {"agency": busiest, "period": period}))["cettarScorecard"]
    assert card["cepat"]["onTime"]["denominator"] == completed
    assert card["cepat"]["medianWorkingDays"] is not None
    served = await scalar(
        runtime,
        "SELECT COUNT(*) FROM kinerja_survey_response r JOIN core_agency g ON g.id = r.agency_id WHERE g.code = :code",
        code=busiest,
    )
    assert card["responsif"]["respondents"] == served > 0


async def test_the_same_seed_gives_the_same_rows(
    cettar_runtime, cettar_database, cettar_backend, cettar_test_databases
):
    other = await asyncio.to_thread(cettar_test_databases.create, cettar_backend)  # asyncio.run inside
    moment = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")  # both runs end their year at the same moment
    try:
        for url in (cettar_database, other):
            arguments = ("seed", "--synthetic", "120", "--seed", "5", "--now", moment)
            result = await asyncio.to_thread(cettar, *arguments, url=url)
            assert result.returncode == 0, result.stderr
        second = Runtime.create(load_settings(database_url=other, plugins=None))
        try:
            theirs = await fingerprint(second)
        finally:
            await second.dispose()
        mine = await fingerprint(cettar_runtime)
        assert mine == theirs and len(mine[0]) == 120
    finally:
        await asyncio.to_thread(cettar_test_databases.drop, other)


def test_synthetic_volume_needs_the_reference_data_and_is_refused_in_production(tmp_path):
    url = f"sqlite:///{tmp_path}/bare.db"
    assert cettar("db", "upgrade", url=url).returncode == 0
    bare = cettar("seed", "--synthetic", "10", url=url)
    assert bare.returncode == 2
    assert "reference data is not loaded" in bare.stderr and "cettar seed" in bare.stderr
    refused = cettar("seed", "--synthetic", "10", url=url, CETTAR_ENV="production")
    assert refused.returncode == 2 and "refused in production" in refused.stderr
    assert cettar("seed", "--synthetic", "0", url=url).returncode == 2  # click: at least 1
