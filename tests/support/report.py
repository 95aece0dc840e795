"""Collect per-combination timings and write them as JSON and Markdown."""

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .jinja_share import JinjaShare

TIMING_PROPERTY = "strata_matrix_timing"
STATIC_PROPERTY = "strata_static_pass"


@dataclass(slots=True)
class MatrixTiming:
    """How long each stage of one combination took, and how the test ended."""

    combination: str
    stages: dict[str, float] = field(default_factory=dict)
    outcome: str = "unknown"
    tests_passed: int | None = None

    @property
    def total(self) -> float:
        """Seconds spent over all stages."""
        return sum(self.stages.values())

    @classmethod
    def from_property(cls, value: Mapping[str, object], outcome: str) -> "MatrixTiming":
        """Rebuild a timing from the plain mapping a test recorded (it crosses xdist)."""
        stages = value.get("stages", {})
        passed = value.get("tests_passed")
        return cls(
            tests_passed=passed if isinstance(passed, int) else None,
            combination=str(value.get("combination", "?")),
            stages={str(k): float(v) for k, v in dict(stages).items()}
            if isinstance(stages, Mapping)
            else {},
            outcome=outcome,
        )


def _stage_names(timings: Sequence[MatrixTiming]) -> list[str]:
    names: list[str] = []
    for timing in timings:
        names.extend(name for name in timing.stages if name not in names)
    return names


def table(timings: Sequence[MatrixTiming]) -> list[str]:
    """Format a Markdown table: one row per combination, one column per stage."""
    stages = _stage_names(timings)
    header = ["combination", "outcome", "tests passed", *stages, "total"]
    rows = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    for timing in sorted(timings, key=lambda t: t.combination):
        cells = [f"{timing.stages[name]:.1f}" if name in timing.stages else "-" for name in stages]
        rows.append(
            f"| {timing.combination} | {timing.outcome} | {timing.tests_passed or '-'} | "
            + " | ".join([*cells, f"{timing.total:.1f}"])
            + " |"
        )
    return rows


def write_reports(directory: Path, timings: Sequence[MatrixTiming], share: JinjaShare) -> None:
    """Write ``matrix.json`` and ``matrix.md`` under ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    payload = {
        "combinations": [{**asdict(timing), "total": round(timing.total, 3)} for timing in timings],
        "jinja_share": {**asdict(share), "percent": round(share.percent, 2)},
    }
    (directory / "matrix.json").write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
    markdown = [
        "# Render matrix",
        "",
        *table(timings),
        "",
        f"Template Python lines carrying Jinja: {share.jinja_lines}/{share.total_lines} "
        f"({share.percent:.1f} %) in {share.files_with_jinja} of {share.files} files.",
        "",
    ]
    (directory / "matrix.md").write_text("\n".join(markdown), "utf-8")


@dataclass(frozen=True, slots=True)
class StaticPass:
    """What the static pass did: renders, distinct trees checked, and how long it took."""

    combinations: int
    unique_trees: int
    failed: int
    wall_seconds: float
    render_seconds: float

    @classmethod
    def from_records(cls, records: Sequence[tuple[Mapping[str, object], str]]) -> "StaticPass":
        """Summarise the (property, outcome) pairs the static tests recorded."""
        starts = [float(str(record["started"])) for record, _ in records]
        ends = [float(str(record["ended"])) for record, _ in records]
        return cls(
            combinations=len(records),
            unique_trees=len({record["digest"] for record, _ in records}),
            failed=sum(outcome != "passed" for _, outcome in records),
            wall_seconds=max(ends) - min(starts) if records else 0.0,
            render_seconds=sum(float(str(record["render_seconds"])) for record, _ in records),
        )

    @property
    def seconds_per_combination(self) -> float:
        """Wall seconds per combination, as the CI estimate of the dry run uses it."""
        return self.wall_seconds / self.combinations if self.combinations else 0.0

    def describe(self) -> str:
        """One line for the terminal summary."""
        return (
            f"Static pass: {self.combinations} combinations rendered, {self.unique_trees} "
            f"distinct Python trees checked, {self.failed} failed, in {self.wall_seconds:.1f} s "
            f"wall ({self.render_seconds:.1f} s rendering over all workers)"
        )


def write_static_report(directory: Path, summary: StaticPass) -> None:
    """Write ``static.json`` under ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    payload = {
        **asdict(summary),
        "seconds_per_combination": round(summary.seconds_per_combination, 4),
    }
    (directory / "static.json").write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
