"""``EventBus[TEvent]``: subscribe to an event type, publish events, over any broker."""

from collections.abc import Sequence

from ...kernel.messages import ErrorMessages, format_message
from .ports import MessageBroker, MessageHandler

EVENT_TOPIC_PREFIX = "events"


def event_topic(event_type: type) -> str:
    """Return the broker topic of ``event_type``: ``events.<module>.<class name>``."""
    return f"{EVENT_TOPIC_PREFIX}.{event_type.__module__}.{event_type.__qualname__}"


class EventBus[TEvent]:
    """Typed publish/subscribe of events, each delivered through a ``MessageBroker``.

    Type parameters:
        TEvent: the root of the events this bus carries (``object`` for any event).

    A handler subscribed to a type receives the events that are instances of it:
    subscribing to a base class (``ProductEvent``) receives every subclass
    (``ProductCreated``...), and never an event of an unrelated type. An event reaches
    each subscription once, however many of its base classes have subscribers.

    Example::

        bus = EventBus(object, broker)
        bus.subscribe(ProductCreated, send_welcome_mail)  # handler takes ProductCreated
        await bus.publish(ProductCreated(...))
    """

    def __init__(self, root: type[TEvent], broker: MessageBroker[TEvent]) -> None:
        self._root = root
        self._broker = broker
        self._subscribed: set[type] = set()

    def subscribe[E](
        self, event_type: type[E], handler: MessageHandler[E, object], *, name: str = ""
    ) -> None:
        """Deliver every published instance of ``event_type`` to ``handler``."""
        if not issubclass(event_type, self._root):
            raise TypeError(
                format_message(
                    ErrorMessages.MESSAGING.EVENT_OUTSIDE_BUS,
                    event_type=event_type.__qualname__,
                    root=self._root.__qualname__,
                )
            )
        self._subscribed.add(event_type)
        # The broker only routes by topic, and every message on this topic is an E.
        broker_handler: MessageHandler[TEvent, object] = handler  # type: ignore[assignment]
        self._broker.subscribe(event_topic(event_type), broker_handler, name=name)

    async def publish(self, event: TEvent) -> None:
        """Publish ``event`` to the subscribers of its class and of each of its bases."""
        for event_type in type(event).__mro__:
            if event_type in self._subscribed:
                await self._broker.publish(event_topic(event_type), event)

    async def publish_all(self, events: Sequence[TEvent]) -> None:
        """Publish ``events`` in order."""
        for event in events:
            await self.publish(event)


class EventBusPublisher:
    """The ``EventPublisher`` port (``messaging.ports``) implemented by an ``EventBus``."""

    def __init__(self, bus: EventBus[object]) -> None:
        self._bus = bus

    async def publish(self, events: Sequence[object]) -> None:
        """Hand ``events`` to every subscriber of their type, in order."""
        await self._bus.publish_all(events)
