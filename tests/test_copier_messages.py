"""`copier copy` and `copier update` need no --trust, and the renders we make can be updated."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from copier import run_copy, run_update

from tests.support.environment import tool_environment, uv_binary
from tests.support.git import IDENTITY, commit_all, git
from tests.support.paths import TEMPLATE_ROOT
from tests.support.template_repository import clone_with_working_tree


@pytest.fixture
def identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give git an author for the commits the test makes."""
    for name, value in IDENTITY.items():
        monkeypatch.setenv(name, value)


@pytest.mark.filterwarnings("ignore:Dirty template changes")
def test_copy_runs_untrusted_and_prints_the_next_steps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --trust copier refuses any task, so a render here proves there is none left."""
    destination = tmp_path / "billing"
    run_copy(
        str(TEMPLATE_ROOT),
        destination,
        data={"project_name": "Billing API"},
        defaults=True,
        unsafe=False,
        vcs_ref="HEAD",
    )
    printed = capsys.readouterr().err
    assert f"cd {destination}" in printed
    assert "uv run billing-api migrate" in printed
    assert "uv run billing-api serve" in printed


@pytest.mark.usefixtures("identity")
def test_the_render_session_records_a_path_that_updates_work_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`nox -s render` records the absolute template path; `copier update` runs untrusted."""
    template = clone_with_working_tree(tmp_path / "strata")
    environment = {**tool_environment(), "UV": str(uv_binary()), **IDENTITY}
    completed = subprocess.run(
        [sys.executable, "-m", "nox", "-f", str(template / "noxfile.py"), "-s", "render"],
        cwd=template,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    project = template / "build" / "render"
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["_src_path"] == str(template)
    assert Path(answers["_src_path"]).is_absolute()

    git(project, "init", "--quiet")
    commit_all(project, "Generated")
    # The update reads the recorded path, whatever directory it runs from.
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    run_update(project, defaults=True, overwrite=True, unsafe=False, vcs_ref="HEAD")
    assert "is updated to the template's new release" in capsys.readouterr().err
    assert git(project, "status", "--porcelain").strip() == ""
