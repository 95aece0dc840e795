"""RabbitMQ adapters: the task topology, pooled publishing channels, consumers and the worker."""
