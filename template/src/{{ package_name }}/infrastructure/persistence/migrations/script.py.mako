<%
    # The docstring's first line is a sentence, as the linter asks of every docstring.
    summary = (message or "Revision").strip().rstrip(".")
    summary = summary[:1].upper() + summary[1:] + "."
    body = (upgrades or "") + (downgrades or "") + (imports or "")
%>"""${summary}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}
"""

from collections.abc import Sequence

% if "sa." in body:
import sqlalchemy as sa
% endif
% if "sqlmodel." in body:
## Autogenerate names SQLModel's column types by their full path, which mypy resolves
## only through an import of that module.
import sqlmodel.sql.sqltypes
% endif
% if "op." in body:
from alembic import op
% endif
${imports if imports else ""}
revision: str = ${repr(up_revision)}
down_revision: str | None = ${repr(down_revision)}
branch_labels: str | Sequence[str] | None = ${repr(branch_labels)}
depends_on: str | Sequence[str] | None = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
