"""The pairwise covering array holds every pair of answers, deterministically, in few rows."""

import math

import pytest

from tests.support.covering import covering_array, estimate, main, matrix_rows, missing_pairs
from tests.support.questions import default_answers, finite_answers

SHAPES = [
    pytest.param({"a": (1, 2)}, id="one-axis"),
    pytest.param({"a": (1, 2), "b": ("x", "y", "z")}, id="two-axes"),
    pytest.param(
        {"py": ("3.12", "3.13", "3.14"), "db": ("s", "p"), "c": ("m", "r"), "ex": (True, False)},
        id="today",
    ),
    pytest.param(
        {
            "py": ("3.12", "3.13", "3.14"),
            "db": ("s", "p"),
            "cache": ("n", "m", "r"),
            "broker": ("n", "m", "k", "s"),
            "queue": ("n", "m", "r", "s"),
            "auth": ("l", "o"),
            "ex": (True, False),
        },
        id="planned",
    ),
]


@pytest.mark.parametrize("axes", SHAPES)
def test_every_pair_is_covered(axes: dict[str, tuple[object, ...]]) -> None:
    """No pair of values of two axes is missing, every value is rendered, rows are valid."""
    rows = covering_array(axes)
    assert missing_pairs(axes, rows) == []
    for name, values in axes.items():
        assert {row[name] for row in rows} == set(values)
    for row in rows:
        assert set(row) == set(axes)
        assert all(row[name] in values for name, values in axes.items())


@pytest.mark.parametrize("axes", SHAPES)
def test_the_array_stays_near_the_lower_bound(axes: dict[str, tuple[object, ...]]) -> None:
    """Far below the full product, and within a row or two of the two largest axes' product."""
    rows = covering_array(axes)
    sizes = sorted((len(values) for values in axes.values()), reverse=True)
    bound = math.prod(sizes[:2])
    assert bound <= len(rows) <= bound + 2
    assert len({tuple(row.items()) for row in rows}) == len(rows), "a row is repeated"


def test_the_same_input_gives_the_same_rows() -> None:
    """Deterministic: computing twice, or from a copy of the axes, yields identical rows."""
    axes = {"py": ("3.12", "3.13"), "db": ("s", "p", "m"), "c": ("n", "m", "r", "k")}
    first = covering_array(axes)
    assert covering_array({name: tuple(values) for name, values in axes.items()}) == first
    assert covering_array(axes) == first


def test_required_rows_come_first() -> None:
    """The default render is the first row and its pairs count as covered."""
    axes = {"a": (1, 2, 3), "b": ("x", "y"), "c": (True, False)}
    default = {"a": 3, "b": "y", "c": False}
    rows = covering_array(axes, [default])
    assert rows[0] == default
    assert missing_pairs(axes, rows) == []
    assert rows.count(default) == 1


def test_missing_pairs_names_what_a_partial_array_lacks() -> None:
    """The checker itself fails on an array that misses a pair."""
    axes = {"a": (1, 2), "b": ("x", "y")}
    assert missing_pairs(axes, [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}, {"a": 1, "b": "y"}]) == [
        "a=2 with b='x'"
    ]


def test_the_real_array_covers_copier_yml_with_the_default_first() -> None:
    """The rows the template tests run cover every pair of copier.yml's answers."""
    axes = finite_answers()
    rows = matrix_rows()
    assert rows[0] == default_answers()
    assert missing_pairs(axes, rows) == []
    assert len(rows) < math.prod(len(values) for values in axes.values()) or len(axes) < 3


def test_a_dry_run_sizes_the_planned_questions(capsys: pytest.CaptureFixture[str]) -> None:
    """The dry run prints both spaces, the planned one with the questions added."""
    assert main(["--with", "auth=local,oidc", "--with", "event_broker=none,memory,kafka,nats"]) == 0
    printed = capsys.readouterr().out
    assert "copier.yml now:" in printed
    assert "auth(2)" in printed
    assert "event_broker(4)" in printed
    planned = {
        **finite_answers(),
        "auth": ["local", "oidc"],
        "event_broker": ["none", "memory", "kafka", "nats"],
    }
    figures = estimate(planned, full_seconds=100.0, static_seconds=1.0)
    assert figures["product"] == math.prod(len(v) for v in planned.values())
    assert f"pairwise array: {figures['array']:.0f} rows" in printed
    assert "CI estimate:" in printed
