"""`copier update` carries a new template release into a project without losing edits."""

import re
import shutil
from pathlib import Path

import pytest
import yaml
from copier import run_copy, run_update

from tests.support.git import IDENTITY, commit_all, git
from tests.support.paths import TEMPLATE_ROOT
from tests.support.rendering import CommandResult, project_checks, render, run_uv
from tests.support.template_repository import (
    NOT_COPIED,
    RELEASE_COMMIT,
    RELEASE_TAG,
    clone_with_working_tree,
    tag_target,
)

CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})( |$)", re.MULTILINE)
USER_LINE = "Operated by the payments team."
TEMPLATE_LINE = "# Strata v2: a comment the new template release adds."


@pytest.fixture
def template_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Commit a copy of the working tree as release v1 of a fresh template repository."""
    for name, value in IDENTITY.items():
        monkeypatch.setenv(name, value)
    repository = tmp_path / "template-repo"
    shutil.copytree(TEMPLATE_ROOT, repository, ignore=NOT_COPIED)
    git(repository, "init", "--quiet")
    commit_all(repository, "Template v1", tag="v1")
    return repository


def test_update_keeps_user_edits_and_brings_template_changes(
    template_repository: Path, tmp_path: Path
) -> None:
    """A user edit and a template change in different files both survive the update."""
    project = render(tmp_path / "project", source=template_repository, vcs_ref="v1")
    git(project, "init", "--quiet")
    commit_all(project, "Generated from Strata v1")
    readme = project / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + f"\n{USER_LINE}\n", "utf-8")
    commit_all(project, "Describe the owning team")

    template_file = template_repository / "template" / "pyproject.toml.jinja"
    template_file.write_text(
        template_file.read_text(encoding="utf-8") + f"\n{TEMPLATE_LINE}\n", "utf-8"
    )
    commit_all(template_repository, "Template v2", tag="v2")

    run_update(project, defaults=True, overwrite=True, unsafe=True, vcs_ref="v2", quiet=True)

    text_files = [p for p in project.rglob("*") if p.is_file() and ".git" not in p.parts]
    conflicted = [
        str(p.relative_to(project))
        for p in text_files
        if CONFLICT_MARKER.search(p.read_text(encoding="utf-8", errors="replace"))
    ]
    assert conflicted == [], f"conflict markers left in {conflicted}"
    assert [p for p in text_files if p.suffix == ".rej"] == []
    assert USER_LINE in readme.read_text(encoding="utf-8")
    assert TEMPLATE_LINE in (project / "pyproject.toml").read_text(encoding="utf-8")
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["_commit"] == "v2"


# What an owner of a service rendered from the release changes in it.
SUPPORT_FIELD = (
    "    support_email: str = Field(\n"
    '        default="support@example.com", description="Where users ask for help."\n'
    "    )\n"
)
GREETING_MODULE = '''"""How the service greets the people it serves."""


def greeting(name: str) -> str:
    """Say hello to ``name``, stripped of surrounding blanks."""
    return f"Hello, {name.strip()}!"
'''
GREETING_TEST = '''from my_service.domain.greeting import greeting


def test_greeting_strips_the_name() -> None:
    """Blanks around a name do not reach the greeting."""
    assert greeting("  Ada ") == "Hello, Ada!"
'''
OWNER_DEPENDENCY = '    "humanize>=4.9",\n'
README_LINES = "\n## On call\n\nPage the payments team; runbooks live in the wiki.\n"
LIVE_ROUTE = '@router.get("/live")'
OWNER_LIVE_ROUTE = '@router.get("/live", summary="Liveness probe")'


def _insert_after(path: Path, anchor: str, text: str) -> None:
    """Insert ``text`` after the first line that starts with ``anchor`` (stripped)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.strip().startswith(anchor))
    lines.insert(index + 1, text)
    path.write_text("".join(lines), encoding="utf-8")


def _make_owner_edits(project: Path, package: str) -> list[str]:
    """Edit the render as an owner would; return the files touched."""
    source = project / "src" / package
    _insert_after(source / "settings.py", "host: str = Field(", SUPPORT_FIELD)
    health = source / "api" / "health.py"
    health.write_text(
        health.read_text(encoding="utf-8").replace(LIVE_ROUTE, OWNER_LIVE_ROUTE), "utf-8"
    )
    (source / "domain" / "greeting.py").write_text(GREETING_MODULE, encoding="utf-8")
    (project / "tests" / "unit" / "test_greeting.py").write_text(
        GREETING_TEST.replace("my_service", package), encoding="utf-8"
    )
    _insert_after(project / "pyproject.toml", '"fastapi-offline', OWNER_DEPENDENCY)
    readme = project / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + README_LINES, encoding="utf-8")
    return [
        f"src/{package}/settings.py",
        f"src/{package}/api/health.py",
        "pyproject.toml",
        "README.md",
    ]


def _conflicts(project: Path) -> dict[str, list[str]]:
    """Files with conflict markers, and the ``.rej`` files, of a project after an update."""
    markers: list[str] = []
    rejects: list[str] = []
    for path in project.rglob("*"):
        if not path.is_file() or {".git", ".venv"} & set(path.parts):
            continue
        relative = str(path.relative_to(project))
        if path.suffix == ".rej":
            rejects.append(relative)
        elif CONFLICT_MARKER.search(path.read_text(encoding="utf-8", errors="replace")):
            markers.append(relative)
    return {"markers": sorted(markers), "rejects": sorted(rejects)}


def test_the_release_tag_points_at_the_pinned_release_commit() -> None:
    """Where the repository carries the release tag, it names the commit the tests pin."""
    target = tag_target(TEMPLATE_ROOT, RELEASE_TAG)
    assert target in {None, RELEASE_COMMIT}, f"{RELEASE_TAG} points at {target}"


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_update_from_the_release_keeps_owner_edits_and_passes_the_gates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mypy_cache: Path
) -> None:
    """Render 0.1.0, edit as an owner, update to the working tree: edits kept, gates pass."""
    for name, value in IDENTITY.items():
        monkeypatch.setenv(name, value)
    template = clone_with_working_tree(tmp_path / "strata")
    head = git(template, "rev-parse", "HEAD").strip()
    project = tmp_path / "service"
    # The release ran a print-only task, so rendering it needs the trust it asked for then.
    run_copy(str(template), project, defaults=True, unsafe=True, vcs_ref=RELEASE_TAG, quiet=True)
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    package = str(answers["package_name"])
    git(project, "init", "--quiet")
    commit_all(project, "Generated from Strata 0.1.0")
    touched = _make_owner_edits(project, package)
    commit_all(project, "Owner edits")

    # copier refuses an update untrusted while the release it starts from declared a task,
    # even one it will not run; 0.1.0 did, so leaving it takes --trust once.
    run_update(project, defaults=True, overwrite=True, unsafe=True, vcs_ref=head, quiet=True)

    conflicts = _conflicts(project)
    untouched_markers = [path for path in conflicts["markers"] if path not in touched]
    assert conflicts["rejects"] == [], f"rejected hunks: {conflicts['rejects']}"
    assert untouched_markers == [], f"conflicts in files the owner left alone: {untouched_markers}"
    assert conflicts["markers"] == [], f"conflicts in the owner's files: {conflicts['markers']}"
    source = project / "src" / package
    assert SUPPORT_FIELD in (source / "settings.py").read_text(encoding="utf-8")
    assert OWNER_LIVE_ROUTE in (source / "api" / "health.py").read_text(encoding="utf-8")
    assert (source / "domain" / "greeting.py").read_text(encoding="utf-8") == GREETING_MODULE
    assert OWNER_DEPENDENCY in (project / "pyproject.toml").read_text(encoding="utf-8")
    assert (project / "README.md").read_text(encoding="utf-8").endswith(README_LINES)
    updated = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert updated["_commit"] != answers["_commit"]

    failures: list[CommandResult] = []
    for name, arguments in project_checks(str(updated["python_version"]), mypy_cache):
        result = run_uv(name, arguments, project)
        if not result.ok:
            failures.append(result)
            if name == "sync":
                break
    assert failures == [], "\n".join(failure.describe() for failure in failures)
