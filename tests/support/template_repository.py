"""A throwaway clone of the template repository whose HEAD is the working tree, committed.

`copier update` needs both ends of an update to be commits it can check out: the release a
project was rendered from and the new template. A render of a dirty tree records a commit
that exists only in copier's private clone, so the update tests clone the real history
(which holds the releases) and commit the working tree on top of it.
"""

import shutil
from pathlib import Path

from .git import commit_all, git
from .paths import TEMPLATE_ROOT

# Release 0.1.0, the first tagged state. A clone may lack tags, so the commit is pinned here
# and the tag, when present, must point at it.
RELEASE_TAG = "v0.1.0"
RELEASE_COMMIT = "1108c322f71c67022153bc0c47ce728e29c8499b"
# Untracked outputs and caches of the working tree that a template commit never holds.
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", ".nox", "build", "site", "__pycache__", ".mypy_cache", ".ruff_cache"
)


def tag_target(repository: Path, tag: str) -> str | None:
    """Return the commit a tag points at in ``repository``, or None when it has no such tag."""
    listed = git(repository, "tag", "--list", tag).strip()
    if not listed:
        return None
    return git(repository, "rev-list", "-n", "1", tag).strip()


def clone_with_working_tree(destination: Path) -> Path:
    """Clone the template's history into ``destination`` and commit the working tree on top."""
    git(destination.parent, "clone", "--quiet", "--no-local", str(TEMPLATE_ROOT), str(destination))
    kind = git(destination, "cat-file", "-t", RELEASE_COMMIT).strip()
    if kind != "commit":
        message = f"the clone lacks release commit {RELEASE_COMMIT}: fetch the full history"
        raise AssertionError(message)
    for entry in destination.iterdir():
        if entry.name != ".git":
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    shutil.copytree(TEMPLATE_ROOT, destination, ignore=NOT_COPIED, dirs_exist_ok=True)
    if git(destination, "status", "--porcelain").strip():
        commit_all(destination, "The working tree under test")
    if tag_target(destination, RELEASE_TAG) is None:
        git(destination, "tag", RELEASE_TAG, RELEASE_COMMIT)
    return destination
