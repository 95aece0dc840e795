"""includes/dependency_names.jinja lists exactly what the generated pyproject depends on."""

import tomllib
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from tests.support.covering import matrix_rows
from tests.support.dependencies import requirement_name, template_dependencies
from tests.support.paths import TEMPLATE_ROOT
from tests.support.static_pass import fast_rendering, render_snapshot, snapshot_template


def _listed() -> list[str]:
    environment = Environment(loader=FileSystemLoader(TEMPLATE_ROOT), autoescape=False)  # noqa: S701
    module = environment.get_template("includes/dependency_names.jinja").module
    return list(module.distributions)  # type: ignore[attr-defined]


def test_the_include_equals_the_template_pyproject() -> None:
    """Adding a dependency to template/pyproject.toml.jinja means adding it to the include."""
    expected = template_dependencies()
    listed = _listed()
    assert listed == expected, (
        "includes/dependency_names.jinja is out of date; set its list to:\n"
        + ", ".join(f'"{name}"' for name in expected)
    )


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_every_render_depends_only_on_listed_names(tmp_path: Path) -> None:
    """The include's reading of the template agrees with real renders of the covering array."""
    snapshot = snapshot_template(tmp_path / "template")
    listed = set(_listed())
    for number, answers in enumerate(matrix_rows()):
        with fast_rendering():
            project = render_snapshot(snapshot, tmp_path / f"render-{number}", answers)
        document = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
        requirements = list(document["project"]["dependencies"])
        for extra in document["project"].get("optional-dependencies", {}).values():
            requirements.extend(extra)
        for group in document.get("dependency-groups", {}).values():
            requirements.extend(item for item in group if isinstance(item, str))
        requirements.extend(document["build-system"]["requires"])
        unlisted = {requirement_name(item) for item in requirements} - listed
        assert unlisted == set(), f"{answers}: not in the include: {sorted(unlisted)}"
