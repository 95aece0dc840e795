"""Measure how much of the template's Python carries Jinja (it should keep going down)."""

import re
from dataclasses import dataclass
from pathlib import Path

from .paths import TEMPLATE_DIR

JINJA_LINE = re.compile(r"\{[{%#]")


@dataclass(frozen=True, slots=True)
class JinjaShare:
    """Lines of template Python carrying a Jinja delimiter, out of all of them."""

    jinja_lines: int
    total_lines: int
    files: int
    files_with_jinja: int

    @property
    def percent(self) -> float:
        """Share of Jinja lines, in percent (0 for a template without Python)."""
        return 100.0 * self.jinja_lines / self.total_lines if self.total_lines else 0.0


def measure(template_dir: Path = TEMPLATE_DIR) -> JinjaShare:
    """Count over ``*.py`` and ``*.py.jinja`` files of the template."""
    paths = sorted({*template_dir.rglob("*.py"), *template_dir.rglob("*.py.jinja")})
    jinja_lines = total_lines = files_with_jinja = 0
    for path in paths:
        lines = path.read_text(encoding="utf-8").splitlines()
        marked = sum(1 for line in lines if JINJA_LINE.search(line))
        jinja_lines += marked
        total_lines += len(lines)
        files_with_jinja += marked > 0
    return JinjaShare(jinja_lines, total_lines, len(paths), files_with_jinja)
