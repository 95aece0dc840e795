"""Field invariants of a product, checked with the kernel validators."""

from typing import Final

from ...kernel.errors import ValidationError
from ...kernel.result import Result
from ...kernel.validators import validate_format, validate_length, validate_non_empty
from ...kernel.value_validators import validate_range

ENTITY: Final = "Product"
SKU_PATTERN: Final = r"^[A-Z0-9][A-Z0-9-]{2,31}$"
NAME_MAX_LENGTH: Final = 200
DESCRIPTION_MAX_LENGTH: Final = 2000
# The largest value a portable 32-bit INTEGER column holds.
MAX_QUANTITY: Final = 2**31 - 1


def check_sku(sku: str) -> Result[str, ValidationError]:
    """Return the SKU if it is 3..32 upper-case letters, digits or inner hyphens."""
    return validate_format(sku, "sku", SKU_PATTERN)


def check_name(name: str) -> Result[str, ValidationError]:
    """Return the stripped name if it has 1..200 characters."""
    return validate_non_empty(name, "name").flat_map(
        lambda stripped: validate_length(stripped, "name", maximum=NAME_MAX_LENGTH)
    )


def check_description(description: str) -> Result[str, ValidationError]:
    """Return the stripped description (possibly empty) if it is not too long."""
    return validate_length(description.strip(), "description", maximum=DESCRIPTION_MAX_LENGTH)


def check_price(price_cents: int) -> Result[int, ValidationError]:
    """Return the price if it is a non-negative amount of cents."""
    return validate_range(price_cents, "price_cents", minimum=0, maximum=MAX_QUANTITY)


def check_stock(stock: int) -> Result[int, ValidationError]:
    """Return the stock level if it is a non-negative count."""
    return validate_range(stock, "stock", minimum=0, maximum=MAX_QUANTITY)
