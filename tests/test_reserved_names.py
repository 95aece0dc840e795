"""includes/reserved_names.jinja lists exactly the names a package must not take."""

import json
import subprocess

import pytest
from jinja2 import Environment, FileSystemLoader

from tests.support.environment import interpreter_dir
from tests.support.paths import TEMPLATE_ROOT
from tests.support.questions import load_questions

PYTHON_VERSIONS = [str(v) for v in load_questions()["python_version"].values]
PROBE = (
    "import json, keyword, sys; print(json.dumps({'keywords': keyword.kwlist + "
    "keyword.softkwlist, 'stdlib': sorted(sys.stdlib_module_names)}))"
)


def _reserved_lists() -> tuple[list[str], list[str]]:
    environment = Environment(loader=FileSystemLoader(TEMPLATE_ROOT), autoescape=False)  # noqa: S701
    module = environment.get_template("includes/reserved_names.jinja").module
    return list(module.python_keywords), list(module.stdlib_modules)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def interpreter_names() -> dict[str, dict[str, list[str]]]:
    """Keywords and stdlib module names as each supported interpreter reports them."""
    names: dict[str, dict[str, list[str]]] = {}
    for version in PYTHON_VERSIONS:
        python = interpreter_dir(version) / f"python{version}"
        completed = subprocess.run(
            [str(python), "-c", PROBE], capture_output=True, text=True, check=True
        )
        names[version] = json.loads(completed.stdout)
    return names


def test_keywords_match_every_supported_python(
    interpreter_names: dict[str, dict[str, list[str]]],
) -> None:
    """The keyword list is the union of kwlist and softkwlist of each supported Python."""
    keywords, _ = _reserved_lists()
    expected = set().union(*(set(n["keywords"]) for n in interpreter_names.values()))
    assert sorted(keywords) == sorted(expected)
    assert len(keywords) == len(set(keywords)), "a keyword is listed twice"


def test_stdlib_modules_match_every_supported_python(
    interpreter_names: dict[str, dict[str, list[str]]],
) -> None:
    """The stdlib list is the union of sys.stdlib_module_names of each supported Python."""
    _, stdlib = _reserved_lists()
    expected = set().union(*(set(n["stdlib"]) for n in interpreter_names.values()))
    assert sorted(set(stdlib) - expected) == [], "names no supported Python has"
    assert sorted(expected - set(stdlib)) == [], "standard modules the list misses"
    assert len(stdlib) == len(set(stdlib)), "a module is listed twice"
