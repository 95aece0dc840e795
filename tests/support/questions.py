"""Read the questions of copier.yml and build the render matrix from them.

copier.yml is the single source of truth for choices: nothing here names a choice, so a
choice added to copier.yml enters the matrix without touching the tests.
"""

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .paths import COPIER_YML

# The answers whose every value the matrix crosses; each must be a choice or bool question.
MATRIX_QUESTIONS = ("python_version", "database", "cache", "include_example")


@dataclass(frozen=True, slots=True)
class Question:
    """One question of copier.yml (settings, whose keys start with "_", are not questions)."""

    name: str
    type: str
    help: str
    default: object
    choices: tuple[tuple[str, object], ...]
    has_validator: bool

    @property
    def values(self) -> tuple[object, ...]:
        """Every answer the question accepts when that set is finite (choices or bool)."""
        if self.choices:
            return tuple(value for _, value in self.choices)
        if self.type == "bool":
            return (True, False)
        return ()


def _choices(raw: object) -> tuple[tuple[str, object], ...]:
    """Normalise copier's two choice spellings (list, or mapping label -> value)."""
    if isinstance(raw, Mapping):
        return tuple((str(label), value) for label, value in raw.items())
    if isinstance(raw, list):
        return tuple((str(value), value) for value in raw)
    return ()


def load_questions(path: Path = COPIER_YML) -> dict[str, Question]:
    """Return the questions of a copier.yml in file order."""
    document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        name: Question(
            name=name,
            type=str(spec.get("type", "str")),
            help=str(spec.get("help", "")),
            default=spec.get("default"),
            choices=_choices(spec.get("choices")),
            has_validator="validator" in spec,
        )
        for name, spec in document.items()
        if not name.startswith("_") and isinstance(spec, Mapping)
    }


def _label(name: str, value: object) -> str:
    """Readable id fragment: py3.12, sqlite, example / no-example."""
    if isinstance(value, bool):
        fragment = name.removeprefix("include_").replace("_", "-")
        return fragment if value else f"no-{fragment}"
    if name == "python_version":
        return f"py{value}"
    return str(value)


@dataclass(frozen=True, slots=True)
class Combination:
    """One point of the render matrix: the answers it sets and a readable id."""

    answers: Mapping[str, object]

    @property
    def id(self) -> str:
        """Test id such as ``py3.12-sqlite-memory-example``."""
        return "-".join(_label(name, value) for name, value in self.answers.items())


def matrix(questions: Mapping[str, Question] | None = None) -> Iterator[Combination]:
    """Yield the product of every value of the matrix questions."""
    questions = load_questions() if questions is None else questions
    axes: list[tuple[object, ...]] = []
    for name in MATRIX_QUESTIONS:
        values = questions[name].values
        if not values:
            message = f"{name} in copier.yml has no choices and is not a bool"
            raise ValueError(message)
        axes.append(values)
    for point in itertools.product(*axes):
        yield Combination(dict(zip(MATRIX_QUESTIONS, point, strict=True)))


def finite_answers(
    questions: Mapping[str, Question] | None = None,
) -> dict[str, tuple[object, ...]]:
    """Every value of every question that has choices, and both values of bool questions."""
    questions = load_questions() if questions is None else questions
    return {name: q.values for name, q in questions.items() if q.values}
