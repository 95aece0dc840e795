"""Print what to do after `copier copy` (an optional task; nothing depends on it)."""

import sys
from pathlib import Path

STEPS = """
Your service is ready in {destination}.

Next steps:
  cd {destination}
  uv sync
  uv run {slug} migrate
  uv run {slug} serve

Then open http://127.0.0.1:8000/docs
"""


def main() -> None:
    """Print the next steps for the project rendered in the working directory."""
    destination = Path.cwd()
    answers = (destination / "pyproject.toml").read_text(encoding="utf-8")
    slug = next(
        (line.split('"')[1] for line in answers.splitlines() if line.startswith("name = ")),
        "the service",
    )
    sys.stdout.write(STEPS.format(destination=destination, slug=slug))


if __name__ == "__main__":
    main()
