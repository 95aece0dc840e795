"""`copier update` carries a new template release into a project without losing edits."""

import shutil
from pathlib import Path

import pytest
import yaml
from copier import run_update

from tests.support.git import IDENTITY, commit_all, git
from tests.support.paths import TEMPLATE_ROOT
from tests.support.rendering import render

NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", ".nox", "build", "site", "__pycache__", ".mypy_cache", ".ruff_cache"
)
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
        if "<<<<<<<" in p.read_text(encoding="utf-8", errors="replace")
    ]
    assert conflicted == [], f"conflict markers left in {conflicted}"
    assert [p for p in text_files if p.suffix == ".rej"] == []
    assert USER_LINE in readme.read_text(encoding="utf-8")
    assert TEMPLATE_LINE in (project / "pyproject.toml").read_text(encoding="utf-8")
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["_commit"] == "v2"
