"""scripts/provision-python gives a Python pyenv lacks, once, or says in one sentence why not."""

import os
import subprocess
from pathlib import Path

import pytest

from tests.support.environment import interpreter_dir, provisioned_dir, uv_binary
from tests.support.paths import TEMPLATE_ROOT
from tests.support.questions import load_questions

PROVISION = TEMPLATE_ROOT / "scripts" / "provision-python"
NEWEST = max(
    (str(v) for v in load_questions()["python_version"].values), key=lambda v: v.split(".")
)


def _provision(version: str, **environment: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["/bin/bash", str(PROVISION), version],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "UV": str(uv_binary()), **environment},
    )


@pytest.mark.skipif(
    not (provisioned_dir(NEWEST) / f"python{NEWEST}").exists(),
    reason="this machine has the newest Python without provisioning it",
)
def test_a_provisioned_python_is_reused_and_works() -> None:
    """A second run keeps the cached interpreter and prints the folder the tests put on PATH."""
    completed = _provision(NEWEST)
    assert completed.returncode == 0, completed.stderr
    assert "provisioning" not in completed.stderr, "the cached interpreter was rebuilt"
    folder = Path(completed.stdout.strip())
    assert folder == interpreter_dir(NEWEST)
    assert sorted(path.name for path in folder.iterdir()) == [f"python{NEWEST}"]
    probe = subprocess.run(
        [
            str(folder / f"python{NEWEST}"),
            "-c",
            "import ssl, sqlite3, ctypes, venv, sys; print('%d.%d' % sys.version_info[:2])",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.strip() == NEWEST


def test_a_machine_without_apt_fails_with_one_sentence(tmp_path: Path) -> None:
    """Without apt-get the script exits non-zero with a single line naming the way out."""
    tools = tmp_path / "tools"
    tools.mkdir()
    for tool in ("mktemp", "rm", "mkdir", "dirname"):
        (tools / tool).symlink_to(
            f"/usr/bin/{tool}" if Path(f"/usr/bin/{tool}").exists() else f"/bin/{tool}"
        )
    completed = _provision("3.99", PATH=str(tools), STRATA_PYTHON_CACHE=str(tmp_path / "cache"))
    assert completed.returncode != 0
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1, completed.stderr
    assert lines[0].startswith("strata: Python 3.99 is missing")
    assert lines[0].endswith("on PATH.")
