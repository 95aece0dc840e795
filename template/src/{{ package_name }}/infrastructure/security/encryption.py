"""``EncryptedValue``: AES-256-GCM encryption of typed values with a key derived by HKDF."""

import base64
import os
from dataclasses import dataclass, field
from typing import Self

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import SecretStr, TypeAdapter

_NONCE_BYTES = 12
# The first byte names the format, so a later key or algorithm can coexist with this one.
_VERSION = b"\x01"


@dataclass(frozen=True, slots=True)
class EncryptedValue[T]:
    """Ciphertext of a ``T``: confidential, tamper-evident, and decrypted back into a ``T``.

    Type parameters:
        T: the plaintext value's type (anything pydantic can serialise).

    Example::

        cipher = ValueCipher(settings.security.secret_key, purpose="audit.actor")
        sealed = cipher.encrypt(actor, TypeAdapter(Actor))
        token = sealed.token  # store this text
        cipher.decrypt(EncryptedValue.from_token(token, TypeAdapter(Actor)))  # -> Actor
    """

    ciphertext: bytes
    adapter: TypeAdapter[T] = field(repr=False, compare=False)

    @property
    def token(self) -> str:
        """The ciphertext as URL-safe base64 text, for columns and JSON."""
        return base64.urlsafe_b64encode(self.ciphertext).decode("ascii")

    @classmethod
    def from_token(cls, token: str, adapter: TypeAdapter[T]) -> Self:
        """Rebuild an encrypted value from its ``token``."""
        return cls(base64.urlsafe_b64decode(token.encode("ascii")), adapter)


class ValueCipher:
    """Encrypts and decrypts typed values with a key derived for one purpose.

    HKDF derives a distinct 256-bit key per ``purpose`` from the service secret, and
    the purpose is bound as associated data, so a ciphertext made for one use cannot
    be replayed as another. A wrong key or altered ciphertext raises ``InvalidTag``.
    """

    def __init__(self, secret_key: SecretStr, *, purpose: str) -> None:
        self._purpose = purpose.encode()
        derived = HKDF(algorithm=SHA256(), length=32, salt=None, info=self._purpose).derive(
            secret_key.get_secret_value().encode()
        )
        self._aead = AESGCM(derived)

    def encrypt[T](self, value: T, adapter: TypeAdapter[T]) -> EncryptedValue[T]:
        """Serialise ``value`` to JSON and encrypt it under a fresh random nonce."""
        nonce = os.urandom(_NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, adapter.dump_json(value), self._purpose)
        return EncryptedValue(_VERSION + nonce + sealed, adapter)

    def decrypt[T](self, value: EncryptedValue[T]) -> T:
        """Authenticate, decrypt and validate the plaintext back into a ``T``."""
        if not value.ciphertext.startswith(_VERSION):
            raise InvalidTag
        body = value.ciphertext[len(_VERSION) :]
        nonce, sealed = body[:_NONCE_BYTES], body[_NONCE_BYTES:]
        return value.adapter.validate_json(self._aead.decrypt(nonce, sealed, self._purpose))
