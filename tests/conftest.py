"""Session-wide hooks: the --all option, and the matrix figures printed at the end."""

import os
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.support import jinja_share
from tests.support.covering import matrix_rows
from tests.support.paths import REPORTS_DIR
from tests.support.questions import combinations, matrix
from tests.support.report import (
    STATIC_PROPERTY,
    TIMING_PROPERTY,
    MatrixTiming,
    StaticPass,
    table,
    write_reports,
    write_static_report,
)
from tests.support.static_pass import snapshot_template

_timings: list[MatrixTiming] = []
_static: list[tuple[Mapping[str, object], str]] = []


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--all``: run every combination's full checks, not only the pairwise array."""
    parser.addoption(
        "--all",
        action="store_true",
        dest="strata_all",
        help="run mypy, lint-imports and the suite of every combination (slow), "
        "not only of the pairwise covering array and the default render",
    )


@pytest.fixture(scope="session")
def template_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the working tree's template per worker, to render from without cloning."""
    return snapshot_template(tmp_path_factory.mktemp("template-snapshot"))


@pytest.fixture(scope="session")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Share one mypy cache among the renders this worker checks, one after another."""
    return tmp_path_factory.mktemp("mypy-cache")


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker of the tests that run a render's whole suite."""
    config.addinivalue_line("markers", "slow: runs a render's whole suite (minutes)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Start the slow tests first on every worker, so that none is left alone with one.

    xdist's worksteal hands each of its N workers one contiguous share of this list (and
    lets them steal from each other's tails). With the slow tests simply first, they all
    landed in the first worker's share and ran one after another there while the other
    worker checked static trees: the slow tests are dealt round-robin to N equal shares
    instead, each share starting with its own, and the others fill the shares up.
    """
    workers = max(1, int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")))
    shares: list[list[pytest.Item]] = [[] for _ in range(workers)]
    slow = [item for item in items if item.get_closest_marker("slow") is not None]
    for index, item in enumerate(slow):
        shares[index % workers].append(item)
    for item in items:
        if item.get_closest_marker("slow") is None:
            min(shares, key=len).append(item)
    items[:] = [item for share in shares for item in share]


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Keep what a matrix test recorded (under xdist this runs in the controller)."""
    if report.when != "call":
        return
    for name, value in report.user_properties:
        if name == TIMING_PROPERTY and isinstance(value, Mapping):
            _timings.append(MatrixTiming.from_property(value, report.outcome))
        elif name == STATIC_PROPERTY and isinstance(value, Mapping):
            _static.append((value, report.outcome))


def _write_covering_array(terminalreporter: pytest.TerminalReporter) -> None:
    rows = combinations(matrix_rows())
    terminalreporter.write_line(
        f"Pairwise covering array: {len(rows)} of {len(matrix())} combinations "
        "(every pair of answers of every two questions; the default render first)"
    )
    for combination in rows:
        terminalreporter.write_line(f"  {combination.id}")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the covering array, the static pass, per-combination timings and Jinja share."""
    if hasattr(terminalreporter.config, "workerinput"):
        return
    share = jinja_share.measure()
    terminalreporter.write_sep("=", "Strata render matrix")
    _write_covering_array(terminalreporter)
    if _static:
        summary = StaticPass.from_records(_static)
        terminalreporter.write_line(summary.describe())
        write_static_report(REPORTS_DIR, summary)
    if _timings:
        for line in table(_timings):
            terminalreporter.write_line(line)
    else:
        terminalreporter.write_line("(no full check of a combination ran in this session)")
    terminalreporter.write_line(
        f"Template Python lines carrying Jinja: {share.jinja_lines}/{share.total_lines} "
        f"({share.percent:.1f} %) in {share.files_with_jinja} of {share.files} files"
    )
    if _timings:
        # A run without the matrix keeps the last matrix report instead of blanking it.
        write_reports(REPORTS_DIR, _timings, share)
        terminalreporter.write_line(f"Reports: {REPORTS_DIR.relative_to(REPORTS_DIR.parents[1])}/")
