"""The matrix is read from copier.yml, so every question with finite answers is an axis."""

from pathlib import Path

import pytest

from tests.support.questions import default_answers, finite_answers, load_questions, matrix

COPIER_YML = """\
_subdirectory: template
name:
  type: str
  default: x
python_version:
  type: str
  choices: ["3.12", "3.13", "3.14"]
  default: "3.14"
database:
  type: str
  choices:
    SQLite: sqlite
    PostgreSQL: postgresql
  default: sqlite
cache:
  type: str
  choices:
    None: none
    Memory: memory
  default: memory
broker:
  type: str
  choices: [none, memory]
  default: "{{ 'memory' if python_version == '3.14' else 'none' }}"
include_example:
  type: bool
  default: true
"""


@pytest.fixture
def questions_file(tmp_path: Path) -> Path:
    """Write a copier.yml with a free-text, list, mapping and bool question."""
    path = tmp_path / "copier.yml"
    path.write_text(COPIER_YML, encoding="utf-8")
    return path


def test_settings_are_not_questions(questions_file: Path) -> None:
    """Keys starting with an underscore configure copier and are skipped."""
    assert list(load_questions(questions_file)) == [
        "name",
        "python_version",
        "database",
        "cache",
        "broker",
        "include_example",
    ]


def test_every_finite_question_is_an_axis(questions_file: Path) -> None:
    """List choices, mapping choices (by value) and bools are axes; free text is not."""
    assert finite_answers(load_questions(questions_file)) == {
        "python_version": ("3.12", "3.13", "3.14"),
        "database": ("sqlite", "postgresql"),
        "cache": ("none", "memory"),
        "broker": ("none", "memory"),
        "include_example": (True, False),
    }


def test_the_matrix_is_the_full_product_with_readable_unique_ids(questions_file: Path) -> None:
    """A value two questions share is named with its question; a version with a prefix."""
    ids = [c.id for c in matrix(load_questions(questions_file))]
    assert len(ids) == 3 * 2 * 2 * 2 * 2
    assert len(set(ids)) == len(ids)
    assert "py3.14-postgresql-cache-none-broker-memory-no-example" in ids


def test_a_question_added_to_copier_yml_joins_the_matrix(questions_file: Path) -> None:
    """Nothing lists the axes: a new choice question multiplies the matrix by itself."""
    questions_file.write_text(
        COPIER_YML + "auth:\n  type: str\n  choices: [local, oidc]\n  default: local\n"
    )
    combinations = matrix(load_questions(questions_file))
    assert len(combinations) == 3 * 2 * 2 * 2 * 2 * 2
    assert {c.answers["auth"] for c in combinations} == {"local", "oidc"}


def test_the_default_answers_come_from_copier_yml(questions_file: Path) -> None:
    """The default render answers each axis with its default, Jinja ones rendered in order."""
    assert default_answers(load_questions(questions_file)) == {
        "python_version": "3.14",
        "database": "sqlite",
        "cache": "memory",
        "broker": "memory",
        "include_example": True,
    }


def test_a_default_outside_the_choices_is_an_error(questions_file: Path) -> None:
    """A default the choices lack would leave the default render out of the array."""
    questions_file.write_text(COPIER_YML.replace('default: "3.14"', 'default: "3.11"'))
    with pytest.raises(ValueError, match="python_version"):
        default_answers(load_questions(questions_file))


def test_the_real_matrix_covers_every_finite_answer() -> None:
    """Each value of each finite question of the real copier.yml appears in some render."""
    combinations = matrix()
    for name, values in finite_answers().items():
        assert {c.answers[name] for c in combinations} == set(values)
