"""CQRS: commands and queries dispatched to the one handler registered for their type."""
