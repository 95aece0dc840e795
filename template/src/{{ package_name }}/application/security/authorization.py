"""Policy-based authorisation: an action on a resource is allowed when a policy says so."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from ...kernel.errors import AuthenticationError, AuthorizationError, SecurityError
from ...kernel.result import Err, Ok, Result
from .actor import Actor


@dataclass(frozen=True, slots=True)
class AuthorizationContext[TResource, TAction]:
    """Everything a policy may look at: who, on what, doing what, and extra attributes.

    Type parameters:
        TResource: what is acted on (a resource kind, or the entity itself).
        TAction: the actions on it, usually a ``StrEnum``.
    """

    actor: Actor
    resource: TResource
    action: TAction
    attributes: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))


type Policy[TResource, TAction] = Callable[[AuthorizationContext[TResource, TAction]], bool]
"""Returns True to allow; several policies for one action must all allow."""


def has_role[TResource, TAction](role: str) -> Policy[TResource, TAction]:
    """Build a policy allowing callers that hold ``role``."""

    def policy(context: AuthorizationContext[TResource, TAction]) -> bool:
        return role in context.actor.roles

    return policy


class PolicyBasedAuthorizer[TResource, TAction]:
    """Decides with the policies registered for each action; an action without any is denied.

    Type parameters:
        TResource: the resource type of the contexts it judges.
        TAction: the action type; the keys of ``policies``.

    Example::

        authorizer = PolicyBasedAuthorizer[str, CatalogAction](
            {CatalogAction.CREATE: [has_role("catalog:write")]}
        )
        authorizer.authorize(AuthorizationContext(actor, "product", CatalogAction.CREATE))
    """

    def __init__(self, policies: Mapping[TAction, Sequence[Policy[TResource, TAction]]]) -> None:
        self._policies = {action: tuple(rules) for action, rules in policies.items()}

    def is_allowed(self, context: AuthorizationContext[TResource, TAction]) -> bool:
        """Tell whether every policy of the context's action allows it (deny by default)."""
        rules = self._policies.get(context.action, ())
        return bool(rules) and all(rule(context) for rule in rules)

    def authorize(
        self, context: AuthorizationContext[TResource, TAction]
    ) -> Result[None, SecurityError]:
        """Return Ok if allowed, else an authentication (anonymous) or authorisation error."""
        if self.is_allowed(context):
            return Ok(None)
        if context.actor.is_anonymous:
            return Err(AuthenticationError())
        return Err(AuthorizationError())
