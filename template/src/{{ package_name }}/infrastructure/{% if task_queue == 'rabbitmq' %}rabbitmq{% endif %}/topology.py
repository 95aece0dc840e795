"""The exchanges and queues of one task kind, and how a queue is bound to each exchange type."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Final, Literal

from aio_pika import ExchangeType
from aio_pika.abc import AbstractChannel, AbstractExchange, AbstractQueue

type ExchangeKind = Literal["direct", "topic", "fanout", "headers"]

KIND_HEADER: Final = "x-task-kind"
# RabbitMQ keeps one sub-queue per priority level, so the levels are kept to JobPriority's few.
MAX_PRIORITY: Final = 2
# A delay queue nobody used for this long is deleted by the broker.
DELAY_QUEUE_IDLE: Final = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Binding:
    """How a queue is bound to an exchange: a routing key, or a kind header to match."""

    routing_key: str | None = None
    kind_header: str | None = None


def binding_for(kind: ExchangeKind, key: str) -> Binding:
    """The binding that routes messages published with routing key and header ``key``."""
    if kind in ("direct", "topic"):
        return Binding(routing_key=key)
    if kind == "headers":
        return Binding(kind_header=key)
    return Binding()


async def bind(queue: AbstractQueue, exchange: AbstractExchange, binding: Binding) -> None:
    """Bind ``queue`` to ``exchange`` as ``binding`` says."""
    if binding.kind_header is None:
        await queue.bind(exchange, routing_key=binding.routing_key)
    else:
        await queue.bind(exchange, arguments={"x-match": "all", KIND_HEADER: binding.kind_header})


@dataclass(frozen=True, slots=True)
class TaskTopology:
    """Names and declarations for one task kind under a prefix.

    The kind's exchange routes to its work queue (durable, with priorities); a failed
    attempt waits in a delay queue whose expiry dead-letters it back to the exchange;
    the last failure is dead-lettered to a quorum queue that keeps it for a person.
    """

    prefix: str
    kind: str
    exchange_kind: ExchangeKind = "direct"

    @property
    def exchange(self) -> str:
        """The exchange tasks of this kind are published to."""
        return f"{self.prefix}.{self.kind}"

    @property
    def queue(self) -> str:
        """The queue workers consume."""
        return f"{self.prefix}.{self.kind}"

    @property
    def dead_letter_exchange(self) -> str:
        """Where the work queue sends tasks that failed their last attempt."""
        return f"{self.prefix}.dead-letter"

    @property
    def dead_letter_queue(self) -> str:
        """Where failed tasks wait for a person."""
        return f"{self.prefix}.{self.kind}.dead"

    def delay_queue(self, delay: timedelta) -> str:
        """The queue holding tasks delayed by exactly ``delay`` (one queue per delay)."""
        return f"{self.prefix}.{self.kind}.delay.{_milliseconds(delay)}"

    async def declare(self, channel: AbstractChannel) -> AbstractQueue:
        """Declare the exchanges and queues (idempotent) and return the work queue."""
        exchange = await channel.declare_exchange(
            self.exchange, ExchangeType(self.exchange_kind), durable=True
        )
        dead = await channel.declare_exchange(
            self.dead_letter_exchange, ExchangeType.DIRECT, durable=True
        )
        dead_queue = await channel.declare_queue(
            self.dead_letter_queue, durable=True, arguments={"x-queue-type": "quorum"}
        )
        await dead_queue.bind(dead, routing_key=self.kind)
        # Classic, not quorum: RabbitMQ 3.x quorum queues have no priorities.
        queue = await channel.declare_queue(
            self.queue,
            durable=True,
            arguments={
                "x-max-priority": MAX_PRIORITY,
                "x-dead-letter-exchange": self.dead_letter_exchange,
                "x-dead-letter-routing-key": self.kind,
            },
        )
        await bind(queue, exchange, binding_for(self.exchange_kind, self.kind))
        return queue

    async def declare_delay(self, channel: AbstractChannel, delay: timedelta) -> str:
        """Declare the delay queue for ``delay`` and return its name.

        Every message in it has the same time to live, so none waits behind a longer one.
        """
        name = self.delay_queue(delay)
        await channel.declare_queue(
            name,
            durable=True,
            arguments={
                "x-message-ttl": _milliseconds(delay),
                "x-expires": _milliseconds(delay + DELAY_QUEUE_IDLE),
                "x-dead-letter-exchange": self.exchange,
                "x-dead-letter-routing-key": self.kind,
            },
        )
        return name


def _milliseconds(delay: timedelta) -> int:
    return max(1, round(delay.total_seconds() * 1000))
