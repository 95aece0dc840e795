"""``IdentityServices``: what the OAuth routes need, as one typed bundle."""

from dataclasses import dataclass

from ..security.claims import AccessClaims
from ..security.jwt import JWTAlgorithmProvider
from .grants import OAuthServer
from .login import PasswordLogin
from .ports import UserRepository


@dataclass(frozen=True, slots=True, kw_only=True)
class IdentityServices:
    """The token endpoint's grants, the sign-in form's login, the JWKS and the users."""

    server: OAuthServer
    login: PasswordLogin
    tokens: JWTAlgorithmProvider[AccessClaims]
    users: UserRepository
    issuer: str
    form_secret: bytes
    """Signs the sign-in form's CSRF token."""
