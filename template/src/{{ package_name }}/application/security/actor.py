"""``Actor``: who is making the current request, readable anywhere below the API."""

from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Actor:
    """An authenticated caller (or the anonymous one), its roles, scopes and tenant if bound."""

    subject: str
    roles: frozenset[str] = field(default_factory=frozenset)
    scopes: frozenset[str] = field(default_factory=frozenset)
    tenant: str | None = None

    @property
    def is_anonymous(self) -> bool:
        """Tell whether the caller presented no credentials."""
        return self == ANONYMOUS


ANONYMOUS = Actor("anonymous")

# The API sets it once per request after authentication; use cases (audit) read it,
# so no handler signature has to carry the caller around.
current_actor: ContextVar[Actor] = ContextVar("current_actor", default=ANONYMOUS)
