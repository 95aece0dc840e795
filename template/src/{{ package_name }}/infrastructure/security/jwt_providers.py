"""JWT providers on PyJWT: one validation path, one subclass per algorithm's keys."""

import hashlib
import hmac
from datetime import datetime
from typing import Any, ClassVar, override

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm
from pydantic import BaseModel
from pydantic import ValidationError as PayloadError

from ...application.security.jwt import JWTAlgorithm, JWTKeyConfig
from ...kernel.errors import InvalidTokenError
from .key_set import KeySet

# The claims every token of this service carries; a token lacking one is refused.
REQUIRED_CLAIMS = ["exp", "iat", "nbf", "iss", "aud", "sub", "jti"]


class BaseJWTProvider[TPayload: BaseModel]:
    """Signs with the key set's current key; verifies with the key the ``kid`` names.

    The algorithm comes from that key, never from the token's header: a token whose
    ``alg`` differs from its key's (``none``, HS256 under a public key...) is refused.
    Every refusal is the same ``InvalidTokenError``, so a caller learns nothing.

    Type parameters:
        TPayload: the claims model; payloads are validated against it both ways.
    """

    algorithm: ClassVar[JWTAlgorithm]

    def __init__(
        self,
        keys: KeySet,
        payload_type: type[TPayload],
        *,
        issuer: str,
        audience: str,
        max_token_bytes: int = 8192,
    ) -> None:
        self._keys = keys
        self._payload_type = payload_type
        self._issuer = issuer
        self._audience = audience
        self._max_token_bytes = max_token_bytes
        self._loaded: dict[str, tuple[Any, Any]] = {}

    async def sign(self, payload: TPayload) -> str:
        """Return ``payload`` (validated again) as a JWT signed with the current key."""
        checked = self._payload_type.model_validate(payload.model_dump())
        key = await self._keys.current()
        signing, _ = self._key_pair(key)
        headers = {"kid": key.kid, "typ": "at+jwt"}
        claims = checked.model_dump(mode="json")
        return jwt.encode(claims, signing, algorithm=self.algorithm, headers=headers)

    async def verify(self, token: str) -> TPayload:
        """Return the payload of a valid token; raise ``InvalidTokenError`` otherwise."""
        if len(token.encode()) > self._max_token_bytes:
            raise InvalidTokenError
        try:
            header = jwt.get_unverified_header(token)
            kid = header.get("kid")
            key = await self._keys.find(kid) if isinstance(kid, str) else None
            if key is None or key.algorithm != self.algorithm or header.get("alg") != key.algorithm:
                raise InvalidTokenError
            _, verifying = self._key_pair(key)
            claims = jwt.decode(
                token,
                verifying,
                algorithms=[key.algorithm],
                audience=self._audience,
                issuer=self._issuer,
                options={"require": REQUIRED_CLAIMS},
            )
            return self._payload_type.model_validate(claims)
        except (jwt.PyJWTError, PayloadError, ValueError, TypeError) as error:
            raise InvalidTokenError from error

    async def public_jwks(self) -> dict[str, Any]:
        """Return the public keys that may verify a live token (none for HS256)."""
        public = [self.public_jwk(key) for key in await self._keys.verifying()]
        return {"keys": [jwk for jwk in public if jwk is not None]}

    def public_jwk(self, key: JWTKeyConfig) -> dict[str, Any] | None:
        """The JWK of ``key``'s public half, or None for a symmetric key."""
        raise NotImplementedError

    def generate_key(self, kid: str, now: datetime) -> JWTKeyConfig:
        """Return a new key of this algorithm."""
        raise NotImplementedError

    def _load(self, key: JWTKeyConfig) -> tuple[Any, Any]:
        raise NotImplementedError

    def _key_pair(self, key: JWTKeyConfig) -> tuple[Any, Any]:
        if key.kid not in self._loaded:
            self._loaded[key.kid] = self._load(key)
        return self._loaded[key.kid]


class HS256Provider[TPayload: BaseModel](BaseJWTProvider[TPayload]):
    """HMAC-SHA256: each key id's secret is derived from the service secret; no JWKS."""

    algorithm = "HS256"

    def __init__(
        self, keys: KeySet, payload_type: type[TPayload], *, secret: bytes, **options: Any
    ):
        super().__init__(keys, payload_type, **options)
        self._secret = secret

    @override
    def public_jwk(self, key: JWTKeyConfig) -> dict[str, Any] | None:
        """None: a symmetric key is never published."""
        return None

    @override
    def generate_key(self, kid: str, now: datetime) -> JWTKeyConfig:
        """Return a new key id; its secret is derived, so nothing secret is stored."""
        return JWTKeyConfig(kid, self.algorithm, b"", now)

    def _load(self, key: JWTKeyConfig) -> tuple[Any, Any]:
        derived = hmac.new(self._secret, f"jwt:{key.kid}".encode(), hashlib.sha256).digest()
        return derived, derived


class _AsymmetricProvider[TPayload: BaseModel](BaseJWTProvider[TPayload]):
    """Private keys are stored as PKCS#8 PEM encrypted under the service secret."""

    def __init__(
        self, keys: KeySet, payload_type: type[TPayload], *, passphrase: bytes, **options: Any
    ):
        super().__init__(keys, payload_type, **options)
        self._passphrase = passphrase

    def generate_key(self, kid: str, now: datetime) -> JWTKeyConfig:
        """Return a new private key, encrypted for storage."""
        pem = self._new_private_key().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(self._passphrase),
        )
        return JWTKeyConfig(kid, self.algorithm, pem, now)

    def public_jwk(self, key: JWTKeyConfig) -> dict[str, Any] | None:
        """The public key as a JWK with its ``kid``, ``alg`` and ``use``."""
        _, public = self._key_pair(key)
        jwk = self._to_jwk(public)
        return {**jwk, "kid": key.kid, "alg": key.algorithm, "use": "sig"}

    def _load(self, key: JWTKeyConfig) -> tuple[Any, Any]:
        private = serialization.load_pem_private_key(key.private_key, self._passphrase)
        return private, private.public_key()

    def _new_private_key(self) -> Any:
        raise NotImplementedError

    def _to_jwk(self, public: Any) -> dict[str, Any]:
        raise NotImplementedError


class ES256Provider[TPayload: BaseModel](_AsymmetricProvider[TPayload]):
    """ECDSA on P-256 with SHA-256: small keys and signatures, fast to sign."""

    algorithm = "ES256"

    def _new_private_key(self) -> Any:
        return ec.generate_private_key(ec.SECP256R1())

    def _to_jwk(self, public: Any) -> dict[str, Any]:
        return ECAlgorithm.to_jwk(public, as_dict=True)


class RS256Provider[TPayload: BaseModel](_AsymmetricProvider[TPayload]):
    """RSA PKCS#1 v1.5 with SHA-256 (2048-bit keys): the most widely understood."""

    algorithm = "RS256"

    def _new_private_key(self) -> Any:
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def _to_jwk(self, public: Any) -> dict[str, Any]:
        return RSAAlgorithm.to_jwk(public, as_dict=True)
