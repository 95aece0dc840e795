"""``OAuthClient``: an application that obtains tokens, and what it may ask for."""

from dataclasses import dataclass
from enum import StrEnum

from ...kernel.errors import ValidationError
from ...kernel.messages import ErrorMessages


class GrantType(StrEnum):
    """The OAuth 2.0 grants this server offers (RFC 6749 §4 and §6)."""

    PASSWORD = "password"  # noqa: S105 - a grant's name, not a secret
    CLIENT_CREDENTIALS = "client_credentials"
    REFRESH_TOKEN = "refresh_token"  # noqa: S105 - a grant's name, not a secret
    AUTHORIZATION_CODE = "authorization_code"


@dataclass(frozen=True, slots=True, kw_only=True)
class OAuthClient:
    """A registered client; without a secret hash it is public (a browser or mobile app)."""

    client_id: str
    secret_hash: str | None
    grant_types: frozenset[GrantType]
    redirect_uris: frozenset[str] = frozenset()
    scopes: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not self.client_id.strip():
            raise ValidationError.for_field("client_id", ErrorMessages.VALIDATION.EMPTY)
        machine_grant = GrantType.CLIENT_CREDENTIALS in self.grant_types
        if self.secret_hash is None and machine_grant:
            raise ValidationError.for_field("secret_hash", ErrorMessages.VALIDATION.EMPTY)
        if GrantType.AUTHORIZATION_CODE in self.grant_types and not self.redirect_uris:
            raise ValidationError.for_field("redirect_uris", ErrorMessages.VALIDATION.EMPTY)

    @property
    def is_confidential(self) -> bool:
        """Tell whether the client authenticates with a secret."""
        return self.secret_hash is not None

    def allows(self, grant_type: GrantType) -> bool:
        """Tell whether the client may use ``grant_type``."""
        return grant_type in self.grant_types
