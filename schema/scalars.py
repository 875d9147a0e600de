"""Scalars every plugin shares.

``Rupiah`` is an amount of money in whole rupiah. GraphQL's ``Int`` is 32-bit
(at most 2,147,483,647 — about Rp2.1 billion), too small for a village
enterprise's yearly revenue or a regency's budget; ``Rupiah`` goes up to
2^53 - 1, the largest integer a JavaScript client reads exactly, and travels as
a JSON number. Type a field or argument ``Rupiah`` (``from schema import Rupiah``).
"""

from __future__ import annotations

from typing import Any, NewType

import strawberry
from graphql import GraphQLError

#: Whole rupiah, up to 2^53 - 1.
Rupiah = NewType("Rupiah", int)

MAX_SAFE_INTEGER = 2**53 - 1


def _parse_rupiah(value: Any) -> Rupiah:
    if isinstance(value, bool) or not isinstance(value, int):
        raise GraphQLError("Rupiah is a whole number of rupiah, e.g. 1500000")
    if not -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
        raise GraphQLError("Rupiah must lie within +/-(2^53 - 1)")
    return Rupiah(value)


def _serialize_rupiah(value: Any) -> int:
    amount = int(value)
    if not -MAX_SAFE_INTEGER <= amount <= MAX_SAFE_INTEGER:
        raise ValueError("an amount beyond 2^53 - 1 cannot be sent exactly")
    return amount


#: Given to every schema built (``StrawberryConfig(scalar_map=SCALARS)``).
SCALARS: dict[object, Any] = {
    Rupiah: strawberry.scalar(
        name="Rupiah",
        description="An amount in whole rupiah, sent as a JSON number; may exceed 32 bits (up to 2^53 - 1).",
        serialize=_serialize_rupiah,
        parse_value=_parse_rupiah,
    )
}
