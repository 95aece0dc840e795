"""NATS JetStream task queue: a work-queue stream, durable pull consumers and the worker side."""
