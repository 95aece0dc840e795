"""The broker connection (reconnecting by itself) and the channels the pool lends."""

from aio_pika import connect_robust
from aio_pika.abc import AbstractChannel, AbstractRobustConnection

from ...settings import RabbitMQSettings


async def open_connection(settings: RabbitMQSettings) -> AbstractRobustConnection:
    """Connect once; afterwards aio-pika reconnects and restores channels and consumers."""
    return await connect_robust(
        settings.url.get_secret_value(),
        reconnect_interval=settings.reconnect_interval_seconds,
        client_properties={"connection_name": settings.connection_name},
    )


class ChannelFactory:
    """Makes the pool's publishing channels, each with publisher confirms on."""

    def __init__(self, connection: AbstractRobustConnection) -> None:
        self._connection = connection

    async def create(self) -> AbstractChannel:
        """Open a channel whose ``publish`` returns only once the broker has the message."""
        return await self._connection.channel(publisher_confirms=True)

    async def destroy(self, channel: AbstractChannel) -> None:
        """Close the channel unless the broker already did."""
        if not channel.is_closed:
            await channel.close()

    async def validate(self, channel: AbstractChannel) -> bool:
        """A channel is fit to lend while it is open."""
        return not channel.is_closed
