"""Racing two requests for real: hold each just before it writes until the other has read too.

A check-then-write service (is the NIK free? is there a seat left?) is only safe if its
transaction is guarded — a unique constraint translated into a typed error, a row lock, a
conditional ``UPDATE``. Two requests sent with ``asyncio.gather`` rarely overlap on their own;
:func:`meet_before` makes them: the first ``parties`` calls of an async callable (by default
``AsyncSession.flush``, a service's first INSERT, after its checks) wait for one another, at most
``timeout`` seconds, then go on together.

```python
meeting = meet_before(monkeypatch)
results = await asyncio.gather(officer.query(REGISTER, first), officer.query(REGISTER, second))
assert meeting.met, "both requests read before either wrote"
assert sorted(codes(r) for r in results) == [[], ["DESA_TAKEN"]]
```

``meeting.met`` says whether all of them got there. Assert it when both must have passed their
checks (a unique constraint decides). A guard that serialises the requests instead (a row lock
taken before the checks) keeps the second from getting there: the first waits out the timeout and
goes on alone, so ``meeting.met`` is false — without the lock it would be true, and both would
write.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession


@dataclass
class Meeting:
    """The calls :func:`meet_before` holds: how many have got there, and whether all of them did in time."""

    __test__ = False  # not a test class

    parties: int
    arrived: int = 0
    met: bool = False


def meet_before(
    monkeypatch: pytest.MonkeyPatch,
    owner: object = AsyncSession,
    name: str = "flush",
    *,
    parties: int = 2,
    timeout: float = 1.0,
    when: Callable[..., bool] | None = None,
) -> Meeting:
    """Hold the first ``parties`` calls of the async ``owner.name`` until all have got there (at most
    ``timeout`` seconds from the first), then let each go on; later calls are not held.

    ``owner`` is a class (its method is held: ``AsyncSession``, ``"flush"``) or a module (a function of
    it). ``when``, given the call's arguments, chooses the calls that count — e.g. the first
    ``UPDATE``: ``meet_before(monkeypatch, AsyncSession, "execute", when=lambda _s, stmt, *_a, **_k:
    isinstance(stmt, Update))``. Call it again to hold the next ``parties`` calls; ``monkeypatch``
    undoes it after the test.
    """
    if parties < 2:
        raise ValueError("a meeting needs at least two parties")
    meeting = Meeting(parties)
    barrier = asyncio.Barrier(parties)
    original = getattr(owner, name)
    deadline: list[float] = []

    async def held(*args: Any, **kwargs: Any) -> Any:
        if meeting.arrived < parties and (when is None or when(*args, **kwargs)):
            meeting.arrived += 1
            loop = asyncio.get_running_loop()
            if not deadline:
                deadline.append(loop.time() + timeout)
            with contextlib.suppress(TimeoutError, asyncio.BrokenBarrierError):
                async with asyncio.timeout_at(deadline[0]):
                    await barrier.wait()
                    meeting.met = True
        return await original(*args, **kwargs)

    monkeypatch.setattr(owner, name, held)
    return meeting
