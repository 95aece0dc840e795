"""Find error messages written as string literals outside ``kernel/messages.py``.

Every message a generated service raises comes from ``ErrorMessages``, so wording lives in
one module. An argument of an exception counts as a message when it is

- positional and an f-string, or a string constant containing whitespace (a bare word
  such as ``"Product"`` names an entity or a field and is allowed), or
- passed as ``message=``, ``msg=`` or ``detail=`` as any string literal.

Other keyword arguments are the values a message template interpolates
(``entity=f"{ENTITY} {sku}"``), so they are allowed.
"""

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

from .source_checks import parse_module

EXCEPTION_SUFFIXES = ("Error", "Exception")
MESSAGE_KEYWORDS = frozenset({"message", "msg", "detail"})


def _callee_name(call: ast.Call) -> str:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return ""


def _is_string_literal(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _is_positional_message(node: ast.expr) -> bool:
    if isinstance(node, ast.JoinedStr):
        return True
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and any(char.isspace() for char in node.value.strip())
    )


def _literal_arguments(call: ast.Call) -> Iterator[ast.expr]:
    yield from (arg for arg in call.args if _is_positional_message(arg))
    yield from (
        kw.value
        for kw in call.keywords
        if kw.arg in MESSAGE_KEYWORDS and _is_string_literal(kw.value)
    )


def _exception_calls(tree: ast.AST) -> Iterator[ast.Call]:
    raised = {id(node.exc) for node in ast.walk(tree) if isinstance(node, ast.Raise) and node.exc}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (
            id(node) in raised or _callee_name(node).endswith(EXCEPTION_SUFFIXES)
        ):
            yield node


@functools.lru_cache(maxsize=8192)
def _hits(source: str) -> tuple[tuple[int, int, str, str], ...]:
    """Find the literals of one module text (cached: renders share most of their files)."""
    tree = parse_module(source)
    return tuple(
        sorted(
            (literal.lineno, literal.col_offset, _callee_name(call), ast.unparse(literal))
            for call in _exception_calls(tree)
            for literal in _literal_arguments(call)
        )
    )


def error_literals(source: str, filename: str = "<module>") -> list[str]:
    """``file:line: callee`` for each message literal handed to an exception."""
    return [
        f"{filename}:{line}: {callee or 'raise'}({text})" for line, _, callee, text in _hits(source)
    ]


def error_literals_in_tree(source_root: Path) -> list[str]:
    """Scan every module below ``source_root`` except the one that owns the messages."""
    found: list[str] = []
    for path in sorted(source_root.rglob("*.py")):
        relative = path.relative_to(source_root)
        if relative.parts[-2:] == ("kernel", "messages.py"):
            continue
        found.extend(error_literals(path.read_text(encoding="utf-8"), str(relative)))
    return found
