"""layanan: each application's own fee — its legal basis and description beside the amount

Revision ID: layanan_0002
Revises: layanan_0001
Create Date: 2026-11-30

A service's fee may depend on the answers (``ServiceDefinition.fee_for``: a SIM class, a
vehicle kind), so an application keeps the whole fee it was charged, not only the amount.
Applications submitted before this revision keep empty texts.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "layanan_0002"
down_revision: str | Sequence[str] | None = "layanan_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("fee_legal_basis", "fee_description_id", "fee_description_en")


def upgrade() -> None:
    with op.batch_alter_table("layanan_application") as batch:
        for name in COLUMNS:
            batch.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("layanan_application") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
