"""Opens the NATS connection of the task queue and builds publishers and consumers on it."""

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from nats.aio.client import Client
from opentelemetry import trace
from pydantic import TypeAdapter

from ...application.health import Check, Diagnosis, HealthCheck
from ...application.observability.service_metrics import ServiceMetrics
from ...application.observability.tracing import TRACER_NAME
from ...application.tasks.broker_metrics import BrokerMetrics
from ...application.tasks.publisher import TaskPublisher
from ...application.tasks.task import ExecutableTask
from ...kernel.status import HealthStatus
from ...settings import ENV_PREFIX, NatsTaskSettings, Settings
from ..nats.connection import connect_nats
from ..tasks.brokered import Settlement, run_deliveries
from ..tasks.retry import RetryPolicy
from ..tasks.worker import InProcessWorker
from .consumer import NatsTaskConsumer
from .publisher import NatsTaskPublisher
from .subjects import TaskSubjects, declare_streams


@dataclass(frozen=True, slots=True)
class NatsTasks:
    """One connection to the JetStream server, and the factories of task endpoints on it."""

    settings: NatsTaskSettings
    client: Client
    metrics: BrokerMetrics
    closing: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    # The process's tracer provider (a no-op until the SDK is installed) names task spans.
    tracer: trace.Tracer = field(default_factory=lambda: trace.get_tracer(TRACER_NAME))

    def check(self, timeout: float) -> Check:
        """The readiness check of the connection."""
        return HealthCheck("nats", self, probe_nats, timeout)

    def subjects(self, kind: str) -> TaskSubjects:
        """The subjects and consumers of task ``kind``."""
        return TaskSubjects(self.settings.prefix, kind)

    def publisher[TTask](self, kind: str, payload: type[TTask]) -> TaskPublisher[TTask]:
        """A publisher of ``kind`` tasks carrying ``payload``, for the use cases that start them."""
        return self._publisher(kind, TypeAdapter(payload))

    def consumer[TTask](self, kind: str, payload: type[TTask]) -> NatsTaskConsumer[TTask]:
        """A consumer of ``kind`` tasks; it is closed with the connection."""
        adapter = TypeAdapter(payload)
        consumer = NatsTaskConsumer(
            self.client, self._publisher(kind, adapter), adapter, self.metrics, self.settings
        )
        self.closing.append(consumer.close)
        return consumer

    async def serve[TTask, TOutput](
        self,
        worker: InProcessWorker,
        kind: str,
        payload: type[TTask],
        task: ExecutableTask[TTask, TOutput],
        policy: RetryPolicy,
    ) -> NatsTaskConsumer[TTask]:
        """Consume ``kind`` tasks into ``worker``, which runs them with ``task``; return the consumer.

        A failed run is handed back with a delay from ``policy`` until ``max_attempts``.
        """
        consumer = self.consumer(kind, payload)
        settlement = Settlement(
            kind=kind, max_attempts=self.settings.max_attempts, policy=policy, metrics=self.metrics
        )
        await consumer.start(run_deliveries(worker, task, settlement))
        return consumer

    def _publisher[TTask](self, kind: str, payload: TypeAdapter[TTask]) -> NatsTaskPublisher[TTask]:
        return NatsTaskPublisher(
            self.client.jetstream(),
            self.subjects(kind),
            payload,
            self.metrics,
            timeout=self.settings.publish_timeout_seconds,
            tracer=self.tracer,
        )


async def probe_nats(tasks: NatsTasks) -> Diagnosis:
    """UNHEALTHY while the connection is down (it is being re-opened), else HEALTHY."""
    healthy = tasks.client.is_connected
    return Diagnosis(HealthStatus.HEALTHY if healthy else HealthStatus.UNHEALTHY)


@asynccontextmanager
async def open_nats_tasks(settings: Settings, metrics: ServiceMetrics) -> AsyncIterator[NatsTasks]:
    """Connect, make sure the task streams exist, and close the connection on leaving."""
    client = await connect_nats(settings.nats_tasks, f"{ENV_PREFIX}NATS_TASKS__URL")
    tasks = NatsTasks(
        settings=settings.nats_tasks,
        client=client,
        metrics=BrokerMetrics.register(metrics.registry),
    )
    try:
        await declare_streams(client.jetstream(), settings.nats_tasks)
        yield tasks
    finally:
        for close in tasks.closing:
            await close()
        # Acknowledgements still buffered go out first; one lost is only a redelivery.
        with contextlib.suppress(Exception):
            await client.flush(timeout=1)
        await client.close()
