"""The matrix is read from copier.yml, so every choice is rendered and tested."""

from pathlib import Path

import pytest

from tests.support.questions import MATRIX_QUESTIONS, finite_answers, load_questions, matrix

COPIER_YML = """\
_subdirectory: template
name:
  type: str
  default: x
python_version:
  type: str
  choices: ["3.12", "3.13", "3.14"]
database:
  type: str
  choices:
    SQLite: sqlite
    PostgreSQL: postgresql
cache:
  type: str
  choices:
    Memory: memory
include_example:
  type: bool
  default: true
"""


@pytest.fixture
def questions_file(tmp_path: Path) -> Path:
    """Write a copier.yml with a list, a mapping and a bool question."""
    path = tmp_path / "copier.yml"
    path.write_text(COPIER_YML, encoding="utf-8")
    return path


def test_settings_are_not_questions(questions_file: Path) -> None:
    """Keys starting with an underscore configure copier and are skipped."""
    assert list(load_questions(questions_file)) == ["name", *MATRIX_QUESTIONS]


def test_every_choice_and_both_booleans_are_enumerated(questions_file: Path) -> None:
    """List choices, mapping choices (by value) and bools give every accepted answer."""
    assert finite_answers(load_questions(questions_file)) == {
        "python_version": ("3.12", "3.13", "3.14"),
        "database": ("sqlite", "postgresql"),
        "cache": ("memory",),
        "include_example": (True, False),
    }


def test_a_new_choice_enters_the_matrix(questions_file: Path) -> None:
    """The matrix is the full product, with readable ids."""
    ids = [c.id for c in matrix(load_questions(questions_file))]
    assert len(ids) == 3 * 2 * 1 * 2
    assert "py3.14-postgresql-memory-no-example" in ids
    assert len(set(ids)) == len(ids)


def test_the_real_matrix_covers_every_matrix_answer() -> None:
    """Each value of each matrix question of the real copier.yml appears in some render."""
    combinations = list(matrix())
    for name, values in finite_answers().items():
        if name in MATRIX_QUESTIONS:
            assert {c.answers[name] for c in combinations} == set(values)


def test_a_matrix_question_without_choices_is_an_error(tmp_path: Path) -> None:
    """A matrix question turned free text would silently shrink the matrix, so it fails."""
    path = tmp_path / "copier.yml"
    path.write_text(COPIER_YML.replace('choices: ["3.12", "3.13", "3.14"]', "default: '3.12'"))
    with pytest.raises(ValueError, match="python_version"):
        list(matrix(load_questions(path)))
