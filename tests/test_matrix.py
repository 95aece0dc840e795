"""Run each render's own checks and suite on the pairwise covering array (all with --all).

The static pass (tests/test_static_matrix.py) renders every combination; here the slow part,
an environment per render with mypy, import-linter and the generated suite, runs on the rows
of the covering array of copier.yml (the default render first), or on every combination with
``scripts/test --all``.
"""

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.covering import matrix_rows
from tests.support.questions import Combination, combinations, matrix
from tests.support.rendering import CommandResult, project_checks, render, run_uv
from tests.support.report import TIMING_PROPERTY
from tests.support.static_pass import render_problems

PASSED = re.compile(r"(\d+) passed")
# The question whose answer names the interpreter; copier.yml calls it so, and renders record it.
PYTHON_QUESTION = "python_version"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize over the covering array, or over every combination with ``--all``."""
    if "combination" in metafunc.fixturenames:
        chosen = (
            matrix() if metafunc.config.getoption("strata_all") else combinations(matrix_rows())
        )
        metafunc.parametrize("combination", chosen, ids=[c.id for c in chosen])


def _interpreter_problems(project: Path, python_version: str) -> list[str]:
    """Check that the render's environment runs the Python the combination targets."""
    config = (project / ".venv" / "pyvenv.cfg").read_text(encoding="utf-8")
    versions = [
        line.partition("=")[2].strip()
        for line in config.splitlines()
        if line.startswith("version_info")
    ]
    if versions and versions[0].startswith(f"{python_version}."):
        return []
    return [f".venv runs Python {versions} instead of {python_version}"]


@pytest.mark.slow
def test_render_passes_its_own_checks(
    combination: Combination,
    tmp_path: Path,
    mypy_cache: Path,
    record_property: Callable[[str, object], None],
) -> None:
    """The raw render is clean and its formatter, linters, type checker and suite pass."""
    stages: dict[str, float] = {}
    timing: dict[str, object] = {"combination": combination.id, "stages": stages}
    record_property(TIMING_PROPERTY, timing)
    answers = dict(combination.answers)
    project = tmp_path / "service"

    started = time.perf_counter()
    render(project, answers)
    stages["render"] = time.perf_counter() - started
    assert (project / ".copier-answers.yml").is_file(), "the answers file was not written"

    problems = render_problems(project, answers)
    python_version = str(answers[PYTHON_QUESTION])
    failures: list[CommandResult] = []
    for name, arguments in project_checks(python_version, mypy_cache):
        result = run_uv(name, arguments, project)
        stages[name] = result.seconds
        if name == "pytest" and (passed := PASSED.search(result.output)):
            timing["tests_passed"] = int(passed.group(1))
        if not result.ok:
            failures.append(result)
            if name == "sync":
                break

    if not failures or failures[0].name != "sync":
        problems += _interpreter_problems(project, python_version)
    report = problems + [failure.describe() for failure in failures]
    if report:
        pytest.fail(f"{combination.id} at {project}:\n" + "\n".join(report), pytrace=False)
