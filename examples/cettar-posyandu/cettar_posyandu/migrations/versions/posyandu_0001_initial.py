"""posyandu: community health posts

Revision ID: posyandu_0001
Revises:
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "posyandu_0001"
down_revision: str | None = None
branch_labels: Sequence[str] | None = ("posyandu",)
# posyandu_post.region_code references core_region.code.
depends_on: str | None = "core_0001"


def upgrade() -> None:
    op.create_table(
        "posyandu_post",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("region_code", sa.String(13), sa.ForeignKey("core_region.code"), nullable=False, index=True),
        sa.Column("kader_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("hamlet", sa.String(60), nullable=True),
        sa.UniqueConstraint("region_code", "name", name="uq_posyandu_post_region_code_name"),
        sa.CheckConstraint("kader_count >= 0", name="ck_posyandu_post_kader_count"),
    )


def downgrade() -> None:
    op.drop_table("posyandu_post")
