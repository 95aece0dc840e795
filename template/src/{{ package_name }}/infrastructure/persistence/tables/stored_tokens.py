"""The ``stored_tokens`` table: tokens kept until they expire, revoked API keys among them."""

from datetime import datetime

from sqlmodel import Field, SQLModel


class StoredTokenRow(SQLModel, table=True):
    """One token of the token store; an API key appears only as its SHA-256 digest."""

    __tablename__ = "stored_tokens"

    identifier: str = Field(primary_key=True, max_length=200)
    # The payload as JSON (for a revoked API key: the subject it was issued to).
    value: str
    expires_at: datetime = Field(index=True)
    revoked: bool
