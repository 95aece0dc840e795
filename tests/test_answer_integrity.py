"""Every answer the validators accept renders a project that passes its own gates.

Free-text answers (project name, description, author) land in TOML, Python and
Markdown; each must arrive there as typed, whatever quotes, backslashes, braces or line
breaks it holds. Names land in paths, imports and commands; their length must not
change how the render is laid out.

The property runs ``STRATA_ANSWER_EXAMPLES`` random answer sets (default 3: each costs
a ``uv sync`` and a mypy run, ~40 s). A failure prints the answers and a
``@reproduce_failure`` line; ``--hypothesis-seed=N`` replays a whole run.
"""

import ast
import os
import subprocess
import tempfile
import tomllib
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.support.questions import load_questions
from tests.support.rendering import project_checks, render, run_uv

QUESTIONS = load_questions()
EXAMPLES = int(os.environ.get("STRATA_ANSWER_EXAMPLES", "3"))
# The gates of the render except its own test suite (run by the matrix tests).
STATIC_GATES = ("sync", "ruff-format", "ruff-check", "mypy", "lint-imports")

HOSTILE_TEXT = {
    "project_name": "Ops \"Core\" \\ {{ name }} {% raw %} 'q' *x* #1",
    "description": 'Says """hi""" to C:\\new\\table, `code`, <b>bold</b> | pipe\nsecond line\\',
    "author_name": 'O\'Brien "Ops" \\ Team',
    "author_email": "o'b+{q}@example.com",
}

# Characters that break naive quoting in one file type or another, mixed with letters of
# several scripts. Control characters are left out: these are one-line answers.
_TRICKY = st.sampled_from(['"', "'", "\\", "{{", "}}", "{%", "#", "*", "`", "<", "|", "$", " "])
_LETTERS = st.characters(categories=("L", "N", "P", "S", "Zs"), max_codepoint=0x2FFF)
FREE_TEXT = (
    st.lists(st.one_of(_TRICKY, _LETTERS), min_size=1, max_size=60)
    .map(lambda parts: "".join(parts)[:60])
    .filter(lambda text: bool(text.strip()))
)
SLUG = st.from_regex(r"[a-z][a-z0-9]{0,11}(-[a-z][a-z0-9]{0,8}){0,3}", fullmatch=True)
PACKAGE = st.from_regex(r"[a-z][a-z0-9_]{0,30}", fullmatch=True)
EMAIL = st.from_regex(r"[a-z0-9.+'\"\\]{1,12}@[a-z]{1,10}\.[a-z]{2,6}", fullmatch=True)


def _is_validation_refusal(error: Exception) -> bool:
    return isinstance(error, ValueError) and "Validation error" in str(error)


def _render_or_none(destination: Path, answers: Mapping[str, object]) -> Path | None:
    """Render, or return None when copier's validators refuse the answers."""
    try:
        return render(destination, answers)
    except ValueError as error:
        if _is_validation_refusal(error):
            return None
        raise


def _gates(project: Path, python_version: str, mypy_cache: Path) -> list[str]:
    failures = []
    for name, arguments in project_checks(python_version, mypy_cache):
        if name not in STATIC_GATES:
            continue
        result = run_uv(name, arguments, project)
        if not result.ok:
            failures.append(result.describe())
            if name == "sync":
                break
    return failures


def _name_default(settings_source: str) -> object:
    """Return the literal default of ``AppSettings.name`` in a rendered settings module."""
    for node in ast.walk(ast.parse(settings_source)):
        if isinstance(node, ast.ClassDef) and node.name == "AppSettings":
            for statement in node.body:
                if (
                    isinstance(statement, ast.AnnAssign)
                    and isinstance(statement.target, ast.Name)
                    and statement.target.id == "name"
                    and isinstance(statement.value, ast.Call)
                ):
                    keywords = {k.arg: k.value for k in statement.value.keywords}
                    return ast.literal_eval(keywords["default"])
    message = "AppSettings.name has no literal default"
    raise AssertionError(message)


def _markdown_blocks(readme: str) -> tuple[str, str]:
    """Return the README's first heading and paragraph as a reader sees them."""
    tokens = MarkdownIt("commonmark").parse(readme)
    inline = [token for token in tokens if token.type == "inline"]
    assert tokens[0].type == "heading_open", "the README does not start with a heading"

    def text(token: object) -> str:
        children = getattr(token, "children", None) or []
        return "".join(
            child.content if child.type in {"text", "text_special"} else " "
            for child in children
            if child.type in {"text", "text_special", "softbreak"}
        )

    return text(inline[0]), text(inline[1])


def test_free_text_answers_arrive_as_typed_in_every_file_type(tmp_path: Path) -> None:
    """Quotes, backslashes, braces and line breaks survive TOML, Python and Markdown."""
    project = render(tmp_path / "service", {**HOSTILE_TEXT, "project_slug": "ops-core"})

    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["description"] == HOSTILE_TEXT["description"]
    assert pyproject["project"]["authors"] == [
        {"name": HOSTILE_TEXT["author_name"], "email": HOSTILE_TEXT["author_email"]}
    ]
    settings_file = project / "src" / "ops_core" / "settings.py"
    assert _name_default(settings_file.read_text(encoding="utf-8")) == HOSTILE_TEXT["project_name"]
    heading, paragraph = _markdown_blocks((project / "README.md").read_text(encoding="utf-8"))
    assert heading == HOSTILE_TEXT["project_name"]
    assert paragraph == " ".join(HOSTILE_TEXT["description"].splitlines())
    # The literal is written the way the formatter would write it, and lints clean.
    for command in (("format", "--check"), ("check", "--no-cache")):
        completed = subprocess.run(
            ["ruff", *command, str(settings_file)],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        assert completed.returncode == 0, completed.stdout + completed.stderr


def test_a_package_named_apart_from_the_slug_is_the_one_the_wheel_ships(tmp_path: Path) -> None:
    """The wheel target names the package, so ``-d package_name=orders`` builds."""
    project = render(tmp_path / "service", {"package_name": "orders"})

    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    packages = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    assert packages == ["src/orders"]
    assert (project / "src" / "orders" / "__main__.py").is_file()
    assert pyproject["project"]["scripts"] == {"my-service": "orders.__main__:main"}


# A one-letter name and the longest the validators let through the deepest import path.
NAME_LENGTHS = {
    "short": {"project_name": "Q"},
    "long": {"project_name": "Order Management Service For The Northern Region Ops"},
}


# Every backend's settings and wiring, and the embedded default: the two databases differ.
BACKENDS = {
    "servers": {
        "database": "postgresql",
        "cache": "redis",
        "event_broker": "nats",
        "task_queue": "rabbitmq",
    },
    "nats": {"event_broker": "nats", "task_queue": "nats"},
    "embedded": {"database": "sqlite"},
}


@pytest.mark.parametrize("backends", BACKENDS.values(), ids=BACKENDS.keys())
@pytest.mark.parametrize("names", NAME_LENGTHS.values(), ids=NAME_LENGTHS.keys())
def test_the_layout_does_not_depend_on_the_name_length(
    tmp_path: Path, names: dict[str, object], backends: dict[str, object]
) -> None:
    """The raw render is formatted and lint-clean for a short and a long name alike."""
    answers = {**names, **backends, "include_example": True}
    project = render(tmp_path / "service", answers)

    for command in (("format", "--check", "."), ("check", "--no-cache", ".")):
        completed = subprocess.run(
            ["ruff", *command], cwd=project, capture_output=True, text=True, check=False
        )
        assert completed.returncode == 0, completed.stdout + completed.stderr


ANSWERS = st.fixed_dictionaries(
    {
        "project_name": FREE_TEXT,
        "description": FREE_TEXT,
        "author_name": FREE_TEXT,
        "author_email": EMAIL,
        "project_slug": SLUG,
        "python_version": st.sampled_from([str(v) for v in QUESTIONS["python_version"].values]),
        # Every other question with a finite set of answers, read from copier.yml.
        **{
            name: st.sampled_from(question.values)
            for name, question in QUESTIONS.items()
            if question.values and name != "python_version"
        },
    },
    # Left out, the package name is derived from the slug.
    optional={"package_name": PACKAGE},
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    print_blob=True,
    # Shrinking would re-run minute-long examples; the failing answers are printed whole.
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=(HealthCheck.too_slow, HealthCheck.filter_too_much),
)
@given(answers=ANSWERS)
def test_any_valid_answers_render_a_project_that_passes_its_gates(
    answers: dict[str, object], mypy_cache: Path
) -> None:
    """Property: whatever valid answers a team types, the render passes its gates.

    That is uv sync, ruff format --check, ruff check, mypy and lint-imports, on the raw
    render with no formatter run after it.
    """
    with tempfile.TemporaryDirectory(prefix="strata-answers-") as scratch:
        project = _render_or_none(Path(scratch) / "service", answers)
        assume(project is not None)
        assert project is not None
        failures = _gates(project, str(answers["python_version"]), mypy_cache)
    assert failures == [], f"answers {answers!r}:\n" + "\n".join(failures)


@pytest.mark.parametrize("answers", [{"package_name": "class"}, {"project_slug": "Not A Slug"}])
def test_the_property_treats_a_validator_refusal_as_no_example(
    tmp_path: Path, answers: dict[str, object]
) -> None:
    """Refused answers are skipped, not mistaken for broken renders (or the reverse)."""
    assert _render_or_none(tmp_path / "service", answers) is None
