"""Every combination of answers renders a clean tree (the static pass, no environment needed).

Each distinct Python tree is checked once: a render whose Python files and config hash like
an earlier one's shares that check, across xdist workers too (the first to claim a hash
checks it; a failure is reported under that combination's id).
"""

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from copier import run_copy

from tests.support.questions import Combination, matrix
from tests.support.report import STATIC_PROPERTY
from tests.support.source_checks import project_files
from tests.support.static_pass import (
    fast_rendering,
    render_problems,
    render_snapshot,
    tree_digest,
    tree_problems,
)

COMBINATIONS = matrix()


@pytest.fixture(scope="session")
def claims(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """Share one folder among the xdist workers of this session: a file per checked hash."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if worker_id != "master" else base
    folder = shared / "strata-static-claims"
    folder.mkdir(exist_ok=True)
    return folder


def _claim(claims: Path, digest: str, owner: str) -> str | None:
    """Claim a tree hash for checking; return the earlier owner if it was claimed already."""
    path = claims / digest
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return path.read_text(encoding="utf-8") or "another combination"
    with os.fdopen(descriptor, "w", encoding="utf-8") as claim:
        claim.write(owner)
    return None


# A render is small and short-lived: writing it to memory halves the kernel time the pass
# spends (on this 2-core machine the py3.14 third of the pass took 172 s CPU on disk, 111 s
# in /dev/shm).
_MEMORY_DISK = Path("/dev/shm")  # noqa: S108 - a private folder is made inside it


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    """A folder for one render, in memory where the machine has it; kept only if a check fails."""
    if not (_MEMORY_DISK.is_dir() and os.access(_MEMORY_DISK, os.W_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="strata-static-", dir=_MEMORY_DISK))
    yield folder
    if not (folder / ".keep").exists():
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("combination", COMBINATIONS, ids=[c.id for c in COMBINATIONS])
def test_every_combination_renders_a_clean_tree(
    combination: Combination,
    template_snapshot: Path,
    claims: Path,
    scratch: Path,
    record_property: Callable[[str, object], None],
) -> None:
    """A render has no leftover Jinja and records its answers; its Python tree is clean.

    Clean: no empty or orphan module, no inline error message, and ruff format --check
    and ruff check pass under the render's own ruff configuration.
    """
    started = time.time()
    project = scratch / "service"
    with fast_rendering():
        render_snapshot(template_snapshot, project, combination.answers)
    rendered = time.time()
    problems = render_problems(project, combination.answers)
    digest = tree_digest(project)
    owner = _claim(claims, digest, combination.id)
    if owner is None:
        problems += tree_problems(project)
    record_property(
        STATIC_PROPERTY,
        {
            "combination": combination.id,
            "digest": digest,
            "checked": owner is None,
            "started": started,
            "render_seconds": rendered - started,
            "ended": time.time(),
        },
    )
    if problems:
        (scratch / ".keep").touch()
        pytest.fail(f"{combination.id} at {project}:\n" + "\n".join(problems), pytrace=False)


def _tree(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in project_files(root)}


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_fast_rendering_writes_what_copier_writes(template_snapshot: Path, tmp_path: Path) -> None:
    """The render shortcuts of the static pass change no byte of any render."""
    last = COMBINATIONS[-1].answers
    with fast_rendering():
        render_snapshot(template_snapshot, tmp_path / "warm", COMBINATIONS[0].answers)
        fast = render_snapshot(template_snapshot, tmp_path / "fast", last)
    plain = tmp_path / "plain"
    run_copy(str(template_snapshot), plain, data=dict(last), defaults=True, quiet=True)
    assert _tree(fast) == _tree(plain)
