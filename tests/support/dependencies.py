"""The distribution names the generated pyproject.toml can depend on, under any answers."""

import re
import tomllib
from pathlib import Path

from .paths import TEMPLATE_DIR

PYPROJECT_TEMPLATE = TEMPLATE_DIR / "pyproject.toml.jinja"
# A Jinja statement on a line of its own (`{%- if cache == 'redis' %}`) wraps whole TOML lines.
STATEMENT_LINE = re.compile(r"^\s*\{%-?.*?-?%\}\s*$")
EXPRESSION = re.compile(r"\{\{.*?\}\}")
# An expression that is a whole TOML value (an escaped string, ``name = {{ toml_string(x) }}``).
VALUE_EXPRESSION = re.compile(r"(\s=\s*)\{\{.*?\}\}")
REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def normalise(name: str) -> str:
    """PEP 503 form of a distribution name: lowercase, runs of ``-_.`` as one hyphen."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    """Read the normalised distribution name of a requirement such as ``redis[hiredis]>=5``."""
    match = REQUIREMENT_NAME.match(requirement)
    if match is None:
        message = f"cannot read a distribution name from {requirement!r}"
        raise ValueError(message)
    return normalise(match.group(1))


def template_dependencies(path: Path = PYPROJECT_TEMPLATE) -> list[str]:
    """Every requirement of the template's pyproject, with every conditional block kept.

    Dropping the statement lines keeps the lines of every branch, so the result holds the
    dependencies of every combination of answers: runtime, extras, groups, build system.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    toml = "\n".join(
        EXPRESSION.sub("placeholder", VALUE_EXPRESSION.sub(r'\1"placeholder"', line))
        for line in lines
        if not STATEMENT_LINE.match(line)
    )
    document = tomllib.loads(toml)
    project = document.get("project", {})
    requirements: list[str] = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        requirements.extend(extra)
    for group in document.get("dependency-groups", {}).values():
        requirements.extend(item for item in group if isinstance(item, str))
    requirements.extend(document.get("build-system", {}).get("requires", []))
    return sorted({requirement_name(requirement) for requirement in requirements})
