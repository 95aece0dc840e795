"""Session-wide hooks: gather the matrix timings and print them with the Jinja share."""

from collections.abc import Mapping

import pytest

from tests.support import jinja_share
from tests.support.paths import REPORTS_DIR
from tests.support.report import TIMING_PROPERTY, MatrixTiming, table, write_reports

_timings: list[MatrixTiming] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Keep the timing a matrix test recorded (under xdist this runs in the controller)."""
    if report.when != "call":
        return
    for name, value in report.user_properties:
        if name == TIMING_PROPERTY and isinstance(value, Mapping):
            _timings.append(MatrixTiming.from_property(value, report.outcome))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the per-combination timings and the Jinja share, and write build/reports/."""
    if hasattr(terminalreporter.config, "workerinput"):
        return
    share = jinja_share.measure()
    terminalreporter.write_sep("=", "Strata render matrix")
    if _timings:
        for line in table(_timings):
            terminalreporter.write_line(line)
    else:
        terminalreporter.write_line("(no matrix combination ran in this session)")
    terminalreporter.write_line(
        f"Template Python lines carrying Jinja: {share.jinja_lines}/{share.total_lines} "
        f"({share.percent:.1f} %) in {share.files_with_jinja} of {share.files} files"
    )
    if _timings:
        # A run without the matrix keeps the last matrix report instead of blanking it.
        write_reports(REPORTS_DIR, _timings, share)
        terminalreporter.write_line(f"Reports: {REPORTS_DIR.relative_to(REPORTS_DIR.parents[1])}/")
