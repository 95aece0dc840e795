"""Prometheus metric families read as OpenTelemetry metric data, for the OTLP exporter.

Imported only when metrics are pushed over OTLP. Counters become monotonic cumulative sums,
gauges gauges and histograms explicit-bucket histograms, with the label names as attributes.
"""

import math
from collections import defaultdict
from collections.abc import Iterable
from typing import cast

from opentelemetry.sdk.metrics.export import (
    AggregationTemporality,
    Gauge,
    Histogram,
    HistogramDataPoint,
    Metric,
    MetricsData,
    NumberDataPoint,
    ResourceMetrics,
    ScopeMetrics,
    Sum,
)
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.util.instrumentation import InstrumentationScope
from prometheus_client.metrics_core import Metric as Family

type _Key = tuple[tuple[str, str], ...]

# Prometheus histograms keep no minimum or maximum; None leaves both OTLP fields unset.
_UNKNOWN = cast("float", None)


def _key(labels: dict[str, str], *without: str) -> _Key:
    return tuple(sorted((name, value) for name, value in labels.items() if name not in without))


def _started(family: Family, default_ns: int) -> dict[_Key, int]:
    """Each series' ``_created`` time in nanoseconds (the process start when not kept)."""
    created = defaultdict[_Key, int](lambda: default_ns)
    for sample in family.samples:
        if sample.name.endswith("_created"):
            created[_key(sample.labels)] = int(sample.value * 1e9)
    return created


def _sum(family: Family, started_ns: int, now_ns: int) -> Sum:
    started = _started(family, started_ns)
    points = [
        NumberDataPoint(
            attributes=dict(sample.labels),
            start_time_unix_nano=started[_key(sample.labels)],
            time_unix_nano=now_ns,
            value=sample.value,
        )
        for sample in family.samples
        if sample.name.endswith("_total")
    ]
    return Sum(points, AggregationTemporality.CUMULATIVE, is_monotonic=True)


def _gauge(family: Family, now_ns: int) -> Gauge:
    points = [
        NumberDataPoint(
            attributes=dict(sample.labels),
            start_time_unix_nano=0,
            time_unix_nano=now_ns,
            value=sample.value,
        )
        for sample in family.samples
    ]
    return Gauge(points)


def _histogram(family: Family, started_ns: int, now_ns: int) -> Histogram:
    started = _started(family, started_ns)
    buckets: defaultdict[_Key, list[tuple[float, float]]] = defaultdict(list)
    counts: dict[_Key, float] = {}
    sums: dict[_Key, float] = {}
    for sample in family.samples:
        key = _key(sample.labels, "le")
        if sample.name.endswith("_bucket"):
            buckets[key].append((float(sample.labels["le"]), sample.value))
        elif sample.name.endswith("_count"):
            counts[key] = sample.value
        elif sample.name.endswith("_sum"):
            sums[key] = sample.value
    points = []
    for key, series in buckets.items():
        series.sort()
        cumulative = [int(count) for _, count in series]
        points.append(
            HistogramDataPoint(
                attributes=dict(key),
                start_time_unix_nano=started[key],
                time_unix_nano=now_ns,
                count=int(counts.get(key, cumulative[-1])),
                sum=sums.get(key, 0.0),
                # Prometheus buckets count everything at or below their bound; OTLP's
                # count what falls between two bounds, the last one up to +Inf.
                bucket_counts=[
                    count - previous
                    for previous, count in zip([0, *cumulative], cumulative, strict=False)
                ],
                explicit_bounds=[bound for bound, _ in series if not math.isinf(bound)],
                min=_UNKNOWN,
                max=_UNKNOWN,
            )
        )
    return Histogram(points, AggregationTemporality.CUMULATIVE)


def _metric(family: Family, started_ns: int, now_ns: int) -> Metric | None:
    data: Sum | Gauge | Histogram
    if family.type == "counter":
        data = _sum(family, started_ns, now_ns)
    elif family.type == "gauge":
        data = _gauge(family, now_ns)
    elif family.type == "histogram":
        data = _histogram(family, started_ns, now_ns)
    else:
        return None  # no other kind is registered by this service
    return Metric(family.name, family.documentation, family.unit, data)


def metrics_data(
    families: Iterable[Family], resource: Resource, scope: str, started_ns: int, now_ns: int
) -> MetricsData:
    """One OTLP export of ``families``, as read at ``now_ns`` (nanoseconds since the epoch)."""
    metrics = [metric for family in families if (metric := _metric(family, started_ns, now_ns))]
    scope_metrics = ScopeMetrics(InstrumentationScope(scope), metrics, schema_url="")
    return MetricsData([ResourceMetrics(resource, [scope_metrics], schema_url="")])
