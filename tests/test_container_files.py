"""The rendered CI workflow, Dockerfile and compose file are valid for every backend.

No Docker engine runs here, so these files are checked statically: actionlint and
hadolint as shipped in wheels, and the compose file's internal references by hand.
"""

import itertools
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.questions import load_questions
from tests.support.rendering import render

QUESTIONS = load_questions()
BACKENDS = list(itertools.product(QUESTIONS["database"].values, QUESTIONS["cache"].values))


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing from the template environment: run `uv sync`")
    return found


def _lint(tool: str, target: Path) -> None:
    completed = subprocess.run(
        [_tool(tool), str(target)], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, f"{tool} {target.name}:\n{completed.stdout}{completed.stderr}"


def _compose_problems(compose: Mapping[str, Any]) -> list[str]:
    """Dangling references: depends_on naming no service, volumes that are not declared."""
    services = compose.get("services")
    assert isinstance(services, dict), "compose.yaml has no services"
    declared = set(compose.get("volumes") or {})
    problems = []
    for name, service in services.items():
        problems += [
            f"{name} depends on unknown service {dependency}"
            for dependency in service.get("depends_on") or {}
            if dependency not in services
        ]
        for mount in service.get("volumes") or []:
            source = str(mount).split(":", 1)[0]
            if not source.startswith((".", "/")) and source not in declared:
                problems.append(f"{name} mounts undeclared volume {source}")
    return problems


@pytest.mark.parametrize(("database", "cache"), BACKENDS, ids=[f"{d}-{c}" for d, c in BACKENDS])
def test_container_and_ci_files_are_valid(tmp_path: Path, database: str, cache: str) -> None:
    """The workflow and Dockerfile pass their linters; compose references resolve."""
    project = render(tmp_path / "service", {"database": database, "cache": cache})

    _lint("actionlint", project / ".github" / "workflows" / "ci.yml")
    _lint("hadolint", project / "Dockerfile")
    compose = yaml.safe_load((project / "compose.yaml").read_text(encoding="utf-8"))
    assert _compose_problems(compose) == []
    assert {"app", "migrate"} <= set(compose["services"])
    if database != "sqlite":
        assert database.replace("postgresql", "postgres") in compose["services"]
    if cache != "memory":
        assert cache in compose["services"]


def test_the_compose_check_finds_dangling_references() -> None:
    """The hand-written compose check is not vacuous."""
    broken = {
        "services": {"app": {"depends_on": {"db": {}}, "volumes": ["data:/app/var"]}},
        "volumes": {},
    }

    assert _compose_problems(broken) == [
        "app depends on unknown service db",
        "app mounts undeclared volume data",
    ]
