"""Counting the SQL statements a block of a test runs: how a test shows a list has no N+1.

```python
with count_statements(cettar_runtime) as small:
    await gql.execute(LIST, {"first": 2})
with count_statements(cettar_runtime) as large:
    await gql.execute(LIST, {"first": 50})
assert large.count == small.count, "\\n".join(large.statements)
```
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event

from core.runtime import Runtime


@dataclass
class StatementCounter:
    """The SQL statements run so far inside a :func:`count_statements` block, in order."""

    __test__ = False  # not a test class

    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many statements ran (transaction control such as ``BEGIN`` included when the driver sends it)."""
        return len(self.statements)


@contextmanager
def count_statements(runtime: Runtime) -> Iterator[StatementCounter]:
    """Every SQL statement the runtime's database runs inside the block (each request, job or seed in it).

    Listens to the engine's ``before_cursor_execute`` while the block runs; read the counter
    after the block (or during it: it grows as statements run).
    """
    counter = StatementCounter()

    def record(_connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        counter.statements.append(statement)

    engine = runtime.database.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", record)
