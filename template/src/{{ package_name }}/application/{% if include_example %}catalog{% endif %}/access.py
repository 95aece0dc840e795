"""Who may change the catalog: every write needs the ``catalog:write`` role."""

from enum import StrEnum
from typing import Final

from ..security.authorization import Policy, PolicyBasedAuthorizer, has_role

WRITER_ROLE: Final = "catalog:write"
RESOURCE: Final = "product"


class CatalogAction(StrEnum):
    """The guarded actions on products."""

    CREATE = "create"
    UPDATE = "update"
    ADJUST_STOCK = "adjust_stock"
    DISCONTINUE = "discontinue"
    DELETE = "delete"
    EXPORT = "export"


type CatalogAuthorizer = PolicyBasedAuthorizer[str, CatalogAction]


def catalog_authorizer() -> CatalogAuthorizer:
    """Build the catalog's authoriser: writers may perform every action."""
    writer: Policy[str, CatalogAction] = has_role(WRITER_ROLE)
    return PolicyBasedAuthorizer({action: [writer] for action in CatalogAction})
