"""What the layanan lists and public tracking cost: a page of 100 against a page of 10, a lookup against nothing.

    .venv/bin/python benchmarks/applications.py [--rounds 50] [--applications 300]
        [--database-url postgresql://postgres@127.0.0.1:5432/test]

Builds a fresh database (an SQLite temp file by default; with a PostgreSQL URL, a
throw-away database created next to the one named, on that server, and dropped at
the end — the named database itself is never touched), migrated and seeded like the
test kit's template (regions, agencies, demo accounts, reference data), with the
plugins ``akun``, ``wilayah``, ``layanan`` and ``adminduk`` (its ``adminduk.kk``
service and sample answers). ``warga.budi`` then submits ``--applications`` family-card
applications through ``plugins.layanan.service`` (the same domain functions as the API),
backdated over four weeks, and ``petugas.surabaya`` walks most of them through the
workflow (verified, in process, ready, claimed, a note, a revision and a resubmission),
so each timeline holds one to six entries. All go to ``dispendukcapil-3578``.

Then, through the real HTTP stack (``httpx.ASGITransport`` against
``core.app.create_app``, signed in with bearer tokens from the ``login`` mutation), it
sends, alternately in one process and swapping the order every round:

1. ``applicationQueue(first: 100)`` against ``applicationQueue(first: 10)`` (the officer's
   view: service, agency, timeline with officer names);
2. ``myApplications(first: 100)`` against ``myApplications(first: 10)`` (the citizen's);
3. ``trackApplication(trackingNumber:)`` (anonymous) against ``{ __typename }`` (anonymous).

Figures are ratios of medians. For a list, the time ratio 100/10 would be 10 if all the
work were per item and 1 if all of it were per request; "per item" is that ratio / 10,
what an item of the long page costs against an item of the short one. The SQL statements
of one request of each variant are counted on the runtime's engine
(``before_cursor_execute``): a list must issue as many for 100 items as for 10, else the
script says so and exits with status 1. No timing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from sqlalchemy import event, select
from sqlmodel import col

from core import migrate
from core.app import create_app
from core.auth import Principal, Role
from core.config import Settings, load_settings
from core.identity.demo import DEMO_PASSWORD, seed_demo_accounts
from core.identity.models import Account, Citizen, Officer
from core.regions.seed import plugin_agencies, seed_agencies, seed_regions
from core.runtime import Runtime
from core.services import Applicant, Delivery
from plugins.layanan import service as domain
from plugins.layanan.workflow import ApplicationStatus

PLUGINS = ["akun", "wilayah", "layanan", "adminduk"]
SERVICE = "adminduk.kk"
AGENCY = "dispendukcapil-3578"
CITIZEN, OFFICER = "warga.budi", "petugas.surabaya"
LARGE, SMALL = 100, 10
WARM_UP = 10

QUEUE = """query Antrean($first: Int!) { applicationQueue(first: $first) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { id trackingNumber status dueDate overdue workingDaysLeft applicantName assignedOfficerName
    service { code nameId } agency { code name }
    timeline { kind fromStatus toStatus at actorRole actorName text } }
} }"""
MINE = """query PermohonanSaya($first: Int!) { myApplications(first: $first) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { id trackingNumber status dueDate overdue workingDaysLeft statusReason
    service { code nameId } agency { code name }
    timeline { kind fromStatus toStatus at actorRole text } }
} }"""
TRACK = """query Lacak($number: String!) { trackApplication(trackingNumber: $number) {
  trackingNumber status dueDate overdue deliveryMethod courierStatus
  service { code nameId } agency { code name } timeline { status at }
} }"""
MINIMUM = "{ __typename }"
LOGIN = "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }"

S = ApplicationStatus
#: What the officer does to the i-th application (i modulo 6); a None is the citizen resubmitting.
WALKS: tuple[tuple[ApplicationStatus | None, ...], ...] = (
    (),
    (S.VERIFIED,),
    (S.VERIFIED, S.IN_PROCESS),
    (S.VERIFIED, S.IN_PROCESS, S.READY),
    (S.VERIFIED,),  # and an internal note
    (S.VERIFIED, S.NEEDS_REVISION, None, S.VERIFIED),  # returned, resubmitted, verified again
)
REVISION_REASON = "Pindaian KK lama tidak terbaca. Mohon unggah ulang."


# -- the database --------------------------------------------------------------------------------


def _admin_url(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1).replace("postgres://", "postgresql://", 1)


async def _admin(url: str, statement: str) -> None:
    connection = await asyncpg.connect(_admin_url(url), timeout=10)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@dataclass(frozen=True)
class Database:
    """Where the benchmark runs, and how to clean up after it."""

    url: str
    backend: str
    server_url: str | None = None  # PostgreSQL: the URL the throw-away database was created from
    name: str | None = None

    @classmethod
    async def create(cls, database_url: str | None, workdir: Path) -> Database:
        if database_url is None:
            return cls(f"sqlite:///{workdir / 'bench.db'}", "SQLite")
        if database_url.startswith("sqlite"):
            return cls(database_url, "SQLite")
        name = f"cettar_bench_{uuid.uuid4().hex[:8]}"
        await _admin(database_url, f'CREATE DATABASE "{name}"')
        return cls(f"{database_url.rpartition('/')[0]}/{name}", "PostgreSQL", database_url, name)

    async def drop(self) -> None:
        if self.server_url is not None and self.name is not None:
            await _admin(self.server_url, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


async def prepare(runtime: Runtime) -> None:
    """Migrations, regions, agencies, demo accounts and every plugin's reference data (the test kit's template)."""
    await migrate.upgrade(runtime)
    async with runtime.database.session() as session:
        await seed_regions(session)
        await seed_agencies(session, plugin_agencies(runtime.plugins))
        await seed_demo_accounts(session)
    async with runtime.database.session() as session:
        await runtime.plugins.acall("cettar_seed", session=session, demo=False, runtime=runtime)


async def principals(runtime: Runtime) -> tuple[Principal, Applicant, Principal]:
    """The citizen (with what sample answers need) and the officer, as the domain functions take them."""
    async with runtime.database.session() as session:
        budi, citizen = (
            await session.execute(
                select(Account, Citizen)
                .join(Citizen, col(Citizen.account_id) == col(Account.id))
                .where(col(Account.username) == CITIZEN)
            )
        ).one()
        account, officer = (
            await session.execute(
                select(Account, Officer)
                .join(Officer, col(Officer.account_id) == col(Account.id))
                .where(col(Account.username) == OFFICER)
            )
        ).one()
    applicant = Principal(role=Role.CITIZEN, account_id=budi.id, username=CITIZEN)
    staff = Principal(
        role=account.role,
        account_id=account.id,
        username=OFFICER,
        agency_id=officer.agency_id,
        permissions=frozenset({"layanan.process"}),
    )
    return applicant, Applicant(budi.name, citizen.nik, "35.78.01.1001"), staff


async def create_applications(runtime: Runtime, count: int) -> list[str]:
    """``count`` applications at one agency, backdated over four weeks and walked through the workflow."""
    citizen, person, staff = await principals(runtime)
    service = runtime.services.get(SERVICE)
    if service is None or service.sample_answers is None:
        raise SystemExit(f"the {SERVICE} service (plugin adminduk) with sample answers is needed")
    answers = dict(service.sample_answers(domain.today(), person))
    start = domain.now()
    numbers: list[str] = []
    for first in range(0, count, 50):  # one transaction per 50 applications
        async with runtime.database.session() as session:
            for i in range(first, min(first + 50, count)):
                moment = start - timedelta(days=i % 28, minutes=i)
                home = i % 4 == 0
                with domain.clock_at(moment):
                    application = await domain.submit(
                        session,
                        runtime,
                        citizen,
                        domain.Submission(
                            service_code=SERVICE,
                            answers=answers,
                            delivery_method=Delivery.HOME_DELIVERY if home else Delivery.PICKUP,
                            address=domain.Address(person.name, "081234500001", f"Jl. Melati No. {i}", "35.78.01.1001")
                            if home
                            else None,
                        ),
                    )
                assert application.id is not None
                numbers.append(application.tracking_number)
                walk = WALKS[i % len(WALKS)]
                if i % 12 == 11:
                    with domain.clock_at(moment + timedelta(minutes=5)):
                        await domain.claim(session, staff, application.id)
                for step, target in enumerate(walk, start=1):
                    with domain.clock_at(moment + timedelta(hours=step)):
                        if target is None:
                            resubmission = domain.Resubmission(application.id, answers)
                            await domain.resubmit(session, runtime, citizen, resubmission)
                        else:
                            reason = REVISION_REASON if target is S.NEEDS_REVISION else None
                            await domain.transition(session, runtime, staff, application.id, target, reason)
                if i % len(WALKS) == 4:
                    with domain.clock_at(moment + timedelta(hours=2)):
                        await domain.add_note(session, staff, application.id, f"Cek arsip KK lama nomor urut {i}.")
    return numbers


# -- measuring -----------------------------------------------------------------------------------


@contextmanager
def counting(runtime: Runtime) -> Iterator[list[str]]:
    """The SQL statements sent on the runtime's engine meanwhile."""
    statements: list[str] = []

    def listener(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    engine = runtime.database.engine.sync_engine
    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listener)


Request = Callable[[], Awaitable[dict[str, Any]]]


@dataclass
class Pair:
    """A measured request and its baseline, sent alternately."""

    label: str
    measured_name: str
    baseline_name: str
    measured: Request
    baseline: Request
    per_item: bool  # a list page of LARGE against one of SMALL
    measured_times: list[float] = field(default_factory=list)
    baseline_times: list[float] = field(default_factory=list)
    measured_statements: int = 0
    baseline_statements: int = 0


def client_poster(client: httpx.AsyncClient) -> Callable[..., Request]:
    def request(query: str, variables: Callable[[], dict[str, Any]] | None = None, token: str | None = None) -> Request:
        headers = {"Authorization": f"Bearer {token}"} if token else {}

        async def send() -> dict[str, Any]:
            body = {"query": query, "variables": variables() if variables else {}}
            response = await client.post("/graphql", json=body, headers=headers)
            payload: dict[str, Any] = response.json()
            if response.status_code != 200 or payload.get("errors"):
                raise SystemExit(f"request failed: {response.status_code} {response.text[:500]}")
            data: dict[str, Any] = payload["data"]
            return data

        return send

    return request


async def timed(request: Request) -> float:
    started = time.perf_counter()
    await request()
    return time.perf_counter() - started


async def check_lists(pairs: list[Pair], total: int, agency: str) -> None:
    """One request of each list variant returns what it should: the right page size, full timelines."""
    for pair in (p for p in pairs if p.per_item):
        for request, size in ((pair.measured, LARGE), (pair.baseline, SMALL)):
            data = next(iter((await request()).values()))
            nodes = data["nodes"]
            assert len(nodes) == min(size, total) and data["totalCount"] == total, (pair.label, size, data)
            assert all(n["agency"]["code"] == agency and n["service"]["code"] == SERVICE for n in nodes)
            assert all(n["timeline"] for n in nodes) and any(len(n["timeline"]) > 3 for n in nodes)


async def main(rounds: int, count: int, database_url: str | None) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="cettar-bench-"))
    database = await Database.create(database_url, workdir)
    runtime: Runtime | None = None
    try:
        settings: Settings = load_settings(
            database_url=database.url,
            plugins=PLUGINS,
            disable_plugins=[],
            load_entry_points=False,
            login_delay_seconds=0,
            storage_dir=workdir / "files",
        )
        runtime = Runtime.create(settings)
        began = time.perf_counter()
        await prepare(runtime)
        numbers = await create_applications(runtime, count)
        setup = time.perf_counter() - began
        pairs = await measure(runtime, numbers, rounds)
    finally:
        if runtime is not None:
            await runtime.dispose()
        await database.drop()
        shutil.rmtree(workdir, ignore_errors=True)
    return report(pairs, database.backend, rounds, count, setup)


async def measure(runtime: Runtime, numbers: list[str], rounds: int) -> list[Pair]:
    app = create_app(runtime, dispatch_events=False)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client,
    ):
        request = client_poster(client)

        async def token_of(username: str) -> str:
            data = await request(LOGIN, lambda: {"u": username, "p": DEMO_PASSWORD})()
            token: str = data["login"]["token"]
            return token

        officer, citizen = await token_of(OFFICER), await token_of(CITIZEN)
        turn = iter(range(sys.maxsize))

        def next_number() -> dict[str, Any]:
            return {"number": numbers[next(turn) % len(numbers)]}

        pairs = [
            Pair(
                "applicationQueue (officer)",
                f"first: {LARGE}",
                f"first: {SMALL}",
                request(QUEUE, lambda: {"first": LARGE}, officer),
                request(QUEUE, lambda: {"first": SMALL}, officer),
                per_item=True,
            ),
            Pair(
                "myApplications (citizen)",
                f"first: {LARGE}",
                f"first: {SMALL}",
                request(MINE, lambda: {"first": LARGE}, citizen),
                request(MINE, lambda: {"first": SMALL}, citizen),
                per_item=True,
            ),
            Pair(
                "trackApplication (anonymous)",
                "trackApplication",
                "{ __typename }",
                request(TRACK, next_number),
                request(MINIMUM),
                per_item=False,
            ),
        ]
        await check_lists(pairs, len(numbers), AGENCY)
        tracked = (await pairs[2].measured())["trackApplication"]
        assert tracked is not None and tracked["agency"]["code"] == AGENCY and tracked["timeline"], tracked
        for _ in range(WARM_UP):
            for pair in pairs:
                await pair.measured()
                await pair.baseline()
        for pair in pairs:
            with counting(runtime) as statements:
                await pair.measured()
            pair.measured_statements = len(statements)
            with counting(runtime) as statements:
                await pair.baseline()
            pair.baseline_statements = len(statements)
        for index in range(rounds):
            for pair in pairs:
                if index % 2:
                    pair.baseline_times.append(await timed(pair.baseline))
                    pair.measured_times.append(await timed(pair.measured))
                else:
                    pair.measured_times.append(await timed(pair.measured))
                    pair.baseline_times.append(await timed(pair.baseline))
    return pairs


def report(pairs: list[Pair], backend: str, rounds: int, count: int, setup: float) -> int:
    print(f"database : {backend}; {count} applications at {AGENCY} ({SERVICE}); set-up {setup:.1f} s")
    print(f"rounds   : {rounds}, alternating (order swapped every round), medians; {WARM_UP} warm-up rounds")
    header = f"{'measure':<30} {'variant':<18} {'ms':>8} {'baseline':<16} {'ms':>8} {'ratio':>7} {'per item':>9}"
    print(header + f" {'statements':>11}")
    print("-" * (len(header) + 12))
    failed = False
    for pair in pairs:
        measured = statistics.median(pair.measured_times) * 1000
        baseline = statistics.median(pair.baseline_times) * 1000
        ratio = measured / baseline
        per_item = f"{ratio / (LARGE / SMALL):9.2f}" if pair.per_item else f"{'-':>9}"
        statements = f"{pair.measured_statements} / {pair.baseline_statements}"
        if pair.per_item and pair.measured_statements != pair.baseline_statements:
            statements += "  NOT EQUAL"
            failed = True
        print(
            f"{pair.label:<30} {pair.measured_name:<18} {measured:8.2f} {pair.baseline_name:<16} {baseline:8.2f}"
            f" {ratio:6.2f}x {per_item} {statements:>11}"
        )
    print(
        f"ratio: variant/baseline medians; per item: ratio / {LARGE // SMALL} (1.00 = all the work per item, "
        f"0.10 = all per request); statements: one request of each"
    )
    if failed:
        print("FAIL: a list page of 100 issues more SQL statements than one of 10 (N+1)")
    return 1 if failed else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=50, help="measured rounds (default 50)")
    parser.add_argument("--applications", type=int, default=300, help="applications to create (default 300)")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server URL (a throw-away database is created on it and dropped) or an SQLite URL; "
        "default: an SQLite temp file",
    )
    arguments = parser.parse_args()
    if arguments.applications < LARGE:
        parser.error(f"--applications must be at least {LARGE}")
    sys.exit(asyncio.run(main(arguments.rounds, arguments.applications, arguments.database_url)))
