"""What authentication costs a request: the same query anonymous and with a bearer token.

    .venv/bin/python benchmarks/auth_overhead.py [--rounds 300] [--database-url sqlite:///...]

Builds a throw-away database (SQLite by default; pass a PostgreSQL URL to use
it), signs in a demo account, then sends ``{ regions(kind: KOTA) { totalCount } }`` alternately
without and with ``Authorization: Bearer`` through the ASGI app in one process.
The figure that matters is the ratio of the medians (token / anonymous). It also
times one sign-in (argon2id verification) against one anonymous query.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time

import httpx

from core import migrate
from core.app import create_app
from core.config import load_settings
from core.identity.demo import DEMO_PASSWORD, seed_demo_accounts
from core.regions.seed import seed_agencies, seed_regions
from core.runtime import Runtime

QUERY = {"query": "{ regions(kind: KOTA) { totalCount } }"}
LOGIN = {
    "query": "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }",
    "variables": {"u": "warga.budi", "p": DEMO_PASSWORD},
}


async def main(rounds: int, database_url: str | None) -> None:
    url = database_url or f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    runtime = Runtime.create(load_settings(database_url=url, load_entry_points=False, login_delay_seconds=0))
    await migrate.upgrade(runtime)
    async with runtime.database.session() as session:
        await seed_regions(session)
        await seed_agencies(session)
        await seed_demo_accounts(session)
    app = create_app(runtime, dispatch_events=False)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client,
    ):

        async def timed(**kwargs: object) -> float:
            started = time.perf_counter()
            response = await client.post("/graphql", **kwargs)  # type: ignore[arg-type]
            elapsed = time.perf_counter() - started
            assert response.status_code == 200 and "errors" not in response.json(), response.text
            return elapsed

        token = (await client.post("/graphql", json=LOGIN)).json()["data"]["login"]["token"]
        headers = {"Authorization": f"Bearer {token}"}
        for _ in range(20):  # warm the caches
            await timed(json=QUERY)
            await timed(json=QUERY, headers=headers)
        anonymous, signed_in, logins = [], [], []
        for index in range(rounds):
            anonymous.append(await timed(json=QUERY))
            signed_in.append(await timed(json=QUERY, headers=headers))
            if index % 10 == 0:
                logins.append(await timed(json=LOGIN))
    await runtime.dispose()
    base, auth, login = (statistics.median(x) * 1000 for x in (anonymous, signed_in, logins))
    backend = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    print(f"database             : {backend}, {rounds} rounds, alternating")
    print(f"anonymous query      : median {base:7.2f} ms")
    print(f"with bearer token    : median {auth:7.2f} ms")
    print(f"sign-in (argon2id)   : median {login:7.2f} ms over {len(logins)}")
    print(f"ratio token/anonymous: {auth / base:.2f}x")
    print(f"ratio sign-in/query  : {login / base:.1f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--database-url")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.rounds, arguments.database_url))
