"""A pairwise (t = 2) covering array of the render matrix, computed from copier.yml.

Every value of every axis meets every value of every other axis in at least one row, so a
defect that needs two answers together (PostgreSQL with the Redis cache, Python 3.12 without
the example) is rendered and tested, in far fewer rows than the full product.

The construction is deterministic (a fixed seed, ties broken by the order of copier.yml).
A greedy pass gives a first array: the rows it must contain come first (the default
render), then each new row starts from the first pair still uncovered and fills the other
axes, largest first, with the value that covers the most new pairs. Then a seeded local
search tries smaller arrays, from the lower bound (the two largest axes' product) up: it
changes one free cell at a time towards covering a missing pair, accepting a worse array
now and then (simulated annealing), and keeps the first size at which no pair is missing.
Each row saved is one render's full suite less in CI.

Dry run for questions that copier.yml does not have yet::

    python -m tests.support.covering --with auth=local,oidc --with event_broker=none,memory
"""

import argparse
import itertools
import json
import math
import random
import sys
from collections.abc import Mapping, Sequence

from .paths import REPORTS_DIR
from .questions import default_answers, finite_answers

type Axes = Mapping[str, Sequence[object]]
type Row = dict[str, object]
type Pair = tuple[int, int, int, int]

# Used when no matrix report has been written yet: one combination's full checks
# (sync, ruff, mypy, lint-imports, suite), measured on this 2-core machine.
FALLBACK_FULL_SECONDS = 150.0
# Wall seconds per combination of the static pass on both cores (0.7 s of work each).
FALLBACK_STATIC_SECONDS = 0.35
WORKERS = 2


def _pair(x: int, xi: int, y: int, yi: int) -> Pair:
    """Name value ``xi`` of axis ``x`` with value ``yi`` of axis ``y``, the lower axis first."""
    return (x, xi, y, yi) if x < y else (y, yi, x, xi)


def _every_pair(values: Sequence[Sequence[object]]) -> list[Pair]:
    return [
        (a, i, b, j)
        for a, b in itertools.combinations(range(len(values)), 2)
        for i in range(len(values[a]))
        for j in range(len(values[b]))
    ]


def _pairs_of(indices: Sequence[int]) -> set[Pair]:
    return {
        (a, indices[a], b, indices[b])
        for a, b in itertools.combinations(range(len(indices)), 2)
        if indices[a] >= 0 and indices[b] >= 0
    }


# Moves the local search tries per array size before it settles for a larger one.
SEARCH_MOVES = 40_000


def covering_array(axes: Axes, required: Sequence[Mapping[str, object]] = ()) -> list[Row]:
    """Rows covering every pair of values of every two axes, starting with ``required``."""
    # The largest axes bound the size (|A| x |B| rows at least), so they are set first.
    names = sorted(axes, key=lambda name: -len(axes[name]))
    values = [list(axes[name]) for name in names]
    rows = _greedy(
        values, [[values[k].index(row[name]) for k, name in enumerate(names)] for row in required]
    )
    fixed = len({tuple(row) for row in rows[: len(required)]})
    sizes = sorted((len(axis) for axis in values), reverse=True)
    lower = max(math.prod(sizes[:2]) if len(sizes) > 1 else sizes[0], fixed)
    for size in range(lower, len(rows)):
        found = _search(values, rows[:fixed], size, random.Random(size))  # noqa: S311 - a seed, not a secret
        if found is not None:
            rows = found
            break
    return [
        {name: values[names.index(name)][indices[names.index(name)]] for name in axes}
        for indices in rows
    ]


def _greedy(values: Sequence[Sequence[object]], required: Sequence[list[int]]) -> list[list[int]]:
    axes = len(values)
    uncovered = set(_every_pair(values))
    rows: list[list[int]] = []
    for indices in required:
        if indices not in rows:
            rows.append(indices)
            uncovered -= _pairs_of(indices)
    while uncovered:
        a, i, b, j = min(uncovered)
        indices = [-1] * axes
        indices[a], indices[b] = i, j
        for axis in range(axes):
            if indices[axis] < 0:
                indices[axis] = _best_value(axis, indices, values, uncovered)
        rows.append(indices)
        uncovered -= _pairs_of(indices)
    # With one axis there is no pair to cover; still render each of its values once.
    for axis, axis_values in enumerate(values):
        for value in range(len(axis_values)):
            if all(indices[axis] != value for indices in rows):
                rows.append([value if k == axis else 0 for k in range(axes)])
    return rows


def _search(
    values: Sequence[Sequence[object]], fixed: Sequence[list[int]], size: int, rng: random.Random
) -> list[list[int]] | None:
    """Look for ``size`` rows (``fixed`` first and unchanged) covering every pair, or None."""
    axes = len(values)
    rows = [list(row) for row in fixed]
    rows += [[rng.randrange(len(axis)) for axis in values] for _ in range(size - len(fixed))]
    seen: dict[Pair, int] = {}
    for row in rows:
        for pair in _pairs_of(row):
            seen[pair] = seen.get(pair, 0) + 1
    every = _every_pair(values)
    missing = sum(1 for pair in every if pair not in seen)

    def change(row: list[int], axis: int, value: int) -> int:
        """Set one cell; return how many pairs became missing minus how many got covered."""
        delta = 0
        for other in range(axes):
            if other == axis:
                continue
            old = _pair(axis, row[axis], other, row[other])
            seen[old] -= 1
            if not seen[old]:
                del seen[old]
                delta += 1
        row[axis] = value
        for other in range(axes):
            if other == axis:
                continue
            new = _pair(axis, value, other, row[other])
            if new not in seen:
                delta -= 1
            seen[new] = seen.get(new, 0) + 1
        return delta

    temperature = 0.5
    for _ in range(SEARCH_MOVES):
        if not missing:
            return rows
        if len(rows) == len(fixed):
            return None
        a, i, b, j = rng.choice([pair for pair in every if pair not in seen])
        row = rows[rng.randrange(len(fixed), len(rows))]
        axis, value = (a, i) if rng.random() < 0.5 else (b, j)
        if row[axis] == value:
            axis, value = (b, j) if axis == a else (a, i)
        before = row[axis]
        delta = change(row, axis, value)
        if delta <= 0 or rng.random() < math.exp(-delta / temperature):
            missing += delta
        else:
            change(row, axis, before)
        temperature = max(0.05, temperature * 0.9999)
    return rows if not missing else None


def _best_value(
    axis: int, indices: Sequence[int], values: Sequence[Sequence[object]], uncovered: set[Pair]
) -> int:
    """Pick the value of ``axis`` covering most new pairs now, then most still-open pairs."""

    def score(candidate: int) -> tuple[int, int, int]:
        now = sum(
            _pair(axis, candidate, other, chosen) in uncovered
            for other, chosen in enumerate(indices)
            if chosen >= 0 and other != axis
        )
        later = sum(
            _pair(axis, candidate, other, value) in uncovered
            for other, chosen in enumerate(indices)
            if chosen < 0 and other != axis
            for value in range(len(values[other]))
        )
        return (now, later, -candidate)

    return max(range(len(values[axis])), key=score)


def missing_pairs(axes: Axes, rows: Sequence[Mapping[str, object]]) -> list[str]:
    """Describe each pair of values of two axes that no row holds (empty when covering)."""
    seen = {
        (a, row[a], b, row[b]) for row in rows for a, b in itertools.combinations(list(axes), 2)
    }
    return [
        f"{a}={x!r} with {b}={y!r}"
        for a, b in itertools.combinations(list(axes), 2)
        for x in axes[a]
        for y in axes[b]
        if (a, x, b, y) not in seen
    ]


def matrix_rows() -> list[Row]:
    """Compute the covering array of the real copier.yml, the default render first."""
    return covering_array(finite_answers(), [default_answers()])


def _measured_seconds() -> tuple[float, float, str]:
    """Mean seconds of one full check, and wall seconds per static combination, last run."""
    report = REPORTS_DIR / "matrix.json"
    if not report.exists():
        return FALLBACK_FULL_SECONDS, FALLBACK_STATIC_SECONDS, "fallback figures"
    payload = json.loads(report.read_text(encoding="utf-8"))
    full = [c["total"] for c in payload.get("combinations", []) if c.get("outcome") == "passed"]
    static_report = REPORTS_DIR / "static.json"
    static = json.loads(static_report.read_text("utf-8")) if static_report.exists() else {}
    per_static = static.get("seconds_per_combination") or FALLBACK_STATIC_SECONDS
    if not full:
        return FALLBACK_FULL_SECONDS, float(per_static), "fallback figures"
    return sum(full) / len(full), float(per_static), f"measured in {report.name}"


def _default_row(axes: Axes) -> Row:
    """Answer copier.yml's default on each axis, and a new axis's first value."""
    defaults = default_answers()
    return {
        name: defaults[name] if defaults.get(name) in values else values[0]
        for name, values in axes.items()
    }


def estimate(axes: Axes, full_seconds: float, static_seconds: float) -> dict[str, float]:
    """Sizes and the CI minutes they cost on ``WORKERS`` cores (static pass + array suites)."""
    rows = covering_array(axes, [_default_row(axes)])
    product = math.prod(len(values) for values in axes.values())
    # The static pass's figure is wall time per combination with every worker busy already.
    static_minutes = product * static_seconds / 60
    array_minutes = math.ceil(len(rows) / WORKERS) * full_seconds / 60
    return {
        "product": product,
        "array": len(rows),
        "static_minutes": static_minutes,
        "array_minutes": array_minutes,
        "all_minutes": math.ceil(product / WORKERS) * full_seconds / 60,
    }


def _parse_with(option: str) -> tuple[str, list[str]]:
    name, _, raw = option.partition("=")
    if not name or not raw:
        message = f"--with expects name=value,value; got {option!r}"
        raise argparse.ArgumentTypeError(message)
    return name, raw.split(",")


def main(argv: Sequence[str] | None = None) -> int:
    """Print the covering array of copier.yml, and its size with the questions of --with."""
    parser = argparse.ArgumentParser(prog="python -m tests.support.covering", description=__doc__)
    parser.add_argument(
        "--with",
        dest="extra",
        action="append",
        default=[],
        type=_parse_with,
        metavar="NAME=V1,V2",
        help="add a question, or replace a question's values, for a dry run",
    )
    parser.add_argument("--rows", action="store_true", help="print every row of the arrays")
    arguments = parser.parse_args(argv)
    current = finite_answers()
    planned: dict[str, Sequence[object]] = dict(current)
    planned.update(dict(arguments.extra))
    full, static, source = _measured_seconds()
    out = sys.stdout
    out.write(
        f"Per combination ({source}): full checks {full:.0f} s, static checks {static:.2f} s; "
        f"{WORKERS} workers.\n"
    )
    for title, axes in (("copier.yml now", current), ("with --with", planned)):
        if title == "with --with" and not arguments.extra:
            continue
        figures = estimate(axes, full, static)
        shape = " x ".join(f"{name}({len(values)})" for name, values in axes.items())
        out.write(
            f"\n{title}: {shape}\n"
            f"  combinations: {figures['product']:.0f}; "
            f"pairwise array: {figures['array']:.0f} rows\n"
            f"  CI estimate: static pass {figures['static_minutes']:.1f} min + array suites "
            f"{figures['array_minutes']:.1f} min = "
            f"{figures['static_minutes'] + figures['array_minutes']:.1f} min "
            f"(every combination's suite: {figures['all_minutes']:.0f} min)\n"
        )
        if arguments.rows:
            for row in covering_array(axes, [_default_row(axes)]):
                out.write("    " + " ".join(f"{k}={v}" for k, v in row.items()) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
