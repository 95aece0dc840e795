"""Builds the service's event messaging from settings: broker, bus, publisher, subscribers."""

from dataclasses import dataclass

import structlog

from ...application.messaging.domain_events import DomainEventRecorder
from ...application.messaging.event_bus import EventBus, EventBusPublisher
from ...application.messaging.observer import MessagingMetrics
from ...application.messaging.ports import EventPublisher
from ...settings import MessagingSettings
from .memory_broker import InMemoryBroker
from .retry import BackoffRetry


@dataclass(frozen=True, slots=True)
class EventMessaging:
    """The broker (entered by the lifespan), the bus on it and the ``EventPublisher``."""

    broker: InMemoryBroker[object]
    bus: EventBus[object]
    publisher: EventPublisher


def build_event_messaging(settings: MessagingSettings, metrics: MessagingMetrics) -> EventMessaging:
    """Build the in-process event bus, with the domain-event recorder subscribed to it."""
    retry = BackoffRetry(
        attempts=settings.attempts,
        base_delay=settings.base_delay_seconds,
        max_delay=settings.max_delay_seconds,
        jitter=settings.jitter_seconds,
    )
    broker = InMemoryBroker[object](
        retry,
        observer=metrics,
        dead_letter_limit=settings.dead_letter_limit,
        shutdown_timeout=settings.shutdown_timeout_seconds,
    )
    bus = EventBus(object, broker)
    recorder = DomainEventRecorder(metrics, structlog.get_logger("domain_events"))
    bus.subscribe(object, recorder, name="domain_event_recorder")
    return EventMessaging(broker=broker, bus=bus, publisher=EventBusPublisher(bus))
