"""Who may change the catalog: every write needs the ``catalog:write`` scope."""

from typing import Final

WRITER_SCOPE: Final = "catalog:write"
