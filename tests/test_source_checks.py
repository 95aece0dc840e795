"""The rules the matrix enforces on renders catch what they claim to catch."""

from pathlib import Path

from tests.support.error_literals import error_literals
from tests.support.jinja_share import measure
from tests.support.source_checks import empty_modules, jinja_leftovers, orphan_modules


def _write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_jinja_leftovers_are_found_but_actions_expressions_are_not(tmp_path: Path) -> None:
    """``{{``, ``{%`` and ``{#`` are leftovers; ``${{ matrix.x }}`` is GitHub's syntax."""
    _write(
        tmp_path,
        {
            "a.py": "x = 1  # {{ name }}\n",
            "b.md": "{% if x %}\n",
            "c.toml": "{# note #}\n",
            ".github/ci.yml": "python: ${{ matrix.python }}\n",
            ".venv/lib/d.py": "{{ ignored }}\n",
        },
    )
    assert jinja_leftovers(tmp_path) == [
        "a.py:1: x = 1  # {{ name }}",
        "b.md:1: {% if x %}",
        "c.toml:1: {# note #}",
    ]


def test_empty_modules(tmp_path: Path) -> None:
    """Blank files and docstring-only non-package modules are empty; a package doc is not."""
    _write(
        tmp_path,
        {
            "pkg/__init__.py": '"""Package."""\n',
            "pkg/blank.py": "  \n\n",
            "pkg/zero.py": "",
            "pkg/only_doc.py": '"""Nothing else."""\n',
            "pkg/code.py": "VALUE = 1\n",
        },
    )
    assert sorted(empty_modules(tmp_path)) == ["pkg/blank.py", "pkg/only_doc.py", "pkg/zero.py"]


def test_orphans_resolve_relative_and_absolute_imports(tmp_path: Path) -> None:
    """Relative imports from modules and packages, and test imports, count as uses."""
    _write(
        tmp_path,
        {
            "src/app/__init__.py": '"""App."""\n',
            "src/app/__main__.py": "from .api import routes\n",
            "src/app/kernel/__init__.py": "from .result import Ok\n",
            "src/app/kernel/result.py": "Ok = 1\n",
            "src/app/kernel/errors.py": "E = 1\n",
            "src/app/api/__init__.py": "",
            "src/app/api/routes.py": "from ..kernel import errors\n",
            "src/app/domain/unused.py": "X = 1\n",
            "src/app/domain/tested.py": "X = 1\n",
            "src/app/migrations/env.py": "X = 1\n",
            "tests/test_domain.py": "import app.domain.tested\n",
        },
    )
    orphans = orphan_modules(tmp_path, "app", exempt=("*/migrations/env.py",))
    assert orphans == ["src/app/domain/unused.py"]


def test_a_module_importing_itself_is_still_an_orphan(tmp_path: Path) -> None:
    """Only another module's import keeps a module alive."""
    _write(tmp_path, {"src/app/lonely.py": "from . import lonely\n"})
    assert orphan_modules(tmp_path, "app") == ["src/app/lonely.py"]


def test_error_literals_are_reported() -> None:
    """Message literals raised or given to an *Error/*Exception class are reported."""
    source = """
raise ValueError("price must be positive")
raise ValueError(f"bad {x}")
error = NotFoundError(entity="Product", identifier=key)
rule = BusinessRuleError(ErrorMessages.DOMAIN.MOVE, entity=f"{ENTITY} {sku}", target="a b")
problem = HTTPException(status_code=404, detail="Missing")
wrapped = errors.DatabaseError(format_message(ErrorMessages.DB.QUERY, query="select"))
raise build_error("a message here")
"""
    assert error_literals(source, "m.py") == [
        "m.py:2: ValueError('price must be positive')",
        "m.py:3: ValueError(f'bad {x}')",
        "m.py:6: HTTPException('Missing')",
        "m.py:8: build_error('a message here')",
    ]


def test_jinja_share_counts_python_lines_with_tags(tmp_path: Path) -> None:
    """Lines carrying ``{{``, ``{%`` or ``{#`` in .py and .py.jinja files are counted."""
    _write(
        tmp_path,
        {
            "a.py": "x = 1\ny = 2\n",
            "b.py.jinja": "{% if a %}\nz = {{ v }}\n{% endif %}\nw = 0\n",
            "c.toml.jinja": "{{ ignored }}\n",
        },
    )
    share = measure(tmp_path)
    assert (share.jinja_lines, share.total_lines, share.files, share.files_with_jinja) == (
        3,
        6,
        2,
        1,
    )
    assert share.percent == 50.0
