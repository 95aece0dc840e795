"""SQL's three-valued logic over Python values: True, False, or None for UNKNOWN.

In-memory specifications evaluate through these functions so that they select
exactly the rows a SQL `WHERE` clause would: a comparison with NULL is UNKNOWN,
and a row is selected only when the whole condition is TRUE.
"""

import functools
import operator
import re
from collections.abc import Callable, Collection
from typing import Any

type Truth = bool | None
"""TRUE, FALSE, or None for SQL's UNKNOWN."""


def kleene_and(left: Truth, right: Truth) -> Truth:
    """Return SQL `left AND right`: FALSE wins, then UNKNOWN."""
    if left is False or right is False:
        return False
    if left is None or right is None:
        return None
    return True


def kleene_or(left: Truth, right: Truth) -> Truth:
    """Return SQL `left OR right`: TRUE wins, then UNKNOWN."""
    if left is True or right is True:
        return True
    if left is None or right is None:
        return None
    return False


def kleene_not(value: Truth) -> Truth:
    """Return SQL `NOT value`: NOT UNKNOWN is UNKNOWN."""
    return None if value is None else not value


@functools.lru_cache(maxsize=256)
def like_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a SQL LIKE pattern: `%` is any run, `_` one character, the rest literal."""
    wildcards = {"%": ".*", "_": "."}
    regex = "".join(wildcards.get(char) or re.escape(char) for char in pattern)
    return re.compile(regex, re.DOTALL)


def compare(ordering: Callable[[Any, Any], bool], actual: object, expected: object) -> Truth:
    """Return the SQL truth of `ordering(actual, expected)`: UNKNOWN if either is NULL."""
    if actual is None or expected is None:
        return None
    return bool(ordering(actual, expected))


def like(actual: object, pattern: object) -> Truth:
    """Return SQL `actual LIKE pattern`, case-sensitive; UNKNOWN if either is NULL."""
    if actual is None or pattern is None:
        return None
    return like_pattern(str(pattern)).fullmatch(str(actual)) is not None


def between(actual: object, low: object, high: object) -> Truth:
    """Return SQL `actual BETWEEN low AND high` (inclusive): `low <= actual AND actual <= high`."""
    return kleene_and(compare(operator.le, low, actual), compare(operator.le, actual, high))


def is_in(actual: object, candidates: Collection[object]) -> Truth:
    """Return SQL `actual IN (candidates)`; an empty list is FALSE even for NULL."""
    if not candidates:
        return False
    if actual is None:
        return None
    if any(candidate is not None and actual == candidate for candidate in candidates):
        return True
    return None if any(candidate is None for candidate in candidates) else False


def is_null(actual: object, *, expected: bool) -> Truth:
    """Return SQL `actual IS NULL` when `expected`, else `actual IS NOT NULL` (never UNKNOWN)."""
    return (actual is None) is expected
