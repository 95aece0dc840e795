"""Create the stored_tokens table that keeps revoked API keys (by digest) for every instance.

The security tables are their own branch, so they exist whichever other tables the
service has; ``migrate`` upgrades every branch.

Revision ID: security_0001
Revises:
Create Date: 2026-12-01 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "security_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("security",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stored_tokens",
        sa.Column("identifier", sa.String(length=200), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("identifier"),
    )
    op.create_index(
        op.f("ix_stored_tokens_expires_at"), "stored_tokens", ["expires_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_stored_tokens_expires_at"), table_name="stored_tokens")
    op.drop_table("stored_tokens")
