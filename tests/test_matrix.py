"""Render every combination of answers and run each render's own checks and suite."""

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.support.error_literals import error_literals_in_tree
from tests.support.questions import Combination, matrix
from tests.support.rendering import CommandResult, project_checks, render, run_uv
from tests.support.report import TIMING_PROPERTY
from tests.support.source_checks import empty_modules, jinja_leftovers, orphan_modules

COMBINATIONS = list(matrix())
PASSED = re.compile(r"(\d+) passed")
# Alembic loads these by path, so no module imports them.
IMPORT_EXEMPT = ("*/migrations/env.py", "*/migrations/versions/*.py")


def _static_problems(project: Path, answers: dict[str, object]) -> list[str]:
    """Problems visible without running a tool: leftovers, empty or orphan modules."""
    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    package = str(recorded.get("package_name", ""))
    problems = [f"leftover Jinja: {hit}" for hit in jinja_leftovers(project)]
    problems += [f"empty module: {path}" for path in empty_modules(project)]
    problems += [
        f"orphan module (nothing imports it): {path}"
        for path in orphan_modules(project, package, IMPORT_EXEMPT)
    ]
    problems += [
        f"answer {name}={value!r} not recorded (got {recorded.get(name)!r})"
        for name, value in answers.items()
        if recorded.get(name) != value
    ]
    problems += [
        f"error message literal outside kernel/messages.py: {hit}"
        for hit in error_literals_in_tree(project / "src" / package)
    ]
    return problems


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


@pytest.mark.parametrize("combination", COMBINATIONS, ids=[c.id for c in COMBINATIONS])
def test_render_passes_its_own_checks(
    combination: Combination,
    tmp_path: Path,
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

    problems = _static_problems(project, answers)
    failures: list[CommandResult] = []
    for name, arguments in project_checks(str(answers["python_version"])):
        result = run_uv(name, arguments, project)
        stages[name] = result.seconds
        if name == "pytest" and (passed := PASSED.search(result.output)):
            timing["tests_passed"] = int(passed.group(1))
        if not result.ok:
            failures.append(result)
            if name == "sync":
                break

    if not failures or failures[0].name != "sync":
        problems += _interpreter_problems(project, str(answers["python_version"]))
    report = problems + [failure.describe() for failure in failures]
    if report:
        pytest.fail(f"{combination.id} at {project}:\n" + "\n".join(report), pytrace=False)
