"""Typed metrics over prometheus-client: labels are TypedDicts, one registry per app."""

from collections.abc import Callable, Iterable, Mapping
from typing import get_type_hints

import prometheus_client
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.metrics_core import Metric

type Labels = Mapping[str, object]


def _label_values(labels: Labels) -> dict[str, str]:
    return {name: str(value) for name, value in labels.items()}


class Counter[TLabels: Labels]:
    """A monotonically increasing count, one series per label set.

    Type parameters:
        TLabels: a TypedDict naming every label; ``inc`` only accepts that shape.
    """

    def __init__(self, metric: prometheus_client.Counter) -> None:
        self._metric = metric

    def inc(self, labels: TLabels, amount: float = 1.0) -> None:
        """Add ``amount`` (default 1) to the series of ``labels``."""
        self._metric.labels(**_label_values(labels)).inc(amount)


class Gauge[TLabels: Labels]:
    """A value that goes up and down, one series per label set.

    Type parameters:
        TLabels: a TypedDict naming every label; ``set`` only accepts that shape.
    """

    def __init__(self, metric: prometheus_client.Gauge) -> None:
        self._metric = metric

    def set(self, labels: TLabels, value: float) -> None:
        """Set the series of ``labels`` to ``value``."""
        self._metric.labels(**_label_values(labels)).set(value)


class Histogram[TLabels: Labels]:
    """A distribution of observations in buckets, one series per label set.

    Type parameters:
        TLabels: a TypedDict naming every label; ``observe`` only accepts that shape.
    """

    def __init__(self, metric: prometheus_client.Histogram) -> None:
        self._metric = metric

    def observe(self, labels: TLabels, value: float) -> None:
        """Record one observation for the series of ``labels``."""
        self._metric.labels(**_label_values(labels)).observe(value)


class MetricsRegistry:
    """The metrics of one app, rendered in the Prometheus text format."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self._before_render: list[Callable[[], None]] = []

    def counter[TLabels: Labels](
        self, name: str, documentation: str, labels: type[TLabels]
    ) -> Counter[TLabels]:
        """Register a counter whose label names are the keys of the ``labels`` TypedDict."""
        names = tuple(get_type_hints(labels))
        return Counter(
            prometheus_client.Counter(name, documentation, names, registry=self.registry)
        )

    def gauge[TLabels: Labels](
        self, name: str, documentation: str, labels: type[TLabels]
    ) -> Gauge[TLabels]:
        """Register a gauge whose label names are the keys of the ``labels`` TypedDict."""
        names = tuple(get_type_hints(labels))
        return Gauge(prometheus_client.Gauge(name, documentation, names, registry=self.registry))

    def histogram[TLabels: Labels](
        self, name: str, documentation: str, labels: type[TLabels]
    ) -> Histogram[TLabels]:
        """Register a histogram whose label names are the keys of the ``labels`` TypedDict."""
        names = tuple(get_type_hints(labels))
        return Histogram(
            prometheus_client.Histogram(name, documentation, names, registry=self.registry)
        )

    def before_render(self, refresh: Callable[[], None]) -> None:
        """Call ``refresh`` before each render, e.g. to copy a pool's counters into gauges."""
        self._before_render.append(refresh)

    def render(self) -> bytes:
        """Refresh sampled gauges, then return every metric in the Prometheus text format."""
        self._refresh()
        return generate_latest(self.registry)

    def collect(self) -> Iterable[Metric]:
        """Refresh sampled gauges, then every metric family, for an exporter to translate."""
        self._refresh()
        return self.registry.collect()

    def _refresh(self) -> None:
        for refresh in self._before_render:
            refresh()
