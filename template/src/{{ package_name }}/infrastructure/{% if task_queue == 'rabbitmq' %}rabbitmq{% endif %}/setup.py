"""Opens the broker connection and the channel pool, and builds publishers and consumers on them."""

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field

from aio_pika.abc import AbstractChannel, AbstractRobustConnection
from opentelemetry import trace
from pydantic import TypeAdapter

from ...application.health import Check, Diagnosis, HealthCheck
from ...application.observability.service_metrics import ServiceMetrics
from ...application.observability.tracing import TRACER_NAME
from ...application.tasks.broker_metrics import BrokerMetrics
from ...application.tasks.publisher import TaskPublisher
from ...application.tasks.task import ExecutableTask
from ...kernel.status import HealthStatus
from ...settings import RabbitMQSettings, Settings
from ..pool.pool import ConnectionPool
from ..tasks.brokered import Settlement, run_deliveries
from ..tasks.retry import RetryPolicy
from ..tasks.worker import InProcessWorker
from .connection import ChannelFactory, open_connection
from .consumer import RabbitTaskConsumer
from .publisher import RabbitTaskPublisher
from .topology import TaskTopology


@dataclass(frozen=True, slots=True)
class RabbitMQ:
    """One connection, its pool of publishing channels, and the factories of task endpoints."""

    settings: RabbitMQSettings
    connection: AbstractRobustConnection
    channels: ConnectionPool[AbstractChannel]
    metrics: BrokerMetrics
    # The process's tracer provider (a no-op until the SDK is installed) names task spans.
    tracer: trace.Tracer = field(default_factory=lambda: trace.get_tracer(TRACER_NAME))

    def check(self, timeout: float) -> Check:
        """The readiness check of the broker connection and the channel pool."""
        return HealthCheck("rabbitmq", self, probe_rabbitmq, timeout)

    def topology(self, kind: str) -> TaskTopology:
        """The exchanges and queues of task ``kind``."""
        return TaskTopology(self.settings.prefix, kind, self.settings.exchange_type)

    def publisher[TTask](self, kind: str, payload: type[TTask]) -> TaskPublisher[TTask]:
        """A publisher of ``kind`` tasks carrying ``payload``, for the use cases that start them."""
        return RabbitTaskPublisher(
            self.channels, self.topology(kind), TypeAdapter(payload), self.metrics, self.tracer
        )

    async def consumer[TTask](self, kind: str, payload: type[TTask]) -> RabbitTaskConsumer[TTask]:
        """A consumer of ``kind`` tasks on a channel of its own (closed with the connection)."""
        channel = await self.connection.channel()
        adapter = TypeAdapter(payload)
        publisher = RabbitTaskPublisher(
            self.channels, self.topology(kind), adapter, self.metrics, self.tracer
        )
        return RabbitTaskConsumer(
            channel,
            publisher,
            adapter,
            self.metrics,
            prefetch=self.settings.prefetch,
            depth_sample_seconds=self.settings.depth_sample_seconds,
        )

    async def serve[TTask, TOutput](
        self,
        worker: InProcessWorker,
        kind: str,
        payload: type[TTask],
        task: ExecutableTask[TTask, TOutput],
        policy: RetryPolicy,
    ) -> RabbitTaskConsumer[TTask]:
        """Consume ``kind`` tasks into ``worker``, which runs them with ``task``; return the consumer.

        A failed run is retried after ``policy``'s backoff until ``max_attempts``.
        """
        consumer = await self.consumer(kind, payload)
        settlement = Settlement(
            kind=kind, max_attempts=self.settings.max_attempts, policy=policy, metrics=self.metrics
        )
        await consumer.start(run_deliveries(worker, task, settlement))
        return consumer


async def probe_rabbitmq(rabbitmq: RabbitMQ) -> Diagnosis:
    """UNHEALTHY while the connection is down (it is being re-opened), else the pool's counters.

    A pool with every channel lent is DEGRADED: publishers wait for one.
    """
    if rabbitmq.connection.is_closed or not rabbitmq.connection.connected.is_set():
        return Diagnosis(HealthStatus.UNHEALTHY)
    stats = rabbitmq.channels.stats()
    saturated = stats.in_use >= stats.max_size
    return Diagnosis(
        HealthStatus.DEGRADED if saturated else HealthStatus.HEALTHY,
        {
            "idle": stats.idle,
            "in_use": stats.in_use,
            "unhealthy": stats.unhealthy,
            "total": stats.total,
            "max_size": stats.max_size,
        },
    )


@asynccontextmanager
async def open_rabbitmq(settings: Settings, metrics: ServiceMetrics) -> AsyncIterator[RabbitMQ]:
    """Connect, lend channels from a pool watched by the metrics, and close both on leaving."""
    rabbit = settings.rabbitmq
    async with AsyncExitStack() as stack:
        connection = await open_connection(rabbit)
        stack.push_async_callback(connection.close)
        channels = ConnectionPool[AbstractChannel](
            "rabbitmq",
            ChannelFactory(connection),
            max_size=rabbit.channel_pool_size,
            acquire_timeout=rabbit.acquire_timeout_seconds,
        )
        stack.push_async_callback(channels.close)
        metrics.watch_pool("rabbitmq", channels)
        yield RabbitMQ(
            settings=rabbit,
            connection=connection,
            channels=channels,
            metrics=BrokerMetrics.register(metrics.registry),
        )
