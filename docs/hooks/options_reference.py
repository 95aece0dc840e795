"""MkDocs hook: fill the options reference from copier.yml at build time.

The page keeps its prose; the marker line below is replaced by a table built from the
questions, so no list of choices is ever written twice.
"""

import html
from pathlib import Path
from typing import Any

import yaml
from mkdocs.livereload import LiveReloadServer

MARKER = "<!-- options-table -->"
COPIER_YML = Path(__file__).resolve().parents[2] / "copier.yml"


def _cell(value: object) -> str:
    """Render a value for a Markdown table cell (pipes escaped, newlines folded)."""
    text = " ".join(str(value).split())
    return text.replace("|", "\\|")


def _code(value: object) -> str:
    """Inline code as HTML: a Markdown code span cannot hold the pipe of a Jinja filter."""
    if value in (None, ""):
        return ""
    text = html.escape(" ".join(str(value).split())).replace("|", "&#124;")
    return f"<code>{text}</code>"


def _choices(raw: object) -> str:
    if isinstance(raw, dict):
        return "<br>".join(f"{_code(value)} ({_cell(label)})" for label, value in raw.items())
    if isinstance(raw, list):
        return "<br>".join(_code(value) for value in raw)
    return ""


def _default(spec: dict[str, Any]) -> str:
    default = spec.get("default")
    if isinstance(default, bool):
        return _code(str(default).lower())
    if isinstance(default, str) and "{{" in default:
        return f"derived: {_code(default)}"
    return _code(default)


def options_table(path: Path = COPIER_YML) -> str:
    """Build the Markdown table of every question: name, type, default, choices and help."""
    document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows = [
        "| Question | Type | Default | Choices | Validated | Help |",
        "|---|---|---|---|---|---|",
    ]
    for name, spec in document.items():
        if name.startswith("_") or not isinstance(spec, dict):
            continue
        rows.append(
            f"| `{name}` | {_cell(spec.get('type', 'str'))} | {_default(spec)} | "
            f"{_choices(spec.get('choices'))} | {'yes' if 'validator' in spec else ''} | "
            f"{_cell(spec.get('help', ''))} |"
        )
    return "\n".join(rows)


def on_page_markdown(markdown: str, **_: object) -> str:
    """Replace the marker of the options page; any other page is returned unchanged."""
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, options_table())


def on_serve(server: LiveReloadServer, **_: object) -> LiveReloadServer:
    """Rebuild on edits to copier.yml while ``mkdocs serve`` runs."""
    server.watch(str(COPIER_YML))
    return server
