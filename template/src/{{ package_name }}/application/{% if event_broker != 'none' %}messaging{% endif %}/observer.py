"""Metrics of messaging: retries, dead letters, and domain events by type."""

from dataclasses import dataclass
from typing import TypedDict

from ..observability.metrics import Counter, MetricsRegistry
from .ports import DeadLetter


class SubscriptionLabels(TypedDict):
    """One subscription of a broker, by name, and the topic of the message."""

    subscription: str
    topic: str


class EventLabels(TypedDict):
    """A domain event type, by class name."""

    event: str


@dataclass(frozen=True, slots=True)
class MessagingMetrics:
    """Counts retries and dead letters (a ``DeliveryObserver``) and domain events."""

    retries: Counter[SubscriptionLabels]
    dead_letters: Counter[SubscriptionLabels]
    domain_events: Counter[EventLabels]

    @classmethod
    def register(cls, registry: MetricsRegistry) -> "MessagingMetrics":
        """Register the messaging counters in ``registry``."""
        return cls(
            retries=registry.counter(
                "message_delivery_retries", "Deliveries retried after failing.", SubscriptionLabels
            ),
            dead_letters=registry.counter(
                "message_dead_letters", "Messages no attempt could deliver.", SubscriptionLabels
            ),
            domain_events=registry.counter(
                "domain_events", "Domain events delivered, by type.", EventLabels
            ),
        )

    def retrying(self, topic: str, subscription: str, attempt: int) -> None:
        """Count one more attempt after a failure (``attempt`` is its number, from 2)."""
        del attempt
        self.retries.inc(SubscriptionLabels(subscription=subscription, topic=topic))

    def dead_lettered(self, letter: DeadLetter[object]) -> None:
        """Count a message given up on."""
        labels = SubscriptionLabels(subscription=letter.subscription, topic=letter.topic)
        self.dead_letters.inc(labels)

    def event_delivered(self, event_type: str) -> None:
        """Count one domain event of ``event_type``."""
        self.domain_events.inc(EventLabels(event=event_type))
