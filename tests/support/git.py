"""Small git helpers for the tests that build throwaway repositories."""

import subprocess
from pathlib import Path

IDENTITY = {
    "GIT_AUTHOR_NAME": "Strata Tests",
    "GIT_AUTHOR_EMAIL": "tests@example.com",
    "GIT_COMMITTER_NAME": "Strata Tests",
    "GIT_COMMITTER_EMAIL": "tests@example.com",
}


def git(repository: Path, *arguments: str) -> str:
    """Run git in ``repository`` and return its standard output (raises on failure)."""
    completed = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *arguments],
        cwd=repository,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        message = f"git {' '.join(arguments)} failed in {repository}:\n{completed.stderr}"
        raise AssertionError(message)
    return completed.stdout


def commit_all(repository: Path, message: str, tag: str | None = None) -> None:
    """Stage everything, commit it and optionally tag the commit."""
    git(repository, "add", "--all")
    git(repository, "commit", "--quiet", "--no-verify", "-m", message)
    if tag is not None:
        git(repository, "tag", tag)
