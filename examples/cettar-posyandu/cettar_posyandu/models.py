"""The plugin's one table. Table names start with the plugin name: ``posyandu_``."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel


class PosyanduPost(SQLModel, table=True):
    """A Posyandu (pos pelayanan terpadu): a community health post run by volunteer cadres."""

    __tablename__ = "posyandu_post"
    __table_args__ = (
        UniqueConstraint("region_code", "name", name="uq_posyandu_post_region_code_name"),
        CheckConstraint("kader_count >= 0", name="ck_posyandu_post_kader_count"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    #: A desa or kelurahan (checked by the service, not by the database).
    region_code: str = Field(foreign_key="core_region.code", index=True, max_length=13)
    kader_count: int = Field(default=0)
    #: The RW (in a kelurahan) or dusun (in a desa) the post serves, if it serves one.
    hamlet: str | None = Field(default=None, max_length=60)
