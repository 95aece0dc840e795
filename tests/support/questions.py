"""Read the questions of copier.yml and build the render matrix from them.

copier.yml is the single source of truth for choices: nothing here names a question or a
choice. Every question with a finite set of answers (choices, or a bool) is an axis of the
matrix, so a question or a choice added to copier.yml enters it without touching the tests.
"""

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2.sandbox import SandboxedEnvironment

from .paths import COPIER_YML


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


def finite_answers(
    questions: Mapping[str, Question] | None = None,
) -> dict[str, tuple[object, ...]]:
    """Every value of every question that has choices, and both values of bool questions.

    These questions are the axes of the render matrix, in copier.yml's order.
    """
    questions = load_questions() if questions is None else questions
    return {name: q.values for name, q in questions.items() if q.values}


def _cast(question: Question, value: object) -> object:
    """Give a rendered default the type copier gives the answer (a bool from "True")."""
    if question.type == "bool" and isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "1", "on", "y"}
    if question.type == "int" and isinstance(value, str):
        return int(value)
    return value


def default_answers(questions: Mapping[str, Question] | None = None) -> dict[str, object]:
    """Return the default of every matrix axis: what ``copier copy --defaults`` answers.

    A default may be Jinja over earlier answers (``{{ 'memory' if include_example else
    'none' }}``), so each is rendered in copier.yml's order with the defaults before it.
    """
    questions = load_questions() if questions is None else questions
    environment = SandboxedEnvironment(autoescape=False)
    answers: dict[str, object] = {}
    for name, question in questions.items():
        default = question.default
        if isinstance(default, str) and ("{{" in default or "{%" in default):
            default = _cast(question, environment.from_string(default).render(**answers))
        answers[name] = default
    defaults: dict[str, object] = {}
    for name, values in finite_answers(questions).items():
        if answers[name] not in values:
            message = (
                f"{name} in copier.yml defaults to {answers[name]!r}, which is not one of {values}"
            )
            raise ValueError(message)
        defaults[name] = answers[name]
    return defaults


def _labels(axes: Mapping[str, tuple[object, ...]]) -> dict[tuple[str, object], str]:
    """Readable id fragments: ``py3.14``, ``sqlite``, ``example``/``no-example``.

    A value that starts with a digit takes the first two letters of its question, and a
    value that two questions share (``none``, ``memory``) takes the question's name, so
    every fragment says which answer it is.
    """
    owners: dict[object, int] = {}
    for values in axes.values():
        for value in set(values):
            owners[value] = owners.get(value, 0) + 1
    labels: dict[tuple[str, object], str] = {}
    for name, values in axes.items():
        for value in values:
            if isinstance(value, bool):
                fragment = name.removeprefix("include_").replace("_", "-")
                labels[name, value] = fragment if value else f"no-{fragment}"
            elif owners[value] > 1:
                labels[name, value] = f"{name.replace('_', '-')}-{value}"
            elif not str(value)[:1].isalpha():
                labels[name, value] = f"{name[:2]}{value}"
            else:
                labels[name, value] = str(value)
    return labels


@dataclass(frozen=True, slots=True)
class Combination:
    """One point of the render matrix: an answer for every axis and a readable id."""

    answers: Mapping[str, object]
    id: str


def combinations(
    rows: Iterable[Mapping[str, object]], questions: Mapping[str, Question] | None = None
) -> list[Combination]:
    """Name each row of answers with an id such as ``py3.14-sqlite-memory-example``."""
    axes = finite_answers(questions)
    labels = _labels(axes)
    return [
        Combination(dict(row), "-".join(labels[name, row[name]] for name in axes if name in row))
        for row in rows
    ]


def matrix(questions: Mapping[str, Question] | None = None) -> list[Combination]:
    """Every combination of every value of every finite-valued question (the full product)."""
    questions = load_questions() if questions is None else questions
    axes = finite_answers(questions)
    if not axes:
        message = "copier.yml has no question with choices or a bool: there is no matrix"
        raise ValueError(message)
    names = list(axes)
    rows = (dict(zip(names, point, strict=True)) for point in itertools.product(*axes.values()))
    return combinations(rows, questions)
