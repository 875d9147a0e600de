"""The Node interface and opaque global IDs."""

from __future__ import annotations

import base64
import binascii

import strawberry

from core.errors import CettarError


def encode_global_id(type_name: str, key: str) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode().rstrip("=")


def decode_global_id(global_id: str) -> tuple[str, str]:
    """``(type name, key)``; a malformed ID raises ``INVALID_ID``."""
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        type_name, sep, key = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise CettarError("INVALID_ID", field="id") from None
    if not sep or not type_name or not key:
        raise CettarError("INVALID_ID", field="id")
    return type_name, key


MAX_INT_KEY = 2**31 - 1


def int_key(key: str) -> int | None:
    """The integer row id a global ID's key names, or None: plain ASCII digits, no leading
    zero, within a database INTEGER — so ``01``, ``²`` or a huge number never reach a query."""
    if not key.isascii() or not key.isdigit() or key != str(int(key)) or int(key) > MAX_INT_KEY:
        return None
    return int(key)


def decode_int_id(global_id: str, type_name: str, field: str = "id") -> int:
    """The integer key of a global ID that must name ``type_name``; ``INVALID_ID`` on ``field`` otherwise."""
    try:
        kind, key = decode_global_id(global_id)
    except CettarError:
        raise CettarError("INVALID_ID", field=field) from None
    found = int_key(key) if kind == type_name else None
    if found is None:
        raise CettarError("INVALID_ID", field=field)
    return found


@strawberry.interface(description="An object with a global ID, fetchable with `node(id:)`.")
class Node:
    @strawberry.field(description="Opaque global ID. Do not parse it; pass it to `node(id:)`.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(encode_global_id(type(self).__strawberry_definition__.name, self.node_key()))  # type: ignore[attr-defined]

    def node_key(self) -> str:
        """The type-local key this object is found by (its primary key, as text)."""
        raise NotImplementedError
