"""Synthetic volume for ``cettar seed --synthetic N``: people for the plugins' rows, and a fast bulk loader.

``cettar seed --synthetic N [--seed S]`` loads realistic data at scale, for benchmarks and
load tests (never in production: it is refused there like demo data). The kernel makes a
pool of synthetic citizens and officers (accounts marked ``demo``, with no usable password),
then calls every plugin's ``cettar_seed_synthetic`` hook — in dependency order, so a plugin
runs after those it ``requires`` — and each plugin bulk-loads its own rows with
:func:`bulk_insert` (PostgreSQL ``COPY``; batched multi-row inserts on SQLite).

Everything random comes from one ``random.Random(seed)`` passed along, so the same
``--seed`` on the same database gives the same rows.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Table, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col

from core.auth import Role
from core.errors import CettarError
from core.identity.models import Account, Citizen, Officer
from core.regions.models import Agency, Region, RegionKind
from core.runtime import Runtime

HOOK = "cettar_seed_synthetic"
#: Rows sent to the database at a time (one COPY or one multi-row INSERT).
CHUNK = 5_000
#: Not a password hash: a synthetic account can never sign in.
NO_PASSWORD = "!synthetic"
#: Marks synthetic accounts' usernames: ``syn.w123`` (citizen), ``syn.p45`` (officer).
USERNAME_PREFIX = "syn."

FIRST_NAMES = (
    "Agus", "Budi", "Dewi", "Eko", "Fitri", "Hadi", "Indah", "Joko", "Kartika", "Lestari", "Mulyono", "Nur",
    "Putri", "Rina", "Slamet", "Sri", "Teguh", "Wahyu", "Yuli", "Zainal", "Ahmad", "Siti", "Bambang", "Endang",
)  # fmt: skip
LAST_NAMES = (
    "Santoso", "Wibowo", "Lestari", "Hartono", "Saputra", "Rahayu", "Setiawan", "Kurniawan", "Susanti",
    "Prasetyo", "Hidayat", "Wulandari", "Nugroho", "Purnomo", "Suryani", "Handayani", "Firmansyah",
)  # fmt: skip
POSITIONS = ("Verifikator Berkas", "Operator Pelayanan", "Analis Pelayanan Publik", "Pengelola Pengaduan")
GRADES = ("II/c", "II/d", "III/a", "III/b", "III/c", "III/d")


#: Reports rows loaded: ``advance(5000)``.
Advance = Callable[[int], None]
#: What a plugin reports its progress to: ``advance = progress("layanan: applications", total)``.
SyntheticProgress = Callable[[str, int], Advance]


def no_progress(label: str, total: int) -> Advance:
    """A :class:`SyntheticProgress` that shows nothing."""
    return lambda rows: None


@dataclass(frozen=True)
class SyntheticPeople:
    """The accounts plugins attach synthetic rows to (existing ones included, demo accounts too)."""

    #: Citizens' account ids, in id order.
    citizens: tuple[int, ...]
    #: Officers' (role ``officer``) account ids by agency id, in id order.
    officers: Mapping[int, tuple[int, ...]] = field(default_factory=dict)


def is_postgresql(runtime: Runtime) -> bool:
    return runtime.database.engine.dialect.name == "postgresql"


# -- loading rows fast ---------------------------------------------------------------------------


async def next_id(runtime: Runtime, table: Table) -> int:
    """The first free integer id of ``table`` (synthetic rows take explicit ids, then the sequence is moved)."""
    async with runtime.database.engine.connect() as connection:
        highest = await connection.scalar(select(func.max(table.c.id)))
    return int(highest or 0) + 1


async def _copy(connection: AsyncConnection, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    raw = await connection.get_raw_connection()
    driver: Any = raw.driver_connection
    await driver.copy_records_to_table(table.name, records=rows, columns=list(columns))


def _for_copy(table: Table, columns: Sequence[str]) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """COPY sends Python values as they are: JSON columns need their text."""
    as_json = [isinstance(table.c[name].type, JSON) for name in columns]
    if not any(as_json):
        return lambda row: row
    return lambda row: tuple(json.dumps(v) if j and v is not None else v for v, j in zip(row, as_json, strict=True))


async def bulk_insert(
    runtime: Runtime,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[tuple[Any, ...]],
    *,
    advance: Advance | None = None,
    chunk: int = CHUNK,
) -> int:
    """Insert ``rows`` (tuples in ``columns`` order) in chunks of ``chunk``, each chunk committed.

    PostgreSQL: binary ``COPY`` through asyncpg (``copy_records_to_table``). SQLite: one
    multi-row ``INSERT`` per chunk through SQLAlchemy core (so column types apply).
    Returns the number of rows. Give ids explicitly (from :func:`next_id`); call
    :func:`fix_sequences` afterwards.
    """
    postgres = is_postgresql(runtime)
    convert = _for_copy(table, columns) if postgres else None
    total = 0
    batch: list[tuple[Any, ...]] = []

    async def flush() -> None:
        nonlocal total
        if not batch:
            return
        async with runtime.database.engine.begin() as connection:
            if convert is not None:
                await _copy(connection, table, columns, [convert(row) for row in batch])
            else:
                await connection.execute(table.insert(), [dict(zip(columns, row, strict=True)) for row in batch])
        total += len(batch)
        if advance is not None:
            advance(len(batch))
        batch.clear()

    for row in rows:
        batch.append(row)
        if len(batch) >= chunk:
            await flush()
    await flush()
    return total


async def fix_sequences(runtime: Runtime, *tables: Table) -> None:
    """PostgreSQL: move each table's id sequence past the explicit ids just loaded (SQLite needs nothing)."""
    if not is_postgresql(runtime):
        return
    async with runtime.database.engine.begin() as connection:
        for table in tables:
            name = table.name
            await connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # table names come from the models
                    f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {name}), false)"
                )
            )


# -- the people --------------------------------------------------------------------------------


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _birth_date(rng: random.Random, oldest: int, youngest: int) -> date:
    return date(1945, 1, 1) + timedelta(days=rng.randrange((youngest - 1945) * 365, (oldest - 1945) * 365 + 1))


async def _taken(runtime: Runtime) -> tuple[set[str], set[str], int]:
    async with runtime.database.session() as session:
        niks = set((await session.execute(select(col(Citizen.nik)))).scalars())
        nips = set((await session.execute(select(col(Officer.nip)))).scalars())
        made = await session.scalar(
            select(func.count()).select_from(Account).where(col(Account.username).startswith(USERNAME_PREFIX))
        )
    return niks, nips, int(made or 0)


async def make_people(
    runtime: Runtime, count: int, rng: random.Random, now: datetime, progress: SyntheticProgress
) -> SyntheticPeople:
    """Synthetic citizens (about one for four applications) and officers (a few per agency), then the pool.

    The pool holds every active citizen and every officer of the database, the ones just made included.
    """
    async with runtime.database.session() as session:
        regencies = list(
            (
                await session.execute(
                    select(col(Region.code))
                    .where(col(Region.kind).in_([RegionKind.KABUPATEN, RegionKind.KOTA]))
                    .order_by(col(Region.code))
                )
            ).scalars()
        )
        agencies = list((await session.execute(select(col(Agency.id)).order_by(col(Agency.id)))).scalars())
    if not regencies or not agencies:
        raise CettarError(
            "VALIDATION_FAILED",
            field="--synthetic",
            message_id="Data referensi belum dimuat: jalankan `cettar db upgrade` lalu `cettar seed` terlebih dahulu.",
            message_en="The reference data is not loaded: run `cettar db upgrade` and then `cettar seed` first.",
        )
    niks, nips, made = await _taken(runtime)
    citizens = max(10, min(count // 4, 250_000))
    per_agency = max(2, min(25, count // 5_000))
    accounts = Account.__table__  # type: ignore[attr-defined]
    first = await next_id(runtime, accounts)
    account_rows: list[tuple[Any, ...]] = []
    citizen_rows: list[tuple[Any, ...]] = []
    officer_rows: list[tuple[Any, ...]] = []
    next_account = first
    for index in range(citizens):
        woman = rng.random() < 0.5
        while True:
            born = _birth_date(rng, 2006, 1950)
            regency = rng.choice(regencies)
            day = born.day + (40 if woman else 0)
            nik = f"{regency.replace('.', '')}{rng.randint(1, 30):02d}{day:02d}{born:%m%y}{rng.randint(1, 9999):04d}"
            if nik not in niks:
                break
        niks.add(nik)
        account_rows.append(
            (next_account, f"{USERNAME_PREFIX}w{made + index + 1}", Role.CITIZEN.value, _name(rng), NO_PASSWORD, True)
        )
        citizen_rows.append((next_account, nik, regency, True, born, "female" if woman else "male"))
        next_account += 1
    serial = made + citizens
    for agency_id in agencies:
        for _ in range(per_agency):
            woman = rng.random() < 0.5
            while True:
                born = _birth_date(rng, 1998, 1965)
                appointed = max(born.year + 22, 1990) + rng.randint(0, 8)
                nip = f"{born:%Y%m%d}{appointed}{rng.randint(1, 12):02d}{2 if woman else 1}{rng.randint(1, 999):03d}"
                if nip not in nips:
                    break
            nips.add(nip)
            serial += 1
            account_rows.append(
                (next_account, f"{USERNAME_PREFIX}p{serial}", Role.OFFICER.value, _name(rng), NO_PASSWORD, True)
            )
            officer_rows.append((next_account, nip, agency_id, rng.choice(POSITIONS), rng.choice(GRADES), True))
            next_account += 1
    advance = progress("core: synthetic accounts", len(account_rows) * 2)
    moment = now
    await bulk_insert(
        runtime,
        accounts,
        ("id", "username", "role", "name", "password_hash", "demo", "active", "created_at", "password_changed_at"),
        ((*row[:5], True, row[5], moment, moment) for row in account_rows),
        advance=advance,
    )
    await bulk_insert(
        runtime,
        Citizen.__table__,  # type: ignore[attr-defined]
        ("account_id", "nik", "nik_regency_code", "in_province", "birth_date", "sex"),
        citizen_rows,
        advance=advance,
    )
    await bulk_insert(
        runtime,
        Officer.__table__,  # type: ignore[attr-defined]
        ("account_id", "nip", "agency_id", "position", "grade", "korpri_member"),
        officer_rows,
        advance=advance,
    )
    await fix_sequences(runtime, accounts)
    return await people_pool(runtime)


async def people_pool(runtime: Runtime) -> SyntheticPeople:
    """Every active citizen, and every active officer by agency."""
    async with runtime.database.session() as session:
        citizens = tuple(
            account_id
            for account_id in (
                await session.execute(
                    select(col(Account.id))
                    .where(col(Account.role) == Role.CITIZEN, col(Account.active).is_(True))
                    .order_by(col(Account.id))
                )
            ).scalars()
            if account_id is not None
        )
        officers: dict[int, list[int]] = {}
        rows = await session.execute(
            select(col(Officer.agency_id), col(Account.id))
            .join(Account, col(Account.id) == col(Officer.account_id))
            .where(col(Account.role) == Role.OFFICER, col(Account.active).is_(True))
            .order_by(col(Account.id))
        )
        for agency_id, account_id in rows:
            if account_id is not None:
                officers.setdefault(agency_id, []).append(account_id)
    return SyntheticPeople(citizens, {agency: tuple(ids) for agency, ids in officers.items()})


# -- running every plugin --------------------------------------------------------------------------


async def seed_synthetic(
    runtime: Runtime, count: int, seed: int, progress: SyntheticProgress = no_progress, *, now: datetime | None = None
) -> SyntheticPeople:
    """Make the people, then let every plugin load its rows for ``count`` applications (see the module)."""
    if count < 1:
        raise CettarError(
            "VALIDATION_FAILED",
            field="--synthetic",
            message_id="Jumlah data sintetis minimal 1.",
            message_en="The synthetic count must be at least 1.",
        )
    rng = random.Random(seed)
    moment = (now or datetime.now(UTC)).replace(microsecond=0)
    people = await make_people(runtime, count, rng, moment, progress)
    # each plugin after those it requires (``kinerja`` reads what ``layanan`` and ``pengaduan`` loaded)
    await runtime.plugins.acall_by_dependency(
        HOOK, runtime=runtime, count=count, rng=rng, progress=progress, people=people, now=moment
    )
    if is_postgresql(runtime):
        async with runtime.database.engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.execute(text("ANALYZE"))
    return people
