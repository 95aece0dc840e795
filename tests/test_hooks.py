"""hooks/next_steps.py tells the user how to start the service just rendered."""

import subprocess
import sys
from pathlib import Path

from tests.support.paths import TEMPLATE_ROOT

NEXT_STEPS = TEMPLATE_ROOT / "hooks" / "next_steps.py"


def _run_hook(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(NEXT_STEPS)], cwd=project, capture_output=True, text=True, check=False
    )


def test_next_steps_name_the_generated_command(tmp_path: Path) -> None:
    """The printed steps use the project's script name from its pyproject.toml."""
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "billing-api"\nversion = "0.1.0"\n', encoding="utf-8"
    )
    completed = _run_hook(tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert f"cd {tmp_path}" in completed.stdout
    assert "uv run billing-api migrate" in completed.stdout
    assert "uv run billing-api serve" in completed.stdout
