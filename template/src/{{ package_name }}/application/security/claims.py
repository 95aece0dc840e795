"""``AccessClaims``: what an access token says about its bearer (RFC 9068 claim names)."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class AccessClaims(BaseModel):
    """The claims of an access token; unknown claims are ignored, required ones enforced."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    iss: str
    aud: str
    sub: str = Field(min_length=1)
    exp: int
    iat: int
    nbf: int
    jti: str = Field(min_length=1)
    client_id: str = Field(min_length=1)
    scope: str = ""
    roles: tuple[str, ...] = ()
    subject_type: Literal["user", "client"] = "user"

    @property
    def scopes(self) -> frozenset[str]:
        """The granted scopes as a set (the claim is space-separated, RFC 6749 §3.3)."""
        return frozenset(self.scope.split())
