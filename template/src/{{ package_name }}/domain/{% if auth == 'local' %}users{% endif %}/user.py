"""``User``: a person who signs in with a password and holds roles and scopes."""

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID, uuid4

from ...kernel.errors import ValidationError
from ...kernel.messages import ErrorMessages
from ...kernel.validators import collect_errors, validate_format, validate_length

USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._@+-]*$"


def normalise_username(username: str) -> str:
    """The stored form of a user name: trimmed and lower-cased, so one person is one user."""
    return username.strip().lower()


@dataclass(slots=True, kw_only=True)
class User:
    """A user; a disabled one keeps its record but can neither sign in nor use its tokens."""

    username: str
    password_hash: str
    created_at: datetime
    roles: frozenset[str] = frozenset()
    scopes: frozenset[str] = frozenset()
    disabled: bool = False
    id: UUID = field(default_factory=uuid4)

    def __post_init__(self) -> None:
        self.username = normalise_username(self.username)
        error = collect_errors(
            (
                validate_length(self.username, "username", minimum=3, maximum=64),
                validate_format(self.username, "username", USERNAME_PATTERN),
            )
        )
        if error is not None:
            raise error
        if not self.password_hash:
            raise ValidationError.for_field("password_hash", ErrorMessages.VALIDATION.EMPTY)

    @property
    def is_active(self) -> bool:
        """Tell whether the user may sign in and use its tokens."""
        return not self.disabled

    def disable(self) -> None:
        """Refuse every later sign-in and every token already issued to the user."""
        self.disabled = True

    def replace_password_hash(self, password_hash: str) -> None:
        """Keep a new hash of the same password (stronger parameters), or of a new one."""
        if not password_hash:
            raise ValidationError.for_field("password_hash", ErrorMessages.VALIDATION.EMPTY)
        self.password_hash = password_hash
