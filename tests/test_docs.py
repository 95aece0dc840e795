"""The documentation builds with no warning, including the generated options reference."""

import subprocess
import sys
from pathlib import Path

from tests.support.paths import TEMPLATE_ROOT
from tests.support.questions import load_questions


def test_docs_build_strictly_with_every_question(tmp_path: Path) -> None:
    """``mkdocs build --strict`` passes and the options page lists every question."""
    site = tmp_path / "site"
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=TEMPLATE_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    options = (site / "reference" / "options" / "index.html").read_text(encoding="utf-8")
    for name in load_questions():
        assert f"<code>{name}</code>" in options, f"{name} missing from the options reference"


def test_readme_names_every_question() -> None:
    """The README's options overview does not fall behind copier.yml."""
    readme = (TEMPLATE_ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in load_questions() if f"`{name}`" not in readme]
    assert missing == []
