"""The error a pool raises when it cannot lend a connection."""

from ...kernel.errors import InfrastructureError
from ...kernel.messages import ErrorMessages


class PoolError(InfrastructureError):
    """A connection pool is exhausted or closed."""

    error_code = "pool_error"
    default_template = ErrorMessages.POOL.EXHAUSTED
