"""The plugin's GraphQL type. It implements ``Node`` so ``node(id:)`` finds it."""

from __future__ import annotations

import strawberry
from schema import Node

from cettar_posyandu.models import PosyanduPost


@strawberry.type(
    description="A Posyandu (pos pelayanan terpadu): a community health post in a desa or kelurahan, "
    "run by volunteer cadres (kader)."
)
class Posyandu(Node):
    name: str
    region_code: str = strawberry.field(description="Kemendagri code of its desa/kelurahan, e.g. `35.78.01.1001`.")
    kader_count: int = strawberry.field(description="How many cadres (kader) are active.")
    hamlet: str | None = strawberry.field(
        description="The RW (kelurahan) or dusun (desa) it serves, e.g. `RW 03`; null when it serves the whole village."
    )
    row_id: strawberry.Private[int]

    def node_key(self) -> str:
        return str(self.row_id)

    @classmethod
    def from_row(cls, row: PosyanduPost) -> Posyandu:
        assert row.id is not None, "a Posyandu row must be flushed before it is shown"
        return cls(
            name=row.name,
            region_code=row.region_code,
            kader_count=row.kader_count,
            hamlet=row.hamlet,
            row_id=row.id,
        )


@strawberry.input(description="How many cadres a Posyandu has now.")
class UpdatePosyanduCadresInput:
    id: strawberry.ID = strawberry.field(description="The Posyandu's global ID.")
    kader_count: int = strawberry.field(description="Active cadres, 0 to `CETTAR_POSYANDU_MAX_KADER` (1000).")


@strawberry.type
class UpdatePosyanduCadresPayload:
    posyandu: Posyandu
