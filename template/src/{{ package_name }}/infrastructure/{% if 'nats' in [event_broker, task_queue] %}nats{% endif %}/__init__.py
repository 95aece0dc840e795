"""The NATS client connection, shared by every part of the service that talks to NATS."""
